// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import SurvivalAnalysis

/// Tie handling on the command line.
enum SurvivalTies: String, ExpressibleByArgument, CaseIterable {
    case efron, breslow

    var estimatorValue: CoxModel.Ties { self == .efron ? .efron : .breslow }
}

/// `effekt survival cox`: a Cox proportional-hazards model, as R's `coxph`.
struct SurvivalCox: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cox", abstract: "Cox proportional-hazards model with strata, (start, stop] data and robust errors (as R's coxph).",
        discussion: """
        Example:
          $ effekt survival cox --data Tests/Fixtures/survival/heart.csv \\
              --start start --stop stop --event event \\
              --covariates age,year,surgery,transplant --cluster id
        """)

    @OptionGroup var input: SurvivalDataOptions<BinaryEventCoding>

    @Option(help: "Comma-separated covariate columns (numeric).")
    var covariates: String

    @Option(help: "Column defining strata (separate baseline hazards).")
    var strata: String?

    @Option(help: "Column identifying clusters (e.g. person id) for the robust sandwich variance.")
    var cluster: String?

    @Flag(help: "Robust sandwich variance with each row its own cluster.")
    var robust = false

    @Option(help: "Tie handling: efron or breslow.")
    var ties: SurvivalTies = .efron

    @Option(help: "Confidence level for the hazard ratios.")
    var level: Double = 0.95

    var covariateNames: [String] { commaSeparatedNames(covariates) }

    func validate() throws {
        guard !covariateNames.isEmpty else { throw ValidationError("--covariates needs at least one column.") }
        guard level > 0, level < 1 else { throw ValidationError("--level must be between 0 and 1, e.g. 0.95.") }
        if robust && cluster != nil { throw ValidationError("Give --robust or --cluster, not both (--cluster is already robust).") }
    }

    func run() throws {
        let names = covariateNames
        let (table, dropped) = try input.read(SurvivalColumns(covariates: names, strata: strata, cluster: cluster))
        let data = try input.survivalData(table)
        var x = [[Double]]()
        for name in names { x.append(try table.survivalNumbers(name)) }
        let strataGrouping = strata.map { survivalGrouping(table, column: $0) }
        let variance: CoxModel.VarianceEstimator =
            if let cluster { .clustered(survivalGrouping(table, column: cluster)) } else if robust { .robust } else { .modelBased }
        let fit = try survivalAnalysis { () throws(SurvivalAnalysisError) in
            try CoxModel(data: data, covariates: x, terms: names, strata: strataGrouping, ties: ties.estimatorValue, variance: variance)
        }
        let rows = fit.summary(level: level)
        func test(_ t: CoxModel.Test) -> SurvivalJSON {
            .object([("statistic", .number(t.statistic)), ("df", .integer(t.degreesOfFreedom)), ("p_value", .number(t.pValue))])
        }
        switch input.format {
        case .json:
            var tests: [(String, SurvivalJSON)] = [("likelihood_ratio", test(fit.likelihoodRatioTest)),
                                                   ("wald", test(fit.waldTest)), ("score", test(fit.scoreTest))]
            if let r = fit.robustScoreTest { tests.append(("robust_score", test(r))) }
            print(try SurvivalJSON.object([
                ("n", .integer(fit.observationCount)), ("dropped_rows", dropped.json), ("events", .integer(fit.eventCount)),
                ("ties", .string(ties.rawValue)), ("level", .number(level)),
                ("coefficients", .array(rows.map { r in
                    var o: [(String, SurvivalJSON)] = [("term", .string(r.term)), ("estimate", .number(r.estimate)),
                                                       ("std_error", .number(r.standardError))]
                    if let rse = r.robustStandardError { o.append(("robust_std_error", .number(rse))) }
                    o += [("hazard_ratio", .number(r.hazardRatio)), ("conf_low", .number(r.confidenceLow)),
                          ("conf_high", .number(r.confidenceHigh)), ("statistic", .number(r.statistic)), ("p_value", .number(r.pValue))]
                    return .object(o)
                })),
                ("aliased", .array(fit.aliasedTerms.map { .string($0) })),
                ("loglik_null", .number(fit.logLikelihoodNull)), ("loglik", .number(fit.logLikelihood)),
                ("tests", .object(tests)), ("concordance", .number(fit.concordance)),
                ("converged", .bool(fit.converged)), ("iterations", .integer(fit.iterations)),
                ("warnings", .array(fit.warnings.map { .string($0.description) })),
            ]).rendered(), terminator: "")
        case .csv:
            var t = TextTable(header: ["term", "estimate", "std_error", "robust_std_error", "hazard_ratio", "conf_low", "conf_high",
                                       "statistic", "p_value"])
            for r in rows {
                t.rows.append([r.term] + [r.estimate, r.standardError, r.robustStandardError ?? .nan, r.hazardRatio, r.confidenceLow,
                                          r.confidenceHigh, r.statistic, r.pValue].map(NumberText.full))
            }
            print(t.csv)
        case .table:
            let robustColumns = fit.varianceEstimator != .modelBased
            var t = TextTable(header: ["term", "coef", "exp(coef)", "se(coef)"] + (robustColumns ? ["robust se"] : [])
                                      + ["z", "p", "lower \(Int(level * 100))%", "upper"])
            for r in rows {
                t.rows.append([r.term, survivalFormat(r.estimate), survivalFormat(r.hazardRatio), survivalFormat(r.standardError)]
                              + (robustColumns ? [survivalFormat(r.robustStandardError ?? .nan)] : [])
                              + [survivalFormat(r.statistic), survivalFormat(r.pValue), survivalFormat(r.confidenceLow),
                                 survivalFormat(r.confidenceHigh)])
            }
            print("n = \(fit.observationCount), events = \(fit.eventCount), ties = \(ties.rawValue)")
            if let line = dropped.sentence { print(line) }
            print("")
            print(t.rendered)
            print("\nConcordance = \(survivalFormat(fit.concordance))")
            for (name, value) in [("Likelihood ratio", fit.likelihoodRatioTest), ("Wald", fit.waldTest), ("Score (log-rank)", fit.scoreTest)] {
                print("\(name) test = \(survivalFormat(value.statistic)) on \(value.degreesOfFreedom) df, p = \(survivalFormat(value.pValue))")
            }
            print("Converged: \(fit.converged) after \(fit.iterations) iterations")
            for w in fit.warnings { print("Warning: \(w)") }
        }
    }
}
