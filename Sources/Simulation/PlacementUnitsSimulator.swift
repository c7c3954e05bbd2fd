// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring
import Randomization
import TrialModel

/// Synthetic placement units, 2001–2006: 36 units with two years of support each, registered
/// cases of the 20 units in the Defgo extract, and the goals of every unit, drawn from a seed and
/// calibrated to `PlacementUnitsModel` (which cites the seeds).
///
/// Each part draws from its own named substream, so the units do not change when the case model
/// does. Complexity: O(cases).
public struct PlacementUnitsSimulator: Sendable {
    public let seed: UInt64

    public init(seed: UInt64 = PlacementUnitsModel.shippedSeed) { self.seed = seed }

    public func simulate() -> (units: [PlacementUnit], cases: [RegisteredCase], goals: [UnitGoal]) {
        let units = makeUnits()
        return (units, makeCases(units), makeGoals(units))
    }

    func makeUnits() -> [PlacementUnit] {
        var g = SeededGenerator.substream(seed: seed, name: "placement-units/units")
        let first = CalendarDate(iso: "2001-11-01")!, last = CalendarDate(iso: "2004-12-01")!
        let extractFirst = CalendarDate(iso: "2002-07-01")!, extractLast = CalendarDate(iso: "2004-06-01")!
        return PlacementUnitsModel.units.enumerated().map { i, spec in
            // The first unit (Horsens, November 2001) and the last (Vestsønderjylland, December 2004)
            // are fixed by the summary; the others start on the first of a month in between (units
            // of the Defgo extract from mid-2002, so that their support overlaps the registration).
            let start: CalendarDate
            switch spec.name {
            case "Formidlingsenhed Horsens": start = first
            case "Formidlingsenheden Vestsønderjylland": start = last
            default:
                let (a, b) = spec.inExtract ? (extractFirst, extractLast) : (first, last)
                let months = (b.year - a.year) * 12 + b.month - a.month
                let m = a.month - 1 + g.integer(in: 0...months)
                start = CalendarDate(year: a.year + m / 12, month: m % 12 + 1, day: 1)!
            }
            let end = CalendarDate(year: start.year + 2, month: start.month, day: 1)!.adding(days: -1)
            let approach: UnitApproach = spec.inExtract ? (g.bernoulli(0.5) ? .both : .citizenDirected) : (g.bernoulli(0.4) ? .companyDirected : .both)
            return PlacementUnit(id: "fe\(i + 1 < 10 ? "0" : "")\(i + 1)", name: spec.name, organisationForm: spec.form,
                                 municipalities: spec.municipalities, supportStart: start, supportEnd: end, approach: approach)
        }
    }

    func makeCases(_ units: [PlacementUnit]) -> [RegisteredCase] {
        var g = SeededGenerator.substream(seed: seed, name: "placement-units/cases")
        let model = PlacementUnitsModel.self
        let periodStart = model.registrationStart, extract = model.extractDate
        var cases = [RegisteredCase]()
        func pick<T>(_ table: [(T, Double)]) -> T {
            var c = 0.0
            let cumulative = table.map { c += $0.1; return c / table.reduce(0) { $0 + $1.1 } }
            return table[draw(cumulative: cumulative, u: g.unitInterval())].0
        }
        for (spec, unit) in zip(model.units, units) where spec.inExtract {
            let from = max(unit.supportStart, periodStart), to = min(unit.supportEnd, CalendarDate(iso: "2005-12-31")!)
            guard from < to else { continue }
            let days = to.daysSinceEpoch - from.daysSinceEpoch + 1
            let count = g.integer(in: 120...360) * days / 730
            var contacts = (0..<count).map { _ in from.adding(days: g.uniform(below: days)) }
            contacts.sort()
            for contact in contacts {
                let half = Double(HalfYear(contact).index - HalfYear(periodStart).index) - 2.5
                let proposed = pick(model.proposals)
                var table = model.arrangements(for: proposed)
                let rise = model.sendBackRise * half
                table = table.map { $0.0 == .sentBack ? ($0.0, max(0, $0.1 + rise)) : $0 }
                let interruptedOtherwise = g.bernoulli(model.interruptionShare)
                let arranged = pick(table)
                // Days to the exit: placements of ordinary work and flex jobs take about as long; a
                // send-back of a flex-job candidate takes markedly longer.
                let twoUniforms = { (lo: Int, spread: Int) in lo + g.uniform(below: spread) + g.uniform(below: spread) }
                let exitDays: Int
                if interruptedOtherwise { exitDays = twoUniforms(15, 60) }
                else if arranged == .sentBack { exitDays = proposed == .flexJob ? twoUniforms(60, 120) : twoUniforms(25, 45) }
                else { exitDays = twoUniforms(14, 50) }
                let exitDate = contact.adding(days: exitDays)
                let municipality = unit.municipalities[g.uniform(below: unit.municipalities.count)]
                let source = pick(model.sources), benefit = pick(model.benefits(at: half))
                let reconsider = !interruptedOtherwise && arranged != .sentBack && proposed != .unknown && arranged != proposed
                var history = [RegisteredCase.StatusEntry(.inPlacement, contact)]
                let reconsiderDate = contact.adding(days: exitDays / 2)
                if reconsider, reconsiderDate <= extract { history.append(.init(.authorityReconsidering, reconsiderDate)) }
                var finalArranged: Intervention?, placement: CalendarDate?, expectedEnd: RegisteredCase.ExpectedEnd?
                if exitDate <= extract {
                    if interruptedOtherwise {
                        history.append(.init(.interrupted, exitDate))
                    } else if arranged == .sentBack {
                        history.append(.init(.interrupted, exitDate)); finalArranged = .sentBack; placement = exitDate
                    } else {
                        history.append(.init(.closed, exitDate)); finalArranged = arranged; placement = exitDate
                        switch arranged {
                        case .ordinaryWork, .flexJob, .shelteredJob, .jobRetention: expectedEnd = .openEnded
                        default: expectedEnd = .date(exitDate.adding(days: 91 + g.uniform(below: 92)))
                        }
                    }
                }
                cases.append(RegisteredCase(id: "k\(cases.count + 1)", unit: unit.id, contactSource: source, municipality: municipality,
                                            benefit: benefit, proposed: proposed, arranged: finalArranged, history: history,
                                            contactDate: contact, placementDate: placement, expectedEnd: expectedEnd))
            }
        }
        return cases
    }

