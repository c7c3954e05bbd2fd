// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialAnalysis
import TrialModel

/// Every report for one analysis in one language: an index (`README.md`), the overall report,
/// one per benefit type and one per municipality × benefit type, each with its SVG charts in
/// the same folder. Reports render `AnalysisResults`; they never compute statistics.
public struct ReportSet: Sendable {
    public let results: AnalysisResults
    public let language: ReportLanguage

    public init(results: AnalysisResults, language: ReportLanguage = .default) {
        self.results = results
        self.language = language
    }

    /// The name of the index file.
    public static let indexPath = "README.md"

    /// The cells in report order: overall, benefit types, municipality × benefit type.
    public var cells: [CellResults] {
        let order: [CellScope.Level] = [.overall, .benefit, .municipalityBenefit]
        return order.flatMap { level in results.cells.filter { $0.scope.level == level } }
    }

    /// Every file of the set, index first, paths relative to the output folder.
    public func files() -> [ReportFile] {
        let disclosure = DisclosureLedger(results: results)
        let reports = cells.map { CellReport(results: results, cell: $0, language: language, disclosure: disclosure) }
        return [ReportFile(path: Self.indexPath, contents: index(reports))] + reports.flatMap { $0.files() }
    }

    /// The index text linking every report.
    public func index() -> String {
        let disclosure = DisclosureLedger(results: results)
        return index(cells.map { CellReport(results: results, cell: $0, language: language, disclosure: disclosure) })
    }

    private func index(_ reports: [CellReport]) -> String {
        let strings = ReportStrings(language: language, trial: results.trial)
        var doc = MarkdownDocument()
        doc.heading("\(strings[.reportTitle]): \(strings.trialName(results.trial.name)) – \(strings[.indexTitle])", level: 1)
        doc.paragraph(strings[.indexIntro])
        if let provenance = reports.first?.provenanceLine { doc.paragraph(provenance) }
        keyResults(&doc, reports: reports, strings: strings)
        let sections: [(ReportLabel, CellScope.Level)] = [
            (.indexOverall, .overall), (.indexBenefits, .benefit), (.indexMunicipalities, .municipalityBenefit),
        ]
        for (label, level) in sections {
            let links = reports.filter { $0.cell.scope.level == level }
                .map { MarkdownDocument.link(strings.scope($0.cell.scope), to: $0.markdownPath) }
            guard !links.isEmpty else { continue }
            doc.heading(strings[label], level: 2)
            doc.list(links)
        }
        doc.heading(strings[.sectionDisclosure], level: 2)
        doc.paragraph(strings.texts.disclosureStatement(threshold: results.methods.policy.minPersons,
                                                        hidesSomething: reports.contains { $0.hidesAnyCount }))
        return doc.text
    }

    /// Writes every file of the set into `directory` (created when missing; existing files of
    /// the same names are replaced) and returns the paths written, relative to `directory`.
    public func write(to directory: String) throws -> [String] {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw ReportingError.cannotWrite(path: directory, reason: error.localizedDescription)
        }
        var written: [String] = []
        for file in files() {
            let url = root.appendingPathComponent(file.path)
            do {
                try Data(file.contents.utf8).write(to: url, options: .atomic)
            } catch {
                throw ReportingError.cannotWrite(path: url.path, reason: error.localizedDescription)
            }
            written.append(file.path)
        }
        return written
    }

    /// Writes the reports for `results` in `language` into `directory`; returns the relative
    /// paths written (index first). This is what `effekt report --lang da|en --out DIR` calls.
    public static func write(_ results: AnalysisResults, language: ReportLanguage = .default,
                             to directory: String) throws -> [String] {
        try ReportSet(results: results, language: language).write(to: directory)
    }
}
