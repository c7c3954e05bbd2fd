// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TrialModel
import TrialStorage

/// `effekt enroll roster.csv`: enrolls a roster, all rows or none.
struct Enroll: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enroll the participants of a roster.csv (all rows or none).",
        discussion: """
        The first enrolment creates the store (effekt.sqlite beside the trial file, or --store).

        Job centres that send the full list every time: --skip-existing enrolls the new ids only. Baseline is frozen at enrolment, so a changed stratum column or enrolled_on of an enrolled id is refused; other changed columns (age recomputed on every send) are not stored, only counted and listed.

        Example:
          $ effekt enroll roster.csv
          $ effekt enroll roster.csv --skip-existing
        """)

    @OptionGroup var options: TrialOptions

    @Argument(help: "The roster: id, municipality, benefit, enrolled_on and baseline covariates.")
    var roster: String

    @Flag(name: .customLong("skip-existing"), help: "A cumulative roster: enroll only ids not enrolled yet. Enrolled ids must keep their strata and enrolled_on; other changed values are listed, not stored.")
    var skipExisting = false

    @Flag(name: .long, help: "No progress bar on standard error.")
    var quiet = false

    func run() throws {
        // Read and check the roster before the store is touched (or created).
        let size = (try? FileManager.default.attributesOfItem(atPath: roster)[.size] as? Int) ?? 0
        let reading = ProgressBar(label: "read \(roster)", enabled: !quiet, unit: .bytes)
        let file = try RosterFile.read(path: roster, trial: try TrialFile.load(path: options.trial).definition,
                                       bytesRead: { reading.update($0, size) })
        reading.finish()
        let store = try options.openStore(.create)
        if skipExisting { return try enrollNew(file, store) }
        let bar = ProgressBar(label: "enroll", enabled: !quiet)
        let summary = try store.enroll(file, progress: bar.update)
        bar.finish()
        print("Enrolled \(summary.enrolled) participants from \(roster) (\(summary.totalEnrolled) enrolled in all). Next: `effekt randomize`.")
    }

    private func enrollNew(_ file: RosterFile, _ store: TrialStore) throws {
        let s = try store.enrollNew(file)
        print("Enrolled \(s.enrolled) new participants from \(roster); \(s.alreadyEnrolled) were enrolled already (\(s.totalEnrolled) enrolled in all).")
        guard !s.covariateChanges.isEmpty else { return }
        let people = Set(s.covariateChanges.map(\.participant)).count
        print("\(s.covariateChanges.count) values of \(people) enrolled participants differ from enrolment and were not stored (baseline is frozen):")
        for c in s.covariateChanges {
            print("  line \(c.line): \(c.participant) \(c.column): '\(c.enrolled)' at enrolment, '\(c.inFile)' now")
        }
    }
}
