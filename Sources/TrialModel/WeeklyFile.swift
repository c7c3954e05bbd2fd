// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One checked row of weekly.csv, handed out while the file is scanned. `id` points into the
/// scanner's buffer and is valid only during the callback.
public struct WeeklyRow {
    public let id: UnsafeBufferPointer<UInt8>
    public let week: Int
    public let paidHours: Double
    public let activity: ActivityKind
    public let mentor: Bool
    public let status: BenefitStatus
    /// 1-based file line.
    public let line: Int
}

/// Streaming reader of weekly.csv (`id,week,paid_hours,activity,mentor,status`, any order).
///
/// Parses the bytes directly (no per-field Strings) and checks each field: week within
/// 1...followUpWeeks, 0 ≤ paid_hours ≤ 80, known activity and status codes, mentor 0/1; a file
/// without data rows is refused, and text must be UTF-8 without control characters
/// (`CSVScanner`). Ids are not checked here (the store knows who is enrolled). Complexity: O(bytes).
public enum WeeklyFile {
    public static let requiredColumns = ["id", "week", "paid_hours", "activity", "mentor", "status"]
    /// The largest plausible number of paid hours in a week.
    public static let maximumHours = 80.0

    /// Scans `path`, calling `body` for every data row.
    /// - Returns: the file's SHA-256 and the number of data rows.
    @discardableResult
    /// `bytesRead` as in `CSVScanner.scan(path:…)`.
    public static func scan(path: String, followUpWeeks: Int, displayName: String? = nil, bytesRead: ((Int) -> Void)? = nil,
                            _ body: (WeeklyRow) throws -> Void) throws -> (sha256: String, rows: Int) {
        let name = displayName ?? path
        var header = [String]()
        var ix = [Int](repeating: 0, count: 6)
        var headerLine = 0
        let activities = ActivityKind.allCases.map { (Array($0.rawValue.utf8), $0) }
        let statuses = BenefitStatus.allCases.map { (Array($0.rawValue.utf8), $0) }
        func code<T>(_ b: UnsafeBufferPointer<UInt8>, _ table: [([UInt8], T)]) -> T? {
            for (bytes, value) in table where bytes.count == b.count {
                if bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, b.baseAddress!, b.count) }) == 0 { return value }
            }
            return nil
        }
        let result = try CSVScanner.scan(path: path, displayName: name, bytesRead: bytesRead) { line in
            if header.isEmpty {
                header = (0..<line.count).map { line.string($0) }
                headerLine = line.number
                for (k, c) in requiredColumns.enumerated() {
                    guard let i = header.firstIndex(of: c) else {
                        throw TrialModelError.missingColumn(file: name, line: line.number, column: c, header: header.joined(separator: ","))
                    }
                    ix[k] = i
                }
                return
            }
            guard line.count == header.count else {
                throw TrialModelError.wrongFieldCount(SourceLocation(file: name, line: line.number), found: line.count, expected: header.count)
            }
            func fail(_ k: Int, _ expected: String) -> TrialModelError {
                .invalidField(SourceLocation(file: name, line: line.number, column: requiredColumns[k]), value: line.string(ix[k]), expected: expected)
            }
            let id = line.field(ix[0])
            if id.isEmpty { throw fail(0, "a participant id (it is empty)") }
            guard let week = CSVField.int(line.field(ix[1])), week >= 1, week <= followUpWeeks else {
                throw fail(1, "a follow-up week within 1...\(followUpWeeks)")
            }
            guard let hours = CSVField.decimal(line.field(ix[2])), hours >= 0, hours <= maximumHours else {
                throw fail(2, "a number of paid hours from 0 to \(Int(maximumHours))")
            }
            guard let activity = code(line.field(ix[3]), activities) else {
                throw fail(3, "an activity code (\(ActivityKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let m = line.field(ix[4])
            guard m.count == 1, m[0] == 48 || m[0] == 49 else { throw fail(4, "0 or 1") }
            guard let status = code(line.field(ix[5]), statuses) else {
                throw fail(5, "a status code (\(BenefitStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            try body(WeeklyRow(id: id, week: week, paidHours: hours, activity: activity, mentor: m[0] == 49,
                               status: status, line: line.number))
        }
        if header.isEmpty { throw TrialModelError.emptyFile(file: name) }
        if result.lines == 0 { throw TrialModelError.noDataRows(file: name, headerLine: headerLine) }
        return (result.sha256, result.lines)
    }
}
