// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TrialModel
import TrialStorage

/// `effekt import-register`: wide register extracts (one column per ISO week) into weekly records.
struct ImportRegister: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-register",
        abstract: "Record weekly follow-up from wide register extracts (one column per ISO week, a benefit code per cell).",
        discussion: """
        Each FILE has an id column and one column per ISO week named by --columns (default y_{yy}{ww}: y_2053 is ISO week 53 of 2020). The code map (TOML) says what each code means (status, activity, mentor, priority) and what a blank cell means. Week 1 is the ISO week of the participant's enrolment. With several files, a week's code is the one with the smallest priority. The first absorbing exit ends follow-up: later weeks in the extract are skipped and counted. Monthly hours (id,month,hours) go to ISO weeks in proportion to the month's weekdays in each week.

        The weekly rows are written to --weekly (a long weekly.csv whose first lines name every source and its SHA-256) and recorded as `effekt record` records a file: in one transaction, all rows or none.

        Example: the shipped register example (synthetic), one extract in Latin-1:
          $ effekt enroll Data/register/roster.csv \\
              --trial Data/register/trial.toml --store register.sqlite
          $ effekt import-register Data/register/dream.csv \\
              Data/register/sickness-latin1.csv --map Data/register/codes.toml \\
              --hours Data/register/hours.csv --encoding latin1 \\
              --trial Data/register/trial.toml --store register.sqlite
        """)

    @OptionGroup var options: TrialOptions

    @Argument(help: "Wide extracts: id and one column per ISO week; the first is streamed, the others are held in memory.")
    var files: [String]

    @Option(name: .long, help: "The code map (TOML): code → status, activity, mentor, priority; and [blank].")
    var map: String

    @Option(name: .long, help: "Monthly paid hours: id, month (YYYY-MM), hours.")
    var hours: String?

    @Option(name: .long, help: "The week columns' names: {yyyy} or {yy}, and {ww}.")
    var columns: String = RegisterColumnPattern.standard

    @Option(name: .long, help: "utf8 or latin1 (for the extracts and the hours file).")
    var encoding: RegisterEncoding = .utf8

    @Option(name: .long, help: "Where to write the long weekly rows (default: a temporary file, removed after recording).")
    var weekly: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one register extract.") }
    }

    func run() throws {
        let store = try options.openStore(.write)
        let codeMap = try RegisterCodeMap.read(path: map)
        let pattern = try RegisterColumnPattern(columns)
        let monthly = try hours.map { try MonthlyHours.read(path: $0, encoding: encoding) }
        var enrolled = [String: CalendarDate]()
        for p in try store.participants() { enrolled[p.participant.id.rawValue] = p.participant.enrolledOn }
        let intake = RegisterIntake(codeMap: codeMap, pattern: pattern, encoding: encoding, followUpWeeks: store.definition.followUpWeeks,
                                    enrolled: enrolled)
        let output = weekly ?? FileManager.default.temporaryDirectory.appendingPathComponent("effekt-register-\(getpid()).csv").path
        defer { if weekly == nil { try? FileManager.default.removeItem(atPath: output) } }
        let s = try intake.convert(sources: files.map { ($0, $0) }, hours: monthly, output: output)
        let recorded = try store.record(weeklyPath: output, displayName: weekly ?? "register import of \(files.joined(separator: ", "))")
        print("Recorded \(recorded.rows) weekly rows of \(s.persons) participants from \(files.joined(separator: ", ")).")
        print("Skipped: \(s.weeksAfterExit) weeks after an absorbing exit (\(s.personsWithWeeksAfterExit) participants), "
              + "\(s.cellsBeforeEnrolment) cells before enrolment, \(s.cellsAfterFollowUp) after follow-up; "
              + "\(s.enrolledNotInExtract) enrolled participants are in no extract"
              + (hours == nil ? "." : "; \(NumberText.fixed(s.hoursNotRecorded, 2)) monthly hours fell on weeks not recorded."))
        for source in s.sources { print("  \(source.file): SHA-256 \(source.sha256)") }
    }
}

extension RegisterEncoding: ExpressibleByArgument {}
