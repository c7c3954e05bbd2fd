// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import TrialModel

/// Generates the synthetic JobFirst trial from a seed, following `JobFirstModel`.
///
/// Steps: stratum sizes (`JobFirstEnrolment`), a roster per stratum from its own sub-stream,
/// enrolment order by date, Effekt's permuted-block randomizer with the trial seed, then each
/// participant's 78 weeks from a sub-stream named by the participant's id (so one participant's
/// weeks do not depend on anyone else's). Complexity: O(participants × weeks).
struct JobFirstSimulator {
    let seed: UInt64
    /// Participants and weeks of follow-up; `.shipped` makes `Data/jobfirst` byte for byte.
    var size: JobFirstSize = .shipped
    /// Whether to render the CSV tables and README (false: `files` holds trial.toml only).
    var writesTables = true
    typealias M = JobFirstModel

    /// A participant before ids are given (they follow enrolment order).
    private struct Draft {
        let municipality: Int
        let benefit: BenefitType
        let indexInStratum: Int
        let day: Int
        let covariates: [String: CovariateValue]
    }

    static let covariateColumns = ["gender", "female", "age", "age_group", "origin",
                                   "prior_weeks_employed", "prior_weeks_self_supporting", "prior_weeks_sick"]

    func run() -> SimulatedTrial {
        let randomizer = try! StratifiedRandomizer(
            arms: [Arm(name: M.controlArm), Arm(name: M.treatedArm)], design: .permutedBlocks(blockSizes: M.blockSizes), seed: seed)
        var drafts = [Draft]()
        for benefit in [BenefitType.cashBenefit, .resourceProgramme] {
            let sizes = size.participants.map { JobFirstEnrolment.proportionalSizes(benefit: benefit, total: $0) }
                ?? JobFirstEnrolment.sizes(benefit: benefit, randomizer: randomizer)
            for (m, size) in sizes.enumerated() { drafts += draftStratum(municipality: m, benefit: benefit, size: size) }
        }
        // Enrolment order: date, then municipality, benefit, draw order (a total order).
        drafts.sort { a, b in
            if a.day != b.day { return a.day < b.day }
            if a.municipality != b.municipality { return a.municipality < b.municipality }
            if a.benefit != b.benefit { return a.benefit == .cashBenefit }
            return a.indexInStratum < b.indexInStratum
        }
        let participants = drafts.enumerated().map { k, d in
            Participant(id: ParticipantID(Self.id(k + 1)), municipality: M.municipalities[d.municipality].name,
                        benefit: d.benefit, enrolledOn: M.startDate.adding(days: d.day), covariates: d.covariates)
        }
        let assignments = randomizer.assign(
            participants.map { ($0.id, Stratum(values: [$0.municipality, $0.benefit.rawValue])) }, existing: [])
        let weeks = zip(zip(drafts, participants), assignments).map { pair, a in
            var course = JobFirstCourse(seed: seed, participant: pair.1, municipality: M.municipalities[pair.0.municipality],
                                        treated: a.arm == M.treatedArm, followUpWeeks: size.followUpWeeks)
            return course.weeks()
        }
        return SimulatedTrial(participants: participants, assignments: assignments, weeks: weeks,
                              files: writesTables ? files(participants: participants, assignments: assignments, weeks: weeks)
                                  : TrialFiles(files: [("trial.toml", Array(trialTOML.utf8))]))
    }

    static func id(_ k: Int) -> String {
        let s = String(k)
        return "jf" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// One stratum's participants: enrolment day and baseline covariates, independent of arm.
    private func draftStratum(municipality m: Int, benefit: BenefitType, size: Int) -> [Draft] {
        var g = SeededGenerator.substream(seed: seed, name: "jobfirst.roster.\(M.municipalities[m].name)|\(benefit.rawValue)")
        let prior = M.priorWeeks(benefit)
        func weeks(_ w: JobFirstModel.WeeksDistribution) -> Int { g.bernoulli(w.p) ? g.integer(in: 1...w.max) : 0 }
        return (0..<size).map { k in
            let day = g.uniform(below: M.enrolmentDays)
            let female = g.bernoulli(M.femaleShare(benefit))
            let group = draw(cumulative: M.ageGroupCumulative, u: g.unitInterval())
            let age = [g.integer(in: 30...39), g.integer(in: 40...49), g.integer(in: 50...64)][group]
            let origin = ["danish", "western", "non_western"][draw(cumulative: M.originCumulative(benefit), u: g.unitInterval())]
            let employed = weeks(prior.employed), selfSupporting = weeks(prior.selfSupporting), sick = weeks(prior.sick)
            return Draft(municipality: m, benefit: benefit, indexInStratum: k, day: day, covariates: [
                "gender": .category(female ? "female" : "male"),
                "female": .number(female ? 1 : 0),
                "age": .number(Double(age)),
                "age_group": .category(["30-39", "40-49", "50+"][group]),
                "origin": .category(origin),
                "prior_weeks_employed": .number(Double(employed)),
                "prior_weeks_self_supporting": .number(Double(selfSupporting)),
                "prior_weeks_sick": .number(Double(sick)),
            ])
        }
    }
}

/// The size of a generated JobFirst trial. `.shipped` is the published trial (4,856 participants
/// whose strata are tuned to the published arm sizes, 78 weeks) and reproduces `Data/jobfirst`;
/// any other participant count spreads that many participants over the 30 strata in proportion to
/// the nominal stratum sizes (no tuning to published arm sizes), for benchmarks at scale.
public struct JobFirstSize: Sendable, Equatable {
    /// Total participants; nil: the published sizes.
    public var participants: Int?
    /// Weeks of follow-up per participant (the outcome windows stay at weeks 40–52 and 66–78).
    public var followUpWeeks: Int

    public init(participants: Int?, followUpWeeks: Int) {
        self.participants = participants
        self.followUpWeeks = followUpWeeks
    }

    public static let shipped = JobFirstSize(participants: nil, followUpWeeks: JobFirstModel.followUpWeeks)
}

extension SyntheticTrialKind {
    /// A JobFirst trial of any size for `seed`, in memory. With `tables` false the CSV tables and
    /// README are not rendered and `files` holds trial.toml only (cheap at 100,000 participants).
    /// `jobFirst(seed: s, size: .shipped)` equals `SyntheticTrialKind.jobfirst.simulate(seed: s)`.
    public static func jobFirst(seed: UInt64, size: JobFirstSize, tables: Bool = true) -> SimulatedTrial {
        JobFirstSimulator(seed: seed, size: size, writesTables: tables).run()
    }
}