    func makeGoals(_ units: [PlacementUnit]) -> [UnitGoal] {
        var g = SeededGenerator.substream(seed: seed, name: "placement-units/goals")
        let types = GoalType.allCases
        var goals = [UnitGoal]()
        for unit in units {
            // Every unit has 3–6 goals; a flex-job goal in most (the summary's core service).
            var chosen = g.bernoulli(0.7) ? [GoalType.flexJobs] : []
            let wanted = 3 + g.uniform(below: 4)
            chosen += g.sample(types.filter { $0 != .flexJobs }, count: wanted - chosen.count)
            let preliminary = unit.supportEnd > PlacementUnitsModel.extractDate
            for (k, type) in chosen.enumerated() {
                let form = PlacementUnitsModel.targetForm(type)
                let target: Int
                switch form {
                case .count: target = 10 + g.uniform(below: 290)
                case .growthPercent: target = 10 + g.uniform(below: 40)
                case .shareOfReferredPercent: target = 20 + g.uniform(below: 40)
                case .retentionPercent: target = 50 + g.uniform(below: 20)
                case .satisfactionPercent: target = 50 + g.uniform(below: 16)
                case .reductionPercent: target = 5 + g.uniform(below: 16)
                case .maxWaitingDays: target = 5 + g.uniform(below: 26)
                }
                let revised = g.bernoulli(0.1) ? max(1, target * (70 + g.uniform(below: 61)) / 100) : nil
                let graded = Double(revised ?? target)
                let u = g.unitInterval()
                let measurement: GoalMeasurement = u < 0.06 ? .none : u < 0.10 ? .deviating : .agreed
                let met = g.bernoulli(PlacementUnitsModel.goalOutcome[type] ?? 0.5)
                let r = met ? 0.92 + 0.8 * g.unitInterval() : (form == .reductionPercent ? -0.3 + 1.15 * g.unitInterval() : 0.05 + 0.8 * g.unitInterval())
                var achieved: ExactDecimal?
                if measurement != .none {
                    let x = form.lowerIsBetter ? graded / r : graded * r
                    let tenths = Int((x * 10).rounded())
                    achieved = ExactDecimal(millionths: (form == .count ? Int(x.rounded()) * 10 : tenths) * 100_000)
                }
                goals.append(UnitGoal(unit: unit.id, goal: "m\(k + 1)", type: type, targetForm: form, target: ExactDecimal(millionths: target * 1_000_000),
                                      revisedTarget: revised.map { ExactDecimal(millionths: $0 * 1_000_000) }, achieved: achieved,
                                      measurement: measurement, preliminary: preliminary))
            }
        }
        return goals
    }
}

extension PlacementUnitsModel {
    /// The benefit mix `half` half-years from the middle of 2003–2005: the share on flex-job
    /// waiting benefit rises and that on cash benefit falls slightly (the summary).
    static func benefits(at half: Double) -> [(BenefitAtContact, Double)] {
        benefits.map { b, p in
            switch b {
            case .flexJobWaitingBenefit: return (b, p + 0.012 * half)
            case .cashBenefit: return (b, p - 0.006 * half)
            default: return (b, p)
            }
        }
    }
}
