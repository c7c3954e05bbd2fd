// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source file of a register import and its SHA-256.
public struct RegisterSource: Hashable, Sendable, Codable {
    public let file: String
    public let sha256: String
}

/// What one register import found.
public struct RegisterIntakeSummary: Hashable, Sendable, Codable {
    /// Enrolled participants with at least one weekly row.
    public let persons: Int
    /// Weekly rows written.
    public let weeks: Int
    /// Weeks after a participant's first absorbing exit that the extract still covers (people
    /// return in registers): skipped, not refused.
    public let weeksAfterExit: Int
    /// Participants with such weeks.
    public let personsWithWeeksAfterExit: Int
    /// Cells before the ISO week of enrolment or after follow-up (not trial weeks).
    public let cellsBeforeEnrolment: Int
    public let cellsAfterFollowUp: Int
    /// Enrolled participants in none of the sources.
    public let enrolledNotInExtract: Int
    /// Monthly hours that fell on weeks not recorded (before enrolment, after follow-up, after an
    /// exit, or in a week no extract covers): counted here, not stored.
    public let hoursNotRecorded: Double
    /// The register files, the code map and the hours file, with their SHA-256.
    public let sources: [RegisterSource]
}

/// Register-style weekly intake: wide extracts (one row per person, one column per ISO week, a
/// benefit code in each cell), a code map and optional monthly hours, turned into weekly.csv
/// rows (`id,week,paid_hours,activity,mentor,status`).
///
/// Rules (docs/DATA-FORMATS.md, "Register extracts"):
/// - week 1 is the ISO week of enrolment (`ISOWeek.trialWeek`); cells before it or after
///   follow-up are not trial weeks (counted);
/// - a blank cell means no benefit that week: the code map's `blank` entry; a week no source
///   has a column for is not recorded;
/// - several sources in one week: the code with the smallest `priority` wins (ties: the
///   earlier source); a blank gives way to any code;
/// - the first absorbing exit (moving away, disability pension) ends follow-up: later weeks the
///   extract still covers are skipped and counted, not refused;
/// - monthly hours are spread by `MonthlyHours`' weekday rule; a recorded week without hours has 0.
///
/// The first source is streamed row by row; further sources and the hours are held in memory
/// (O(their size)). Complexity: O(cells + persons × follow-up weeks).
public struct RegisterIntake: Sendable {
    public let codeMap: RegisterCodeMap
    public let pattern: RegisterColumnPattern
    public let encoding: RegisterEncoding
    public let followUpWeeks: Int
    /// Enrolled participants' enrolment dates, by id.
    public let enrolled: [String: CalendarDate]

    public init(codeMap: RegisterCodeMap, pattern: RegisterColumnPattern, encoding: RegisterEncoding, followUpWeeks: Int,
                enrolled: [String: CalendarDate]) {
        self.codeMap = codeMap
        self.pattern = pattern
        self.encoding = encoding
        self.followUpWeeks = followUpWeeks
        self.enrolled = enrolled
    }

    /// One source's week columns: field index and the week's Monday.
    struct Columns {
        var id = -1
        /// Per week column: its field index, its week's Monday and its name (kept apart, so the
        /// per-cell loops copy no strings).
        var fields = [Int](), mondays = [Int](), names = [String]()
        var count = 0
    }

