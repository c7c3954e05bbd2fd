// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TrialModel
import TrialStorage

/// A wide register extract of N persons × W ISO weeks (default 100,000 × 260 = 26 M cells), turned
/// into weekly rows by `RegisterIntake` and recorded; prints time, cells/s and peak memory, with a
/// floor measured in the same run: the same file split into fields by `CSVScanner` alone.
/// Target (issue 10): well under a minute, in bounded memory (the extract is streamed).
struct RegisterIntakeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register-intake",
        abstract: "Wide register extract N × W weeks → weekly rows → store (target: well under a minute, bounded memory).")

    @Option(help: "Persons.") var persons = 100_000
    @Option(help: "ISO-week columns (from 2019-W01).") var weeks = 260
    @Option(help: "The trial's follow-up weeks (each person's recorded weeks).") var followUp = 104
    @Option(help: "Folder for the temporary files (deleted afterwards).") var directory: String?

    static let codes = ["111", "211", "774", "M11", ""]

    func run() throws {
        let root = URL(fileURLWithPath: directory ?? NSTemporaryDirectory()).appendingPathComponent("effekt-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func path(_ name: String) -> String { root.appendingPathComponent(name).path }
        try trialTOML.write(toFile: path("trial.toml"), atomically: true, encoding: .utf8)
        try codeMap.write(toFile: path("codes.toml"), atomically: true, encoding: .utf8)
        let made = try measure { try writeFiles(roster: path("roster.csv"), extract: path("extract.csv")) }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path("extract.csv"))[.size] as? Int) ?? 0
        print(String(format: "files: %d persons × %d weeks = %d cells (%.0f MB) written in %.1f s",
                     persons, weeks, persons * weeks, Double(bytes) / 1e6, made.seconds))
        let store = try TrialStore.open(path: path("effekt.sqlite"), trial: try TrialFile.load(path: path("trial.toml")), create: true)
        try store.enroll(try RosterFile.read(path: path("roster.csv"), trial: store.definition))
        var enrolled = [String: CalendarDate]()
        for p in try store.participants() { enrolled[p.participant.id.rawValue] = p.participant.enrolledOn }

        resetPeakMemory()
        let before = peakMemoryMiB()
        let floor = try measure { try CSVScanner.scan(path: path("extract.csv")) { _ in } }
        print(String(format: "floor (split into fields + SHA-256, nothing else): %.2f s = %.1f M cells/s",
                     floor.seconds, Double(persons * weeks) / floor.seconds / 1e6))
        let intake = RegisterIntake(codeMap: try RegisterCodeMap.read(path: path("codes.toml")), pattern: try RegisterColumnPattern(RegisterColumnPattern.standard),
                                    encoding: .utf8, followUpWeeks: followUp, enrolled: enrolled)
        let convert = try measure { try intake.convert(sources: [(path("extract.csv"), "extract.csv")], hours: nil, output: path("weekly.csv")) }
        print(String(format: "convert (wide → long weekly rows): %d rows of %d persons in %.2f s = %.1f M cells/s (%.1f × the floor)",
                     convert.value.weeks, convert.value.persons, convert.seconds, Double(persons * weeks) / convert.seconds / 1e6,
                     convert.seconds / floor.seconds))
        let convertPeak = peakMemoryMiB()
        print(String(format: "peak memory of the conversion: %.0f MiB (the extract is streamed)", convertPeak))
        resetPeakMemory()
        let record = try measure { try store.record(weeklyPath: path("weekly.csv")) }
        print(String(format: "record: %d rows in %.2f s = %.0f rows/s", record.value.rows, record.seconds, Double(record.value.rows) / record.seconds))
        let total = convert.seconds + record.seconds
        print(String(format: "register intake total: %.1f s (target: well under a minute: %@); peak memory %.0f MiB converting, %.0f MiB recording (SQLite's page cache), %.0f MiB before; extract %.0f MB",
                     total, total < 60 ? "met" : "NOT met", convertPeak, peakMemoryMiB(), before, Double(bytes) / 1e6))
    }

    var trialTOML: String {
        """
        name = "Register benchmark"
        follow_up_weeks = \(followUp)
        control_arm = "control"
        [[arms]]
        name = "control"
        [[arms]]
        name = "treatment"
        [randomization]
        design = "complete"
        strata = ["municipality"]
        seed = 1
        [outcomes]
        company_run_weeks = \(min(13, followUp))
        """
    }

    var codeMap: String {
        """
        [blank]
        status = "self_supporting"
        [codes]
        "111" = { status = "on_benefit", priority = 5 }
        "211" = { status = "on_benefit", activity = "internship", priority = 4 }
        "774" = { status = "flex_job", priority = 2 }
        "M11" = { status = "on_benefit", mentor = true, priority = 5 }
        """
    }

    /// Roster (enrolment spread over the first year of the extract) and the wide extract, codes in
    /// runs of a few weeks (as registers look), columns y_{yy}{ww} from 2019-W01.
    func writeFiles(roster: String, extract: String) throws {
        guard let r = fopen(roster, "wb"), let w = fopen(extract, "wb") else { throw CocoaError(.fileWriteUnknown) }
        defer { fclose(r); fclose(w) }
        var buffer = [UInt8]()
        func flush(_ f: UnsafeMutablePointer<FILE>, force: Bool = false) {
            if force || buffer.count > (1 << 22) { _ = buffer.withUnsafeBytes { fwrite($0.baseAddress!, 1, $0.count, f) }; buffer.removeAll(keepingCapacity: true) }
        }
        var state: UInt64 = 7
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let first = ISOWeek(year: 2019, week: 1)!.mondayDay
        buffer += Array("id,municipality,benefit,enrolled_on\n".utf8)
        for i in 0..<persons {
            let day = CalendarDate(daysSinceEpoch: first + next() % 365)
            buffer += Array("b\(i),m\(i % 20),cash_benefit,\(day)\n".utf8)
            flush(r)
        }
        flush(r, force: true)
        var names = ["id"], week = ISOWeek(year: 2019, week: 1)!
        for _ in 0..<weeks {
            names.append("y_\(week.year % 100)\(week.week < 10 ? "0" : "")\(week.week)")
            week = ISOWeek(containing: CalendarDate(daysSinceEpoch: week.mondayDay + 7))
        }
        buffer += Array((names.joined(separator: ",") + "\n").utf8)
        let codes = Self.codes.map { Array($0.utf8) }
        for i in 0..<persons {
            buffer += Array("b\(i)".utf8)
            var code = next() % codes.count, left = 0
            for _ in 0..<weeks {
                if left == 0 { code = next() % codes.count; left = 1 + next() % 12 }
                left -= 1
                buffer.append(44)
                buffer += codes[code]
            }
            buffer.append(10)
            flush(w)
        }
        flush(w, force: true)
    }
}
