// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TrialModel
import TrialStorage

/// `effekt enroll roster.csv`: enrolls a roster, all rows or none.
struct Enroll: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enroll the participants of a roster.csv (all rows or none).",
        discussion: """
        The first enrolment creates the store (effekt.sqlite beside the trial file, or --store).

        Example:
          $ effekt enroll roster.csv
        """)

    @OptionGroup var options: TrialOptions

    @Argument(help: "The roster: id, municipality, benefit, enrolled_on and baseline covariates.")
    var roster: String

    func run() throws {
        // Read and check the roster before the store is touched (or created).
        let file = try RosterFile.read(path: roster, trial: try TrialFile.load(path: options.trial).definition)
        let store = try options.openStore(.create)
        let summary = try store.enroll(file)
        print("Enrolled \(summary.enrolled) participants from \(roster) (\(summary.totalEnrolled) enrolled in all). Next: `effekt randomize`.")
    }
}
