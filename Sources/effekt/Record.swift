// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TrialStorage

/// `effekt record weekly.csv`: records weekly follow-up, all rows or none.
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a weekly.csv of follow-up (all rows or none).",
        discussion: """
        Example:
          $ effekt record weekly.csv
        """)

    @OptionGroup var options: TrialOptions

    @Argument(help: "Long format: id, week, paid_hours, activity, mentor, status.")
    var weekly: String

    @Flag(name: .long, help: "Replace rows already recorded; the superseded rows are kept in the history table.")
    var replace = false

    @Flag(name: .long, help: "No progress bar on standard error.")
    var quiet = false

    func run() throws {
        let store = try options.openStore(.write)
        let bar = ProgressBar(label: "record", enabled: !quiet, unit: .bytes)
        let s = try store.record(weeklyPath: weekly, mode: replace ? .replace : .append, progress: bar.update)
        bar.finish()
        print("Recorded \(s.rows) weekly rows from \(weekly)" + (s.replaced > 0 ? " (\(s.replaced) replaced; the old rows are kept in the history)." : "."))
    }
}
