// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import Regression
import TrialModel

/// One run of the trial analysis: every estimate of `AnalysisResults`, for the whole trial, each
/// benefit type and each municipality × benefit type.
///
/// Per cell: CONSORT counts, baseline balance, ITT effects in every analysis window and the
/// weekly effect curves from ONE multiple-outcome fit (`EffectEstimation`), minimum detectable
/// effects, hazards (`HazardAnalysis`); in the overall and benefit-type cells also subgroups
/// (`SubgroupAnalysis`), site heterogeneity (`SiteAnalysis`) and randomization-inference
/// p-values (one replay of the logged design serves every cell); Holm and Benjamini–Hochberg
/// adjusted p-values within each family (a cell's window estimates; all municipality estimates of
/// a benefit type).
///
/// Precondition: the dataset's assignments are the logged ones (verified by the caller).
/// Complexity: dominated by `permutations` × one fit per RI cell. Programs running large analyses
/// call `HeapSettings.retainFreedBlocks()` (module ProcessTuning) once at start.
public struct TrialEvaluation: Sendable {
    public let dataset: TrialDataset
    public let plan: AnalysisPlan
    public let provenance: Provenance

    public init(dataset: TrialDataset, plan: AnalysisPlan, provenance: Provenance) {
        self.dataset = dataset
        self.plan = plan
        self.provenance = provenance
    }

    /// The scopes analysed, in report order.
    public var scopes: [CellScope] {
        var scopes = [CellScope(level: .overall)]
        scopes += dataset.benefits.map { CellScope(level: .benefit, benefit: $0) }
        for b in dataset.benefits {
            let d = dataset.restricted(to: CellScope(level: .benefit, benefit: b))
            scopes += d.municipalities.map { CellScope(level: .municipalityBenefit, benefit: b, municipality: $0) }
        }
        return scopes
    }

    /// Everything estimated for one scope before the p-values that need every cell; becomes one
    /// immutable `CellResults` at the end of `results`.
    struct CellDraft {
        let scope: CellScope
        let consort: ConsortFlow
        let balance: [BaselineRow]
        let headline: [EffectEstimate]
        let curves: [EffectCurve]
        let survivalCurves: [SurvivalCurveSet]
        let hazards: [HazardEstimate]
        let cumulativeIncidence: [CumulativeIncidenceSet]
        let subgroups: [SubgroupEffect]
        let siteEffects: SiteHeterogeneity?
        let notes: [AnalysisNote]
    }

    /// Runs the analysis. `progress` receives (permutations done, total) during randomization inference.
    ///
    /// Four steps, each value built once: every cell's estimates (`draft`); randomization
    /// inference over the overall and benefit-type cells; the multiplicity adjustments and the
    /// underpowered notes, which need every cell; then the immutable `CellResults`.
    public func results(progress: ((Int, Int) -> Void)? = nil) throws -> AnalysisResults {
        let position = Dictionary(uniqueKeysWithValues: dataset.units.enumerated().map { ($1.participant.id, $0) })
        var drafts = [CellDraft](), riCells = [InferenceCell]()
        for scope in scopes {
            let (draft, inference) = try self.draft(scope, index: drafts.count, position: position)
            drafts.append(draft)
            if let inference { riCells.append(inference) }
        }
        let ri = try randomizationInference(drafts, riCells, progress: progress)
        let adjusted = multiplicityAdjustments(drafts)
        let underpowered = underpoweredNotes(drafts)
        let cells = drafts.enumerated().map { i, d in
            CellResults(scope: d.scope, consort: d.consort, balance: d.balance,
                        headline: d.headline.enumerated().map { j, e in
                            e.completed(riPValue: ri[i]?[j], holm: adjusted[i]?[j].holm, benjaminiHochberg: adjusted[i]?[j].bh)
                        },
                        curves: d.curves, survivalCurves: d.survivalCurves, hazards: d.hazards,
                        cumulativeIncidence: d.cumulativeIncidence, subgroups: d.subgroups, siteEffects: d.siteEffects,
                        notes: d.notes + (underpowered[i] ?? []),
                        placement: PlacementTables(dataset: dataset.restricted(to: d.scope), benchmarks: plan.benchmarks, level: plan.level))
        }
        return AnalysisResults(
            trial: TrialFacts(name: plan.trial.name, arms: plan.trial.arms.map(\.name), controlArm: plan.trial.controlArm,
                              treatedArm: plan.treatedArm, followUpWeeks: plan.trial.followUpWeeks,
                              municipalities: dataset.municipalities, benefits: dataset.benefits,
                              labels: plan.trial.labels, companyRunWeeks: plan.trial.companyRunWeeks),
            cells: cells, methods: methods, provenance: provenance.with(dataDate: dataDate))
    }

