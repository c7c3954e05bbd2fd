// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// One assessment of a cooperation trial on one evaluation area at one point (a row of
/// assessments.csv).
public struct StagedAssessment: Sendable, Hashable {
    public let trial: String
    public let area: EvaluationArea
    public let point: AssessmentPoint
    public let level: AssessmentLevel
    public let note: String

    public init(trial: String, area: EvaluationArea, point: AssessmentPoint, level: AssessmentLevel, note: String = "") {
        self.trial = trial
        self.area = area
        self.point = point
        self.level = level
        self.note = note
    }

    public static let columns = ["trial", "area", "point", "level", "note"]

    /// Reads assessments.csv (docs/DATA-FORMATS.md): refuses, naming file, line, column and value,
    /// a bad trial id, an unknown area or point, a level that is not an integer 1–5, and a repeated
    /// (trial, area, point). Complexity: O(rows).
    public static func read(path: String, displayName: String? = nil) throws -> [StagedAssessment] {
        let file = try MonitoringRows(path: path, displayName: displayName, required: columns)
        var first = [String: Int]()
        return try file.rows.map { row in
            let trial = try file.identifier(row, "trial")
            let area: EvaluationArea = try file.code(row, "area")
            let point: AssessmentPoint = try file.code(row, "point")
            let key = "\(trial)/\(area.rawValue)/\(point.rawValue)"
            if let line = first[key] { throw MonitoringError.duplicateRow(file.location(row, "point"), key: key, firstLine: line) }
            first[key] = row.line
            let text = file.text(row, "level")
            guard let value = Int(text), let level = AssessmentLevel(rawValue: value) else {
                throw MonitoringError.invalidField(file.location(row, "level"), value: text, expected: "a level 1–5 of the ordinal scale")
            }
            return StagedAssessment(trial: trial, area: area, point: point, level: level, note: file.text(row, "note"))
        }
    }
}

/// Descriptive summary of the staged assessments per evaluation area: the distribution of levels
/// at each point, the median and mean level, and the change from baseline to final in levels.
///
/// Descriptive only, on purpose: the 12 trials are all the trials there were (a census, not a
/// sample), they were not assigned at random, the levels are one assessor's ordered categories
/// with no measurement error model, and with n = 12 per area a test would have little power and
/// invite reading its p-value as an effect. Complexity: O(rows).
public struct AssessmentSummary: Sendable {
    public struct Area: Sendable {
        public let area: EvaluationArea
        /// Trials assessed at each point.
        public let count: [AssessmentPoint: Int]
        /// `levels[point][level - 1]`: trials at each level.
        public let levels: [AssessmentPoint: [Int]]
        public let median: [AssessmentPoint: Double]
        public let mean: [AssessmentPoint: Double]
        /// Trials with both baseline and final, and their mean change in levels (final − baseline).
        public let pairedCount: Int
        public let meanChange: Double
        /// Trials that moved up, stayed, moved down between baseline and final.
        public let movedUp: Int
        public let unchanged: Int
        public let movedDown: Int
    }

    /// Distinct trials in the file.
    public let trialCount: Int
    /// Areas in declaration order.
    public let areas: [Area]

    public init(_ rows: [StagedAssessment]) {
        trialCount = Set(rows.map(\.trial)).count
        areas = EvaluationArea.allCases.compactMap { area in
            let mine = rows.filter { $0.area == area }
            guard !mine.isEmpty else { return nil }
            var count = [AssessmentPoint: Int](), levels = [AssessmentPoint: [Int]](), median = [AssessmentPoint: Double](), mean = [AssessmentPoint: Double]()
            for point in AssessmentPoint.allCases {
                let values = mine.filter { $0.point == point }.map(\.level.rawValue).sorted()
                count[point] = values.count
                levels[point] = AssessmentLevel.allCases.map { l in values.filter { $0 == l.rawValue }.count }
                guard !values.isEmpty else { continue }
                let m = values.count
                median[point] = m % 2 == 1 ? Double(values[m / 2]) : Double(values[m / 2 - 1] + values[m / 2]) / 2
                mean[point] = Double(values.reduce(0, +)) / Double(m)
            }
            var changes = [Int]()
            for trial in Set(mine.map(\.trial)) {
                let t = mine.filter { $0.trial == trial }
                if let b = t.first(where: { $0.point == .baseline }), let f = t.first(where: { $0.point == .final }) {
                    changes.append(f.level.rawValue - b.level.rawValue)
                }
            }
            return Area(area: area, count: count, levels: levels, median: median, mean: mean, pairedCount: changes.count,
                        meanChange: changes.isEmpty ? .nan : Double(changes.reduce(0, +)) / Double(changes.count),
                        movedUp: changes.filter { $0 > 0 }.count, unchanged: changes.filter { $0 == 0 }.count,
                        movedDown: changes.filter { $0 < 0 }.count)
        }
    }

    /// Areas by mean change, furthest moved first (ties in declaration order).
    public var byChange: [Area] {
        areas.enumerated().sorted { a, b in
            let x = a.element.meanChange.isNaN ? -.infinity : a.element.meanChange
            let y = b.element.meanChange.isNaN ? -.infinity : b.element.meanChange
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
    }
}
