// SPDX-License-Identifier: GPL-3.0-or-later
import SurvivalAnalysis
import TrialModel

/// Time from contact to placement by proposed intervention, as cumulative incidence with
/// send-back and interruption as competing events (Aalen–Johansen, `SurvivalAnalysis`).
///
/// Each case contributes its days from `contact_date` to its exit (`RegisteredCase.exit`):
/// placed (1), sent back (2), interrupted otherwise (3); an open case is censored at the extract
/// date. The median time to placement is the first time the cumulative incidence of placement
/// reaches 0.5 (nil when it never does — placement competes with send-back, so it may not).
/// Complexity: O(n log n) per group.
public struct TimeToPlacement: Sendable {
    public struct Group: Sendable {
        public let proposed: Intervention
        public let curve: AalenJohansen.Curve
        /// Days until the cumulative incidence of placement first reaches 0.5.
        public let medianDaysToPlacement: Double?
        /// Final cumulative incidence of each exit, in `RegisteredCase.Exit` order.
        public let finalIncidence: [Double]
    }

    /// The outcome labels, in `RegisteredCase.Exit` order.
    public static let outcomes = RegisteredCase.Exit.allCases
    public let extractDate: CalendarDate
    public let groups: [Group]

    /// Groups with fewer than `minimumCases` cases or without any exit are left out.
    public init(_ cases: [RegisteredCase], extractDate: CalendarDate, minimumCases: Int = 1) throws {
        self.extractDate = extractDate
        let usable = Intervention.proposable.filter { p in
            let mine = cases.filter { $0.proposed == p }
            return mine.count >= minimumCases && mine.contains { $0.exit != nil }
        }
        let chosen = cases.filter { usable.contains($0.proposed) }
        guard !chosen.isEmpty else { groups = []; return }
        let (time, outcome) = Self.times(chosen, extractDate: extractDate)
        let codes = chosen.map { Int32(usable.firstIndex(of: $0.proposed)!) }
        let aj = try AalenJohansen(time: time, outcome: outcome, outcomeLabels: Self.outcomes.map { "\($0)" },
                                   groups: Grouping(codes: codes, labels: usable.map(\.rawValue)))
        groups = zip(usable, aj.curves).map { p, curve in
            let placed = curve.cumulativeIncidence[0]
            let median = placed.firstIndex { $0 >= 0.5 - 1e-12 }.map { curve.times[$0] }
            return Group(proposed: p, curve: curve, medianDaysToPlacement: median,
                         finalIncidence: curve.cumulativeIncidence.map { $0.last ?? 0 })
        }
    }

    /// Days after contact and outcome code (0 censored, then `Exit.rawValue`) per case.
    public static func times(_ cases: [RegisteredCase], extractDate: CalendarDate) -> (time: [Double], outcome: [Int]) {
        var time = [Double](), outcome = [Int]()
        for c in cases {
            if let exit = c.exit {
                time.append(Double(exit.days)); outcome.append(exit.kind.rawValue)
            } else {
                time.append(Double(max(0, extractDate.daysSinceEpoch - c.contactDate.daysSinceEpoch))); outcome.append(0)
            }
        }
        return (time, outcome)
    }
}
