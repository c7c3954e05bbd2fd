// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Reporting
import TrialAnalysis
import TrialModel
import XCTest

/// Issue 9, "What must be shown" 1: a Danish report holds only Danish words and an English one
/// only English words, outside names, symbols and what is not prose (code spans, file names,
/// hashes, numbers); no raw code (`non_western`) reaches a reader.
///
/// Every word of every Markdown and SVG file of both shipped trials' reports in both languages
/// is checked against Debian's word list of the language (`WordList`), the documented
/// `Lexicon`, and the trial's own labels and municipality names (`LanguageCheck`). The negative
/// tests show the check fails on English prose in a Danish template and on an unlabelled code.
final class ReportLanguageTests: XCTestCase {
    func testDanishReportsHoldOnlyDanishWords() throws {
        try checkShippedReports(.danish)
    }

    func testEnglishReportsHoldOnlyEnglishWords() throws {
        try checkShippedReports(.english)
    }

    private func checkShippedReports(_ language: ReportLanguage) throws {
        for trial in ShippedReports.trials {
            let results = try ShippedReports.results(trial)
            let files = try ShippedReports.files(trial, language)
            XCTAssertGreaterThan(files.filter { $0.path.hasSuffix(".svg") }.count, 0, "\(trial): no charts were checked")
            let checked = files.reduce(0) { $0 + ReportText.words(ReportText.prose(path: $1.path, contents: $1.contents)).count }
            XCTAssertGreaterThan(checked, 5_000, "\(trial): too few words were checked")
            let findings = try LanguageCheck(language: language, results: results).findings(files)
            XCTAssert(findings.isEmpty, "\(trial), \(language.rawValue): \(findings.count) words are not \(language.rawValue):\n"
                + LanguageCheck.summary(findings))
        }
    }

    /// An English sentence hard-coded into a Danish report is named, word by word, with its file.
    func testEnglishSentenceInADanishReportIsNamed() throws {
        let results = try ShippedReports.results("jobfirst")
        let check = try LanguageCheck(language: .danish, results: results)
        let report = try XCTUnwrap(try ShippedReports.files("jobfirst", .danish).first { $0.path == "overall.md" })
        let sentence = "The method descriptions come straight from the analysis as written."
        let injected = report.contents.replacingOccurrences(of: "## Metode\n", with: "## Metode\n\n\(sentence)\n")
        XCTAssertNotEqual(injected, report.contents)
        XCTAssertEqual(check.findings(path: report.path, contents: report.contents), [])
        let findings = check.findings(path: report.path, contents: injected)
        let named = Set(findings.map(\.word))
        for word in ["method", "descriptions", "straight", "analysis", "written"] {
            XCTAssert(named.contains(word), "'\(word)' was not named; found \(named.sorted())")
        }
        XCTAssert(findings.allSatisfy { $0.file == "overall.md" && $0.context.contains("descriptions") })
    }

    /// An English label in an SVG chart is named too.
    func testEnglishWordInADanishChartIsNamed() throws {
        let check = try LanguageCheck(language: .danish, results: try ShippedReports.results("jobfirst"))
        let chart = try XCTUnwrap(try ShippedReports.files("jobfirst", .danish).first { $0.path.hasSuffix("-km-1-time_to_paid_hours.svg") })
        let injected = chart.contents.replacingOccurrences(of: "</title>", with: " – weeks since randomization</title>")
        XCTAssertEqual(Set(check.findings(path: chart.path, contents: injected).map(\.word)), ["weeks", "since", "randomization"])
    }

    /// A code no table names is printed as the code itself, and the check names it as a raw code.
    func testUnlabelledCodeIsNamed() throws {
        let results = try ShippedReports.results("jobfirst")
        let json = String(decoding: try results.jsonData(), as: UTF8.self)
            .replacingOccurrences(of: "\"moved_away\"", with: "\"moved_abroad\"")
        let altered = try AnalysisResults.decode(from: Data(json.utf8))
        let files = ReportSet(results: altered, language: .danish).files()
        let findings = try LanguageCheck(language: .danish, results: altered).findings(files)
        XCTAssertFalse(findings.isEmpty)
        XCTAssert(findings.allSatisfy { $0.word == "moved_abroad" && $0.rawCode }, LanguageCheck.summary(findings))
    }

    /// Without the trial's labels its English name reaches a Danish report, and the check says so.
    func testTrialNameWithoutLabelIsNamed() throws {
        let results = try ShippedReports.results("jobfirst")
        let t = results.trial
        let unlabelled = AnalysisResults(
            trial: TrialFacts(name: t.name, arms: t.arms, controlArm: t.controlArm, treatedArm: t.treatedArm,
                              followUpWeeks: t.followUpWeeks, municipalities: t.municipalities, benefits: t.benefits),
            cells: results.cells, methods: results.methods, provenance: results.provenance)
        let index = ReportSet(results: unlabelled, language: .danish).index()
        let findings = try LanguageCheck(language: .danish, results: unlabelled).findings(path: "README.md", contents: index)
        XCTAssertEqual(Set(findings.map(\.word)), ["synthetic"])
    }

    /// `effekt report --results` renders what `effekt run` rendered: the labels survive the JSON.
    func testLabelsSurviveTheResultsFile() throws {
        let results = try ShippedReports.results("flexjob")
        XCTAssertEqual(results.trial.labels.danish.arms["other_actor"], "anden aktør")
        XCTAssertEqual(results.trial.labels.english.values["origin"]?["non_western"], "non-Western")
        XCTAssertEqual(results.trial.companyRunWeeks, 13)
        let again = try AnalysisResults.decode(from: try results.jsonData())
        XCTAssertEqual(again.trial, results.trial)
        XCTAssertEqual(ReportSet(results: again, language: .danish).files(), ReportSet(results: results, language: .danish).files())
    }

    /// A missing word list fails the test with a sentence that says how to install it.
    func testMissingWordListSaysRunSetup() {
        let message = "\(MissingWordList(path: "/usr/share/dict/danish"))"
        XCTAssert(message.contains("Scripts/setup") && message.contains("wdanish"), message)
    }
}
