// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import TrialModel

extension FlexJobSimulator {
    /// The roster columns after `id,municipality,benefit,enrolled_on`.
    static let covariateColumns = ["gender", "female", "age", "age_group", "origin", "waited_weeks"] + profileColumns

    /// Baseline covariates with the published exact shares, tied to the outcomes as reported.
    func makeParticipants(ids: [ParticipantID], municipalityOf: [Int], courses: [Course], treated: [Bool]) -> [Participant] {
        var g = SeededGenerator.substream(seed: seed, name: "flexjob.population")
        let n = ids.count
        let final = courses.map(Self.finalStatus)
        // Age: everyone on flex-job retirement benefit is 60+; then the rest of the 60+, the fifties, 30–49.
        var ageGroup = [String](repeating: "", count: n)
        let retired = (0..<n).filter { final[$0] == .flexjobRetirementBenefit }
        for i in retired { ageGroup[i] = "60-64" }
        var open = g.sample((0..<n).filter { ageGroup[$0].isEmpty }, count: n - retired.count)[...]
        for _ in 0..<(M.inSixties - retired.count) { ageGroup[open.removeFirst()] = "60-64" }
        for _ in 0..<M.inFifties { ageGroup[open.removeFirst()] = "50-59" }
        while let i = open.popFirst() { ageGroup[i] = g.bernoulli(0.4) ? "30-39" : "40-49" }
        let age = ageGroup.map { group -> Int in
            let low = Int(group.prefix(2))!
            return g.integer(in: low...(group == "60-64" ? 64 : low + 9))
        }
        // Gender.
        var female = [Bool](repeating: false, count: n)
        for i in g.sample(Array(0..<n), count: M.women) { female[i] = true }
        // Origin: three quarters of the non-Western immigrants are still waiting at the end.
        var origin = [String](repeating: "danish", count: n)
        let waiting = (0..<n).filter { final[$0] == .flexjobWaitingBenefit }
        let notWaiting = (0..<n).filter { final[$0] != .flexjobWaitingBenefit }
        for i in g.sample(waiting, count: M.nonWesternStillWaiting) { origin[i] = "non_western" }
        for i in g.sample(notWaiting, count: M.nonWestern - M.nonWesternStillWaiting) { origin[i] = "non_western" }
        for i in g.sample((0..<n).filter { origin[$0] == "danish" }, count: M.western) { origin[i] = "western" }
        // Waiting time: other actors' flex jobs went more often to those who had waited long.
        var long = [Bool](repeating: false, count: n)
        let starters = (0..<n).filter { courses[$0].flexStart != nil }
        let controlStarters = starters.filter { !treated[$0] }, treatedStarters = starters.filter { treated[$0] }
        let longControl = Int((Double(controlStarters.count) * M.waitedLongShareOfStarters.control).rounded())
        let longTreated = Int((Double(treatedStarters.count) * M.waitedLongShareOfStarters.treated).rounded())
        for i in g.sample(controlStarters, count: longControl) { long[i] = true }
        for i in g.sample(treatedStarters, count: longTreated) { long[i] = true }
        for i in g.sample((0..<n).filter { courses[$0].flexStart == nil }, count: M.waitedLong - longControl - longTreated) { long[i] = true }
        let waited = long.map { g.integer(in: $0 ? M.longWaitWeeks : M.shortWaitWeeks) }

        return (0..<n).map { i in
            Participant(id: ids[i], municipality: M.municipalities[municipalityOf[i]], benefit: .flexjobWaitingBenefit,
                        enrolledOn: M.enrolmentDate, covariates: [
                            "gender": .category(female[i] ? "female" : "male"),
                            "female": .number(female[i] ? 1 : 0),
                            "age": .number(Double(age[i])),
                            "age_group": .category(ageGroup[i]),
                            "origin": .category(origin[i]),
                            "waited_weeks": .number(Double(waited[i])),
                        ])
        }
    }

    /// The exact command that makes this folder.
    var command: String { "effekt simulate flexjob --seed \(seed) --out Data/flexjob" }

    /// The folder's files; `referredBack` is the participant whose flex job a municipality
    /// created after a referral back from the other actor (named in the README).
    func files(participants: [Participant], assignments: [Assignment], weeks: [[SimulatedWeek]], events: [PlacementEvent],
               referredBack: ParticipantID) -> TrialFiles {
        let comment = TrialTables.syntheticComment(trial: M.trialName, command: command)
        return TrialFiles(files: [
            ("trial.toml", Array(trialTOML.utf8)),
            ("roster.csv", TrialTables.roster(participants, covariateColumns: Self.covariateColumns, comment: comment)),
            ("allocation.csv", TrialTables.allocation(assignments, participants: participants, comment: comment)),
            ("weekly.csv", TrialTables.weekly(weeks, participants: participants, comment: comment)),
            ("events.csv", Array(PlacementEventFile.text(events, comments: [String(comment.dropFirst(2))]).utf8)),
            ("published.csv", PublishedTable.csv(M.published, comment: comment)),
            ("benchmarks.csv", Array(NationalBenchmark.csv(M.benchmarks, comment: comment).utf8)),
            ("README.md", Array(readme(calibration: calibration(participants: participants, assignments: assignments, weeks: weeks, events: events),
                                      referredBack: referredBack).utf8)),
        ])
    }

