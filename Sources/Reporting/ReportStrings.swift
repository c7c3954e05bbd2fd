// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialAnalysis
import TrialModel

/// A fixed text in a report: headings, column labels, chart labels. Every case has a Danish and
/// an English text (`DanishTexts`, `EnglishTexts`); the compiler checks that none is missing.
public enum ReportLabel: CaseIterable, Sendable {
    // Titles
    case reportTitle, indexTitle, indexIntro, indexOverall, indexBenefits, indexMunicipalities, wholeTrial
    // Sections
    case sectionSummary, sectionConsort, sectionBalance, sectionEffects, sectionCurves, sectionSurvival
    case sectionHazards, sectionCumulativeIncidence, sectionSubgroups, sectionSites, sectionMetaRegression
    case sectionMethods, sectionDisclosure, sectionProvenance
    // CONSORT
    case stage, enrolled, randomized, lostBeforeEnd, followedUp, reason
    // Table columns
    case covariate, arm, mean, standardDeviation, count, standardizedDifference, wwcCategory
    case outcome, window, effect, relativeEffect, confidenceInterval, pValue, riPValue
    case holmPValue, bhPValue, n, hazardRatio, events, cause, median, method, converged
    case variable, level, interactionPValue, label, municipality, moderator, slope, sites, correction
    case week, estimate, value
    // Values
    case yes, no, notReached, prespecified, exploratory, allWeeks, overallEffect
    case wwcSatisfied, wwcAdjustmentRequired, wwcNotSatisfied
    // Units
    case percentagePoints, hoursPerWeek, weeks
    // Charts
    case effectAxis, survivalAxis, incidenceAxis, confidenceBand, zeroLine
    // Methods and footer
    case confidenceLevel, regression, standardErrors, survivalMethods, randomizationInference, multiplicity
    case software, dataHashes, file, sha256, seed, effektVersion, command, degreesOfFreedom
    case generatedNote, logRankTest, heterogeneityTest, noSiteEffects, sitesNotEstimated
    // Figures: time axis, numbers at risk, censor marks, CONSORT 2010 stages, the curve disclosure rule
    case weeksSinceRandomization, numberAtRisk, censoredMark, figureLeftOut, analysedITT
    case stageEnrolment, stageAllocation, stageFollowUp, stageAnalysis
    // Small cells, not-estimable estimates, disclosure
    case unadjustedDifference, intervalTruncatedNote, rows, persons, spellRowsNote
    // The index's key results
    case keyResults, keyResultsIntro, municipalityOverview, municipalityOverviewIntro, hazardsInWords, limitations, scope, unadjustedMark
    // The flex-job report's tables: placement events, benchmarks, costs
    case sectionPlacement, statusAtEnd, flexJobs, jobsStarted, personsPlaced, meanMonthsInFlexJob, halfSubsidy, createdByProvider, createdByMunicipality, timeToFlexJob, timeToFlexJobIntro, flexJobIncidenceIntro, placedProfile, sicknessBenefitBefore
    case waitedAtLeast78Weeks, judgedFlexJobRight, employers, sector, privateSector, publicSector, employees, under10Employees, orMore, benchmarks, benchmarksIntro, national, source, month
    case share, costs, costsIntro, milestoneReferral, milestoneFirstInternship, milestoneTwoMonths, milestoneFourMonths, citizens, amount, totalCost, costPerFlexJob, incrementalCost
}

