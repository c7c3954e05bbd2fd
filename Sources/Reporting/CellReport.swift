// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis
import TrialModel

/// A file of a report set: its path relative to the output folder and its text.
public struct ReportFile: Sendable, Equatable {
    public let path: String
    public let contents: String
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// The report of one scope (whole trial, a benefit type, or a municipality × benefit type):
/// one Markdown file `<key>.md` and its SVG charts `<key>-*.svg` beside it.
public struct CellReport: Sendable {
    public let results: AnalysisResults
    public let cell: CellResults
    public let numbers: ReportNumbers
    /// Disclosure control over the whole report set (secondary suppression spans reports).
    public let disclosure: DisclosureLedger

    /// A report of `cell`; pass the set's `disclosure` when rendering many cells of one set
    /// (it is computed from `results` otherwise).
    public init(results: AnalysisResults, cell: CellResults, language: ReportLanguage, disclosure: DisclosureLedger? = nil) {
        self.results = results
        self.cell = cell
        self.numbers = ReportNumbers(strings: ReportStrings(language: language, trial: results.trial), minPersons: results.methods.policy.minPersons)
        self.disclosure = disclosure ?? DisclosureLedger(results: results)
    }

    /// A count of this scope as the disclosure ledger lets it be printed.
    func count(_ quantity: PublishedCount.Quantity, _ value: Int) -> String {
        numbers.count(value, state: disclosure.state(PublishedCount(scope: cell.scope, quantity: quantity)))
    }

    /// Whether a count of this scope is hidden (so a share or difference revealing it is hidden too).
    func isHidden(_ quantity: PublishedCount.Quantity) -> Bool {
        disclosure.isHidden(PublishedCount(scope: cell.scope, quantity: quantity))
    }

    var strings: ReportStrings { numbers.strings }
    var scale: (OutcomeKind) -> OutcomeScale { OutcomeScale.init }
    /// The confidence level of intervals and bands (0.95).
    var level: Double { results.methods.confidenceLevel }
    /// α for the wording rules: 1 − the confidence level.
    var alpha: Double { 1 - results.methods.confidenceLevel }
    /// Randomization-inference p-values below this show as "< floor" (see `NumberStyle.randomizationFloor`).
    var riFloor: Double { NumberStyle.randomizationFloor(permutations: results.methods.permutations) }

    /// The Markdown file name, e.g. `aalborg__cash_benefit.md`.
    public var markdownPath: String { cell.scope.key + ".md" }

    /// The report's title: "Effektmåling: JobFirst – Aalborg, kontanthjælp".
    public var title: String {
        "\(strings[.reportTitle]): \(strings.trialName(results.trial.name)) – \(strings.scope(cell.scope))"
    }

    /// An arm's label at the start of a table cell or header: "Kontrolgruppen", "JobFirst".
    func armHeading(_ code: String) -> String { strings.arm(code).capitalizedFirst }

    /// The Markdown file and every SVG it links to.
    public func files() -> [ReportFile] {
        let figures = self.figures()
        return [ReportFile(path: markdownPath, contents: markdown(figures: figures))]
            + figures.map { ReportFile(path: $0.path, contents: $0.svg) }
    }

    /// The Markdown text.
    public func markdown() -> String { markdown(figures: figures()) }

    private func markdown(figures: [Figure]) -> String {
        var body = MarkdownDocument()
        consortSection(&body, figures: figures)
        balanceSection(&body)
        effectsSection(&body)
        curvesSection(&body, figures: figures)
        survivalSection(&body, figures: figures)
        hazardsSection(&body)
        incidenceSection(&body, figures: figures)
        subgroupsSection(&body)
        sitesSection(&body, figures: figures)
        placementSection(&body)
        var summary = MarkdownDocument()
        summarySection(&summary, hasSuppression: false)
        let hides = showsSuppression(body.text) || showsSuppression(summary.text) || hidesAnyCount
            || cell.headline.contains { let v = EffectView($0, report: self); return v.levelHidden || v.effectHidden }
        methodsSection(&body, hidesSomething: hides)
        provenanceSection(&body)
        var head = MarkdownDocument()
        head.heading(title, level: 1)
        head.paragraph(strings[.generatedNote])
        head.paragraph(provenanceLine)
        summarySection(&head, hasSuppression: hides)
        return head.text + "\n" + body.text
    }