    /// The trial as the shipped trial.toml defines it.
    var trialDefinition: TrialDefinition {
        var t = TrialDefinition(
            name: "Other actors placing flex-job candidates (synthetic)",
            description: "Synthetic trial: 4 municipalities × 60 citizens on flex-job waiting benefit, 30 placed by the "
                + "municipality and 30 by an other actor, followed for one year.",
            language: .danish, startDate: M.startDate, followUpWeeks: M.followUpWeeks, controlArm: M.controlArm,
            arms: [Arm(name: M.controlArm, ratio: 1), Arm(name: M.treatedArm, ratio: 1)],
            design: .complete, strata: ["municipality"], seed: seed,
            baselineCovariates: ["age", "female", "waited_weeks"], categoricalCovariates: ["origin"],
            windows: [OutcomeWindow(name: "8 months", weeks: 35...35), OutcomeWindow(name: "1 year", weeks: 52...52)],
            subgroups: [Subgroup(variable: "gender", prespecified: false), Subgroup(variable: "age_group", prespecified: false)],
            companyRunWeeks: 13, competingExits: [.flexJob, .disabilityPension, .movedAway], primaryExit: .flexJob,
            labels: TrialLabels(
                danish: LabelTable(trial: "Andre aktører formidler fleksjob (syntetiske data)",
                                   arms: [M.controlArm: "kommunen", M.treatedArm: "anden aktør"],
                                   variables: ["waited_weeks": "ventetid før start (uger)"],
                                   values: ["origin": ["danish": "dansk", "western": "vestlig", "non_western": "ikke-vestlig"]]),
                english: LabelTable(trial: "Other actors placing flex-job candidates (synthetic data)",
                                    arms: [M.controlArm: "municipality", M.treatedArm: "other actor"],
                                    variables: ["waited_weeks": "weeks waited before the trial"],
                                    values: ["origin": ["danish": "Danish", "western": "Western", "non_western": "non-Western"]])))
        t.tariff = M.tariff
        return t
    }

    var trialTOML: String {
        trialDefinition.toml(header: ["SYNTHETIC DATA — not real people. Generated by `\(command)`.",
                                      "Calibrated to DISCUS (2007), shared/seeds/\(M.sourceFile); see published.csv.",
                                      "The [tariff] amounts are ILLUSTRATIVE: the report publishes only the payment model's structure",
                                      "(25 % fixed fee, 75 % result bonus at milestones), not its amounts in DKK."],
                             comments: ["tariff.fixed_fee_per_referral": "illustrative: 25 % of 40,000 DKK",
                                        "tariff.control_cost_per_citizen_month": "illustrative: the municipality's own effort"])
    }

    /// Published figures next to the same figures counted in this data.
    func calibration(participants: [Participant], assignments: [Assignment], weeks: [[SimulatedWeek]], events: [PlacementEvent]) -> String {
        var table = CalibrationTable(participants: participants, assignments: assignments, weeks: weeks)
        for (status, published) in [(BenefitStatus.flexJob, "56 (55 counted)"), (.flexjobWaitingBenefit, "145"), (.disabilityPension, "16"),
                                    (.movedAway, "12"), (.cashBenefit, "1"), (.selfSupporting, "3"), (.flexjobRetirementBenefit, "7")] {
            table.add("status at the end: \(status.rawValue)", published: published, Double(weeks.filter { $0.last?.status == status }.count), decimals: 0)
        }
        for arm in [M.controlArm, M.treatedArm] {
            var starts = 0, early = 0, inJob = 0
            for i in table.people(arm) {
                var previous: BenefitStatus?
                for r in weeks[i] {
                    if r.status == .flexJob {
                        inJob += 1
                        if previous != .flexJob { starts += 1; if r.week <= 13 { early += 1 } }
                    }
                    previous = r.status
                }
            }
            let published = arm == M.controlArm ? ("35", "5.8") : ("30 (+1 created by a municipality after referral back)", "5.3")
            table.add("flex jobs started, \(arm)", published: published.0, Double(starts), decimals: 0)
            table.add("flex jobs started in the first 3 months, \(arm)", published: "municipalities faster", Double(early), decimals: 0)
            table.add("mean months in a flex job within the project, \(arm)", published: published.1, Double(inJob) / Double(starts) / (52.0 / 12.0), decimals: 2)
        }
        for (week, label, published) in [(35, "8 months (week 35)", "20"), (52, "1 year (week 52)", "23")] {
            let share = 100 * Double(weeks.filter { $0.count >= week && $0[week - 1].status == .flexJob }.count) / Double(weeks.count)
            table.add("% in a flex job after \(label)", published: published, share, decimals: 1)
        }
        let armOf = Dictionary(uniqueKeysWithValues: assignments.map { ($0.participant, $0.arm) })
        // An explicit loop: Swift 6.3.1's optimizer crashed (CopyPropagation, "outside of lifetime
        // use") on the same selection written as compactMap over `PlacementEvent.job`.
        var jobs = [(arm: String, job: FlexJobAttributes)]()
        for e in events {
            guard case let .flexJobStart(job) = e.detail else { continue }
            jobs.append((armOf[e.participant] ?? "", job))
        }
        for (arm, creator, published) in [(M.controlArm, JobCreator.municipality, "35"), (M.treatedArm, .provider, "30")] {
            table.add("flex jobs created (events), \(arm), created_by \(creator.rawValue)", published: published,
                      Double(jobs.filter { $0.arm == arm && $0.job.createdBy == creator }.count), decimals: 0)
        }
        for (arm, published) in [(M.controlArm, "12"), (M.treatedArm, "2")] {
            table.add("flex jobs with half wage subsidy, \(arm)", published: published,
                      Double(jobs.filter { $0.arm == arm && $0.job.subsidy == .half }.count), decimals: 0)
        }
        let small = jobs.filter { $0.job.sector == .private && $0.job.sizeBand.isUnder50 }.count
        table.add("% of flex jobs in private firms under 50 employees", published: "60", 100 * Double(small) / Double(jobs.count), decimals: 1)
        for (c, published) in M.endClassifications {
            table.add("still waiting, classified \(c.rawValue)", published: String(published),
                      Double(events.reduce(0) { n, e in if case .endClassification(c) = e.detail { n + 1 } else { n } }), decimals: 0)
        }
        return table.markdown
    }

