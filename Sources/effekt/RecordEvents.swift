// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TrialModel
import TrialStorage

/// `effekt record-events events.csv`: records placement events, all or none.
struct RecordEvents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-events",
        abstract: "Record an events.csv of placement events (all events or none).",
        discussion: """
        Events say who did what (a referral, an internship or work trial, who created a flex job \
        and its employer, a send-back and return, the end classification); weekly records say \
        the status of each week, so record the weeks first: a flex_job_start needs its week \
        recorded as flex_job.

        Example:
          $ effekt record-events events.csv
        """)

    @OptionGroup var options: TrialOptions

    @Argument(help: "Columns: id, date, event, created_by, sector, size_band, subsidy, reason, classification.")
    var events: String

    func run() throws {
        let store = try options.openStore(.write)
        let s = try store.recordEvents(try PlacementEventFile.read(path: events), displayName: events)
        print("Recorded \(s.rows) placement events from \(events).")
    }
}
