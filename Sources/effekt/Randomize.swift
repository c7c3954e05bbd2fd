// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TrialStorage

/// `effekt randomize`: assigns everyone enrolled and not yet assigned.
struct Randomize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assign every enrolled participant not yet assigned; nobody is reassigned.",
        discussion: """
        Example:
          $ effekt randomize
        """)

    @OptionGroup var options: TrialOptions

    func run() throws {
        let store = try options.openStore(.write)
        let summary = try store.randomize()
        if let run = summary.run {
            print("Run \(run): assigned \(summary.assigned) participants (\(summary.totalAssigned) assigned in all).")
        } else {
            print("Nobody new to assign (\(summary.totalAssigned) assigned in all).")
        }
    }
}
