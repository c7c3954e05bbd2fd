// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Randomization
import TrialModel
import TrialStorage

/// `effekt import-allocation FILE`: an allocation drawn outside Effekt, into the allocation log.
struct ImportAllocation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-allocation",
        abstract: "Import an allocation drawn outside Effekt into the hash-chained allocation log (all rows or none).",
        discussion: """
        FILE has the columns id,arm and optionally stratum, block and assigned_on (YYYY-MM-DD), one row per enrolled participant in assignment order. The trial file must say design = "external" and the design assumed to have drawn it (assumed = "complete_within_strata", "bernoulli" or "permuted_blocks"; the last needs the block column).

        The import is recorded with the file's SHA-256, the assumed design and the time. Importing the same file again does nothing; a file may add participants, but a row that changes an existing assignment is refused, naming the participant. `effekt verify --allocation FILE` checks the log against the file later.

        Example: a trial drawn outside Effekt, enrolled, then its allocation imported:
          $ effekt enroll Tests/Fixtures/external/roster.csv \\
              --trial Tests/Fixtures/external/trial.toml --store external.sqlite
          $ effekt import-allocation Tests/Fixtures/external/allocation.csv \\
              --trial Tests/Fixtures/external/trial.toml --store external.sqlite
        """)

    @OptionGroup var options: TrialOptions

    @Argument(help: "The allocation: id, arm[, stratum][, block][, assigned_on].")
    var file: String

    func run() throws {
        let trial = try TrialFile.load(path: options.trial).definition
        let allocation = try ImportedAllocationFile.read(path: file, trial: trial)
        let store = try options.openStore(.write)
        let summary = try store.importAllocation(allocation)
        if summary.sameFileImportedBefore {
            print("\(file) (SHA-256 \(summary.sha256.prefix(12))…) was imported before; nothing was done (\(summary.totalAssigned) assigned in all).")
        } else if let run = summary.run {
            print("Run \(run): imported \(summary.added) assignments from \(file) (SHA-256 \(summary.sha256.prefix(12))…, assumed design "
                  + "\(trial.assumedDesign?.rawValue ?? "")); \(summary.alreadyAssigned) rows were assigned already; \(summary.totalAssigned) assigned in all.")
        } else {
            print("Every row of \(file) is in the allocation log already; nothing was imported (\(summary.totalAssigned) assigned in all).")
        }
    }
}
