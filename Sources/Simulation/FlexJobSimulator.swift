// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import TrialModel

/// Generates the synthetic flex-job trial from a seed, following `FlexJobModel`.
///
/// Every random choice comes from a named sub-stream of the seed (`SeededGenerator.substream`),
/// so changing one part of the model does not reshuffle the others. Complexity: O(240 × 52).
struct FlexJobSimulator {
    let seed: UInt64
    typealias M = FlexJobModel

    /// One participant's course through the year.
    struct Course {
        var flexStart: Int?
        var flexEnd: Int?          // first week back on waiting benefit
        var hoursTenths = 0
        var exit: (status: BenefitStatus, week: Int)?
        var workTrial: ClosedRange<Int>?
        var activity: ClosedRange<Int>?
    }

    private func stream(_ name: String) -> SeededGenerator {
        SeededGenerator.substream(seed: seed, name: "flexjob." + name)
    }

    func run() -> SimulatedTrial {
        // Roster skeleton and randomization (complete design within municipality, 30/30).
        let n = M.municipalities.count * M.perMunicipality
        let ids = (0..<n).map { ParticipantID(Self.id($0 + 1)) }
        let municipalityOf = (0..<n).map { $0 / M.perMunicipality }
        let strata = municipalityOf.map { Stratum(values: [M.municipalities[$0]]) }
        let randomizer = try! StratifiedRandomizer(
            arms: [Arm(name: M.controlArm), Arm(name: M.treatedArm)], design: .complete, seed: seed)
        let assignments = randomizer.assign(zip(ids, strata).map { ($0, $1) }, existing: [])
        let treated = assignments.map { $0.arm == M.treatedArm }

        var courses = [Course](repeating: Course(), count: n)
        let (controlStarters, treatedStarters, referredBack) = chooseStarters(treated: treated, municipalityOf: municipalityOf)
        timeFlexJobs(&courses, controlStarters: controlStarters, treatedStarters: treatedStarters, referredBack: referredBack,
                     municipalityOf: municipalityOf)
        giveOtherEndStates(&courses, treated: treated)
        addActivities(&courses)
        let profile = profile(courses: courses, treated: treated)
        let participants = zip(makeParticipants(ids: ids, municipalityOf: municipalityOf, courses: courses, treated: treated), profile).map { p, f in
            Participant(id: p.id, municipality: p.municipality, benefit: p.benefit, enrolledOn: p.enrolledOn,
                        covariates: p.covariates.merging(["sickness_benefit_before": .number(f.sickness ? 1 : 0),
                                                          "judged_flex_job_right": .number(f.judgedRight ? 1 : 0)]) { a, _ in a })
        }
        let weeks = courses.map(Self.weeks(of:))
        let events = events(ids: ids, courses: courses, treated: treated, referredBack: referredBack)
        return SimulatedTrial(participants: participants, assignments: assignments, weeks: weeks,
                              files: files(participants: participants, assignments: assignments, weeks: weeks, events: events,
                                           referredBack: ids[referredBack]))
    }

    static func id(_ k: Int) -> String {
        let s = String(k)
        return "fj" + String(repeating: "0", count: max(0, 3 - s.count)) + s
    }

    /// Flex-job starters per arm: the strong municipality places half its control group.
    private func chooseStarters(treated: [Bool], municipalityOf: [Int]) -> ([Int], [Int], Int) {
        var g = stream("starters")
        let m = M.municipalities.count
        func members(_ k: Int, treated t: Bool) -> [Int] {
            municipalityOf.indices.filter { municipalityOf[$0] == k && treated[$0] == t }
        }
        // Control: the strong municipality's share, the rest split as evenly as possible.
        var control = g.sample(members(M.strongMunicipality, treated: false), count: M.strongMunicipalityStarts)
        let others = g.sample((0..<m).filter { $0 != M.strongMunicipality }, count: m - 1)
        let rest = M.flexJobStarts.control - M.strongMunicipalityStarts
        for (k, municipality) in others.enumerated() {
            let count = rest / others.count + (k < rest % others.count ? 1 : 0)
            control += g.sample(members(municipality, treated: false), count: count)
        }
        // Other actors: the counted starts plus the one created by a municipality after referral back.
        let all = M.flexJobStarts.treated + 1
        var treatedStarters = [Int]()
        for (k, municipality) in g.sample(Array(0..<m), count: m).enumerated() {
            let count = all / m + (k < all % m ? 1 : 0)
            treatedStarters += g.sample(members(municipality, treated: true), count: count)
        }
        let referredBack = treatedStarters.remove(at: g.uniform(below: treatedStarters.count))
        return (control, treatedStarters, referredBack)
    }

