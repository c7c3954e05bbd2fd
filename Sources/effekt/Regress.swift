// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Regression

extension CovarianceEstimator: ExpressibleByArgument {}

extension MissingValuePolicy: ExpressibleByArgument {}

/// Which terms' standard errors `effekt regress` computes.
enum RegressionTerms: String, ExpressibleByArgument, CaseIterable {
    /// The treatment's only (the other terms' `std_error` is `null`, with the reason
    /// `not_requested`); one pass over the rows however many outcomes.
    case treatment
    /// Every term's.
    case all
}

/// `effekt regress`: intention-to-treat regressions of one or more outcomes on a treatment.
struct Regress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regress outcomes on a treatment with robust or cluster-robust standard errors.",
        discussion: """
        Fits  outcome ~ treatment + covariates + fixed-effect dummies  by (weighted) least squares for \
        every --outcome with one factorization of the shared design. A missing value is an empty field or \
        NA. As R's na.omit (estimatr's lm_robust): a row missing the treatment, a covariate, the weight, \
        the cluster or a fixed effect is dropped for every outcome, a row missing one outcome for that \
        outcome only; the counts are reported per outcome and reason (--missing fail refuses instead). \
        --lin uses Lin's (2013) centred covariates × treatment. Standard errors default to hc2, or cr2 \
        with --cluster (estimatr's defaults). With several outcomes only the treatment's standard \
        errors are computed unless --terms all is given; a single outcome gets every term's.

        Example:
          $ effekt regress --data Data/example/regression.csv \\
              --outcome hours_week_26 --treatment treatment --cluster jobcentre
        """)

    @Option(name: .long, help: "CSV file with a header row.")
    var data: String

    @Option(name: .long, help: "Outcome column (repeat for several outcomes).")
    var outcome: [String]

    @Option(name: .long, help: "Treatment column (numeric, e.g. 0/1).")
    var treatment: String

    @Option(name: .long, help: "Comma-separated covariate columns.")
    var covariates: String?

    @Option(name: .customLong("fixed-effects"), help: "Comma-separated stratum columns, entered as dummies (first level dropped).")
    var fixedEffects: String?

    @Option(name: .long, help: "Cluster column for cluster-robust standard errors.")
    var cluster: String?

    @Option(name: .long, help: "Analytic weight column (positive).")
    var weights: String?

    @Flag(name: .long, help: "Lin (2013) adjustment: centred covariates interacted with the treatment.")
    var lin = false

    @Option(name: .long, help: "Standard errors: classical, hc0, hc1, hc2, hc3, cr0, cr1, cr2 (default hc2, or cr2 with --cluster).")
    var se: CovarianceEstimator?

    @Option(name: .long, help: "Whose standard errors: treatment or all (default: all for one outcome, treatment for several).")
    var terms: RegressionTerms?

    @Option(name: .long, help: "Rows with a missing value: omit (drop them, as R's na.omit) or fail (refuse the data).")
    var missing: MissingValuePolicy = .omit

    @Option(name: .long, help: "Confidence level of the intervals.")
    var level: Double = 0.95

    @Option(name: .long, help: "table, csv (one row per outcome × term, full precision) or json.")
    var format: OutputFormat = .table

    var estimator: CovarianceEstimator { se ?? (cluster == nil ? .hc2 : .cr2) }

    /// `--terms`, or its default: every term for one outcome, the treatment for several.
    var termScope: RegressionTerms { terms ?? (outcome.count == 1 ? .all : .treatment) }

    func validate() throws {
        guard level > 0 && level < 1 else {
            throw ValidationError("The confidence level \(level) must lie strictly between 0 and 1 (e.g. 0.95).")
        }
        guard !outcome.isEmpty else { throw ValidationError("Give at least one --outcome column.") }
        if estimator.isClustered && cluster == nil {
            throw ValidationError("--se \(estimator.rawValue) is cluster-robust and needs --cluster COLUMN.")
        }
    }

    func run() throws {
        let report = try fitReport()
        switch format {
        case .json: print(try report.json(), terminator: "")
        case .table: print(report.table(), terminator: "")
        case .csv: print(report.csv().csv)
        }
    }
}

extension Regress {
    /// The core of `effekt regress` without printing: read, specify, fit. Errors are sentences.
    func fitReport() throws -> RegressionReport {
        let command = self
        let covariates = commaSeparatedNames(command.covariates), fixedEffects = commaSeparatedNames(command.fixedEffects)
        let table = try CSVTable(path: command.data, columns: fixedEffects + [command.cluster].compactMap { $0 },
                                 numeric: command.outcome + [command.treatment] + covariates + [command.weights].compactMap { $0 })
        func numeric(_ name: String) throws(CSVTableError) -> NumericColumn {
            NumericColumn(name: name, values: try table.numbers(name, allowingMissing: true))
        }
        func categorical(_ name: String) -> CategoricalColumn { CategoricalColumn(name: name, labels: table.labels(name)) }
        let spec = ModelSpecification(
            outcomes: try command.outcome.map(numeric),
            treatment: try numeric(command.treatment),
            covariates: try covariates.map(numeric),
            fixedEffects: fixedEffects.map(categorical),
            cluster: command.cluster.map(categorical),
            weights: try command.weights.map(numeric))
        if command.missing == .fail, let first = spec.firstMissingValue() {
            throw CSVTableError.missingValue(path: command.data, line: table.lines[first.row], column: first.column)
        }
        let scope: CovarianceScope = command.termScope == .all ? .full : .variances(of: [command.treatment])
        var fits = [RegressionReport.OutcomeFit?](repeating: nil, count: command.outcome.count)
        for part in try spec.completeCaseDesigns(lin: command.lin) {
            let fit = try MultipleOutcomes.fit(part.design, estimators: [command.estimator], scope: scope)
            for (k, t) in part.outcomes.enumerated() {
                fits[t] = RegressionReport.OutcomeFit(result: fit.result(outcome: k, estimator: command.estimator),
                                                      dropped: part.dropped[k])
            }
        }
        return RegressionReport(fits: fits.map { $0! }, estimator: command.estimator, level: command.level,
                                model: command.lin ? "lin" : "ols", rowCount: table.rowCount,
                                terms: command.termScope, treatment: command.treatment)
    }
}
