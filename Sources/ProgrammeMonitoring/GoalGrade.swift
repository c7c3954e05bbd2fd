// SPDX-License-Identifier: GPL-3.0-or-later

/// The grade of a unit's goal (the cross-cutting evaluation's målopfyldelsesgrad).
///
/// With attainment `r` (see `GoalAttainment`): **I+** r ≥ 1.5; **I** 0.9 ≤ r < 1.5; **DI**
/// 0.5 ≤ r < 0.9; **II** r < 0.5; **IO** not measured or measured differently. The seed prints
/// overlapping bands (90–150 %, 50–90 %); these half-open boundaries are the contract.
public enum GoalGrade: String, CaseIterable, Hashable, Sendable, Comparable {
    case exceeded = "I+"
    case met = "I"
    case partlyMet = "DI"
    case notMet = "II"
    case notMeasured = "IO"

    /// Best first: I+, I, DI, II, then IO.
    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// A goal's attainment as an exact ratio `numerator / denominator` (denominator ≥ 0), graded
/// without rounding.
public struct GoalAttainment: Hashable, Sendable {
    public let numerator: ExactDecimal
    public let denominator: ExactDecimal

    /// Attainment of `achieved` against `target` (> 0): `achieved / target`, or `target / achieved`
    /// when lower is better (`achieved` ≥ 0; 0 means the goal was beaten outright).
    public init(achieved: ExactDecimal, target: ExactDecimal, form: TargetForm) {
        precondition(target.millionths > 0, "a target is positive")
        if form.lowerIsBetter {
            precondition(achieved.millionths >= 0, "waiting days are not negative")
            (numerator, denominator) = (target, achieved)
        } else {
            (numerator, denominator) = (achieved, target)
        }
    }

    /// The ratio as a number (infinity for a zero denominator).
    public var ratio: Double { denominator.millionths == 0 ? .infinity : Double(numerator.millionths) / Double(denominator.millionths) }

    /// The grade, deciding each boundary `p/q ≤ r` as `q · numerator ≥ p · denominator` in integers.
    /// Complexity: O(1).
    public var grade: GoalGrade {
        let n = numerator.millionths, d = denominator.millionths
        if d == 0 { return .exceeded }
        func atLeast(_ p: Int, _ q: Int) -> Bool { q * n >= p * d }
        if atLeast(3, 2) { return .exceeded }
        if atLeast(9, 10) { return .met }
        if atLeast(1, 2) { return .partlyMet }
        return .notMet
    }
}
