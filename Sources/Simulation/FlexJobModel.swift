// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// The model and every parameter of the synthetic flex-job trial ("other actors placing flex-job
/// candidates", October 2005 – October 2006), each with the published figure it is calibrated to.
///
/// Source: `shared/seeds/other-actors-flexjob-trial-2007.da.txt` (DISCUS 2007), chapter 2
/// "Konklusion", pp. 4–9; English summary in `shared/FACTS.md`, "Other actors placing flex-job
/// candidates". The report publishes aggregates only; where it is silent the value is an
/// assumption and says so.
///
/// The model, per participant (240 = 4 municipalities × 60, randomized 30/30 within municipality):
/// 1. Who starts a flex job is drawn by a seeded shuffle with the published numbers of starts
///    per arm (municipality 35, other actor 30, plus the one flex job a municipality created
///    after a referral back from an other actor); one municipality places half of its control
///    group, as the report describes.
/// 2. Start weeks follow a piecewise-linear cumulative curve per arm (`startCurve`), sampled by
///    stratified quantiles `(i + U)/n`, so the curve's shape holds closely even for 30 starts.
/// 3. A few flex jobs end within the project (`endedFlexJobs`), back to waiting benefit.
/// 4. The other end states (disability pension, moved away, cash benefit, self-supporting,
///    flex-job retirement benefit) are given with their exact published counts to participants
///    who never start a flex job, at a uniformly drawn week; everybody else stays on waiting benefit.
/// 5. Baseline covariates are given with their exact published shares, tied to the outcomes as
///    the report describes (the retired are 60+, non-Western immigrants mostly still waiting,
///    other actors' flex jobs went more often to those who had waited long).
public enum FlexJobModel {
    /// The seed of the shipped `Data/flexjob/`: the project's start, 1 October 2005.
    public static let shippedSeed: UInt64 = 20_051_001

    public static let trialName = "Other actors placing flex-job candidates"
    public static let sourceFile = "other-actors-flexjob-trial-2007.da.txt"

    /// The report does not name the four municipalities (p. 4), so they are labelled A–D.
    public static let municipalities = ["Kommune A", "Kommune B", "Kommune C", "Kommune D"]
    /// 60 citizens per municipality (p. 4: "30 borgere" each to municipality and other actor).
    public static let perMunicipality = 60
    /// Control arm: the municipality's own placement; treatment: the paired other actor.
    public static let controlArm = "municipality"
    public static let treatedArm = "other_actor"
    /// One year of placement effort, October 2005 – October 2006 (p. 4).
    public static let followUpWeeks = 52
    public static let startDate = CalendarDate(year: 2005, month: 10, day: 1)!
    /// Everybody was put forward at the start (assumption: the first Monday).
    public static let enrolmentDate = CalendarDate(year: 2005, month: 10, day: 3)!

    // MARK: Flex jobs (p. 5–7)

    /// Flex jobs created: municipalities 35, other actors 30 (p. 5).
    public static let flexJobStarts = (control: 35, treated: 30)
    /// "56 in a flex job, 55 counted": one in the other-actor arm got a flex job created by the
    /// municipality after being referred back (p. 7, note 4); it starts late, in these weeks.
    public static let referredBackStartWeeks = 40...48
    /// The municipality "which created flex jobs for about half of its citizens without any of
    /// them ending" (p. 5–6): index into `municipalities`, and its number of control starts.
    public static let strongMunicipality = 1
    public static let strongMunicipalityStarts = 15
    /// Cumulative share of an arm's starts by week (piecewise linear through these knots).
    /// Municipalities start faster; other actors "got going after about 3 months" (p. 6): by
    /// week 13 about 7 of 35 vs 3 of 30. Tuned so that 20 % are in a flex job at week 35
    /// (8 months, p. 5) and 23 % at week 52, and the mean time in a flex job within the project
    /// is 5.8 vs 5.3 months (p. 6).
    public static let startCurve: (control: [(week: Double, share: Double)], treated: [(week: Double, share: Double)]) = (
        control: [(0, 0), (13, 0.20), (35, 0.72), (52, 1)],
        treated: [(0, 0), (13, 0.10), (35, 0.75), (52, 1)]
    )
    /// Flex jobs that end within the project, per arm (assumption: 65 created − 55 at the end,
    /// split evenly; none in the strong municipality). They end between these weeks, at least
    /// `minimumFlexJobWeeks` after the start, and the person returns to waiting benefit.
    public static let endedFlexJobs = (control: 5, treated: 5)
    public static let flexJobEndWeeks = 36...50
    public static let minimumFlexJobWeeks = 8
    /// Weekly hours in a flex job: 8 in 10 expected to work at most half time (p. 5), so 80 %
    /// get 8–18 hours, the rest 19–30 (assumption on the range).
    public static let halfTimeShare = 0.8
    public static let halfTimeHours = 8...18
    public static let moreHours = 19...30
    /// Share of flex-job starters with a work trial (internship) in the weeks just before (assumption).
    public static let workTrialShare = 0.6
    public static let workTrialWeeks = 2...6
    /// 85 % took part in job-promoting activities (p. 5): weeks of `other` activity.
    public static let activityShare = 0.85
    public static let activityWeeks = 1...6

