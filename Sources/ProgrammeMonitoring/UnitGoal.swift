// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// One goal of a placement unit (a row of goals.csv) with its grade.
public struct UnitGoal: Sendable, Hashable {
    public let unit: String
    public let goal: String
    public let type: GoalType
    public let targetForm: TargetForm
    public let target: ExactDecimal
    public let revisedTarget: ExactDecimal?
    public let achieved: ExactDecimal?
    public let measurement: GoalMeasurement
    public let preliminary: Bool

    public init(unit: String, goal: String, type: GoalType, targetForm: TargetForm, target: ExactDecimal, revisedTarget: ExactDecimal? = nil,
                achieved: ExactDecimal?, measurement: GoalMeasurement = .agreed, preliminary: Bool = false) {
        self.unit = unit
        self.goal = goal
        self.type = type
        self.targetForm = targetForm
        self.target = target
        self.revisedTarget = revisedTarget
        self.achieved = achieved
        self.measurement = measurement
        self.preliminary = preliminary
    }

    public var category: GoalCategory { type.category }

    /// The target graded against: the revised one when there is one.
    public var gradedTarget: ExactDecimal { revisedTarget ?? target }

    /// Attainment against the graded target; nil when the goal was not measured as agreed.
    public var attainment: GoalAttainment? {
        guard measurement == .agreed, let achieved else { return nil }
        return GoalAttainment(achieved: achieved, target: gradedTarget, form: targetForm)
    }

    /// Attainment against the original target (shown next to the graded one when revised).
    public var originalAttainment: GoalAttainment? {
        guard measurement == .agreed, let achieved else { return nil }
        return GoalAttainment(achieved: achieved, target: target, form: targetForm)
    }

    public var grade: GoalGrade { attainment?.grade ?? .notMeasured }

    public static let columns = ["unit", "goal", "category", "type", "target_form", "target", "revised_target", "achieved",
                                 "measurement", "preliminary"]

    /// Reads goals.csv against the units read from units.csv (docs/DATA-FORMATS.md).
    ///
    /// Refuses, naming file, line, column and value: a unit not in `units`, a bad or repeated goal
    /// id within its unit, an unknown code, a type of another category, a target or revised target
    /// that is not a positive number, an achieved value that is not a number, `agreed` without an
    /// achieved value, `none` with one, and negative waiting days. Complexity: O(rows).
    public static func read(path: String, units: [PlacementUnit], displayName: String? = nil) throws -> [UnitGoal] {
        try read(path: path, unitIDs: Set(units.map(\.id)), displayName: displayName)
    }

    /// Reads goals.csv against the units `known` (those of units.csv, or of a monitoring store).
    public static func read(path: String, unitIDs known: Set<String>, displayName: String? = nil) throws -> [UnitGoal] {
        let file = try MonitoringRows(path: path, displayName: displayName, required: columns)
        var first = [String: Int]()
        return try file.rows.map { row in
            let unit = file.text(row, "unit")
            guard known.contains(unit) else { throw MonitoringError.unknownUnit(file.location(row, "unit"), unit: unit) }
            let goal = try file.identifier(row, "goal")
            if let line = first[unit + "/" + goal] {
                throw MonitoringError.duplicateRow(file.location(row, "goal"), key: unit + "/" + goal, firstLine: line)
            }
            first[unit + "/" + goal] = row.line
            let category: GoalCategory = try file.code(row, "category")
            let type: GoalType = try file.code(row, "type")
            guard type.category == category else { throw MonitoringError.typeOutsideCategory(file.location(row, "type"), type: type, category: category) }
            let form: TargetForm = try file.code(row, "target_form")
            func positive(_ column: String, _ x: ExactDecimal?) throws -> ExactDecimal? {
                if let x, x.millionths <= 0 { throw MonitoringError.invalidField(file.location(row, column), value: "\(x)", expected: "a number above 0") }
                return x
            }
            let target = try positive("target", try file.number(row, "target"))!
            let revised = try positive("revised_target", try file.optionalNumber(row, "revised_target"))
            let achieved = try file.optionalNumber(row, "achieved")
            let measurement: GoalMeasurement = try file.code(row, "measurement")
            switch (measurement, achieved) {
            case (.agreed, nil):
                throw MonitoringError.invalidField(file.location(row, "achieved"), value: "",
                                                   expected: "an achieved value (measurement is 'agreed'; write 'none' when it was not measured)")
            case (.none, .some(let a)):
                throw MonitoringError.invalidField(file.location(row, "achieved"), value: "\(a)",
                                                   expected: "empty (measurement is 'none')")
            default: break
            }
            if form.lowerIsBetter, let achieved, achieved.millionths < 0 {
                throw MonitoringError.invalidField(file.location(row, "achieved"), value: "\(achieved)", expected: "a number of days of 0 or more")
            }
            let preliminary: YesNo = try file.code(row, "preliminary")
            return UnitGoal(unit: unit, goal: goal, type: type, targetForm: form, target: target, revisedTarget: revised,
                            achieved: achieved, measurement: measurement, preliminary: preliminary == .yes)
        }
    }
}