    /// Reads `sources` (paths, with the names used in messages) and `hours`, and writes the
    /// weekly rows to `output`, opening with comment lines naming every source and its SHA-256.
    /// - Throws: `TrialModelError` naming file, line, column and value: a missing `id` column or
    ///   no week column, a week that does not exist (week 53 of a 52-week year), a week column
    ///   twice, an id twice in a source or not enrolled, a code not in the map, hours that spread
    ///   to more than 80 in a week.
    public func convert(sources: [(path: String, name: String)], hours: MonthlyHours?, output: String) throws -> RegisterIntakeSummary {
        precondition(!sources.isEmpty, "a register import needs at least one source")
        // Further sources in memory: id → codes per week column (−1 blank).
        var held = [(columns: Columns, rows: [String: [Int16]], sha: String)]()
        for s in sources.dropFirst() {
            var rows = [String: [Int16]]()
            var columns = Columns()
            let sha = try scan(s) { c in columns = c } row: { id, _, codes in rows[id] = codes }
            held.append((columns, rows, sha))
        }
        guard let out = fopen(output, "w") else { throw TrialModelError.unreadableFile(path: output, reason: "it cannot be written") }
        defer { fclose(out) }
        var writer = WeeklyWriter(file: out)
        var firstColumns = Columns()
        var seen = Set<String>()
        var persons = 0, weeks = 0, afterExit = 0, personsAfterExit = 0, before = 0, after = 0
        var hoursDropped = 0.0
        var code = [Int32](repeating: -3, count: followUpWeeks + 1)
        var paid = [Double](repeating: 0, count: followUpWeeks + 1)
        var spread = [Int: (weeks: [(monday: Int, weekdays: Int)], total: Int)]()
        // A person's weeks from every source, then the rows.
        func person(_ id: String, first: [Int16]?) throws {
            guard let enrolledOn = enrolled[id] else { return }
            let start = ISOWeek.monday(of: enrolledOn.daysSinceEpoch)
            for k in code.indices { code[k] = -3; paid[k] = 0 }
            func merge(_ columns: Columns, _ codes: [Int16]) {
                for j in columns.mondays.indices {
                    let k = (columns.mondays[j] - start) / 7 + 1
                    if k < 1 { before += 1; continue }
                    if k > followUpWeeks { after += 1; continue }
                    let v = Int32(codes[j]), e = code[k]
                    if e == -3 || e == -1 { code[k] = v }
                    else if v >= 0 && codeMap.codes[Int(v)].meaning.priority < codeMap.codes[Int(e)].meaning.priority { code[k] = v }
                }
            }
            if let first { merge(firstColumns, first) }
            for h in held { if let codes = h.rows[id] { merge(h.columns, codes) } }
            if let months = hours?.byPerson[id] {
                for m in months {
                    let s: (weeks: [(monday: Int, weekdays: Int)], total: Int)
                    if let cached = spread[m.month] { s = cached } else { s = MonthlyHours.weekdays(ofMonth: m.month); spread[m.month] = s }
                    for w in s.weeks {
                        let k = (w.monday - start) / 7 + 1
                        let share = m.hours * Double(w.weekdays) / Double(s.total)
                        if k >= 1 && k <= followUpWeeks { paid[k] += share } else { hoursDropped += share }
                    }
                }
            }
            var exited = false, skipped = 0, wrote = 0
            for k in 1...followUpWeeks {
                if code[k] == -3 { hoursDropped += paid[k]; continue }
                if exited { skipped += 1; hoursDropped += paid[k]; continue }
                let meaning = code[k] == -1 ? codeMap.blank : codeMap.codes[Int(code[k])].meaning
                let h = (paid[k] * 1e6).rounded() / 1e6
                if h > WeeklyFile.maximumHours, let months = hours?.byPerson[id] {
                    throw TrialModelError.invalidField(SourceLocation(file: hours!.path, line: months[0].line, column: "hours"),
                                                       value: "\(h) in week \(k)",
                                                       expected: "monthly hours of \(id) that spread to at most \(Int(WeeklyFile.maximumHours)) a week")
                }
                writer.row(id: id, week: k, hours: h, meaning: meaning)
                wrote += 1
                if meaning.status.isAbsorbingExit { exited = true }
            }
            if wrote > 0 { persons += 1 }
            weeks += wrote
            afterExit += skipped
            if skipped > 0 { personsAfterExit += 1 }
        }
        // The first lines name every source with its SHA-256, so the weekly import's own SHA-256
        // covers them (the first source is hashed in a pass of its own; it is streamed after).
        let firstDigest = try SHA256.hex(ofFileAt: sources[0].path, displayName: sources[0].name)
        var comment = ["# Weekly rows made by effekt import-register (week 1 = the ISO week of enrolment) from:",
                       "# \(sources[0].name) SHA-256 \(firstDigest)"]
        for (s, h) in zip(sources.dropFirst(), held) { comment.append("# \(s.name) SHA-256 \(h.sha)") }
        comment.append("# \(codeMap.path) SHA-256 \(codeMap.sha256)")
        if let hours { comment.append("# \(hours.path) SHA-256 \(hours.sha256)") }
        writer.comment(comment)
        let firstSHA = try scan(sources[0]) { c in firstColumns = c } row: { id, _, codes in
            seen.insert(id)
            try person(id, first: codes)
        }
        for h in held { for id in h.rows.keys.sorted() where !seen.contains(id) { seen.insert(id); try person(id, first: nil) } }
        writer.finish()
        var list = [RegisterSource(file: sources[0].name, sha256: firstSHA)]
        for (s, h) in zip(sources.dropFirst(), held) { list.append(RegisterSource(file: s.name, sha256: h.sha)) }
        list.append(RegisterSource(file: codeMap.path, sha256: codeMap.sha256))
        if let hours { list.append(RegisterSource(file: hours.path, sha256: hours.sha256)) }
        return RegisterIntakeSummary(persons: persons, weeks: weeks, weeksAfterExit: afterExit, personsWithWeeksAfterExit: personsAfterExit,
                                     cellsBeforeEnrolment: before, cellsAfterFollowUp: after,
                                     enrolledNotInExtract: enrolled.keys.filter { !seen.contains($0) }.count,
                                     hoursNotRecorded: hoursDropped, sources: list)
    }

