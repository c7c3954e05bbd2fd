// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Ink
import Reporting
import TrialAnalysis
import TrialModel
import TestSupport
import XCTest

/// Issue 4, item 1 and 2: the built `effekt` binary on both shipped trials, `run` then
/// `reproduce`. Every report file `run` lists exists; every Markdown file parses (Ink) into
/// headings and tables and its images and links point to files beside it; every SVG is
/// well-formed XML; the numbers in the effects and hazards tables equal those of results.json,
/// formatted as the report formats them (`NumberStyle`); `reproduce --format json` lists every
/// published figure with its interval, and the published JobFirst effects lie within.
///
/// Each trial's `run` and `reproduce` are started together once per process (static cache; the
/// two processes share the machine's two cores); the binary is `.build/debug/effekt`
/// (`Scripts/test` builds it with `swift build --build-tests`).
final class ShippedTrialEndToEndTests: XCTestCase {
    static let packageRoot = EffektProcess.packageRoot
    static var binary: URL { EffektProcess.binary }

    struct Output { let status: Int32; let out: String; let err: String }

    /// A started `effekt` process; its output goes to files (no pipe to fill up).
    final class Job: @unchecked Sendable {
        let process = Process()
        let out: URL, err: URL
        init(_ args: [String]) throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-e2e-\(UUID().uuidString)")
            out = base.appendingPathExtension("out")
            err = base.appendingPathExtension("err")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            process.executableURL = ShippedTrialEndToEndTests.binary
            process.arguments = args
            process.currentDirectoryURL = ShippedTrialEndToEndTests.packageRoot   // `reproduce` reads Data/<trial> here
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
        }
        func finish() throws -> Output {
            process.waitUntilExit()
            defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
            return Output(status: process.terminationStatus, out: try String(contentsOf: out, encoding: .utf8),
                          err: try String(contentsOf: err, encoding: .utf8))
        }
    }

    /// `effekt run Data/<trial>` and `effekt reproduce <trial> --format json`, started together
    /// (two processes on two cores) once per trial and process.
    struct TrialOutputs { let reports: URL; let run: Output; let reproduce: Output }
    final class Runs: @unchecked Sendable {
        private let lock = NSLock()
        private var started = [String: (reports: URL, run: Job, reproduce: Job)]()
        private var finished = [String: TrialOutputs]()
        private var folders = [URL]()
        func get(_ trial: String, permutations: Int) throws -> TrialOutputs {
            lock.lock(); defer { lock.unlock() }
            if let r = finished[trial] { return r }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-e2e-\(trial)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            folders.append(dir)
            let reports = dir.appendingPathComponent("reports")
            let run = try Job(["run", "Data/\(trial)", "--out", reports.path, "--store", dir.appendingPathComponent("effekt.sqlite").path,
                               "--permutations", String(permutations), "--quiet"])
            // The flex-job trial has a known miss (README), so its reproduce exits 0 only with --allow-misses.
            let reproduce = try Job(["reproduce", trial, "--format", "json", "--permutations", "0", "--quiet"]
                                    + (trial == "flexjob" ? ["--allow-misses"] : []))
            let r = TrialOutputs(reports: reports, run: try run.finish(), reproduce: try reproduce.finish())
            finished[trial] = r
            return r
        }
        func removeFolders() {
            lock.lock(); defer { lock.unlock() }
            for d in folders { try? FileManager.default.removeItem(at: d) }
            folders = []
        }
    }
    static let runs = Runs()

    override class func tearDown() {
        runs.removeFolders()
        super.tearDown()
    }

    override func setUpWithError() throws {
        try EffektProcess.requireBuilt()
    }

    // MARK: run

    func testFlexJobRunWritesConsistentReports() throws {
        try checkReports(try Self.runs.get("flexjob", permutations: 20), cells: 1 + 1 + 4)
    }

    /// The flex-job report's tables (events, benchmarks, costs) in every report, Danish as run
    /// writes them and English rendered from the same results; counts follow the disclosure rule.
    func testFlexJobReportsShowThePlacementTablesInBothLanguages() throws {
        let outputs = try Self.runs.get("flexjob", permutations: 20)
        let results = try AnalysisResults.decode(from: Data(contentsOf: URL(fileURLWithPath: outputs.reports.path + ".results.json")))
        XCTAssertTrue(results.cells.allSatisfy { $0.placement != nil })
        let ledger = DisclosureLedger(results: results)
        XCTAssertEqual(ledger.unprotected, [])
        let overall = try String(contentsOf: outputs.reports.appendingPathComponent("overall.md"), encoding: .utf8)
        for piece in ["## Formidling og fleksjob", "### Status ved afslutningen", "### Fleksjob", "### Tid til fleksjob",
                      "### Profil af dem, der kom i fleksjob", "### Arbejdsgivere", "### Sammenligning med landsplan", "### Udgifter",
                      "| Med halvt løntilskud | 12 (34,3 %) |", "| 9 % |", "| 14 % |", "Domineret: ", "| Fast honorar pr. henvist borger | 120 |"] {
            XCTAssertTrue(overall.contains(piece), "overall.md lacks \(piece)")
        }
        let english = CellReport(results: results, cell: results.cells[0], language: .english, disclosure: ledger).markdown()
        for piece in ["## Placement and flex jobs", "### Status at the end", "### Time to flex job", "### Profile of those placed in a flex job",
                      "### Comparison with the national level", "### Costs", "| Came from sickness benefit before the approval | 15 (42.9 %) | 19 (61.3 %) |",
                      "Dominated: "] {
            XCTAssertTrue(english.contains(piece), "English overall report lacks \(piece)")
        }
        // Where a milestone's count is hidden, the provider's total (count × amount) is hidden too.
        for cell in results.cells {
            guard let costs = cell.placement?.costs else { continue }
            let report = CellReport(results: results, cell: cell, language: .english, disclosure: ledger).markdown()
            let hidden = costs.provider.payouts.contains {
                ledger.isHidden(PublishedCount(scope: cell.scope, quantity: .placement(table: "milestone", row: $0.milestone.rawValue, arm: costs.provider.arm)))
            }
            XCTAssertEqual(report.contains("| Total cost: other actor |  | .. | .. |"), hidden, cell.scope.key)
        }
    }

    /// Time to a flex job as the Aalen–Johansen estimate per arm at 3, 6, 9 and 12 months, in
    /// Danish and English, in every report. The shipped trial follows everyone to week 52 or an
    /// absorbing exit (nobody is censored), and its first flex_job week is the week of its first
    /// flex_job_start, so the estimate must equal the share placed by that week in the table above
    /// it; where that share is hidden, the estimate is hidden too. No two shown counts of the
    /// placed-by-week table differ by 1 … 4 (they would reveal those placed in between).
    func testFlexJobReportsShowTheAalenJohansenShareByMonthAgreeingWithThePlacedShare() throws {
        let outputs = try Self.runs.get("flexjob", permutations: 20)
        let results = try AnalysisResults.decode(from: Data(contentsOf: URL(fileURLWithPath: outputs.reports.path + ".results.json")))
        let ledger = DisclosureLedger(results: results)
        /// The body rows of the first table after the line containing `marker`, as cells.
        func table(after marker: String, in text: String) -> [[String]] {
            let lines = text.components(separatedBy: "\n")
            guard let start = lines.firstIndex(where: { $0.contains(marker) }) else { return [] }
            let rows = lines[(start + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }.dropFirst(2)
            return rows.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        }
        var shown = 0
        for cell in results.cells {
            for language in [ReportLanguage.english, .danish] {
                let report = CellReport(results: results, cell: cell, language: language, disclosure: ledger).markdown()
                let intro = language == .english ? "Share who had started a flex job by Aalen–Johansen" : "Andel, der var kommet i fleksjob, efter Aalen–Johansen"
                let placed = table(after: language == .english ? "Persons whose first flex job" : "Personer, hvis første fleksjob", in: report)
                let incidence = table(after: intro, in: report)
                XCTAssertEqual(incidence.map { $0[0] }, ["3", "6", "9", "12"], "\(cell.scope.key) \(language)")
                XCTAssertEqual(incidence.map { $0[1] }, placed.map { $0[0] }, "the same weeks as the placed-by-week table")
                // No two shown counts of an arm reveal 1 … 4 persons placed in between.
                for arm in 1..<(placed.first?.count ?? 1) {
                    let shownCounts = placed.compactMap { Int($0[arm].components(separatedBy: " ").first ?? "") }
                    for (i, x) in shownCounts.enumerated() { for y in shownCounts[(i + 1)...] {
                        XCTAssertFalse((1...4).contains(abs(y - x)), "\(cell.scope.key) arm column \(arm): \(shownCounts) reveal \(abs(y - x)) in between")
                    } }
                }
                for (a, p) in zip(incidence, placed) {
                    for arm in 0..<(p.count - 1) {
                        let share = p[arm + 1].components(separatedBy: "(").last!.dropLast()
                        if share == ".." { XCTAssertEqual(a[arm + 2], "..", "\(cell.scope.key) week \(p[0]): hidden share, shown estimate") }
                        else if a[arm + 2] != ".." { XCTAssertEqual(a[arm + 2], String(share), "\(cell.scope.key) week \(p[0])"); shown += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(shown, 20, "most estimates are shown")
    }

    func testJobFirstRunWritesConsistentReports() throws {
        try checkReports(try Self.runs.get("jobfirst", permutations: 2), cells: 1 + 2 + 15 * 2)
    }

    func checkReports(_ outputs: TrialOutputs, cells: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let fm = FileManager.default
        XCTAssertEqual(outputs.run.status, 0, outputs.run.err, file: file, line: line)
        let run = (dir: outputs.reports, stdout: outputs.run.out)
        // Every file `run` lists exists.
        let listed = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasSuffix(".md") }
        XCTAssertEqual(listed.count, cells + 1, "one report per cell plus the index", file: file, line: line)
        for path in listed { XCTAssertTrue(fm.fileExists(atPath: path), "listed report \(path) missing", file: file, line: line) }
        let resultsLine = try XCTUnwrap(run.stdout.split(separator: "\n").first { $0.hasPrefix("Results: ") })
        let resultsPath = String(resultsLine.dropFirst("Results: ".count))
        // The results JSON (every count, for the evaluator) lies beside the published folder, never in it.
        XCTAssertEqual(resultsPath, run.dir.path + ".results.json", file: file, line: line)
        let results = try AnalysisResults.decode(from: Data(contentsOf: URL(fileURLWithPath: resultsPath)))
        XCTAssertEqual(results.cells.count, cells, file: file, line: line)

        let files = try fm.contentsOfDirectory(atPath: run.dir.path)
        let markdown = files.filter { $0.hasSuffix(".md") }, svgs = files.filter { $0.hasSuffix(".svg") }
        XCTAssertEqual(Set(files), Set(markdown + svgs), "only reports and figures in the published folder", file: file, line: line)
        XCTAssertEqual(Set(markdown.map { run.dir.appendingPathComponent($0).path }), Set(listed), file: file, line: line)
        XCTAssertFalse(svgs.isEmpty, file: file, line: line)
        // Every SVG is well-formed XML with an <svg> root.
        for f in svgs {
            let text = try String(contentsOf: run.dir.appendingPathComponent(f), encoding: .utf8)
            XCTAssertEqual(WellFormedXML.errors(in: text), [], f, file: file, line: line)
            XCTAssertEqual(WellFormedXML.elements(in: text).first, "svg", f, file: file, line: line)
        }
        // Every Markdown file parses into headings (and tables for cell reports); images and links are files beside it.
        var referenced = Set<String>()
        for f in markdown {
            let text = try String(contentsOf: run.dir.appendingPathComponent(f), encoding: .utf8)
            let html = MarkdownParser().html(from: text)
            XCTAssertTrue(html.contains("<h1>"), "\(f): no title", file: file, line: line)
            if f != "README.md" {
                XCTAssertTrue(html.contains("<table>"), "\(f): no table", file: file, line: line)
                XCTAssertTrue(html.contains("<img src="), "\(f): no figure", file: file, line: line)
            }
            if text.contains("| < 5 |") { XCTAssertTrue(html.contains("<td align=\"right\">&lt; 5</td>"), "\(f): suppressed cell not rendered as < 5", file: file, line: line) }
            XCTAssertFalse(text.contains("\\<5"), "\(f): escaped marker", file: file, line: line)
            // A table row that Ink did not read as a table would survive as a paragraph starting with "|".
            XCTAssertFalse(html.contains("<p>| "), "\(f): a table Ink could not parse", file: file, line: line)
            for target in Self.matches(of: "<img src=\"([^\"]*)\"", in: html) + Self.matches(of: "<a href=\"([^\"#:]*)\"", in: html) {
                referenced.insert(target)
                XCTAssertTrue(fm.fileExists(atPath: run.dir.appendingPathComponent(target).path), "\(f) refers to missing \(target)",
                              file: file, line: line)
            }
        }
        XCTAssertEqual(Set(svgs).subtracting(referenced), [], "SVGs no report shows", file: file, line: line)

        // Numbers in the reports equal those of results.json. The whole trial and the benefit types
        // are large: every estimate must be found. Municipality cells may hide numbers (disclosure
        // control), so there only the rows shown are matched and most must be.
        let style = NumberStyle(language: .danish)
        var checked = 0, municipalCandidates = 0, municipalFound = 0
        func count(_ n: Int) -> String { n > 0 && n < 5 ? "< 5" : style.integer(n) }
        for cell in results.cells {
            let strict = cell.scope.level != .municipalityBenefit
            let text = try String(contentsOf: run.dir.appendingPathComponent(cell.scope.key + ".md"), encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            func report(_ found: Bool, _ message: @autoclosure () -> String) {
                if strict { XCTAssertTrue(found, message(), file: file, line: line) } else {
                    municipalCandidates += 1
                    if found { municipalFound += 1 }
                }
                checked += 1
            }
            for e in cell.headline where e.notEstimable == nil && min(e.controlN, e.treatedN) >= 5 {
                let share = e.outcome.isShare
                let level = { (v: Double) in share ? style.percent(v) : style.decimal(v, digits: 2) }
                let bound = { (v: Double) in share ? style.decimal(v * 100, digits: 1) : style.decimal(v, digits: 2) }
                let effect = share ? style.signedDecimal(e.effect * 100, digits: 1) : style.signedDecimal(e.effect, digits: 2)
                let levels = "| \(level(e.controlMean)) | \(level(e.treatedMean)) | "
                let effectCell = "| \(effect) "
                let ci = "| " + style.interval(bound(e.confLow), bound(e.confHigh)) + " |"
                let p = "| " + style.pValue(e.pValue) + " |"
                let n = "| " + count(e.n) + " |"
                let hit = lines.contains { l in
                    guard let r = l.range(of: levels), let x = l.range(of: effectCell, range: r.upperBound..<l.endIndex),
                          let c = l.range(of: ci, range: x.upperBound..<l.endIndex),
                          l.range(of: p, range: c.upperBound..<l.endIndex) != nil else { return false }
                    return l.hasSuffix(n)
                }
                report(hit, "\(cell.scope.key).md: no effects row '\(levels)… \(effectCell)… \(ci)… \(p)… \(n)' for \(e.id)")
            }
            for h in cell.hazards where h.notEstimable == nil {
                let row = "| \(style.decimal(h.hazardRatio, digits: 2)) | \(style.interval(style.decimal(h.confLow, digits: 2), style.decimal(h.confHigh, digits: 2))) | \(style.pValue(h.pValue)) |"
                report(lines.contains { $0.contains(row) && $0.contains("| \(count(h.n)) | \(count(h.persons)) | \(count(h.events)) |") },
                       "\(cell.scope.key).md: no hazard row '\(row)' for \(h.id)")
            }
            if let sites = cell.siteEffects {
                let share = sites.outcome.isShare
                let bound = { (v: Double) in share ? style.decimal(v * 100, digits: 1) : style.decimal(v, digits: 2) }
                for s in sites.sites where s.n >= 5 {
                    // The table under the forest plot: municipality, control mean, effect, CI (".." where hidden).
                    let effect = share ? style.signedDecimal(s.effect * 100, digits: 1) : style.signedDecimal(s.effect, digits: 2)
                    let ci = "| " + style.interval(bound(s.confLow), bound(s.confHigh)) + " |"
                    let shown = lines.contains { $0.hasPrefix("| \(s.municipality) |") && $0.contains("| \(effect) ") && $0.contains(ci) }
                    let hidden = lines.contains { $0.hasPrefix("| \(s.municipality) |") && $0.contains("| .. |") }
                    XCTAssertTrue(shown || hidden, "\(cell.scope.key).md: no site row for \(s.municipality) (\(effect), \(ci))", file: file, line: line)
                    checked += 1
                }
                let q = "Q = \(style.decimal(sites.equalityStatistic, digits: 2))"
                XCTAssertTrue(text.contains(q), "\(cell.scope.key).md: no '\(q)'", file: file, line: line)
            }
        }
        XCTAssertGreaterThanOrEqual(Double(municipalFound), 0.5 * Double(municipalCandidates),
                                    "municipality rows found: \(municipalFound) of \(municipalCandidates)", file: file, line: line)
        XCTAssertGreaterThan(checked, cells, file: file, line: line)
    }

    static func matches(of pattern: String, in text: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    // MARK: reproduce

    func reproduce(_ trial: String, permutations: Int) throws -> [[String: Any]] {
        let r = try Self.runs.get(trial, permutations: permutations).reproduce
        XCTAssertEqual(r.status, 0, r.err)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        XCTAssertEqual(json["trial"] as? String, trial)
        let figures = try XCTUnwrap(json["figures"] as? [[String: Any]])
        XCTAssertFalse(figures.isEmpty)
        for f in figures {
            for key in ["id", "description", "published", "estimate", "conf_low", "conf_high", "within"] {
                XCTAssertNotNil(f[key], "\(f["id"] ?? "?"): no \(key)")
            }
            XCTAssertNotNil(f["within"] as? Bool)
        }
        // Every published figure is reproduced, in published.csv order.
        let published = try String(contentsOf: Self.packageRoot.appendingPathComponent("Data/\(trial)/published.csv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { String($0.split(separator: ",")[0]) }
        XCTAssertEqual(figures.map { $0["id"] as? String }, published)
        return figures
    }

    func testJobFirstReproducePublishedCashBenefitEffects() throws {
        let figures = try reproduce("jobfirst", permutations: 2)
        func figure(_ id: String) throws -> [String: Any] { try XCTUnwrap(figures.first { $0["id"] as? String == id }, id) }
        func number(_ f: [String: Any], _ key: String) -> Double { (f[key] as? NSNumber)?.doubleValue ?? .nan }
        for id in ["kh_share_paid_hours_w78_effect", "kh_hours_w78_effect", "company_run_13_effect_w78", "hazard_ratio_losing_hours"] {
            let f = try figure(id)
            XCTAssertEqual(f["within"] as? Bool, true, "\(id): published \(number(f, "published")) outside [\(number(f, "conf_low")), \(number(f, "conf_high"))]")
            XCTAssertLessThanOrEqual(number(f, "conf_low"), number(f, "published"), id)
            XCTAssertGreaterThanOrEqual(number(f, "conf_high"), number(f, "published"), id)
        }
        // The cash-benefit effects are significant: the CI excludes "no effect" (0, or HR 1).
        for id in ["kh_share_paid_hours_w78_effect", "kh_hours_w78_effect", "company_run_13_effect_w78"] {
            XCTAssertGreaterThan(number(try figure(id), "conf_low"), 0, id)
        }
        XCTAssertLessThan(number(try figure("hazard_ratio_losing_hours"), "conf_high"), 1)
        // The resource-programme hours effect is not significant: its CI contains the published 0.
        let rf = try figure("rf_hours_w78_effect")
        XCTAssertEqual(number(rf, "published"), 0)
        XCTAssertEqual(rf["within"] as? Bool, true)
        XCTAssertLessThanOrEqual(number(rf, "conf_low"), 0)
        XCTAssertGreaterThanOrEqual(number(rf, "conf_high"), 0)
    }

    func testFlexJobReproduceListsEveryPublishedFigure() throws {
        let figures = try reproduce("flexjob", permutations: 20)
        let count = try XCTUnwrap(figures.first { $0["id"] as? String == "randomized_total" })
        XCTAssertEqual((count["estimate"] as? NSNumber)?.doubleValue, 240)
        XCTAssertEqual(count["within"] as? Bool, true)
        // "30 flex jobs by the other actors" is counted from the events' created_by, not by a rule.
        let otherActor = try XCTUnwrap(figures.first { $0["id"] as? String == "flex_jobs_created_other_actor" })
        XCTAssertEqual((otherActor["estimate"] as? NSNumber)?.doubleValue, 30)
        let outside = figures.filter { $0["within"] as? Bool != true }.map { $0["id"] as? String ?? "" }
        XCTAssertEqual(outside, [], "every published figure lies within its reproduced interval")
        XCTAssertGreaterThanOrEqual(figures.count, 32)
        // The JSON carries the benchmarks beside the arms and the costs under the tariff.
        let r = try Self.runs.get("flexjob", permutations: 20).reproduce
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let benchmarks = try XCTUnwrap(json["benchmarks"] as? [[String: Any]])
        XCTAssertEqual(benchmarks.count, 3)
        let costs = try XCTUnwrap(json["costs"] as? [String: Any])
        XCTAssertEqual((costs["tariff"] as? [String: Any])?["amounts"] as? [String: Int],
                       ["referral": 10000, "first_internship_or_work_trial": 10000, "flex_job_2_months": 10000, "flex_job_4_months": 10000])
        let overall = try XCTUnwrap((costs["groups"] as? [[String: Any]])?.first)
        XCTAssertEqual((overall["incremental"] as? [String: Any])?["verdict"] as? String, "dominated")
    }
}
