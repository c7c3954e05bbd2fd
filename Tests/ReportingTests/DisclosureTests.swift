// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Randomization
import Simulation
import TrialAnalysis
import TrialModel
import TestSupport
import XCTest
@testable import Reporting

/// Disclosure control attacked as an intruder would: every report and figure of a set read
/// together (`DisclosureAudit`), on the shipped trials and on simulated trials with tiny cells;
/// and the audit itself shown to catch one leak of each kind in deliberately leaky fixtures
/// (tables here, figures in `FigureDisclosureTests`).
final class DisclosureTests: XCTestCase {

    /// A leaky folder with one leak of each kind the audit looks for.
    func testAuditFindsOneLeakOfEachKindInALeakyFixture() {
        let overall = """
            | Trin | kontrolgruppe | JobFirst |
            | --- | ---: | ---: |
            | Tilmeldt | 60 |  |
            | Randomiseret | 30 | 30 |
            | Udgået før opfølgningens slut: fraflyttet | 9 | 8 |
            | Fulgt til slut | 21 | 22 |
            """
        let benefit = overall   // one benefit type: it equals the whole trial
        // Municipality A: a printed 3 (kind 1) and a complement (kind 3): 17 − 15 − 0 = 2 moved.
        let a = """
            | Trin | kontrolgruppe | JobFirst |
            | --- | ---: | ---: |
            | Tilmeldt | 32 |  |
            | Randomiseret | 15 | 17 |
            | Udgået før opfølgningens slut: førtidspension | 3 | 0 |
            | Udgået før opfølgningens slut: fraflyttet | 6 | < 5 |
            | Fulgt til slut | 6 | 15 |

            | Baggrundsvariabel | kontrolgruppe: Gennemsnit (Standardafvigelse) | kontrolgruppe: N | JobFirst: Gennemsnit (Standardafvigelse) | JobFirst: N |
            | --- | ---: | ---: | ---: | ---: |
            | kvinde | 40,0 % | 15 | 17,6 % | 17 |
            """
        // Municipality B: its control "moved" is hidden, but the benefit type − A reveals it (kind 4).
        let b = """
            | Trin | kontrolgruppe | JobFirst |
            | --- | ---: | ---: |
            | Tilmeldt | 28 |  |
            | Randomiseret | 15 | 13 |
            | Udgået før opfølgningens slut: fraflyttet | < 5 | .. |
            | Fulgt til slut | .. | .. |
            """
        let leaks = DisclosureAudit().leaks(in: [("overall.md", overall), ("cash_benefit.md", benefit),
                                                 ("a__cash_benefit.md", a), ("b__cash_benefit.md", b)])
        let attacks = Set(leaks.map(\.attack))
        XCTAssertTrue(attacks.contains("printed"), "\(leaks)")
        XCTAssertTrue(attacks.contains("share × N"), "\(leaks)")                       // 17,6 % of 17 = 3
        XCTAssertTrue(attacks.contains("complement within the report"), "\(leaks)")    // 17 − 15 − 0 = 2
        XCTAssertTrue(attacks.contains("difference across reports"), "\(leaks)")       // 9 − 6 = 3 in B
        XCTAssertTrue(leaks.contains { $0.file == "b__cash_benefit.md" && $0.persons == 3 }, "\(leaks)")
        // Two "< 5" losses from 18 randomized with 16 followed up: each must be 1 (kind 5).
        let bounds = """
            | Trin | kontrolgruppe | JobFirst |
            | --- | ---: | ---: |
            | Randomiseret | 18 | 17 |
            | Udgået før opfølgningens slut: førtidspension | < 5 | 0 |
            | Udgået før opfølgningens slut: fraflyttet | < 5 | 0 |
            | Fulgt til slut | 16 | 17 |
            """
        let pinned = DisclosureAudit().leaks(in: [("c__cash_benefit.md", bounds)])
        XCTAssertEqual(pinned.filter { $0.attack == "bounds of '< 5'" }.map(\.persons), [1, 1], "\(pinned)")
    }