    /// Scans one wide source: `header` once with its columns, then `row` per person with the
    /// code index per week column (−1 blank). Returns the file's SHA-256.
    func scan(_ source: (path: String, name: String), header: (Columns) throws -> Void,
              row: (String, Int, [Int16]) throws -> Void) throws -> String {
        var columns = Columns()
        var ids = [String: Int]()
        var codes = [Int16]()
        var scratch = [UInt8]()
        var lastCode = [UInt8](), lastIndex: Int16 = -1
        let name = source.name
        let (sha, _) = try CSVScanner.scan(path: source.path, displayName: name, strictText: encoding == .utf8) { line in
            if columns.count == 0 {
                columns.count = line.count
                var names = Set<String>()
                for j in 0..<line.count {
                    let text = encoding.string(line.field(j))
                    if text == "id" { columns.id = j; continue }
                    guard let yw = pattern.yearAndWeek(of: text) else { continue }
                    guard let w = ISOWeek(year: yw.year, week: yw.week) else {
                        throw TrialModelError.invalidField(SourceLocation(file: name, line: line.number, column: text), value: text,
                                                           expected: "an ISO week (\(yw.year) has \(ISOWeek.weeks(in: yw.year)) weeks)")
                    }
                    guard names.insert(w.description).inserted else { throw TrialModelError.duplicateColumn(file: name, line: line.number, column: text) }
                    columns.fields.append(j)
                    columns.mondays.append(w.mondayDay)
                    columns.names.append(text)
                }
                let headerText = (0..<line.count).map { encoding.string(line.field($0)) }.joined(separator: ",")
                if columns.id < 0 { throw TrialModelError.missingColumn(file: name, line: line.number, column: "id", header: headerText) }
                if columns.fields.isEmpty {
                    throw TrialModelError.missingColumn(file: name, line: line.number, column: "a week column (\(pattern))", header: headerText)
                }
                try header(columns)
                codes = [Int16](repeating: -1, count: columns.fields.count)
                return
            }
            guard line.count == columns.count else {
                throw TrialModelError.wrongFieldCount(SourceLocation(file: name, line: line.number), found: line.count, expected: columns.count)
            }
            let id = encoding.string(line.field(columns.id))
            if let first = ids[id] {
                throw TrialModelError.duplicateParticipant(SourceLocation(file: name, line: line.number, column: "id"), id: id, firstLine: first)
            }
            ids[id] = line.number
            guard enrolled[id] != nil else {
                throw TrialModelError.invalidField(SourceLocation(file: name, line: line.number, column: "id"), value: id,
                                                   expected: "the id of a participant enrolled in this trial")
            }
            for j in columns.fields.indices {
                let field = columns.fields[j]
                let cell = line.field(field)
                if cell.isEmpty { codes[j] = -1; continue }
                if cell.count == lastCode.count, lastCode.withUnsafeBufferPointer({ memcmpBytes($0, cell) }) { codes[j] = lastIndex; continue }
                let converted = encoding.utf8(cell, scratch: &scratch)
                let index: Int? = converted ? scratch.withUnsafeBufferPointer { codeMap.index(of: $0) } : codeMap.index(of: cell)
                guard let index else {
                    throw TrialModelError.invalidField(SourceLocation(file: name, line: line.number, column: columns.names[j]),
                                                       value: encoding.string(cell),
                                                       expected: "a code of the code map (or blank)")
                }
                lastCode = Array(cell)
                lastIndex = Int16(index)
                codes[j] = lastIndex
            }
            try row(id, line.number, codes)
        }
        if columns.count == 0 { throw TrialModelError.emptyFile(file: name) }
        return sha
    }
}

