// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// Every count of persons a report set publishes or implies, across all its reports at once,
/// with the relations a reader knows between them, after primary and secondary suppression
/// (`CellSuppression`).
///
/// Relations:
/// - CONSORT, per scope and arm: randomized = followed up + Σ lost (by reason); per scope:
///   enrolled = Σ randomized + not randomized.
/// - A 0/1 or categorical baseline level, and a person-level 0/1 outcome: with + without = N.
/// - The same population counted twice (Kaplan–Meier N and randomized; an outcome's
///   denominator and randomized; a site's N and its municipality report's N): equal.
/// - Step curves and risk tables (`addCurves`): a curve drawn at a week reveals its cumulative
///   events there, a risk table its number at risk; two of them in one row reveal the persons
///   in between (implied counts, for every pair of weeks where some report's difference is
///   1 … threshold − 1).
/// - Across reports: the whole trial = Σ benefit types, a benefit type = Σ its municipalities,
///   for every additive count.
///
/// Reports render counts through `text(_:value:)`; statistics that reveal a count (a share of
/// persons) ask `isHidden`. Organisations (municipalities, units) are not persons and are never
/// suppressed.
public struct DisclosureLedger: Sendable {
    public let threshold: Int
    private let cells: [PublishedCount: Int]
    private let values: [Int]
    private let states: [CellSuppression.State]
    /// Sensitive counts the rule could not protect (empty for every report set Effekt writes;
    /// `effekt report --disclosure-check` fails when not).
    public let unprotected: [PublishedCount]

    public init(results: AnalysisResults) {
        threshold = results.methods.policy.minPersons
        var builder = Builder()
        for cell in results.cells { builder.add(cell, results: results) }
        builder.addStepDifferences(threshold: results.methods.policy.minPersons)
        builder.addHierarchy(results.cells.map(\.scope))
        let problem = CellSuppression(values: builder.values, implied: builder.keys.indices.map { builder.keys[$0].quantity.isImplied || builder.undrawn.contains($0) },
                                      relations: builder.relations, threshold: threshold,
                                      cost: builder.keys.indices.map { Self.cost(builder.keys[$0], value: builder.values[$0]) })
        let solved = problem.solve()
        cells = builder.index
        values = builder.values
        states = solved.states
        unprotected = solved.unprotected.map { builder.keys[$0] }
    }

    /// What hiding a count costs a reader: detail before totals (a municipality's count before a
    /// benefit type's, before the whole trial's), and the arms' sizes and N last.
    static func cost(_ key: PublishedCount, value: Int) -> Int {
        let level: Int
        switch key.scope.level {
        case .municipalityBenefit: level = 1
        case .benefit: level = 50
        case .overall: level = 2_500
        }
        let weight: Int
        switch key.quantity {
        case .enrolled, .randomized, .estimateN, .survivalN, .observed, .outcomeObserved, .hazardRows, .hazardPersons: weight = 20
        default: weight = 1
        }
        return value.multipliedReportingOverflow(by: level * weight).overflow ? Int.max - 1 : value * level * weight
    }

    /// How a count is shown: printed, or hidden as sensitive ("< 5") or to protect another (".."),
    /// or implied (never printed).
    public func state(_ key: PublishedCount) -> DisclosureState? { cells[key].map { states[$0] } }

    /// True when the count must not be printed or revealed by another number.
    public func isHidden(_ key: PublishedCount) -> Bool {
        guard let s = state(key) else { return false }
        return s == .primary || s == .secondary || (s == .implied && isSensitive(key))
    }

    private func isSensitive(_ key: PublishedCount) -> Bool {
        guard let i = cells[key] else { return false }
        return values[i] >= 1 && values[i] < threshold
    }

    /// Every counted key with its value and state (for audits and tests).
    public var entries: [(key: PublishedCount, value: Int, state: DisclosureState)] {
        cells.map { ($0.key, values[$0.value], states[$0.value]) }.sorted { $0.value < $1.value }
    }
}

extension DisclosureLedger {
    /// Collects cells and relations.
    struct Builder {
        var keys = [PublishedCount]()
        var values = [Int]()
        var index = [PublishedCount: Int]()
        var relations = [[(cell: Int, coefficient: Int)]]()
        /// Step-curve and risk-table rows, for the differences a reader takes along them.
        var stepRows = [StepRow]()
        /// Cells of figures no report draws (too few events to draw faithfully): never printed,
        /// so implied — protected only where other counts would reveal them.
        var undrawn = Set<Int>()

        @discardableResult
        mutating func cell(_ scope: CellScope, _ q: PublishedCount.Quantity, _ value: Int) -> Int {
            let key = PublishedCount(scope: scope, quantity: q)
            if let i = index[key] { return i }
            index[key] = keys.count
            keys.append(key)
            values.append(value)
            return keys.count - 1
        }

