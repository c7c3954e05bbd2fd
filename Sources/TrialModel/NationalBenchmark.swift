// SPDX-License-Identifier: GPL-3.0-or-later

/// A national comparison figure shown beside a trial's arms: the share of the national target
/// group with a status at a month (a row of `benchmarks.csv`,
/// `id,description,status,month,percent,source`), e.g. the DREAM register's 9 % in a flex job after
/// 8 months.
public struct NationalBenchmark: Hashable, Sendable, Codable {
    public let id: String
    public let description: String
    /// The status whose share is compared (an absorbing exit counts from its week on).
    public let status: BenefitStatus
    /// Months since enrolment (1 ... 120).
    public let month: Int
    /// The national share in per cent, as published (text, so that it is written back unchanged).
    public let percent: String
    /// Where the figure comes from (register run, report and page).
    public let source: String

    public init(id: String, description: String, status: BenefitStatus, month: Int, percent: String, source: String) {
        self.id = id
        self.description = description
        self.status = status
        self.month = month
        self.percent = percent
        self.source = source
    }

    /// The national share, 0–1.
    public var share: Double { (Double(percent) ?? .nan) / 100 }

    /// The trial week of month `m`: `round(m × 52/12)` (8 months → week 35, 12 → week 52).
    public var week: Int { Int((Double(month) * 52 / 12).rounded()) }

    public static let columns = ["id", "description", "status", "month", "percent", "source"]

    /// Reads `benchmarks.csv` (comment lines starting with `#` before the header are skipped).
    /// Refuses, naming file, line, column and value: a missing column, a wrong field count, an
    /// empty id, an unknown status, a month outside 1...120, a percent outside 0...100, an id twice.
    public static func read(path: String) throws -> [NationalBenchmark] {
        var out = [NationalBenchmark](), seen = [String: Int]()
        try CSVScanner.scanColumns(path: path, columns) { f, line in
            func fail(_ k: Int, _ expected: String) -> TrialModelError {
                .invalidField(SourceLocation(file: path, line: line, column: columns[k]), value: f[k], expected: expected)
            }
            guard !f[0].isEmpty else { throw fail(0, "an id (it is empty)") }
            if let first = seen[f[0]] { throw fail(0, "a new id (it is already on line \(first))") }
            seen[f[0]] = line
            guard let status = BenefitStatus(rawValue: f[2]) else {
                throw fail(2, "a status code (\(BenefitStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let month = Int(f[3]), (1...120).contains(month) else { throw fail(3, "a month from 1 to 120") }
            guard let p = Double(f[4]), p >= 0, p <= 100 else { throw fail(4, "a percentage from 0 to 100") }
            out.append(NationalBenchmark(id: f[0], description: f[1], status: status, month: month, percent: f[4], source: f[5]))
        }
        return out
    }

    /// The text of a benchmarks.csv with `comment` (a full `# …` line) first.
    public static func csv(_ rows: [NationalBenchmark], comment: String) -> String {
        ([comment, columns.joined(separator: ",")] + rows.map { b in
            precondition(![b.id, b.description, b.percent, b.source].contains { $0.contains(",") || $0.contains("\"") },
                         "benchmarks.csv fields are written unquoted: \(b.id)")
            return [b.id, b.description, b.status.rawValue, String(b.month), b.percent, b.source].joined(separator: ",")
        }).joined(separator: "\n") + "\n"
    }
}