    /// The last day the data cover: the latest enrolment plus the follow-up weeks.
    var dataDate: String? {
        dataset.units.map(\.participant.enrolledOn).max()
            .map { $0.adding(days: 7 * plan.trial.followUpWeeks - 1).description }
    }

    /// The estimates of one scope, and its randomization-inference cell when it gets one.
    func draft(_ scope: CellScope, index: Int, position: [ParticipantID: Int]) throws -> (CellDraft, InferenceCell?) {
        let compared = Set([plan.trial.controlArm, plan.treatedArm])
        let d = dataset.restricted(to: scope)
        let units = d.units.filter { compared.contains($0.arm) }
        var notes = [AnalysisNote]()
        let table = OutcomeTable(units: units, plan: plan)
        let estimation = EffectEstimation(units: units, plan: plan)
        let covariates = estimation.covariateColumns()
        let columns = table.windowColumns + table.curveColumns
        var headline = [EffectEstimate](), curves = [EffectCurve]()
        let method = estimation.method(covariates: covariates)
        do {
            let fit = try estimation.estimate(columns, treatment: estimation.observedTreatment, covariates: covariates,
                                              method: method)
            headline = zip(table.windowColumns, fit.estimates).map { column, e in
                self.headline(column, e, estimation: estimation, method: fit.method)
            }
            curves = plan.curveOutcomes.map { outcome in
                EffectCurve(outcome: outcome, points: zip(table.curveColumns, fit.estimates.dropFirst(table.windowColumns.count))
                    .filter { $0.0.outcome == outcome }
                    .map { column, e in
                        let m = estimation.armMeans(column)
                        let ci = outcome.bounded(e.confLow, e.confHigh)
                        let finite = e.effect.isFinite && ci.low.isFinite && ci.high.isFinite
                        let reason: NotEstimableReason? = finite ? nil
                            : (estimation.isConstant(column) ? .noVariation : .undefinedStandardError)
                        return CurvePoint(week: column.week ?? 0, controlMean: m.control, treatedMean: m.treated,
                                          effect: e.effect, confLow: ci.low, confHigh: ci.high, notEstimable: reason)
                    })
            }
            if fit.method.fallback != nil { notes.append(AnalysisNote(kind: .fallbackEstimator, subject: scope.key)) }
            if fit.dropped > 0 { notes.append(AnalysisNote(kind: .droppedRows, subject: scope.key, value: Double(fit.dropped))) }
        } catch RegressionError.constantTreatment {
            // One arm only: no effect exists to estimate here.
            notes.append(AnalysisNote(kind: .notEstimable, subject: scope.key, reason: .emptyArm))
        }
        let hazards = HazardAnalysis(units: units, plan: plan)
        let first = hazards.timeToFirstPaidHours()
        let losing = hazards.losingPaidHours()
        let competing = hazards.competingExits()
        notes += first.notes + losing.notes + competing.notes
        var subgroups = [SubgroupEffect](), sites: SiteHeterogeneity?, inference: InferenceCell?
        if scope.level != .municipalityBenefit, let primary = primaryColumn(table) {
            subgroups = SubgroupAnalysis(units: units, plan: plan).effects(column: primary)
            sites = SiteAnalysis(units: units, plan: plan).heterogeneity(column: primary, municipalities: d.municipalities)
            if plan.permutations > 0, !headline.isEmpty {
                inference = InferenceCell(index: index, rows: units.map { position[$0.participant.id]! },
                                          estimation: estimation, table: table, covariates: covariates,
                                          observed: headline.map(\.effect), method: headline[0].method)
            }
        }
        let draft = CellDraft(
            scope: scope, consort: consort(d), balance: balance(units), headline: headline, curves: curves,
            survivalCurves: first.curves.map { [$0] } ?? [],
            hazards: (first.hazard.map { [$0] } ?? []) + (losing.hazard.map { [$0] } ?? []) + competing.hazards,
            cumulativeIncidence: competing.incidence.map { [$0] } ?? [], subgroups: subgroups, siteEffects: sites,
            notes: notes)
        return (draft, inference)
    }

    func primaryColumn(_ table: OutcomeTable) -> OutcomeTable.Column? {
        table.windowColumns.first { $0.outcome == plan.primaryOutcome }
    }
}

