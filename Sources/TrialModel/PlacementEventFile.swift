// SPDX-License-Identifier: GPL-3.0-or-later

/// The events of an events.csv, read and checked field by field (not yet against the store).
public struct PlacementEventFile: Sendable {
    public let events: [PlacementEvent]
    /// SHA-256 of the file's bytes.
    public let sha256: String

    /// The header of events.csv.
    public static let columns = ["id", "date", "event", "created_by", "sector", "size_band", "subsidy", "reason", "classification"]

    public init(events: [PlacementEvent], sha256: String) {
        self.events = events
        self.sha256 = sha256
    }

    /// Reads `path` (comment lines starting with `#` before the header are skipped).
    ///
    /// Refuses, naming file, line, column and value: a missing column, a row with the wrong
    /// number of fields, an empty id, a date that is not `YYYY-MM-DD`, an unknown event code; for a
    /// `flex_job_start` a missing or unknown `created_by`, `sector`, `size_band` or `subsidy`; for a
    /// `send_back` an empty `reason`; for an `end_classification` a missing or unknown
    /// `classification`; and any of these fields given for an event that has none. A file
    /// without data rows is refused. Complexity: O(bytes).
    public static func read(path: String, displayName: String? = nil) throws -> PlacementEventFile {
        let name = displayName ?? path
        var header = [String](), index = [Int](), headerLine = 0
        var events = [PlacementEvent]()
        let result = try CSVScanner.scan(path: path, displayName: name) { line in
            if header.isEmpty {
                header = (0..<line.count).map { line.string($0) }
                headerLine = line.number
                index = try columns.map { c in
                    guard let i = header.firstIndex(of: c) else {
                        throw TrialModelError.missingColumn(file: name, line: line.number, column: c, header: header.joined(separator: ","))
                    }
                    return i
                }
                return
            }
            guard line.count == header.count else {
                throw TrialModelError.wrongFieldCount(SourceLocation(file: name, line: line.number), found: line.count, expected: header.count)
            }
            let f = index.map { line.string($0) }
            func fail(_ k: Int, _ expected: String) -> TrialModelError {
                .invalidField(SourceLocation(file: name, line: line.number, column: columns[k]), value: f[k], expected: expected)
            }
            func code<T: RawRepresentable & CaseIterable>(_ k: Int, _ type: T.Type) throws -> T where T.RawValue == String {
                guard let v = T(rawValue: f[k]) else {
                    throw fail(k, "one of " + T.allCases.map(\.rawValue).joined(separator: ", ") + " for a \(f[2])")
                }
                return v
            }
            guard !f[0].isEmpty else { throw fail(0, "a participant id (it is empty)") }
            guard let date = CalendarDate(iso: f[1]) else { throw fail(1, "a date YYYY-MM-DD") }
            guard let kind = PlacementEventKind(rawValue: f[2]) else {
                throw fail(2, "an event code (" + PlacementEventKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            let detail: PlacementEvent.Detail
            var used = Set<Int>()
            switch kind {
            case .referral: detail = .referral
            case .internshipStart: detail = .internshipStart
            case .workTrialStart: detail = .workTrialStart
            case .flexJobEnd: detail = .flexJobEnd
            case .returnToProvider: detail = .returnToProvider
            case .flexJobStart:
                detail = .flexJobStart(FlexJobAttributes(createdBy: try code(3, JobCreator.self), sector: try code(4, EmployerSector.self),
                                                         sizeBand: try code(5, EmployerSizeBand.self), subsidy: try code(6, WageSubsidy.self)))
                used = [3, 4, 5, 6]
            case .sendBack:
                guard !f[7].isEmpty else { throw fail(7, "the reason for a send_back (it is empty)") }
                detail = .sendBack(reason: f[7])
                used = [7]
            case .endClassification:
                detail = .endClassification(try code(8, WaitingClassification.self))
                used = [8]
            }
            if let k = (3...8).first(where: { !used.contains($0) && !f[$0].isEmpty }) {
                throw fail(k, "an empty field: a \(kind.rawValue) has no \(columns[k])")
            }
            events.append(PlacementEvent(participant: ParticipantID(f[0]), date: date, detail: detail, line: line.number))
        }
        if header.isEmpty { throw TrialModelError.emptyFile(file: name) }
        if result.lines == 0 { throw TrialModelError.noDataRows(file: name, headerLine: headerLine) }
        return PlacementEventFile(events: events, sha256: result.sha256)
    }

    /// The text of an events.csv holding `events` in the given order, with `comments` (without
    /// their `# `) before the header.
    public static func text(_ events: [PlacementEvent], comments: [String] = []) -> String {
        var out = comments.map { "# \($0)\n" }.joined() + columns.joined(separator: ",") + "\n"
        for e in events {
            let fields = [e.participant.rawValue, e.date.description, e.kind.rawValue] + e.optionalFields
            out += fields.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : $0 }
                .joined(separator: ",") + "\n"
        }
        return out
    }
}