    // MARK: End states (p. 7)

    /// Status at the end besides flex job and waiting benefit, per arm (control, treated).
    /// Totals are published (16, 12, 1, 3, 7); the split between arms is an assumption, chosen so
    /// that of the 145 still waiting 53 % had been with an other actor (p. 8).
    public static let otherEndStates: [(status: BenefitStatus, control: Int, treated: Int)] = [
        (.disabilityPension, 9, 7),
        (.movedAway, 7, 5),
        (.cashBenefit, 1, 0),
        (.selfSupporting, 2, 1),
        (.flexjobRetirementBenefit, 3, 4),
    ]
    /// End states other than waiting are reached in these weeks (assumption).
    public static let exitWeeks = 6...50
    /// Weekly hours of those who became self-supporting (assumption: full time).
    public static let selfSupportingHoursTenths = 370

    // MARK: Population (p. 5, p. 8)

    /// 7 in 10 women: 168 of 240.
    public static let women = 168
    /// Half in their fifties: 120; 60–64 (assumption): 25, including everyone on flex-job
    /// retirement benefit; the rest 30–49.
    public static let inFifties = 120
    public static let inSixties = 25
    /// 23 non-Western immigrants (p. 8: "projektets i alt 23 indvandrere fra ikke-vestlige
    /// lande", about 10 %); "a good three quarters" still on waiting benefit at the end: 17.
    public static let nonWestern = 23
    public static let nonWesternStillWaiting = 17
    /// Western immigrants (assumption).
    public static let western = 7
    /// 41 % had waited 1.5 years (78 weeks) or more: 98 of 240; among flex-job starters 59 % with
    /// other actors vs 23 % with municipalities (p. 6).
    public static let waitedLong = 98
    public static let waitedLongShareOfStarters = (control: 0.23, treated: 0.59)
    /// At least half a year on waiting benefit (p. 4); long waits up to 5 years (assumption).
    public static let shortWaitWeeks = 26...77
    public static let longWaitWeeks = 78...260

    // MARK: Placement events (events.csv; p. 5–8)

    /// Every other-actor participant is referred at enrolment (the fixed fee is paid per referral).
    /// Flex jobs by employer: "6 in 10 in private firms with under 50 employees, half of these under
    /// 10" (p. 6): of 66 jobs, 20 private lt10 and 20 private 10–49; the rest (assumption) in
    /// private 50–249 and 250+ and in public employers.
    public static let smallPrivateJobs = (under10: 20, from10To49: 20)
    public static let otherEmployers: [(sector: EmployerSector, size: EmployerSizeBand, weight: Int)] = [
        (.private, .from50To249, 8), (.private, .atLeast250, 4), (.public, .from10To49, 4), (.public, .from50To249, 5), (.public, .atLeast250, 5),
    ]
    /// Half wage subsidy: 34 % (12) of municipal flex jobs vs 7 % (2) of other actors' (p. 6); the
    /// one created after a referral back has two thirds (assumption).
    public static let halfSubsidyJobs = (control: 12, treated: 2)
    /// The send-back before the municipality created a flex job (p. 7, note 4): 4–12 weeks before
    /// its start (assumption), with this reason.
    public static let sendBackWeeksBefore = 4...12
    public static let sendBackReason = "needs clarification by the municipality"
    /// Other sends back that were returned to the provider (assumption: 6 of those who never start),
    /// returned after 2–8 weeks.
    public static let returnedSendBacks = 6
    public static let returnAfterWeeks = 2...8
    /// The 145 still on waiting benefit at the end, judged: 13 % on the way to a flex job, 50 %
    /// stuck, 20 % sick, 17 % on the way to disability pension (p. 8; "another 10 %, 24 persons"
    /// heading for disability pension, p. 7): 19, 73, 29, 24.
    public static let endClassifications: [(WaitingClassification, Int)] = [
        (.towardsFlexJob, 19), (.stuck, 73), (.sick, 29), (.towardsDisabilityPension, 24),
    ]
    /// Profile of those placed in a flex job, other actors vs municipalities (p. 6): came from
    /// sickness benefit before the flex-job approval 61 % vs 42 %; judged a flex job the right
    /// solution before the start 55 % vs 74 %. Among those never placed (assumption): 50 % and 60 %.
    public static let placedFromSickness = (control: 0.42, treated: 0.61)
    public static let placedJudgedRight = (control: 0.74, treated: 0.55)
    public static let unplacedFromSickness = 0.5
    public static let unplacedJudgedRight = 0.6