    /// The shipped trials, both languages: no count of fewer than 5 persons can be rebuilt, and the
    /// ledger's exact linear check finds every sensitive count protected.
    func testShippedTrialsHaveNoRecoverableSmallCount() throws {
        for name in ["jobfirst", "flexjob"] {
            let results = try Self.analyze(Self.shipped(name))
            try assertProtected(results, name)
            if name == "jobfirst" {
                // The whole trial is large: nothing in its report is hidden, and it says so (no false alarm).
                let overall = ReportSet(results: results, language: .english).files().first { $0.path == "overall.md" }!
                XCTAssertTrue(overall.contents.contains("In this report no number is hidden."))
            }
        }
    }

    /// Simulated JobFirst trials with tiny cells (2–20 people per arm in a municipality).
    func testSimulatedTrialsWithTinyCellsHaveNoRecoverableSmallCount() throws {
        for (seed, size) in [(UInt64(11), 290), (12, 120), (13, 60)] {
            let trial = SyntheticTrialKind.jobFirst(seed: seed, size: JobFirstSize(participants: size, followUpWeeks: 78), tables: false)
            let results = try Self.analyze(Self.dataset(trial))
            try assertProtected(results, "simulated \(size), seed \(seed)")
        }
    }

    func assertProtected(_ results: AnalysisResults, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let ledger = DisclosureLedger(results: results)
        XCTAssertEqual(ledger.unprotected, [], "\(name): sensitive counts left determined", file: file, line: line)
        for language in ReportLanguage.allCases {
            let all = ReportSet(results: results, language: language).files()
            let leaks = DisclosureAudit(threshold: results.methods.policy.minPersons).leaks(in: all.map { ($0.path, $0.contents) })
            let files = all.filter { $0.path.hasSuffix(".md") }
            XCTAssertEqual(leaks.map(\.description), [], "\(name), \(language)", file: file, line: line)
            // No printed count of 1–4 anywhere, and the old escaped marker is gone.
            for f in files { XCTAssertFalse(f.contents.contains("\\<5"), "\(name) \(f.path)", file: file, line: line) }
            // The disclosure section is true of its report: a hidden table cell means it says so.
            let none = language == .danish ? "I denne rapport er ingen tal skjult." : "In this report no number is hidden."
            for f in files where f.path != "README.md" && (f.contents.contains("| < 5 |") || f.contents.contains("| .. |")) {
                XCTAssertFalse(f.contents.contains(none), "\(name) \(f.path) hides numbers but says it does not", file: file, line: line)
            }
        }
    }

    static func analyze(_ dataset: TrialDataset) throws -> AnalysisResults {
        let plan = AnalysisPlan(trial: dataset.trial, permutations: 0)
        return try TrialEvaluation(dataset: dataset, plan: plan,
                               provenance: Provenance(dataHashes: [:], seed: dataset.trial.seed, effektVersion: "test", command: "test")).results()
    }

    static func shipped(_ name: String) throws -> TrialDataset { try ShippedTrialData.dataset(name) }

    static func dataset(_ trial: SimulatedTrial) throws -> TrialDataset {
        let toml = String(decoding: trial.files.files.first { $0.name == "trial.toml" }!.bytes, as: UTF8.self)
        let definition = try TrialDefinition(toml: toml, file: "trial.toml")
        var weekly = [ParticipantID: [WeeklyRecord]]()
        for (p, rows) in zip(trial.participants, trial.weeks) {
            weekly[p.id] = rows.map {
                WeeklyRecord(week: $0.week, paidHours: $0.paidHours, activity: $0.activity, mentor: $0.mentor, status: $0.status)
            }
        }
        return TrialDataset(trial: definition, participants: trial.participants, assignments: trial.assignments, weekly: weekly)
    }
}