    /// "Effekt 0.1.0 · trial file SHA-256 `f64132ca…` · data up to 2018-08-27".
    var provenanceLine: String {
        let p = results.provenance
        return strings.texts.provenanceLine(version: p.effektVersion, trialHash: p.dataHashes["trial.toml"], dataDate: p.dataDate,
                                            storeHead: p.storeHead)
    }

    /// Whether the ledger hides a printed count of this scope.
    var hidesAnyCount: Bool {
        disclosure.entries.contains { $0.key.scope == cell.scope && ($0.state == .primary || $0.state == .secondary) }
    }

    /// Whether a rendered text hides anything: a table cell or sentence holding the count marker
    /// ("< 5") or the statistic marker ("..") — not a p-value such as "< 0,001".
    func showsSuppression(_ text: String) -> Bool {
        let count = DisclosureControl.suppressedCount(threshold: numbers.minPersons), hidden = DisclosureControl.suppressedStatistic
        let markers = ["| \(count) |", "| \(hidden) |", "= \(count)", ": \(count)", ": \(hidden)", " \(hidden).", "[\(hidden)"]
        return markers.contains { text.contains($0) }
    }

    /// A chart of this report: file name, kind and SVG text.
    struct Figure: Sendable {
        var path: String
        var kind: ChartKind
        var outcome: OutcomeKind?
        var index: Int
        var svg: String
    }

    /// Every chart, in the order the sections show them.
    func figures() -> [Figure] {
        let key = cell.scope.key
        var out: [Figure] = []
        let scopeTitle = strings.scope(cell.scope)
        out.append(Figure(path: "\(key)-consort.svg", kind: .consort, outcome: nil, index: 0,
                          svg: ConsortDiagram(flow: cell.consort, heading: "\(strings[.sectionConsort]) – \(scopeTitle)").svg(numbers: numbers, state: { disclosure.state(PublishedCount(scope: cell.scope, quantity: $0)) })))
        for (i, curve) in cell.curves.enumerated()
        where !curve.points.isEmpty && !numbers.hides(basedOn: smallestArm) {
            let heading = "\(strings.outcome(curve.outcome)) – \(scopeTitle)"
            out.append(Figure(path: "\(key)-effect-\(i + 1)-\(curve.outcome.rawValue).svg", kind: .effectCurve,
                              outcome: curve.outcome, index: i,
                              svg: EffectCurveChart(curve: curve, heading: heading, level: level).svg(numbers: numbers)))
        }
        for (i, full) in cell.survivalCurves.enumerated() {
            // An arm whose N the disclosure ledger hides is not drawn either: its risk table would print it.
            let set = SurvivalCurveSet(outcome: full.outcome, arms: full.arms.filter { !isHidden(.survivalN(arm: $0.arm)) },
                                       logRankStatistic: full.logRankStatistic, logRankPValue: full.logRankPValue)
            let chart = StepCurveChart(survival: set, heading: "\(strings.outcome(set.outcome)) – \(scopeTitle)", strings: strings,
                                       level: level, minPersons: numbers.minPersons, disclosure: curveDisclosure)
            guard !chart.series.isEmpty else { continue }
            out.append(Figure(path: "\(key)-km-\(i + 1)-\(set.outcome.rawValue).svg", kind: .kaplanMeier,
                              outcome: set.outcome, index: i, svg: chart.svg(numbers: numbers)))
        }
        let armSizes = Dictionary(cell.consort.randomized.map { ($0.arm, $0.count) }, uniquingKeysWith: { a, _ in a })
        for (i, set) in cell.cumulativeIncidence.enumerated() {
            let chart = StepCurveChart(incidence: set, heading: "\(strings.outcome(set.outcome)) – \(scopeTitle)",
                                       strings: strings, armSizes: armSizes, level: level,
                                       minPersons: numbers.minPersons, disclosure: curveDisclosure)
            guard !chart.series.isEmpty else { continue }
            out.append(Figure(path: "\(key)-cif-\(i + 1)-\(set.outcome.rawValue).svg", kind: .cumulativeIncidence,
                              outcome: set.outcome, index: i, svg: chart.svg(numbers: numbers)))
        }
        if let sites = cell.siteEffects, !sites.sites.isEmpty {
            let heading = "\(strings[.sectionSites]): \(strings.outcome(sites.outcome)) – \(scopeTitle)"
            out.append(Figure(path: "\(key)-forest.svg", kind: .forestPlot, outcome: sites.outcome, index: 0,
                              svg: ForestPlot(heterogeneity: sites, overall: overallEstimate(for: sites), heading: heading,
                                         intervalLabel: intervalHeader, hidden: hiddenSiteMunicipalities(sites))
                                .svg(numbers: numbers)))
        }
        return out
    }

