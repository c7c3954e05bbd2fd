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

    /// The published figures this trial is calibrated to (published.csv).
    public static let published: [PublishedFigure] = {
        let p5 = "\(sourceFile): 2. Konklusion p. 5"
        let p6 = "\(sourceFile): 2. Konklusion p. 6"
        let p7 = "\(sourceFile): 2. Konklusion p. 7"
        let p4 = "\(sourceFile): 2. Konklusion p. 4"
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
            PublishedFigure("flex_jobs_created_municipality", "Flex jobs created by the municipalities", published: "35", unit: .count, population: controlArm, estimand: .countFlexJobStarts, source: p5),
            PublishedFigure("flex_jobs_created_other_actor", "Flex jobs created by the other actors", published: "30", unit: .count, population: treatedArm, estimand: .countFlexJobStarts, source: p5),
            PublishedFigure("share_flex_job_8_months", "Share in a flex job after 8 months (9 % nationally)", published: "20", unit: .percent, population: "all", estimand: .shareStatusWeek(.flexJob, week: 35), source: p5),
            PublishedFigure("share_flex_job_12_months", "Share in a flex job after one year (14 % nationally)", published: "23", unit: .percent, population: "all", estimand: .shareStatusWeek(.flexJob, week: 52), source: p5),
            PublishedFigure("flex_job_months_municipality", "Mean duration of flex jobs within the project: municipalities", published: "5.8", unit: .months, population: controlArm, estimand: .meanStatusMonths(.flexJob), source: p6),
            PublishedFigure("flex_job_months_other_actor", "Mean duration of flex jobs within the project: other actors", published: "5.3", unit: .months, population: treatedArm, estimand: .meanStatusMonths(.flexJob), source: p6),
            PublishedFigure("share_women", "Women (7 in 10)", published: "70", unit: .percent, population: "all", estimand: .baselineShare(.equals(column: "female", level: "1")), source: p5),
            PublishedFigure("share_in_fifties", "In their fifties (38 % nationally)", published: "50", unit: .percent, population: "all", estimand: .baselineShare(.equals(column: "age_group", level: "50-59")), source: p5),
            PublishedFigure("share_non_western", "Non-Western immigrants (4 % nationally)", published: "10", unit: .percent, population: "all", estimand: .baselineShare(.equals(column: "origin", level: "non_western")), source: p5),
            PublishedFigure("share_waited_18_months", "Waited 1.5 years or more on waiting benefit (26 % nationally)", published: "41", unit: .percent, population: "all", estimand: .baselineShare(.atLeast(column: "waited_weeks", bound: 78)), source: p5),
        ]
    }()
}
