// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TrialAnalysis
import TrialModel
import TrialStorage

/// `effekt balance`: the baseline table by arm with WWC equivalence categories.
struct Balance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Baseline table by arm: means/SDs or shares, standardized differences, WWC category.",
        discussion: """
        Example:
          $ effekt balance
        """)

    @OptionGroup var options: TrialOptions

    @Option(name: .long, help: "table, csv or json.")
    var format: OutputFormat = .table

    func run() throws {
        let b = try options.openStore(.read).balance()
        if format == .json {
            guard let test = try importedAllocationTest() else { print(try trialJSON(b)); return }
            print(try trialJSON(ImportedBalance(balance: b, importedAllocation: test.note, imbalance: test.test)))
            return
        }
        guard let first = b.rows.first else { print("trial.toml lists no baseline covariates ([baseline])."); return }
        let arms = first.arms.map(\.arm)
        let others = first.comparisons.map(\.arm)
        var t = TextTable(["covariate"] + arms.flatMap { ["\($0) n", "\($0) mean", "\($0) sd"] }
                               + others.flatMap { ["g \($0)", "method", "wwc \($0)"] })
        for r in b.rows {
            t.append([r.level.map { "\(r.variable)=\($0)" } ?? r.variable]
                     + r.arms.flatMap { [String($0.n), NumberText.fixed($0.mean, 3), r.isShare ? "" : NumberText.fixed($0.standardDeviation, 3)] }
                     + r.comparisons.flatMap { [NumberText.fixed($0.standardizedDifference, 3), $0.method.rawValue, $0.category.rawValue] })
        }
        if format == .csv { print(t.csv); return }
        print(t.rendered)
        print("\nWWC: |g| <= 0.05 satisfies; 0.05 < |g| <= 0.25 requires adjustment; |g| > 0.25 does not satisfy. Shares use the Cox index.")
        if let imported = try importedAllocationCheck() { print("\n" + imported) }
    }

    /// For an allocation drawn outside Effekt: that it was imported, and the joint imbalance test
    /// (`ImbalanceTest`) as a check on the randomization itself.
    private func importedAllocationCheck() throws -> String? {
        guard let (note, test) = try importedAllocationTest() else { return nil }
        let head = "The allocation was imported (drawn outside Effekt; assumed design \(note.assumed.rawValue))."
        guard let test else {
            return head + " A joint imbalance test could not be computed (no baseline covariates that vary within strata)."
        }
        return head + " Joint imbalance test of \(note.treated) vs \(note.control) on the baseline covariates, strata held fixed: "
            + "F(\(test.numeratorDegreesOfFreedom), \(test.denominatorDegreesOfFreedom)) = \(NumberText.fixed(test.statistic, 3)), "
            + "p = \(NumberText.fixed(test.pValue, 3)), n = \(test.n)."
    }

    /// The imported allocation's design and imbalance test; nil for an allocation Effekt drew.
    private func importedAllocationTest() throws -> (note: ImportedAllocationFacts, test: ImbalanceTest?)? {
        let store = try options.openStore(.read)
        let trial = store.definition
        guard trial.design == .external, let assumed = trial.assumedDesign else { return nil }
        let dataset = TrialDataset(trial: trial, participants: try store.participants().map(\.participant),
                                   assignments: try store.allocationLog().map(\.assignment), weekly: [:])
        let control = trial.controlArm, treated = trial.arms.first { $0.name != control }?.name ?? control
        return (ImportedAllocationFacts(assumed: assumed, treated: treated, control: control),
                ImbalanceTest(dataset: dataset, treatedArm: treated, controlArm: control))
    }
}

/// What `balance` adds for an imported allocation.
struct ImportedAllocationFacts: Encodable {
    let assumed: AssumedDesign
    let treated: String
    let control: String
}

/// `balance --format json` of an imported allocation: the table, the design and the imbalance test.
struct ImportedBalance: Encodable {
    let balance: BaselineBalance
    let importedAllocation: ImportedAllocationFacts
    let imbalance: ImbalanceTest?
}