/// The wording rules a language needs for sentences built from numbers. Arguments are already
/// formatted by `NumberStyle`; p-values come as clauses (`NumberStyle.pClause`: "p = 0,046",
/// "p < 0,001"). Implementations only choose and join words.
public protocol LanguageTexts: Sendable {
    /// The fixed text for a label.
    func text(_ label: ReportLabel) -> String
    /// Name of a benefit code (`cash_benefit` → "kontanthjælp"); nil when unknown.
    func benefitName(_ code: String) -> String?
    /// Name of an outcome; the company-directed run says its length (`companyRunWeeks`).
    func outcomeName(_ outcome: OutcomeKind, companyRunWeeks: Int) -> String
    /// Name of a benefit-status code used as an exit or loss reason; nil when unknown.
    func statusName(_ code: String) -> String?
    /// Name of an arm code (`control`, `treatment`); nil when unknown.
    func armName(_ code: String) -> String?
    /// Name of a baseline covariate, subgroup variable or meta-regression moderator; nil when unknown.
    func variableName(_ code: String) -> String?
    /// Name of a value of a roster column (`female` of `gender`); nil when unknown.
    func valueName(_ code: String, of variable: String) -> String?
    /// "weeks 66–78"; "week 52" for a window of one week.
    func windowText(_ window: WeekWindow) -> String
    /// The title of a scope: "Kontanthjælp, Aalborg".
    func scopeTitle(benefit: String?, municipality: String?) -> String
    /// One sentence: control and treated levels and the effect with its interval.
    func effectSentence(outcome: String, window: String?, treated: String, control: String,
                        effect: String, interval: String, levelPercent: String) -> String
    /// One sentence judging how sure we are, from the p-value's size relative to the level.
    func significanceSentence(_ judgement: SignificanceJudgement, p: String, alphaPercent: String) -> String
    /// The randomization-inference p-value agrees or disagrees with the model-based one.
    func randomizationSentence(riP: String, agrees: Bool) -> String
    /// After Holm adjustment across municipalities and outcomes the result is (not) significant.
    func holmSentence(holmP: String, significant: Bool) -> String
    /// The cell is too small to detect an effect as large as the overall one.
    func underpoweredSentence(mde: String, overall: String?) -> String
    /// A hazard ratio in words.
    func hazardSentence(outcome: String, ratio: String, interval: String, judgement: SignificanceJudgement, p: String) -> String
    /// The equal-effects test across municipalities.
    func heterogeneitySentence(statistic: String, df: String, p: String, differs: Bool) -> String
    /// Some numbers are hidden because they describe fewer than five people.
    func suppressedSentence(threshold: Int) -> String
    /// Rows were dropped before estimation.
    func droppedRowsSentence(subject: String, count: String) -> String
    /// The cell has fewer people than the analysis plan asks for.
    func smallCellSentence(subject: String) -> String
    /// No headline effect was estimated in this scope.
    func noEstimatesSentence() -> String
    /// Alt text of a chart.
    func chartDescription(_ chart: ChartKind, outcome: String) -> String
    /// The estimator of an effect, in words.
    func effectMethod(_ method: EffectMethod) -> String
    /// The Cox model of a hazard ratio, in words.
    func hazardModel(_ model: HazardModel) -> String
    /// "not estimable (why)".
    func notEstimable(_ reason: NotEstimableReason, policy: ReportingPolicy) -> String
    /// A meta-regression's correction, in words.
    func correction(_ correction: MetaRegressionCorrection) -> String
    /// Why this scope's effects are unadjusted differences in means (empty without a fallback).
    func fallbackSentence(_ method: EffectMethod, policy: ReportingPolicy) -> String
    /// What a hazard ratio means, in words ("23 % lower risk of losing paid hours").
    func hazardMeaning(outcome: OutcomeKind, cause: String?, lower: Bool, percent: String) -> String
    /// An effect whose numbers the disclosure rule hides.
    func hiddenEffectSentence(outcome: String, window: String?) -> String
    /// An effect that is not estimable, with the reason in words.
    func notEstimableSentence(outcome: String, window: String?, reason: String) -> String
    /// The provenance line under a report's title (with the store's head digest, when known).
    func provenanceLine(version: String, trialHash: String?, dataDate: String?, storeHead: StoreHead?) -> String
    /// The limitations paragraph of the index: tests made, cells too small to detect the overall
    /// effect, cells with unadjusted estimates, hidden numbers, and synthetic data.
    func limitationsParagraph(tests: Int, underpowered: Int, cells: Int, fallback: Int, hides: Bool, synthetic: Bool) -> String
    /// The disclosure section: the rule with this policy's threshold, and whether this report hides anything.
    func disclosureStatement(threshold: Int, hidesSomething: Bool) -> String
    /// Under the balance heading of a trial whose allocation was imported: Effekt did not draw it,
    /// the design assumed, and the joint imbalance test (F, its degrees of freedom and the p clause).
    func importedAllocationSentence(assumed: AssumedDesign, imbalance: (statistic: String, df1: Int, df2: Int, p: String)?) -> String
    /// The incremental cost per additional person in a flex job in words: the verdict, the ratio
    /// (formatted, with its currency) and its Fieller interval — bounded, or unbounded because the
    /// effect's interval includes zero.
    func incrementalCostSentence(_ verdict: IncrementalCostVerdict, ratio: String, interval: FiellerInterval,
                                 low: String, high: String, levelPercent: String) -> String
    /// The methods section: (label, text) items from the analysis's facts.
    func methodsItems(_ methods: MethodsNote, levelPercent: String) -> [(label: String, text: String)]
}

/// How strongly a p-value speaks against "no effect", relative to the report's level α.
public enum SignificanceJudgement: Sendable, Equatable {
    /// p < α / 5 (e.g. < 1 % at the 95 % level).
    case strong
    /// α / 5 ≤ p < α.
    case significant
    /// α ≤ p < 2α: a hint, not significant.
    case weak
    /// p ≥ 2α.
    case none

    /// Chooses the judgement for `p` at level α (0.05 for 95 % intervals).
    public init(p: Double, alpha: Double) {
        if p < alpha / 5 { self = .strong }
        else if p < alpha { self = .significant }
        else if p < 2 * alpha { self = .weak }
        else { self = .none }
    }

