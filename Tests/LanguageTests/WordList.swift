// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel

/// The words of one report language: Debian's word list (`wdanish`: /usr/share/dict/danish,
/// `wbritish`: /usr/share/dict/british-english) plus the language's supplement (`Lexicon`),
/// compared case-insensitively.
///
/// Danish joins words into compounds freely ("kontrol" + "gruppe" → "kontrolgruppe") and the
/// list holds few of them, so a Danish word is also accepted when it splits into listed words of
/// at least 3 letters each, the first parts optionally followed by the linking "s" or "e"
/// ("konfidens" + "bånd", "kontrol" + "gruppens"). English words are taken only as listed.
struct WordList: Sendable {
    let language: ReportLanguage
    private let words: Set<String>

    /// The list file of a language.
    static func path(_ language: ReportLanguage) -> String {
        switch language {
        case .danish: return "/usr/share/dict/danish"
        case .english: return "/usr/share/dict/british-english"
        }
    }

    /// Reads the language's list; throws a sentence naming the file and Scripts/setup when it is missing.
    init(_ language: ReportLanguage) throws {
        let path = Self.path(language)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw MissingWordList(path: path)
        }
        var words = Set<String>()
        for line in text.split(separator: "\n") { words.insert(line.lowercased()) }
        for word in Lexicon.supplement(language) { words.insert(word.lowercased()) }
        self.language = language
        self.words = words
    }

    /// A word list from given words (for tests of the checker itself).
    init(language: ReportLanguage, words: [String]) {
        self.language = language
        self.words = Set(words.map { $0.lowercased() })
    }

    /// Whether `word` (letters, no hyphen) is a word of the language.
    func contains(_ word: String) -> Bool {
        let w = word.lowercased()
        if words.contains(w) { return true }
        return language == .danish && isCompound(Array(w), parts: 1)
    }

    /// A split of `letters` into listed words of ≥ 3 letters (with linking "s"/"e"), at most 4 parts.
    private func isCompound(_ letters: [Character], parts: Int) -> Bool {
        guard parts <= 4, letters.count >= 6 else { return false }
        for cut in 3...(letters.count - 3) {
            let head = String(letters[..<cut])
            let linked = head.count > 3 && (head.hasSuffix("s") || head.hasSuffix("e"))
            guard words.contains(head) || (linked && words.contains(String(head.dropLast()))) else { continue }
            let tail = Array(letters[cut...])
            if words.contains(String(tail)) || isCompound(tail, parts: parts + 1) { return true }
        }
        return false
    }
}

/// A language's word list is not installed.
struct MissingWordList: Error, CustomStringConvertible {
    let path: String
    var description: String {
        "\(path) is missing: the language test needs Debian's word lists. Run Scripts/setup (it installs wdanish and wbritish)."
    }
}
