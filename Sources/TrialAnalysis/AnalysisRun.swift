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
/// call `HeapSettings.retainFreedBlocks()` once at start (process-wide allocator setting).
public struct AnalysisRun: Sendable {
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

    /// Runs the analysis. `progress` receives (permutations done, total) during randomization inference.
    public func results(progress: ((Int, Int) -> Void)? = nil) throws -> AnalysisResults {
        let compared = Set([plan.trial.controlArm, plan.treatedArm])
        var cells = [CellResults]()
        var riCells = [InferenceCell]()
        let allUnits = dataset.units
        let position = Dictionary(uniqueKeysWithValues: allUnits.enumerated().map { ($1.participant.id, $0) })
        for scope in scopes {
            let d = dataset.restricted(to: scope)
            let units = d.units.filter { compared.contains($0.arm) }
            var cell = CellResults(scope: scope, consort: consort(d))
            cell.balance = balance(units)
            let table = OutcomeTable(units: units, plan: plan)
            let estimation = EffectEstimation(units: units, plan: plan)
            let covariates = estimation.covariateColumns()
            let columns = table.windowColumns + table.curveColumns
            if let fit = try? estimation.estimate(columns, treatment: estimation.observedTreatment, covariates: covariates) {
                cell.headline = zip(table.windowColumns, fit.estimates).map { column, e in
                    headline(column, e, means: estimation.armMeans(column), method: fit.method)
                }
                cell.curves = plan.curveOutcomes.map { outcome in
                    EffectCurve(outcome: outcome, points: zip(table.curveColumns, fit.estimates.dropFirst(table.windowColumns.count))
                        .filter { $0.0.outcome == outcome }
                        .map { column, e in
                            let m = estimation.armMeans(column)
                            return CurvePoint(week: column.week ?? 0, controlMean: m.control, treatedMean: m.treated,
                                              effect: e.effect, confLow: e.confLow, confHigh: e.confHigh)
                        })
                }
                if fit.dropped > 0 { cell.notes.append(AnalysisNote(kind: .droppedRows, subject: scope.key, value: Double(fit.dropped))) }
            } else {
                // No effect is estimable here (e.g. one arm only): say so instead of leaving the table empty.
                cell.notes.append(AnalysisNote(kind: .smallCell, subject: scope.key, value: Double(units.count)))
            }
            let hazards = HazardAnalysis(units: units, plan: plan)
            let first = hazards.timeToFirstPaidHours()
            cell.survivalCurves = first.curves.map { [$0] } ?? []
            let losing = hazards.losingPaidHours()
            cell.hazards = (first.hazard.map { [$0] } ?? []) + (losing.hazard.map { [$0] } ?? [])
            cell.notes += first.notes + losing.notes
            let competing = hazards.competingExits()
            cell.cumulativeIncidence = competing.incidence.map { [$0] } ?? []
            cell.hazards += competing.hazards
            cell.notes += competing.notes
            if scope.level != .municipalityBenefit, let primary = primaryColumn(table) {
                cell.subgroups = SubgroupAnalysis(units: units, plan: plan).effects(column: primary)
                cell.siteEffects = SiteAnalysis(units: units, plan: plan).heterogeneity(column: primary, municipalities: d.municipalities)
                if plan.permutations > 0, !cell.headline.isEmpty {
                    riCells.append(InferenceCell(index: cells.count, rows: units.map { position[$0.participant.id]! },
                                                 estimation: estimation, table: table, covariates: covariates,
                                                 observed: cell.headline.map(\.effect), method: cell.headline[0].method))
                }
            }
            cells.append(cell)
        }
        try randomizationInference(&cells, riCells, progress: progress)
        adjustForMultiplicity(&cells)
        noteUnderpoweredCells(&cells)
        return AnalysisResults(
            trial: TrialFacts(name: plan.trial.name, arms: plan.trial.arms.map(\.name), controlArm: plan.trial.controlArm,
                              treatedArm: plan.treatedArm, followUpWeeks: plan.trial.followUpWeeks,
                              municipalities: dataset.municipalities, benefits: dataset.benefits),
            cells: cells, methods: methods, provenance: provenance)
    }

    func primaryColumn(_ table: OutcomeTable) -> OutcomeTable.Column? {
        table.windowColumns.first { $0.outcome == plan.primaryOutcome }
    }
}