    // MARK: Payment model (p. 4, p. 10; amounts ILLUSTRATIVE)

    /// The tariff's structure is published (25 % fixed fee for clarification and job match, 75 %
    /// result bonus at the first internship/work trial and at 2 and 4 months in a flex job); its
    /// amounts are not. These amounts are illustrative: 10,000 DKK fixed and 3 × 10,000 DKK bonus
    /// (25 % / 75 % of 40,000 DKK), and 1,500 DKK per citizen and month for the municipality's own effort.
    public static let tariff = Tariff(providerArm: treatedArm, currency: "DKK",
                                      amounts: [.referral: 10_000, .firstInternshipOrWorkTrial: 10_000,
                                                .flexJobTwoMonths: 10_000, .flexJobFourMonths: 10_000],
                                      controlCostPerCitizenMonth: 1_500)

    // MARK: National benchmarks (DREAM, p. 5 and p. 9)

    /// The national comparisons of the report, from a DREAM register run for the same target
    /// group: 9 % in a flex job after 8 months and 14 % after one year (p. 5); 12 % on disability
    /// pension at the end (p. 9).
    public static let benchmarks: [NationalBenchmark] = [
        NationalBenchmark(id: "flex_job_8_months", description: "In a flex job after 8 months (national target group)", status: .flexJob,
                          month: 8, percent: "9", source: "DREAM run: \(sourceFile): 2. Konklusion p. 5"),
        NationalBenchmark(id: "flex_job_12_months", description: "In a flex job after one year (national target group)", status: .flexJob,
                          month: 12, percent: "14", source: "DREAM run: \(sourceFile): 2. Konklusion p. 5"),
        NationalBenchmark(id: "disability_pension_end", description: "On disability pension at the end (national target group)",
                          status: .disabilityPension, month: 12, percent: "12", source: "DREAM run: \(sourceFile): 2. Konklusion p. 9"),
    ]