    func readme(calibration: String, referredBack: ParticipantID) -> String {
        """
        # Synthetic flex-job trial (other actors vs municipalities, 2005–2006)

        **SYNTHETIC DATA — these are not real people.** No microdata from the trial is public. This
        folder imitates it so that Effekt can be run end to end; only the aggregates listed in
        `published.csv` come from the report (DISCUS 2007, `shared/seeds/\(M.sourceFile)`).

        Made by Effekt with exactly this command (same seed, same bytes, on every machine):

            \(command)

        Seed \(seed) is the project's start date, 1 October 2005. The model and every parameter,
        each with the figure and page it is calibrated to, are in
        `Sources/Simulation/FlexJobModel.swift`.

        - 4 municipalities × 60 citizens on flex-job waiting benefit, randomized 30 to the
          municipality (`municipality`, control) and 30 to its paired other actor (`other_actor`)
          by Effekt's complete design within municipality (`allocation.csv`). The report does not
          name the municipalities; they are called Kommune A–D.
        - 52 weeks each (`weekly.csv`); disability pension and moving away end a participant's rows.
        - Placement events (`events.csv`, docs/DATA-FORMATS.md): every other-actor participant
          referred at enrolment; an internship or work trial before most flex jobs; each flex job's
          start with who created it (so "30 by the other actors" is counted from `created_by`),
          employer sector and size (6 in 10 in private firms under 50 employees, half of these under
          10) and subsidy (half: 12 municipal, 2 other-actor jobs); the jobs that end; the send-back
          of \(referredBack) before the municipality's job, 6 send-backs returned to the provider
          (assumption); and the end classification of the 145 still waiting (19/73/29/24).
        - National benchmarks (`benchmarks.csv`): the report's DREAM figures for the national target
          group, 9 % in a flex job after 8 months, 14 % after one year, 12 % on disability pension
          at the end; `effekt reproduce` and the reports show them beside the arms.
        - Profile columns (`sickness_benefit_before`, `judged_flex_job_right`): among those placed,
          61 % vs 42 % came from sickness benefit and 55 % vs 74 % judged a flex job right (other
          actors vs municipalities, p. 6); among the others 50 % and 60 % (assumption).
        - Exact published counts: 35 flex jobs created by municipalities and 30 by other actors,
          plus the one a municipality created after a referral back (`other_actor` participant
          \(referredBack), who starts in weeks 40–48), so 56 are in a flex job at week 52 (55 counted); 145 still on
          waiting benefit; 16 disability pension, 12 moved away, 1 cash benefit, 3 self-supporting,
          7 flex-job retirement benefit. Women 168 (70 %), in their fifties 120 (50 %),
          non-Western immigrants 23 (10 %), waited 1.5 years or more 98 (41 %).
        - Shaped to the published curves: about 20 % in a flex job at week 35 (8 months) and 23 %
          at week 52; municipalities start faster in the first 3 months; mean months in a flex job
          within the project about 5.8 (municipalities) vs 5.3 (other actors).
        - Assumptions (not published): weekly hours, work-trial weeks, the split of end states
          between arms, the timing of exits, ages outside the fifties.

        ## Published figures and the same figures counted in this data

        Months are weeks × 12 / 52. The tests in `Tests/SimulationTests` check these counts.

        \(calibration)

        """
    }
}
