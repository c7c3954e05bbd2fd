// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension DisclosureLedger.Builder {
    /// A row of counts along weeks that a reader can difference: a step curve's cumulative
    /// events at the curve weeks, or a risk table's numbers at risk at the axis ticks.
    struct StepRow {
        enum Kind { case curve(String), risk(String) }
        let scope: CellScope
        let kind: Kind
        let arm: String
        let weeks: [Int]
        /// Ledger cells, one per week.
        let cells: [Int]

        /// The family a row belongs to across scopes (same figure, same arm).
        var family: String {
            switch kind {
            case .curve(let curve): return "curve \(curve) \(arm)"
            case .risk(let outcome): return "risk \(outcome) \(arm)"
            }
        }

        /// The implied count between weeks `from` and `to` of this row.
        func between(_ from: Int, _ to: Int) -> PublishedCount.Quantity {
            switch kind {
            case .curve(let curve): return .curveEventsBetween(curve: curve, arm: arm, from: from, to: to)
            case .risk(let outcome): return .leftRiskBetween(outcome: outcome, arm: arm, from: from, to: to)
            }
        }
    }

    /// The counts a cell's Kaplan–Meier and cumulative-incidence figures reveal: cumulative
    /// events at every curve week (`DisclosureControl.curveWeeks`) per arm (and cause), and the
    /// numbers at risk at every tick of the week axis (`SVGChart.weekTicks`). A Kaplan–Meier
    /// arm's events at the last week equal its table's events, and its number at risk at week 0
    /// its N, when they are the same number. The counts of a figure that is not drawn (too few
    /// events to draw it faithfully even alone), and of the weeks at which a drawn curve does not step
    /// when drawn alone (`DisclosureControl.drawnWeeks`), are implied.
    mutating func addCurves(_ c: CellResults, followUpWeeks: Int, minPersons: Int) {
        let s = c.scope
        let weeks = DisclosureControl.curveWeeks(followUpWeeks: followUpWeeks)
        let maxLag = DisclosureControl.maxStepLag(followUpWeeks: followUpWeeks)
        let ticks = SVGChart.weekTicks(Double(followUpWeeks)).map { Int($0.rounded()) }
        func drawnWeeks(_ points: [(time: Double, events: Int)]) -> Set<Int>? {
            DisclosureControl.drawnWeeks(points, weeks: weeks, minPersons: minPersons, maxLag: maxLag)
        }
        for set in c.survivalCurves {
            let curve = StepCurveID.survival(set.outcome).key
            // A Kaplan–Meier figure is drawn whole or not at all (StepCurveChart).
            let steps = set.arms.map { $0.n < minPersons ? [] : drawnWeeks($0.points.map { ($0.time, $0.events) }) }
            let drawn = !steps.contains { $0 == nil }
            for (arm, armSteps) in zip(set.arms, steps) {
                let shown = drawn && arm.n >= minPersons
                let cumulative = Self.cumulative(arm.points.map { ($0.time, $0.events) }, at: weeks)
                let cells = zip(weeks, cumulative).map { cell(s, .curveEvents(curve: curve, arm: arm.arm, week: $0), $1) }
                stepRows.append(StepRow(scope: s, kind: .curve(curve), arm: arm.arm, weeks: weeks, cells: cells))
                let events = cell(s, .survivalEvents(arm: arm.arm), arm.events)
                if let last = cells.last, values[last] == arm.events { sum(events, [last]) }
                let sorted = arm.points.sorted { $0.time < $1.time }
                let atRisk = ticks.compactMap { t in sorted.first { $0.time >= Double(t) - 1e-9 }.map { (t, $0.nRisk) } }
                let riskCells = atRisk.map { cell(s, .atRisk(outcome: set.outcome.rawValue, arm: arm.arm, week: $0.0), $0.1) }
                stepRows.append(StepRow(scope: s, kind: .risk(set.outcome.rawValue), arm: arm.arm, weeks: atRisk.map(\.0), cells: riskCells))
                let n = cell(s, .survivalN(arm: arm.arm), arm.n)
                if let first = riskCells.first, atRisk.first?.0 == 0, values[first] == arm.n { sum(n, [first]) }
                if !shown { undrawn.formUnion(cells + riskCells) }
                else { undrawn.formUnion(zip(weeks, cells).filter { !(armSteps ?? []).contains($0.0) }.map(\.1)) }
            }
        }
        let armSizes = Dictionary(c.consort.randomized.map { ($0.arm, $0.count) }, uniquingKeysWith: { a, _ in a })
        for set in c.cumulativeIncidence {
            let causes = set.arms.flatMap { $0.causes.map(\.cause) }.uniqued()
            for causeName in causes {
                let curve = StepCurveID.incidence(set.outcome, cause: causeName).key
                let arms = set.arms.compactMap { arm in arm.causes.first { $0.cause == causeName }.map { (arm.arm, $0) } }
                // A cause is drawn for every arm or for none (StepCurveChart).
                let steps = arms.map { arm, cause in
                    (armSizes[arm] ?? minPersons) < minPersons ? [] : drawnWeeks(cause.points.map { ($0.time, $0.events) })
                }
                let drawn = !steps.contains { $0 == nil }
                for ((arm, cause), armSteps) in zip(arms, steps) {
                    let cumulative = Self.cumulative(cause.points.map { ($0.time, $0.events) }, at: weeks)
                    let cells = zip(weeks, cumulative).map { cell(s, .curveEvents(curve: curve, arm: arm, week: $0), $1) }
                    stepRows.append(StepRow(scope: s, kind: .curve(curve), arm: arm, weeks: weeks, cells: cells))
                    // The last week's estimate is printed in the report's table even without the figure.
                    let shown = drawn && (armSizes[arm] ?? minPersons) >= minPersons ? armSteps ?? [] : []
                    undrawn.formUnion(zip(weeks, cells).dropLast().filter { !shown.contains($0.0) }.map(\.1))
                }
            }
        }
    }

    /// For every pair of weeks of a row family where some scope's difference is 1 … threshold − 1,
    /// the implied count in between, in every scope of the family, with larger = smaller + between (events grow, numbers at risk fall).
    /// (Pairs whose differences are 0 or at least the threshold in every report cannot expose a
    /// sensitive count and are left out, which keeps the ledger small.)
    mutating func addStepDifferences(threshold: Int) {
        for rows in Dictionary(grouping: stepRows, by: \.family).values {
            var pairs = Set<[Int]>()
            for row in rows {
                let v = row.cells.map { values[$0] }
                for i in v.indices {
                    for j in v.indices where j > i {
                        let d = abs(v[j] - v[i])
                        if d >= 1 && d < threshold { pairs.insert([row.weeks[i], row.weeks[j]]) }
                    }
                }
            }
            for row in rows {
                let index = Dictionary(uniqueKeysWithValues: zip(row.weeks, row.cells))
                for pair in pairs.sorted(by: { ($0[0], $0[1]) < ($1[0], $1[1]) }) {
                    guard let a = index[pair[0]], let b = index[pair[1]] else { continue }
                    let (smaller, larger) = values[a] <= values[b] ? (a, b) : (b, a)
                    let between = cell(row.scope, row.between(pair[0], pair[1]), values[larger] - values[smaller])
                    sum(larger, [smaller, between])
                }
            }
        }
    }

    /// Cumulative counts at each of `weeks` from (time, count in the interval ending at time).
    static func cumulative(_ points: [(time: Double, events: Int)], at weeks: [Int]) -> [Int] {
        let sorted = points.sorted { $0.time < $1.time }
        var out = [Int](), k = 0, total = 0
        for w in weeks {
            while k < sorted.count && sorted[k].time <= Double(w) + 1e-9 { total += sorted[k].events; k += 1 }
            out.append(total)
        }
        return out
    }
}
