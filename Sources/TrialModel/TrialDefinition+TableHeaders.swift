// SPDX-License-Identifier: GPL-3.0-or-later

extension TrialDefinition {
    /// Refuses a table header whose first character is not a key: `[=]`, `[#`, `[ .]`.
    ///
    /// TOMLKit's parser (toml++) stops the process with a failed assertion on such a header
    /// instead of reporting an error (found by `fuzz-trial-toml`), so the text is checked before
    /// it reaches the parser. A header is a line whose first non-blank character is `[` outside
    /// any array or multi-line string; after `[` or `[[` and blanks must come a bare-key character
    /// (A–Z, a–z, 0–9, `_`, `-`) or a quote.
    /// Complexity: O(bytes).
    static func checkTableHeaders(_ toml: String, file: String) throws(TrialModelError) {
        var depth = 0                      // open brackets of a value spanning lines
        var multiline: UInt8?              // the quote of an open multi-line string
        var lineNumber = 0
        for line in toml.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line)
            var i = 0
            if multiline == nil && depth == 0 {
                while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
                if i < bytes.count, bytes[i] == 91 {             // [
                    var k = i + 1
                    if k < bytes.count, bytes[k] == 91 { k += 1 }
                    while k < bytes.count, bytes[k] == 32 || bytes[k] == 9 { k += 1 }
                    let c = k < bytes.count ? bytes[k] : 10
                    let bare = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95 || c == 45
                    guard bare || c == 34 || c == 39 else {
                        throw .tomlSyntax(file: file, line: lineNumber, column: k + 1,
                                          message: "a table header must begin with a key (letters, digits, _ or -, or a quoted key)")
                    }
                    continue
                }
            }
            // Follow strings, comments and brackets through the rest of the line.
            while i < bytes.count {
                let b = bytes[i]
                if let q = multiline {
                    if i + 2 < bytes.count, bytes[i] == q, bytes[i + 1] == q, bytes[i + 2] == q { multiline = nil; i += 3; continue }
                    if q == 34 && b == 92 { i += 2; continue }            // \ escapes in """ strings
                    i += 1
                    continue
                }
                switch b {
                case 35: i = bytes.count                                  // # comment
                case 34, 39:                                              // " or '
                    if i + 2 < bytes.count, bytes[i + 1] == b, bytes[i + 2] == b { multiline = b; i += 3; continue }
                    i += 1
                    while i < bytes.count, bytes[i] != b { i += (b == 34 && bytes[i] == 92) ? 2 : 1 }
                    i += 1
                case 91: depth += 1; i += 1
                case 93: depth = max(0, depth - 1); i += 1
                default: i += 1
                }
            }
        }
    }
}
