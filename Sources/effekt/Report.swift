// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Reporting
import TrialAnalysis
import TrialModel

extension ReportLanguage: ExpressibleByArgument {}

/// `effekt report`: Markdown and SVG reports for the ministry from a results JSON.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the ministry's Markdown reports (overall, per benefit type, per municipality × benefit type) with SVG figures.")

    @Option(name: .long, help: "The results JSON written by `effekt analyze`.")
    var results: String = "results.json"

    @Option(name: .long, help: "Report language: da or en.")
    var lang: ReportLanguage = .danish

    @Option(name: .long, help: "Output folder.")
    var out: String = "reports"

    func run() throws {
        guard let data = FileManager.default.contents(atPath: results) else {
            throw AnalysisCommandError("Cannot read the results file \(results); run `effekt analyze` first or pass --results.")
        }
        let decoded: AnalysisResults
        do {
            decoded = try AnalysisResults.decode(from: data)
        } catch {
            throw AnalysisCommandError("\(results) is not an Effekt results file (\(error)); regenerate it with `effekt analyze`.")
        }
        let files = try ReportSet.write(decoded, language: lang, to: out)
        print("Wrote \(files.count) files to \(out):")
        for f in files where f.hasSuffix(".md") { print("  \(out)/\(f)") }
    }
}
