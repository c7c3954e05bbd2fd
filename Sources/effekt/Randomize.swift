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

    @Flag(name: .long, help: "No progress bar on standard error.")
    var quiet = false

    func run() throws {
        let store = try options.openStore(.write)
        let bar = ProgressBar(label: "randomize", enabled: !quiet)
        let summary = try store.randomize(progress: bar.update)
        bar.finish()
        if let run = summary.run {
            print("Run \(run): assigned \(summary.assigned) participants (\(summary.totalAssigned) assigned in all).")
        } else {
            print("Nobody new to assign (\(summary.totalAssigned) assigned in all).")
        }
    }
}