    /// Significant at level α.
    public var isSignificant: Bool { self == .strong || self == .significant }
}

/// The charts a report draws.
public enum ChartKind: Sendable, Equatable {
    case effectCurve, kaplanMeier, cumulativeIncidence, forestPlot, consort
}

/// The texts of one report language and the trial's own labels in it.
///
/// Naming rule for a code (arm, benefit, status, roster variable or value): the trial's label
/// (trial.toml `[labels.<language>]`) when present, else the language's built-in name
/// (`DanishTexts`, `EnglishTexts`), else the code itself, unchanged — language-neutral, and
/// found by the language test (`Tests/LanguageTests`), which fails on it. Arms are named by
/// these labels everywhere: table headers, rows, sentences and charts.
public struct ReportStrings: Sendable {
    public let language: ReportLanguage
    public let texts: any LanguageTexts
    /// The trial's labels in this language (empty when the trial has none).
    public let labels: LabelTable
    /// The run of company-directed weeks the `company_run` outcome counts.
    public let companyRunWeeks: Int

    /// Built-in names only, for compared arms `treatment` and `control`.
    public init(language: ReportLanguage) {
        self.init(language: language, labels: .empty, companyRunWeeks: 13, treatedArm: "treatment", controlArm: "control")
    }

    /// The strings of a trial's reports: its labels, run length and compared arms.
    public init(language: ReportLanguage, trial: TrialFacts) {
        self.init(language: language, labels: trial.labels[language], companyRunWeeks: trial.companyRunWeeks,
                  treatedArm: trial.treatedArm, controlArm: trial.controlArm)
    }

    public init(language: ReportLanguage, labels: LabelTable, companyRunWeeks: Int, treatedArm: String, controlArm: String) {
        self.language = language
        self.labels = labels
        self.companyRunWeeks = companyRunWeeks
        func name(_ code: String, _ builtIn: (String) -> String?) -> String { labels.arms[code] ?? builtIn(code) ?? code }
        switch language {
        case .danish:
            let t = DanishTexts()
            texts = DanishTexts(arms: ComparedArms(treated: name(treatedArm, t.armName), control: name(controlArm, t.armName)))
        case .english:
            let t = EnglishTexts()
            texts = EnglishTexts(arms: ComparedArms(treated: name(treatedArm, t.armName), control: name(controlArm, t.armName)))
        }
    }

    public subscript(_ label: ReportLabel) -> String { texts.text(label) }

    /// The trial's name: its label in this language, else trial.toml's `name`.
    public func trialName(_ name: String) -> String { labels.trial ?? name }
    public func benefit(_ code: String) -> String { labels.benefits[code] ?? texts.benefitName(code) ?? code }
    public func outcome(_ outcome: OutcomeKind) -> String { texts.outcomeName(outcome, companyRunWeeks: companyRunWeeks) }
    public func status(_ code: String) -> String { labels.statuses[code] ?? texts.statusName(code) ?? code }
    public func arm(_ code: String) -> String { labels.arms[code] ?? texts.armName(code) ?? code }
    public func variable(_ code: String) -> String { labels.variables[code] ?? texts.variableName(code) ?? code }
    /// A value of a roster column: `value("non_western", of: "origin")` → "ikke-vestlig".
    public func value(_ code: String, of variable: String) -> String {
        labels.values[variable]?[code] ?? texts.valueName(code, of: variable) ?? code
    }

    /// A balance-table row: a covariate (`age`) or a level of a categorical one
    /// (`origin=non_western` → "herkomst: ikke-vestlig").
    public func covariate(_ row: String) -> String {
        guard let equals = row.firstIndex(of: "=") else { return variable(row) }
        let column = String(row[..<equals]), level = String(row[row.index(after: equals)...])
        return "\(variable(column)): \(value(level, of: column))"
    }

    /// The title of a cell's scope.
    public func scope(_ scope: CellScope) -> String {
        switch scope.level {
        case .overall: return self[.wholeTrial]
        case .benefit, .municipalityBenefit:
            return texts.scopeTitle(benefit: scope.benefit.map(benefit), municipality: scope.municipality)
        }
    }

    /// The WWC category in words.
    public func category(_ category: EquivalenceCategory) -> String {
        switch category {
        case .satisfies: return self[.wwcSatisfied]
        case .requiresAdjustment: return self[.wwcAdjustmentRequired]
        case .doesNotSatisfy: return self[.wwcNotSatisfied]
        }
    }
}

/// The names of the two compared arms, as sentences use them ("JobFirst", "kontrolgruppen").
public struct ComparedArms: Sendable, Equatable {
    public let treated: String
    public let control: String
    public init(treated: String, control: String) {
        self.treated = treated
        self.control = control
    }
}
