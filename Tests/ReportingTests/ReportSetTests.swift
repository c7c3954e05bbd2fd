// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Ink
import TrialAnalysis
import TestSupport
import XCTest
@testable import Reporting
import TrialModel

/// The report set rendered from `ResultsFixture`, after a round trip through the results JSON,
/// so that every number checked here is the one the JSON carries.
final class ReportSetTests: XCTestCase {
    /// The fixture encoded as the results JSON (snake_case keys) and decoded again.
    static let results: AnalysisResults = {
        let data = try! ResultsFixture.results().jsonData()
        return try! AnalysisResults.decode(from: data)
    }()

    func files(_ language: ReportLanguage) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ReportSet(results: Self.results, language: language).files().map { ($0.path, $0.contents) })
    }

    func testWritesEveryFileAndTheIndexLinksEveryReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-reports-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for language in ReportLanguage.allCases {
            let written = try ReportSet.write(Self.results, language: language, to: directory.path)
            let expected = ReportSet(results: Self.results, language: language).files()
            XCTAssertEqual(written, expected.map(\.path))
            XCTAssertEqual(written.first, "README.md")
            for file in expected {
                let onDisk = try String(contentsOf: directory.appendingPathComponent(file.path), encoding: .utf8)
                XCTAssertEqual(onDisk, file.contents, file.path)
            }
            let markdown = written.filter { $0.hasSuffix(".md") && $0 != "README.md" }
            XCTAssertEqual(markdown.count, Self.results.cells.count)
            XCTAssertEqual(Set(markdown), Set(Self.results.cells.map { $0.scope.key + ".md" }))
            let index = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
            for path in markdown { XCTAssertTrue(index.contains("](\(path))"), "index lacks \(path)") }
            // Every image a report links to is a file of the set.
            let all = Set(written)
            for path in markdown {
                let text = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
                for link in imageLinks(text) { XCTAssertTrue(all.contains(link), "\(path) links missing \(link)") }
            }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("soroe__resource_programme.md").path))
    }

    func testWritingToAnUnwritablePlaceThrowsASentence() {
        XCTAssertThrowsError(try ReportSet.write(Self.results, to: "/proc/effekt-cannot-write-here")) { error in
            XCTAssertTrue("\(error)".hasPrefix("Cannot write the report file"), "\(error)")
        }
    }

    func testMarkdownParsesWithTheExpectedSectionsInBothLanguages() {
        for language in ReportLanguage.allCases {
            let strings = language.strings
            let files = files(language)
            for cell in Self.results.cells {
                let text = try! XCTUnwrap(files[cell.scope.key + ".md"])
                let html = MarkdownParser().html(from: text)
                let headings = Set(matches(of: "<h2>([^<]*)</h2>", in: html))
                var expected: [ReportLabel] = [.sectionSummary, .sectionConsort, .sectionBalance, .sectionEffects,
                                               .sectionMethods, .sectionProvenance]
                if !cell.survivalCurves.isEmpty { expected.append(.sectionSurvival) }
                if cell.scope.level != .municipalityBenefit { expected.append(.sectionSites) }
                if !cell.curves.isEmpty { expected.append(.sectionCurves) }
                if !cell.hazards.isEmpty { expected.append(.sectionHazards) }
                if !cell.subgroups.isEmpty { expected.append(.sectionSubgroups) }
                if !cell.cumulativeIncidence.isEmpty { expected.append(.sectionCumulativeIncidence) }
                for label in expected {
                    XCTAssertTrue(headings.contains(htmlEscaped(strings[label])), "\(language) \(cell.scope.key) lacks \(strings[label])")
                }
                XCTAssertEqual(matches(of: "<h1>([^<]*)</h1>", in: html).count, 1)
                XCTAssertTrue(html.contains("<table>"), "\(cell.scope.key) has no table")
                XCTAssertTrue(html.contains("<img src=\"\(cell.scope.key)-consort.svg\""), "\(cell.scope.key) lacks the CONSORT diagram")
                if cell.siteEffects != nil {
                    XCTAssertTrue(html.contains("\(cell.scope.key)-forest.svg"))
                    XCTAssertTrue(headings.contains(htmlEscaped(strings[.sectionSites])))
                }
            }
            let index = MarkdownParser().html(from: files["README.md"]!)
            XCTAssertEqual(matches(of: "<a href=\"([^\"]*)\"", in: index).count, Self.results.cells.count)
        }
    }

    func testEverySVGIsWellFormedWithTitleDescriptionAndText() {
        for language in ReportLanguage.allCases {
            let svgs = files(language).filter { $0.key.hasSuffix(".svg") }
            XCTAssertGreaterThan(svgs.count, 20)
            for (path, text) in svgs {
                XCTAssertEqual(WellFormedXML.errors(in: text), [], path)
                let elements = WellFormedXML.elements(in: text)
                XCTAssertEqual(elements.first, "svg", path)
                XCTAssertTrue(elements.contains("title") && elements.contains("desc"), path)
                XCTAssertTrue(elements.contains("text"), path)
            }
        }
    }

    func testTextIsEscapedInSVG() {
        // Results are immutable: rename the first site in the JSON text and read it back.
        let site = Self.results.cells.first { $0.scope.level == .overall }!.siteEffects!.sites[0].municipality
        let json = String(decoding: try! Self.results.jsonData(), as: UTF8.self)
            .replacingOccurrences(of: "\"\(site)\"", with: "\"Vallensbæk & Ishøj <\\\"test\\\">\"")
        let results = try! AnalysisResults.decode(from: Data(json.utf8))
        let forest = ReportSet(results: results, language: .danish).files().first { $0.path == "overall-forest.svg" }!
        XCTAssertEqual(WellFormedXML.errors(in: forest.contents), [])
        XCTAssertTrue(forest.contents.contains("Vallensbæk &amp; Ishøj &lt;&quot;test&quot;&gt;"))
    }

    func testOutputIsDeterministic() {
        XCTAssertEqual(ReportSet(results: Self.results, language: .danish).files(),
                       ReportSet(results: Self.results, language: .danish).files())
    }

    // MARK: helpers

    func imageLinks(_ markdown: String) -> [String] { matches(of: "!\\[[^\\]]*\\]\\(([^)]*)\\)", in: markdown) }

    func matches(of pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