    /// What the disclosure ledger lets this report's step curves show: the curve weeks whose
    /// cumulative events it does not hide, and the state of each number at risk; a curve whose
    /// steps lag their events too long (`DisclosureControl.maxStepLag`) is left out.
    var curveDisclosure: StepCurveChart.Disclosure {
        let weeks = DisclosureControl.curveWeeks(followUpWeeks: results.trial.followUpWeeks)
        let ledger = disclosure, scope = cell.scope
        return StepCurveChart.Disclosure(
            allowedWeeks: { curve, arm in
                Set(weeks.filter { !ledger.isHidden(PublishedCount(scope: scope, quantity: .curveEvents(curve: curve.key, arm: arm, week: $0))) }
                    .map(Double.init))
            },
            riskState: { outcome, arm, week in
                ledger.state(PublishedCount(scope: scope, quantity: .atRisk(outcome: outcome.rawValue, arm: arm, week: week)))
            },
            maxStepLag: DisclosureControl.maxStepLag(followUpWeeks: results.trial.followUpWeeks))
    }

    /// The headline estimate a forest plot shows as its overall row: same outcome and window.
    func overallEstimate(for sites: SiteHeterogeneity) -> EffectEstimate? {
        cell.headline.first { $0.outcome == sites.outcome && $0.window == sites.window }
    }

    /// The smallest arm of this scope (randomized, from CONSORT); `Int.max` when unknown.
    var smallestArm: Int { cell.consort.randomized.map(\.count).min() ?? Int.max }

    /// The number of people an estimate comparing arms rests on, for the disclosure rule: its
    /// N, or the smallest arm when that is smaller (a mean of an arm of 3 people is hidden even
    /// when the estimate's N is 7).
    func basis(_ n: Int) -> Int { min(n, smallestArm) }

    /// The header of a confidence-interval column: "95 % konfidensinterval".
    var intervalHeader: String {
        "\(numbers.levelPercent(results.methods.confidenceLevel)) \(strings[.confidenceInterval].lowercasedFirst)"
    }

    /// The readable name of an estimate id (`any_paid_hours@66-78`), for notes.
    func subjectName(_ id: String) -> String {
        if let estimate = cell.headline.first(where: { $0.id == id }) {
            return "\(strings.outcome(estimate.outcome).lowercasedFirst) (\(numbers.window(estimate.window)))"
        }
        if let hazard = cell.hazards.first(where: { $0.id == id }) {
            let name = strings.outcome(hazard.outcome).lowercasedFirst
            return hazard.cause.map { "\(name) (\(strings.status($0)))" } ?? name
        }
        if id == cell.scope.key {   // a municipality's name keeps its capital
            let title = strings.scope(cell.scope)
            return cell.scope.level == .municipalityBenefit ? title : title.lowercasedFirst
        }
        return id
    }
}
