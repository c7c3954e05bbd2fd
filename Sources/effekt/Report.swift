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
        abstract: "Write the ministry's Markdown reports (overall, per benefit type, per municipality × benefit type) with SVG figures.",
        discussion: """
            The output folder receives only the reports and their figures. With --disclosure-check the folder is then attacked \
            as an intruder would (printed counts, shares times N, complements, differences across reports); each count of \
            fewer than min_persons people that can be rebuilt is named and the command exits 1.

            Example: analyse a trial, then write its Danish reports and attack them:
              $ effekt run Data/flexjob --out en --permutations 100 --quiet
              $ effekt report --results en.results.json --out da --disclosure-check
            """)

    @Option(name: .long, help: "The results JSON written by `effekt analyze`.")
    var results: String = "results.json"

    @Option(name: .long, help: "Report language: da or en.")
    var lang: ReportLanguage = .danish

    @Option(name: .long, help: "Output folder.")
    var out: String = "reports"

    @Flag(name: .long, help: "Attack the written folder as an intruder would; exit 1 naming each count it can rebuild.")
    var disclosureCheck = false

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
        print("Data: \(decoded.provenance.dataHashes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.prefix(12))" }.joined(separator: ", "))")
        if let head = decoded.provenance.storeHead {
            print("Store head: \(head.digest)" + (head.verified ? "" : " (the store did NOT verify: analysed with --allow-unverified)"))
        } else {
            print("Store head: none recorded (the results were written by an Effekt before the import log)")
        }
        guard disclosureCheck else { return }
        let leaks = try DisclosureAudit(threshold: decoded.methods.policy.minPersons).leaks(inFolder: out)
        if leaks.isEmpty {
            print("Disclosure check: no count of fewer than \(decoded.methods.policy.minPersons) persons can be rebuilt from \(out).")
            return
        }
        for leak in leaks { FileHandle.standardError.write(Data("disclosure leak: \(leak)\n".utf8)) }
        FileHandle.standardError.write(Data("Disclosure check failed: \(leaks.count) leak(s) in \(out).\n".utf8))
        throw ExitCode(1)
    }
}
