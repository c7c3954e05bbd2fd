// SPDX-License-Identifier: GPL-3.0-or-later

/// Grade tables of the units' goals: per goal type and per organisation form, the number of goals
/// at each grade (preliminary grades counted with the others and also apart). Complexity: O(goals).
public struct GoalSummary: Sendable {
    /// Goals at each grade, in `GoalGrade.allCases` order.
    public struct Counts: Sendable, Equatable {
        public let byGrade: [Int]
        public let preliminary: Int
        public var total: Int { byGrade.reduce(0, +) }
        public func count(_ g: GoalGrade) -> Int { byGrade[GoalGrade.allCases.firstIndex(of: g)!] }

        init(_ goals: [UnitGoal]) {
            byGrade = GoalGrade.allCases.map { g in goals.filter { $0.grade == g }.count }
            preliminary = goals.filter(\.preliminary).count
        }
    }

    public let goals: [UnitGoal]
    /// Goal types with goals, in declaration order.
    public let byType: [(type: GoalType, counts: Counts)]
    /// Organisation forms with goals, in declaration order.
    public let byOrganisationForm: [(form: OrganisationForm, counts: Counts)]
    public let overall: Counts

    public init(goals: [UnitGoal], units: [PlacementUnit]) {
        self.goals = goals
        let form = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.organisationForm) })
        byType = GoalType.allCases.compactMap { t in
            let mine = goals.filter { $0.type == t }
            return mine.isEmpty ? nil : (t, Counts(mine))
        }
        byOrganisationForm = OrganisationForm.allCases.compactMap { f in
            let mine = goals.filter { form[$0.unit] == f }
            return mine.isEmpty ? nil : (f, Counts(mine))
        }
        overall = Counts(goals)
    }

    /// One unit's goals in file order.
    public func goals(of unit: String) -> [UnitGoal] { goals.filter { $0.unit == unit } }
}