    /// The week at cumulative share `u` of a piecewise-linear start curve (1 … follow-up).
    static func quantileWeek(_ curve: [(week: Double, share: Double)], _ u: Double) -> Int {
        for k in 1..<curve.count where u < curve[k].share || k == curve.count - 1 {
            let (w0, s0) = curve[k - 1], (w1, s1) = curve[k]
            let w = w0 + (u - s0) / (s1 - s0) * (w1 - w0)
            return min(M.followUpWeeks, max(1, Int(w.rounded(.up))))
        }
        return M.followUpWeeks
    }

    private func timeFlexJobs(_ courses: inout [Course], controlStarters: [Int], treatedStarters: [Int], referredBack: Int,
                              municipalityOf: [Int]) {
        var g = stream("timing")
        for (starters, curve) in [(controlStarters, M.startCurve.control), (treatedStarters, M.startCurve.treated)] {
            // Stratified quantiles (i + U)/n, then handed out in random order.
            let weeks = (0..<starters.count).map { Self.quantileWeek(curve, (Double($0) + g.unitInterval()) / Double(starters.count)) }
            for (person, week) in zip(g.sample(starters, count: starters.count), weeks) {
                courses[person].flexStart = week
            }
        }
        courses[referredBack].flexStart = g.integer(in: M.referredBackStartWeeks)
        for i in [referredBack] + controlStarters + treatedStarters {
            courses[i].hoursTenths = 10 * (g.bernoulli(M.halfTimeShare) ? g.integer(in: M.halfTimeHours) : g.integer(in: M.moreHours))
            if g.bernoulli(M.workTrialShare), let start = courses[i].flexStart, start > 1 {
                let length = min(start - 1, g.integer(in: M.workTrialWeeks))
                courses[i].workTrial = (start - length)...(start - 1)
            }
        }
        // Flex jobs that end within the project (never in the strong municipality).
        let latestStart = M.flexJobEndWeeks.upperBound - M.minimumFlexJobWeeks
        for (starters, count) in [(controlStarters, M.endedFlexJobs.control), (treatedStarters, M.endedFlexJobs.treated)] {
            let candidates = starters.filter { municipalityOf[$0] != M.strongMunicipality && courses[$0].flexStart! <= latestStart }
            for i in g.sample(candidates, count: count) {
                let earliest = max(courses[i].flexStart! + M.minimumFlexJobWeeks, M.flexJobEndWeeks.lowerBound)
                courses[i].flexEnd = g.integer(in: earliest...M.flexJobEndWeeks.upperBound)
            }
        }
    }

    /// Exact published end-state counts among those who never start a flex job.
    private func giveOtherEndStates(_ courses: inout [Course], treated: [Bool]) {
        var g = stream("end_states")
        for arm in [false, true] {
            let never = courses.indices.filter { treated[$0] == arm && courses[$0].flexStart == nil }
            var pool = g.sample(never, count: never.count)[...]
            for state in M.otherEndStates {
                for _ in 0..<(arm ? state.treated : state.control) {
                    courses[pool.removeFirst()].exit = (state.status, g.integer(in: M.exitWeeks))
                }
            }
        }
    }

    private func addActivities(_ courses: inout [Course]) {
        var g = stream("activities")
        for i in courses.indices where g.bernoulli(M.activityShare) {
            let start = g.integer(in: 1...40)
            courses[i].activity = start...(start + g.integer(in: M.activityWeeks) - 1)
        }
    }

    /// Status at the end of follow-up (or at the exit).
    static func finalStatus(_ c: Course) -> BenefitStatus {
        if let exit = c.exit { return exit.status }
        if c.flexStart != nil && c.flexEnd == nil { return .flexJob }
        return .flexjobWaitingBenefit
    }

    static func weeks(of c: Course) -> [SimulatedWeek] {
        var rows = [SimulatedWeek]()
        rows.reserveCapacity(M.followUpWeeks)
        for w in 1...M.followUpWeeks {
            if let exit = c.exit, w >= exit.week {
                let hours = exit.status == .selfSupporting ? M.selfSupportingHoursTenths : 0
                rows.append(SimulatedWeek(week: w, hoursTenths: hours, activity: hours > 0 ? .ordinaryJob : .none,
                                          mentor: false, status: exit.status))
                if exit.status.isAbsorbingExit { break }
                continue
            }
            if let start = c.flexStart, w >= start, w < (c.flexEnd ?? Int.max) {
                rows.append(SimulatedWeek(week: w, hoursTenths: c.hoursTenths, activity: .wageSubsidy, mentor: false, status: .flexJob))
                continue
            }
            let activity: ActivityKind = c.workTrial?.contains(w) == true ? .internship : c.activity?.contains(w) == true ? .other : .none
            rows.append(SimulatedWeek(week: w, hoursTenths: 0, activity: activity, mentor: false, status: .flexjobWaitingBenefit))
        }
        return rows
    }
}
