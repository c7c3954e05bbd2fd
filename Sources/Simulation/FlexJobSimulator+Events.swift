// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import TrialModel

extension FlexJobSimulator {
    /// The roster columns of the placed profile, drawn from their own sub-stream (so that the
    /// other columns keep their values): `sickness_benefit_before` and `judged_flex_job_right` (0/1).
    static let profileColumns = ["sickness_benefit_before", "judged_flex_job_right"]

    /// The profile of each participant with the published shares among those placed (exact
    /// counts, rounded) and the assumed shares among the others.
    func profile(courses: [Course], treated: [Bool]) -> [(sickness: Bool, judgedRight: Bool)] {
        var g = SeededGenerator.substream(seed: seed, name: "flexjob.profile")
        let n = courses.count
        var sickness = [Bool](repeating: false, count: n), right = [Bool](repeating: false, count: n)
        func give(_ people: [Int], share: Double, _ flag: inout [Bool]) {
            for i in g.sample(people, count: Int((Double(people.count) * share).rounded())) { flag[i] = true }
        }
        let placed = (0..<n).filter { courses[$0].flexStart != nil }, unplaced = (0..<n).filter { courses[$0].flexStart == nil }
        give(placed.filter { !treated[$0] }, share: M.placedFromSickness.control, &sickness)
        give(placed.filter { treated[$0] }, share: M.placedFromSickness.treated, &sickness)
        give(unplaced, share: M.unplacedFromSickness, &sickness)
        give(placed.filter { !treated[$0] }, share: M.placedJudgedRight.control, &right)
        give(placed.filter { treated[$0] }, share: M.placedJudgedRight.treated, &right)
        give(unplaced, share: M.unplacedJudgedRight, &right)
        return (0..<n).map { (sickness[$0], right[$0]) }
    }

    /// The Monday of trial week `w` plus `day` days (everybody was enrolled on a Monday).
    static func date(week w: Int, day: Int = 0) -> CalendarDate {
        M.enrolmentDate.adding(days: 7 * (w - 1) + day)
    }

    /// The placement events of every participant, in roster order and each in time order:
    /// referrals of the other-actor arm at enrolment, the internship/work trial before a flex
    /// job, the flex jobs with who created them and their employer and subsidy (exact published
    /// counts), their ends, the send-back before the municipality's job for `referredBack`, a few
    /// send-backs returned to the provider, and the end classification of those still waiting.
    func events(ids: [ParticipantID], courses: [Course], treated: [Bool], referredBack: Int) -> [PlacementEvent] {
        var g = SeededGenerator.substream(seed: seed, name: "flexjob.events")
        let n = courses.count
        let starters = (0..<n).filter { courses[$0].flexStart != nil }
        // Employers: exact counts of the small private firms, the rest by weight.
        var employers = [(EmployerSector, EmployerSizeBand)]()
        employers += Array(repeating: (.private, .under10), count: M.smallPrivateJobs.under10)
        employers += Array(repeating: (.private, .from10To49), count: M.smallPrivateJobs.from10To49)
        let weights = M.otherEmployers.map(\.weight).reduce(0, +)
        while employers.count < starters.count {
            var u = g.uniform(below: weights)
            let e = M.otherEmployers.first { u -= $0.weight; return u < 0 }!
            employers.append((e.sector, e.size))
        }
        employers = g.sample(employers, count: employers.count)
        // Half subsidy: exact counts per arm among the jobs the arm's own placer created.
        var half = Set<Int>()
        half.formUnion(g.sample(starters.filter { !treated[$0] }, count: M.halfSubsidyJobs.control))
        half.formUnion(g.sample(starters.filter { treated[$0] && $0 != referredBack }, count: M.halfSubsidyJobs.treated))
        // Send-backs returned to the provider: other-actor participants who never start a flex job
        // and never leave.
        let returnedCandidates = (0..<n).filter { treated[$0] && courses[$0].flexStart == nil && courses[$0].exit == nil }
        let returned = Set(g.sample(returnedCandidates, count: M.returnedSendBacks))
        // End classifications of those still waiting at the end, exact counts.
        let waiting = (0..<n).filter { Self.finalStatus(courses[$0]) == .flexjobWaitingBenefit }
        var classification = [Int: WaitingClassification]()
        var pool = g.sample(waiting, count: waiting.count)[...]
        for (c, count) in M.endClassifications { for _ in 0..<count { if let i = pool.popFirst() { classification[i] = c } } }

        var out = [PlacementEvent]()
        var employer = employers.makeIterator()
        for i in 0..<n {
            let c = courses[i], id = ids[i]
            var mine = [PlacementEvent]()
            func add(_ date: CalendarDate, _ detail: PlacementEvent.Detail) { mine.append(PlacementEvent(participant: id, date: date, detail: detail)) }
            if treated[i] { add(Self.date(week: 1), .referral) }
            if let trial = c.workTrial {
                add(Self.date(week: trial.lowerBound, day: g.integer(in: 0...2)), g.bernoulli(0.5) ? .internshipStart : .workTrialStart)
            }
            if returned.contains(i) {
                let week = g.integer(in: 8...24)
                add(Self.date(week: week, day: 1), .sendBack(reason: "sick leave"))
                add(Self.date(week: week + g.integer(in: M.returnAfterWeeks), day: 1), .returnToProvider)
            }
            if let start = c.flexStart {
                if i == referredBack {
                    add(Self.date(week: max(1, start - g.integer(in: M.sendBackWeeksBefore)), day: 3), .sendBack(reason: M.sendBackReason))
                }
                let (sector, size) = employer.next()!
                let creator: JobCreator = treated[i] && i != referredBack ? .provider : .municipality
                add(Self.date(week: start, day: g.integer(in: 0...4)),
                    .flexJobStart(FlexJobAttributes(createdBy: creator, sector: sector, sizeBand: size, subsidy: half.contains(i) ? .half : .twoThirds)))
                if let end = c.flexEnd { add(Self.date(week: end), .flexJobEnd) }
            }
            if let k = classification[i] { add(Self.date(week: M.followUpWeeks, day: 4), .endClassification(k)) }
            out += PlacementCourse.ordered(mine)
        }
        return out
    }
}