    /// The published figures this trial is calibrated to (published.csv).
    public static let published: [PublishedFigure] = {
        let p5 = "\(sourceFile): 2. Konklusion p. 5"
        let p6 = "\(sourceFile): 2. Konklusion p. 6"
        let p7 = "\(sourceFile): 2. Konklusion p. 7"
        let p4 = "\(sourceFile): 2. Konklusion p. 4"
        let p9 = "\(sourceFile): 2. Konklusion p. 9"
        return [
            PublishedFigure("randomized_per_arm_per_municipality", "Citizens per arm in each of the 4 municipalities (60 split 30/30)", published: "30", unit: .count, population: "all", estimand: .countRandomizedPerArmStratum, source: p4),
            PublishedFigure("randomized_total", "Citizens on flex-job waiting benefit randomized", published: "240", unit: .count, population: "all", estimand: .countRandomized(nil), source: p4),
            PublishedFigure("end_flex_job", "In a flex job at the end (56; 55 counted: one created by a municipality after referral back)", published: "56", unit: .count, population: "all", estimand: .countStatusLastWeek(.flexJob), source: p7),
            PublishedFigure("end_waiting_benefit", "Still on flex-job waiting benefit at the end", published: "145", unit: .count, population: "all", estimand: .countStatusLastWeek(.flexjobWaitingBenefit), source: p7),
            PublishedFigure("end_disability_pension", "Moved to disability pension", published: "16", unit: .count, population: "all", estimand: .countStatusLastWeek(.disabilityPension), source: p7),
            PublishedFigure("end_moved_away", "Moved away from the municipality", published: "12", unit: .count, population: "all", estimand: .countStatusLastWeek(.movedAway), source: p7),
            PublishedFigure("end_cash_benefit", "Moved to cash benefit", published: "1", unit: .count, population: "all", estimand: .countStatusLastWeek(.cashBenefit), source: p7),
            PublishedFigure("end_self_supporting", "Became self-supporting", published: "3", unit: .count, population: "all", estimand: .countStatusLastWeek(.selfSupporting), source: p7),
            PublishedFigure("end_flexjob_retirement_benefit", "Moved to flex-job retirement benefit", published: "7", unit: .count, population: "all", estimand: .countStatusLastWeek(.flexjobRetirementBenefit), source: p7),
            PublishedFigure("flex_jobs_created_municipality", "Flex jobs created by the municipalities", published: "35", unit: .count, population: controlArm, estimand: .countFlexJobStartsBy(.municipality), source: p5),
            PublishedFigure("flex_jobs_created_other_actor", "Flex jobs created by the other actors (events: created_by provider)", published: "30", unit: .count, population: treatedArm, estimand: .countFlexJobStartsBy(.provider), source: p5),
            PublishedFigure("share_flex_job_8_months", "Share in a flex job after 8 months (9 % nationally)", published: "20", unit: .percent, population: "all", estimand: .shareStatusWeek(.flexJob, week: 35), source: p5),
            PublishedFigure("share_flex_job_12_months", "Share in a flex job after one year (14 % nationally)", published: "23", unit: .percent, population: "all", estimand: .shareStatusWeek(.flexJob, week: 52), source: p5),
            PublishedFigure("flex_job_months_municipality", "Mean duration of flex jobs within the project: municipalities", published: "5.8", unit: .months, population: controlArm, estimand: .meanStatusMonths(.flexJob), source: p6),
            PublishedFigure("flex_job_months_other_actor", "Mean duration of flex jobs within the project: other actors", published: "5.3", unit: .months, population: treatedArm, estimand: .meanStatusMonths(.flexJob), source: p6),
            PublishedFigure("share_women", "Women (7 in 10)", published: "70", unit: .percent, population: "all", estimand: .baselineShare(.equals(column: "female", level: "1")), source: p5),
            PublishedFigure("share_in_fifties", "In their fifties (38 % nationally)", published: "50", unit: .percent, population: "all", estimand: .baselineShare(.equals(column: "age_group", level: "50-59")), source: p5),
            PublishedFigure("share_non_western", "Non-Western immigrants (4 % nationally)", published: "10", unit: .percent, population: "all", estimand: .baselineShare(.equals(column: "origin", level: "non_western")), source: p5),
            PublishedFigure("share_waited_18_months", "Waited 1.5 years or more on waiting benefit (26 % nationally)", published: "41", unit: .percent, population: "all", estimand: .baselineShare(.atLeast(column: "waited_weeks", bound: 78)), source: p5),
            PublishedFigure("half_subsidy_municipality", "Municipal flex jobs with half wage subsidy (34 %)", published: "12", unit: .count, population: controlArm, estimand: .countFlexJobStartsWithSubsidy(.half), source: p6),
            PublishedFigure("half_subsidy_other_actor", "Other actors' flex jobs with half wage subsidy (7 %)", published: "2", unit: .count, population: treatedArm, estimand: .countFlexJobStartsWithSubsidy(.half), source: p6),
            PublishedFigure("placed_sickness_benefit_other_actor", "Placed by other actors: came from sickness benefit before approval", published: "61", unit: .percent, population: treatedArm, estimand: .placedShare(.equals(column: "sickness_benefit_before", level: "1")), source: p6),
            PublishedFigure("placed_sickness_benefit_municipality", "Placed by municipalities: came from sickness benefit before approval", published: "42", unit: .percent, population: controlArm, estimand: .placedShare(.equals(column: "sickness_benefit_before", level: "1")), source: p6),
            PublishedFigure("placed_waited_18_months_other_actor", "Placed by other actors: waited more than 1.5 years", published: "59", unit: .percent, population: treatedArm, estimand: .placedShare(.atLeast(column: "waited_weeks", bound: 78)), source: p6),
            PublishedFigure("placed_waited_18_months_municipality", "Placed by municipalities: waited more than 1.5 years", published: "23", unit: .percent, population: controlArm, estimand: .placedShare(.atLeast(column: "waited_weeks", bound: 78)), source: p6),
            PublishedFigure("placed_judged_right_other_actor", "Placed by other actors: a flex job judged the right solution before the start", published: "55", unit: .percent, population: treatedArm, estimand: .placedShare(.equals(column: "judged_flex_job_right", level: "1")), source: p6),
            PublishedFigure("placed_judged_right_municipality", "Placed by municipalities: a flex job judged the right solution before the start", published: "74", unit: .percent, population: controlArm, estimand: .placedShare(.equals(column: "judged_flex_job_right", level: "1")), source: p6),
            PublishedFigure("share_disability_pension_end", "On disability pension at the end (12 % nationally in DREAM)", published: "7", unit: .percent, population: "all", estimand: .shareStatusLastWeek(.disabilityPension), source: p9),
            PublishedFigure("waiting_towards_flex_job", "Still waiting at the end: on the way to a flex job (13 %)", published: "19", unit: .count, population: "all", estimand: .countEndClassification(.towardsFlexJob), source: p9),
            PublishedFigure("waiting_stuck", "Still waiting at the end: stuck (50 %)", published: "73", unit: .count, population: "all", estimand: .countEndClassification(.stuck), source: p9),
            PublishedFigure("waiting_sick", "Still waiting at the end: sick (20 %)", published: "29", unit: .count, population: "all", estimand: .countEndClassification(.sick), source: p9),
            PublishedFigure("waiting_towards_disability_pension", "Still waiting at the end: on the way to disability pension (17 %; 24 persons)", published: "24", unit: .count, population: "all", estimand: .countEndClassification(.towardsDisabilityPension), source: p9),
        ]
    }()
}
