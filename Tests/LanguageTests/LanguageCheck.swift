// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Reporting
import TrialAnalysis
import TrialModel

/// Checks that every word of a report set is a word of the report's language.
///
/// A word passes when it is a symbol (`Lexicon.symbols`, exact case), a name (`Lexicon.names`,
/// exact case; in Danish also with a genitive "s"), a word of the trial's own texts in this
/// language (its label table and municipality names), or in the language's `WordList`.
/// A token with an underscore is a raw code and always fails. Each part of a hyphenated word is
/// checked on its own ("Kaplan–Meier-kurver", "log-rank-test").
struct LanguageCheck: Sendable {
    /// A word that failed: where, what, and the line around it.
    struct Finding: Equatable, CustomStringConvertible {
        let file: String
        let word: String
        let rawCode: Bool
        let context: String
        var description: String {
            "\(file): \(rawCode ? "raw code" : "not a word of the language") '\(word)' in “\(context)”"
        }
    }

    let wordList: WordList
    /// Words the trial itself brings (labels, municipalities), lower-cased.
    let trialWords: Set<String>

    init(wordList: WordList, trialWords: Set<String> = []) {
        self.wordList = wordList
        self.trialWords = trialWords
    }

    /// The check for one language's reports of `results`: its word list plus the trial's label
    /// texts in that language and the municipality names.
    init(language: ReportLanguage, results: AnalysisResults) throws {
        let texts = results.trial.labels[language].allTexts + results.trial.municipalities
        var words = Set<String>()
        for text in texts {
            for token in ReportText.words(text) { for part in token.parts { words.insert(part.lowercased()) } }
        }
        self.init(wordList: try WordList(language), trialWords: words)
    }

    /// Whether one hyphen-free part passes.
    func accepts(_ part: String) -> Bool {
        if Lexicon.symbols.contains(part) || Lexicon.names.contains(part) { return true }
        if wordList.language == .danish, part.hasSuffix("s"), Lexicon.names.contains(String(part.dropLast())) { return true }
        if trialWords.contains(part.lowercased()) { return true }
        return wordList.contains(part)
    }

    /// The findings in one file (Markdown or SVG).
    func findings(path: String, contents: String) -> [Finding] {
        var out = [Finding]()
        for line in ReportText.prose(path: path, contents: contents).split(separator: "\n") {
            for token in ReportText.words(String(line)) {
                let context = String(line.trimmingCharacters(in: .whitespaces).prefix(160))
                if token.isRawCode {
                    out.append(Finding(file: path, word: token.token, rawCode: true, context: context))
                    continue
                }
                for part in token.parts where !accepts(part) {
                    out.append(Finding(file: path, word: part, rawCode: false, context: context))
                }
            }
        }
        return out
    }

    /// The findings in every file of a report set.
    func findings(_ files: [ReportFile]) -> [Finding] {
        files.flatMap { findings(path: $0.path, contents: $0.contents) }
    }

    /// A failure message: each distinct word once, with its first place, most frequent first.
    static func summary(_ findings: [Finding], limit: Int = 60) -> String {
        var first = [String: Finding](), count = [String: Int]()
        for f in findings {
            if first[f.word] == nil { first[f.word] = f }
            count[f.word, default: 0] += 1
        }
        let words = first.keys.sorted { (count[$0]!, $1) > (count[$1]!, $0) }
        return words.prefix(limit).map { "\(count[$0]!)× \(first[$0]!)" }.joined(separator: "\n")
            + (words.count > limit ? "\n… and \(words.count - limit) more words" : "")
    }
}