        mutating func sum(_ total: Int, _ parts: [Int]) {
            relations.append([(total, 1)] + parts.map { ($0, -1) })
        }

        mutating func add(_ c: CellResults, results: AnalysisResults) {
            let s = c.scope, flow = c.consort
            var randomized = [String: Int]()
            for a in flow.randomized { randomized[a.arm] = cell(s, .randomized(arm: a.arm), a.count) }
            let enrolled = cell(s, .enrolled, flow.enrolled)
            let randomizedTotal = flow.randomized.reduce(0) { $0 + $1.count }
            sum(enrolled, Array(randomized.values) + [cell(s, .notRandomized, max(0, flow.enrolled - randomizedTotal))])
            for a in flow.randomized {
                let followed = cell(s, .followedUp(arm: a.arm), flow.followedUp.first { $0.arm == a.arm }?.count ?? 0)
                let lost = flow.lost.filter { $0.arm == a.arm }.map { cell(s, .lost(arm: a.arm, reason: $0.reason), $0.count) }
                sum(randomized[a.arm]!, [followed] + lost)
            }
            for row in c.balance {
                for arm in row.arms {
                    let observed = cell(s, .observed(covariate: row.covariate, arm: arm.arm), arm.n)
                    if let r = randomized[arm.arm], values[r] == arm.n { sum(r, [observed]) }
                    guard row.kind == .share, arm.mean.isFinite else { continue }
                    let with = Int((arm.mean * Double(arm.n)).rounded())
                    sum(observed, [cell(s, .withLevel(covariate: row.covariate, arm: arm.arm), with),
                                   cell(s, .withoutLevel(covariate: row.covariate, arm: arm.arm), arm.n - with)])
                }
            }
            for e in c.headline {
                cell(s, .estimateN(id: e.id), e.n)
                guard e.outcome.isPersonIndicator else { continue }
                for (arm, mean, n) in [(results.trial.controlArm, e.controlMean, e.controlN), (results.trial.treatedArm, e.treatedMean, e.treatedN)]
                where mean.isFinite {
                    let observed = cell(s, .outcomeObserved(id: e.id, arm: arm), n)
                    if let r = randomized[arm], values[r] == n { sum(r, [observed]) }
                    let with = Int((mean * Double(n)).rounded())
                    sum(observed, [cell(s, .withOutcome(id: e.id, arm: arm), with),
                                   cell(s, .withoutOutcome(id: e.id, arm: arm), n - with)])
                }
            }
            for set in c.survivalCurves {
                for arm in set.arms {
                    let n = cell(s, .survivalN(arm: arm.arm), arm.n)
                    if let r = randomized[arm.arm], values[r] == arm.n { sum(r, [n]) }
                    cell(s, .survivalEvents(arm: arm.arm), arm.events)
                }
            }
            for h in c.hazards {
                cell(s, .hazardRows(id: h.id), h.n)
                cell(s, .hazardEvents(id: h.id), h.events)
                let persons = cell(s, .hazardPersons(id: h.id), h.persons)
                if h.persons == h.n { sum(persons, [index[PublishedCount(scope: s, quantity: .hazardRows(id: h.id))]!]) }
            }
            addCurves(c, followUpWeeks: results.trial.followUpWeeks, minPersons: results.methods.policy.minPersons)
            if let sites = c.siteEffects {
                for site in sites.sites { cell(s, .siteN(municipality: site.municipality), site.n) }
            }
            for g in c.subgroups { cell(s, .subgroupN(variable: g.variable, level: g.level), g.n) }
            if let p = c.placement { addPlacement(p, scope: s, randomized: randomized) }
        }

        /// The whole trial = Σ benefit types; a benefit type = Σ its municipalities; a benefit
        /// type's site N = its municipality report's estimate N for the same estimate.
        mutating func addHierarchy(_ scopes: [CellScope]) {
            let benefits = scopes.filter { $0.level == .benefit }
            let overall = scopes.first { $0.level == .overall }
            var children = [(parent: CellScope, children: [CellScope])]()
            if let overall { children.append((overall, benefits)) }
            for b in benefits {
                children.append((b, scopes.filter { $0.level == .municipalityBenefit && $0.benefit == b.benefit }))
            }
            let byScope = Dictionary(grouping: keys.indices, by: { keys[$0].scope })
            for (parent, kids) in children where !kids.isEmpty {
                for i in byScope[parent] ?? [] {
                    // Only where the children count the same thing; a child without the key counts 0.
                    let parts = kids.compactMap { index[PublishedCount(scope: $0, quantity: keys[i].quantity)] }
                    if !parts.isEmpty { sum(i, parts) }
                }
            }
        }
    }
}
