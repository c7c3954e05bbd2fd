// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The prose of a report file: what a reader reads, without what is not language.
///
/// Markdown: fenced code blocks, code spans (`…`) and link targets (`](file.svg)`) are dropped.
/// SVG: the character data between tags (text, title, desc), entities decoded; attributes dropped.
/// Then words are cut out by `words(_:)`; file names, hashes and numbers are skipped there.
enum ReportText {
    /// The readable text of a report file, by its extension (`.md` or `.svg`).
    static func prose(path: String, contents: String) -> String {
        path.hasSuffix(".svg") ? svgText(contents) : markdownText(contents)
    }

    static func markdownText(_ text: String) -> String {
        var out = text
        out = out.replacingOccurrences(of: "```[\\s\\S]*?```", with: " ", options: .regularExpression)
        out = out.replacingOccurrences(of: "`[^`]*`", with: " ", options: .regularExpression)
        out = out.replacingOccurrences(of: "\\]\\([^)]*\\)", with: "] ", options: .regularExpression)
        return out
    }

    static func svgText(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out
    }

    /// One word as the reader sees it: `token` is the whole run (letters, digits, `_`, joined
    /// by `-` or an apostrophe), `parts` its hyphen-separated pieces to check.
    struct Token: Equatable {
        let token: String
        let parts: [String]
        /// A code's spelling: an underscore, as in `non_western`.
        var isRawCode: Bool { token.contains("_") }
    }

    /// The words of a prose text. Skipped: file names (`x.svg`, `trial.toml`), hexadecimal hashes
    /// (16+ hex digits), and parts without a letter (numbers, "30-39"); a trailing possessive
    /// "'s" is dropped from a part.
    static func words(_ prose: String) -> [Token] {
        let withoutFiles = prose.replacingOccurrences(
            of: "[\\p{L}\\p{N}_.\\-]+\\.(md|svg|csv|toml|json|sqlite|txt|R)\\b", with: " ", options: .regularExpression)
        let pattern = try! NSRegularExpression(pattern: "[\\p{L}\\p{N}_]+(?:['’\\-][\\p{L}\\p{N}_]+)*")
        let ns = withoutFiles as NSString
        return pattern.matches(in: withoutFiles, range: NSRange(location: 0, length: ns.length)).compactMap { match in
            let token = ns.substring(with: match.range)
            if token.range(of: "^[0-9a-fA-F]{16,}$", options: .regularExpression) != nil { return nil }
            let parts = token.split(separator: "-").map { part -> String in
                var p = String(part)
                for suffix in ["'s", "’s"] where p.hasSuffix(suffix) { p = String(p.dropLast(2)) }
                return p
            }.filter { $0.contains { $0.isLetter } }
            return parts.isEmpty ? nil : Token(token: token, parts: parts)
        }
    }
}