extension SHA256 {
    /// The SHA-256 of a file's bytes, read in 1 MiB chunks. Complexity: O(bytes); memory O(1).
    public static func hex(ofFileAt path: String, displayName: String) throws -> String {
        let f = try TrialFile.openForReading(path: path, displayName: displayName)
        defer { fclose(f) }
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n == 0 { break }
            chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return hasher.finalizeHex()
    }
}

/// Buffered writing of weekly.csv rows.
struct WeeklyWriter {
    let file: UnsafeMutablePointer<FILE>
    var buffer = [UInt8]()
    var headerWritten = false

    init(file: UnsafeMutablePointer<FILE>) {
        self.file = file
        buffer.reserveCapacity(1 << 20)
    }

    mutating func comment(_ lines: [String]) {
        for l in lines { buffer += Array(l.utf8); buffer.append(10) }
    }

    mutating func row(id: String, week: Int, hours: Double, meaning: RegisterCodeMap.Meaning) {
        if !headerWritten { buffer += Array("id,week,paid_hours,activity,mentor,status\n".utf8); headerWritten = true }
        buffer += id.utf8
        buffer.append(44)
        integer(week)
        buffer.append(44)
        let micro = Int(hours * 1e6 + 0.5)
        integer(micro / 1_000_000)
        var fraction = micro % 1_000_000
        if fraction > 0 {
            buffer.append(46)
            var digits = [UInt8](repeating: 48, count: 6)
            for i in stride(from: 5, through: 0, by: -1) { digits[i] = UInt8(48 + fraction % 10); fraction /= 10 }
            while digits.last == 48 { digits.removeLast() }
            buffer += digits
        }
        buffer.append(44)
        buffer += meaning.activity.rawValue.utf8
        buffer.append(44)
        buffer.append(meaning.mentor ? 49 : 48)
        buffer.append(44)
        buffer += meaning.status.rawValue.utf8
        buffer.append(10)
        if buffer.count > (1 << 20) - 256 { flush() }
    }

    mutating func integer(_ v: Int) {
        if v < 10 { buffer.append(UInt8(48 + v)); return }
        integer(v / 10)
        buffer.append(UInt8(48 + v % 10))
    }

    mutating func flush() {
        if !buffer.isEmpty { _ = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) } }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish() {
        if !headerWritten { buffer += Array("id,week,paid_hours,activity,mentor,status\n".utf8); headerWritten = true }
        flush()
    }
}
