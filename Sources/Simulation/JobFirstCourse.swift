// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import TrialModel

/// One JobFirst participant's weeks (78 in the shipped trial) under `JobFirstModel`: paid-hours chain, company courses,
/// mentor support and exits, drawn from the participant's own sub-stream.
struct JobFirstCourse {
    typealias M = JobFirstModel
    private var g: SeededGenerator
    private let benefit: BenefitType
    private let treated: Bool
    /// Weekly hazard of getting hours: control level and the treated arm's final level.
    private let entryControl: Double
    private let entryTreatedFinal: Double
    private let losing: Double
    private let initialHours: Double
    private let longCourseStart: Int?
    private let followUpWeeks: Int

    init(seed: UInt64, participant p: Participant, municipality m: JobFirstModel.Municipality, treated: Bool,
         followUpWeeks: Int = JobFirstModel.followUpWeeks) {
        self.followUpWeeks = followUpWeeks
        g = SeededGenerator.substream(seed: seed, name: "jobfirst.weeks." + p.id.rawValue)
        benefit = p.benefit
        self.treated = treated
        let rp = p.benefit == .resourceProgramme
        let c = m.controlShare / 100 * (rp ? M.resourceProgrammeShareFactor : 1)
        let t = c + m.effect / 100 * (rp ? M.resourceProgrammeEffectFactor : 1)
        let losingControl = M.losingHoursHazard, losingTreated = M.losingHoursHazard * M.losingHoursHazardRatio
        // Equilibrium of the two-state chain: share = entry / (entry + losing).
        let employed = p.covariates["prior_weeks_employed"]?.number ?? 0
        let meanEmployed = M.priorWeeks(p.benefit).employed.mean
        let older = p.covariates["age_group"] == .category("50+")
        let olderShare = 1 - M.ageGroupCumulative[1]
        let factor = (1 + M.priorEmploymentEffect * employed) / (1 + M.priorEmploymentEffect * meanEmployed)
            * (older ? M.olderFactor : 1) / (1 - olderShare * (1 - M.olderFactor))
        entryControl = factor * M.entryHazardTuning.control * c * losingControl / (1 - c)
        entryTreatedFinal = factor * M.entryHazardTuning.treated * t * losingTreated / (1 - t)
        losing = treated ? losingTreated : losingControl
        initialHours = M.initialHours.base + M.initialHours.perPriorWeek * employed
        // First long company course.
        var curve = treated ? M.longCourseCurve.treated : M.longCourseCurve.control
        if rp && !treated { curve = curve.map { ($0.week, $0.share * M.resourceProgrammeControlCourseFactor) } }
        let u = g.unitInterval()
        longCourseStart = u < curve.last!.share ? Self.inverse(curve, u) : nil
    }

    /// The week at cumulative share `u` of a piecewise-linear curve (rounded up, at least 1).
    static func inverse(_ curve: [(week: Double, share: Double)], _ u: Double) -> Int {
        for k in 1..<curve.count where u < curve[k].share {
            let (w0, s0) = curve[k - 1], (w1, s1) = curve[k]
            return max(1, Int((w0 + (u - s0) / (s1 - s0) * (w1 - w0)).rounded(.up)))
        }
        return Int(curve.last!.week)
    }

    /// The value of a piecewise-linear curve at `week`.
    static func value(_ curve: [(week: Double, share: Double)], at week: Double) -> Double {
        for k in 1..<curve.count where week <= curve[k].week {
            let (w0, s0) = curve[k - 1], (w1, s1) = curve[k]
            return s0 + (week - w0) / (w1 - w0) * (s1 - s0)
        }
        return curve.last!.share
    }

    mutating func weeks() -> [SimulatedWeek] {
        var rows = [SimulatedWeek]()
        rows.reserveCapacity(followUpWeeks)
        let hasMentor = g.bernoulli(treated ? M.mentorShare.treated : M.mentorShare.control)
        var hasHours = g.bernoulli(initialHours)
        var level = hasHours ? drawLevel() : 0
        var course: (kind: ActivityKind, until: Int)?
        for week in 1...followUpWeeks {
            // Absorbing exits.
            let exit = g.unitInterval()
            let pension = M.disabilityPensionHazard(benefit)
            if exit < pension + M.movedAwayHazard {
                let status: BenefitStatus = exit < pension ? .disabilityPension : .movedAway
                rows.append(SimulatedWeek(week: week, hoursTenths: 0, activity: .none, mentor: false, status: status))
                break
            }
            // Paid hours: the two-state chain.
            if week > 1 {
                if hasHours {
                    if g.bernoulli(losing) { hasHours = false }
                } else {
                    let ramp = Self.value(M.treatedRamp, at: Double(week))
                    let entry = treated ? entryControl + (entryTreatedFinal - entryControl) * ramp : entryControl
                    if g.bernoulli(entry) { hasHours = true; level = drawLevel() }
                }
            }
            // Company courses.
            if let c = course, c.until < week { course = nil }
            if week == longCourseStart {
                course = (g.bernoulli(M.wageSubsidyShare) ? .wageSubsidy : .internship, week + g.integer(in: M.longCourseWeeks) - 1)
            } else if course == nil && g.bernoulli(treated ? M.shortInternshipRate.treated : M.shortInternshipRate.control) {
                course = (.internship, week + g.integer(in: M.shortInternshipWeeks) - 1)
            }
            let hoursTenths = hasHours ? max(1, level * g.integer(in: 85...115) / 10) : 0
            let activity: ActivityKind
            if let c = course { activity = c.kind }
            else if hasHours { activity = .ordinaryJob }
            else { activity = g.bernoulli(M.otherActivityRate) ? .other : .none }
            let mentorRate = week <= 52 ? M.mentorWeekly.firstYear : M.mentorWeekly.after
            let mentor = hasMentor && g.bernoulli(mentorRate)
            let status: BenefitStatus = hasHours && level >= M.selfSupportingLevel ? .selfSupporting : .onBenefit
            rows.append(SimulatedWeek(week: week, hoursTenths: hoursTenths, activity: activity, mentor: mentor, status: status))
        }
        return rows
    }

    /// A spell's weekly hours level, in whole hours.
    private mutating func drawLevel() -> Int {
        var u = g.unitInterval()
        for band in M.hourLevels {
            if u < band.share { return g.integer(in: band.range) }
            u -= band.share
        }
        return g.integer(in: M.hourLevels.last!.range)
    }
}
