// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension CellReport {
    /// Weekly effect curves (charts only; the window effects are in the effects table).
    func curvesSection(_ doc: inout MarkdownDocument, figures: [Figure]) {
        let charts = figures.filter { $0.kind == .effectCurve }
        guard !charts.isEmpty else { return }
        doc.heading(strings[.sectionCurves], level: 2)
        for figure in charts {
            let outcome = figure.outcome.map(strings.outcome) ?? ""
            doc.heading(outcome, level: 3)
            doc.image(path: figure.path, alt: strings.texts.chartDescription(.effectCurve, outcome: outcome))
        }
    }

    /// Kaplan–Meier charts with N, events, median and the log-rank test per outcome.
    func survivalSection(_ doc: inout MarkdownDocument, figures: [Figure]) {
        guard !cell.survivalCurves.isEmpty else { return }
        doc.heading(strings[.sectionSurvival], level: 2)
        for (i, set) in cell.survivalCurves.enumerated() {
            let outcome = strings.outcome(set.outcome)
            doc.heading(outcome, level: 3)
            if let figure = figures.first(where: { $0.kind == .kaplanMeier && $0.index == i }) {
                doc.image(path: figure.path, alt: strings.texts.chartDescription(.kaplanMeier, outcome: outcome))
            } else {
                doc.paragraph(strings[.figureLeftOut])
            }
            let rows: [[String]] = set.arms.map { arm in
                let median: String
                if numbers.hides(basedOn: arm.n) { median = numbers.hidden }
                else { median = arm.median.map { numbers.style.decimal($0, digits: 1) } ?? strings[.notReached] }
                return [armHeading(arm.arm), count(.survivalN(arm: arm.arm), arm.n),
                        count(.survivalEvents(arm: arm.arm), arm.events), median]
            }
            doc.table(header: [strings[.arm], strings[.n], strings[.events], strings[.median]], rows: rows,
                      rightAligned: [1, 2, 3])
            if set.arms.contains(where: { numbers.hides(basedOn: $0.n) }) {
                doc.paragraph("\(strings[.logRankTest]): \(numbers.hidden).")
            } else {
                doc.paragraph("\(strings[.logRankTest]): χ² = \(numbers.statistic(set.logRankStatistic, digits: 2)), "
                    + "\(numbers.style.pClause(set.logRankPValue)).")
            }
        }
    }

    /// Cumulative incidence of competing exits: charts and the last estimate per arm and exit.
    func incidenceSection(_ doc: inout MarkdownDocument, figures: [Figure]) {
        guard !cell.cumulativeIncidence.isEmpty else { return }
        doc.heading(strings[.sectionCumulativeIncidence], level: 2)
        let armSizes = Dictionary(cell.consort.randomized.map { ($0.arm, $0.count) }, uniquingKeysWith: { a, _ in a })
        for (i, set) in cell.cumulativeIncidence.enumerated() {
            let outcome = strings.outcome(set.outcome)
            doc.heading(outcome, level: 3)
            if let figure = figures.first(where: { $0.kind == .cumulativeIncidence && $0.index == i }) {
                doc.image(path: figure.path, alt: strings.texts.chartDescription(.cumulativeIncidence, outcome: outcome))
            } else {
                doc.paragraph(strings[.figureLeftOut])
            }
            var rows: [[String]] = []
            for arm in set.arms {
                let small = numbers.hides(basedOn: armSizes[arm.arm] ?? numbers.minPersons)
                for cause in arm.causes {
                    guard let last = cause.points.max(by: { $0.time < $1.time }) else { continue }
                    // The last estimate is the curve at the last week: shown when the ledger shows that step.
                    let curve = StepCurveID.incidence(set.outcome, cause: cause.cause).key
                    let hidden = small || isHidden(.curveEvents(curve: curve, arm: arm.arm, week: results.trial.followUpWeeks))
                    rows.append([armHeading(arm.arm), strings.status(cause.cause),
                                 numbers.style.decimal(last.time, digits: 0),
                                 hidden ? numbers.hidden : numbers.style.percent(last.estimate)])
                }
            }
            doc.table(header: [strings[.arm], strings[.cause], strings[.week], strings[.estimate]], rows: rows,
                      rightAligned: [2, 3])
        }
    }

    /// Municipality effects (overall and benefit-type reports): forest plot, table, the test of
    /// equal effects and the meta-regressions.
    func sitesSection(_ doc: inout MarkdownDocument, figures: [Figure]) {
        guard cell.scope.level != .municipalityBenefit else { return }
        doc.heading(strings[.sectionSites], level: 2)
        guard let sites = cell.siteEffects, !sites.sites.isEmpty else {
            doc.paragraph(strings[.noSiteEffects])
            return
        }
        let scale = OutcomeScale(sites.outcome)
        doc.paragraph("\(strings.outcome(sites.outcome)) (\(numbers.window(sites.window))).")
        if let figure = figures.first(where: { $0.kind == .forestPlot }) {
            doc.image(path: figure.path, alt: strings.texts.chartDescription(.forestPlot, outcome: strings.outcome(sites.outcome)))
        }
        let hasHolm = sites.sites.contains { $0.holmPValue != nil }
        let hasBH = sites.sites.contains { $0.benjaminiHochbergPValue != nil }
        var header = [strings[.municipality], "\(armHeading(results.trial.controlArm)): \(strings[.mean].lowercasedFirst)", strings[.effect],
                      intervalHeader, strings[.pValue]]
        if hasHolm { header.append(strings[.holmPValue]) }
        if hasBH { header.append(strings[.bhPValue]) }
        header.append(strings[.n])
        let hiddenSites = hiddenSiteMunicipalities(sites)
        let rows: [[String]] = sites.sites.map { s in
            let n = hiddenSites.contains(s.municipality) ? 0 : s.n
            var row = [s.municipality, numbers.level(s.controlMean, scale: scale, n: n),
                       numbers.effect(s.effect, scale: scale, n: n),
                       numbers.interval(s.confLow, s.confHigh, scale: scale, n: n), numbers.p(s.pValue, n: n)]
            if hasHolm { row.append(numbers.p(s.holmPValue, n: n)) }
            if hasBH { row.append(numbers.p(s.benjaminiHochbergPValue, n: n)) }
            row.append(count(.siteN(municipality: s.municipality), s.n))
            return row
        }
        doc.table(header: header, rows: rows, rightAligned: Set(1..<header.count))
        if !sites.omitted.isEmpty {
            let policy = results.methods.policy
            doc.paragraph("\(strings[.sitesNotEstimated]): "
                + sites.omitted.map { "\($0.municipality) (\(strings.texts.notEstimable($0.reason, policy: policy)))" }.joined(separator: "; ") + ".")
        }
        doc.paragraph("\(strings[.heterogeneityTest]): Q = \(numbers.statistic(sites.equalityStatistic, digits: 2)), "
            + "\(strings[.degreesOfFreedom]) = \(numbers.style.integer(sites.equalityDegreesOfFreedom)), \(numbers.style.pClause(sites.equalityPValue)).")
        guard !sites.metaRegressions.isEmpty else { return }
        doc.heading(strings[.sectionMetaRegression], level: 3)
        let metaRows: [[String]] = sites.metaRegressions.map { m in
            [strings.variable(m.moderator).capitalizedFirst, numbers.statistic(m.slope, digits: 3),
             numbers.style.interval(numbers.statistic(m.confLow, digits: 3), numbers.statistic(m.confHigh, digits: 3)),
             numbers.style.pValue(m.pValue), numbers.style.integer(m.sites), m.correction.map(strings.texts.correction) ?? NumberStyle.missing]
        }
        doc.table(header: [strings[.moderator], strings[.slope],
                           intervalHeader,
                           strings[.pValue], strings[.sites], strings[.correction]],
                  rows: metaRows, rightAligned: [1, 2, 3, 4])
    }

    /// Municipalities whose site effect must not be shown: too few people, or — for a 0/1
    /// outcome of persons — a count with or without the outcome that the municipality's own
    /// report hides (the control level and the effect would reveal it).
    func hiddenSiteMunicipalities(_ sites: SiteHeterogeneity) -> Set<String> {
        var hidden = Set<String>()
        let id = "\(sites.outcome.rawValue)@\(sites.window.map { "\($0.firstWeek)-\($0.lastWeek)" } ?? "all")"
        for site in sites.sites {
            if numbers.hides(basedOn: site.n) { hidden.insert(site.municipality); continue }
            guard sites.outcome.isPersonIndicator else { continue }
            let scopes = results.cells.map(\.scope).filter {
                $0.level == .municipalityBenefit && $0.municipality == site.municipality
                    && (cell.scope.benefit == nil || $0.benefit == cell.scope.benefit)
            }
            let arms = [results.trial.controlArm, results.trial.treatedArm]
            if scopes.contains(where: { scope in
                arms.contains { arm in
                    disclosure.isHidden(PublishedCount(scope: scope, quantity: .withOutcome(id: id, arm: arm)))
                        || disclosure.isHidden(PublishedCount(scope: scope, quantity: .withoutOutcome(id: id, arm: arm)))
                }
            }) { hidden.insert(site.municipality) }
        }
        return hidden
    }
}
