// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension CellReport {
    /// CONSORT counts as a table, with the diagram.
    func consortSection(_ doc: inout MarkdownDocument, figures: [Figure]) {
        doc.heading(strings[.sectionConsort], level: 2)
        let flow = cell.consort
        let arms = flow.randomized.map(\.arm)
        var rows: [[String]] = [[strings[.enrolled], count(.enrolled, flow.enrolled)] + arms.dropFirst().map { _ in "" }]
        rows.append([strings[.randomized]] + arms.map { arm in
            count(.randomized(arm: arm), flow.randomized.first { $0.arm == arm }?.count ?? 0)
        })
        let reasons = flow.lost.map(\.reason).uniqued()
        for reason in reasons {
            rows.append(["\(strings[.lostBeforeEnd]): \(strings.status(reason))"] + arms.map { arm in
                count(.lost(arm: arm, reason: reason), flow.lost.first { $0.arm == arm && $0.reason == reason }?.count ?? 0)
            })
        }
        rows.append([strings[.followedUp]] + arms.map { arm in
            count(.followedUp(arm: arm), flow.followedUp.first { $0.arm == arm }?.count ?? 0)
        })
        if !flow.analysed.isEmpty {
            rows.append([strings[.analysedITT]] + arms.map { arm in flow.analysed.first { $0.arm == arm }.map { count(.randomized(arm: arm), $0.count) } ?? "" })
        }
        let columns = arms.isEmpty ? [strings[.count]] : arms.map(armHeading)
        doc.table(header: [strings[.stage]] + columns, rows: rows, rightAligned: Set(1...columns.count))
        if let figure = figures.first(where: { $0.kind == .consort }) {
            doc.image(path: figure.path, alt: strings.texts.chartDescription(.consort, outcome: ""))
        }
    }

    /// Baseline covariates by arm with Hedges' g and the WWC category.
    func balanceSection(_ doc: inout MarkdownDocument) {
        doc.heading(strings[.sectionBalance], level: 2)
        if let imported = results.methods.importedAllocation {
            let test = imported.imbalance.map { t in
                (statistic: numbers.style.decimal(t.statistic, digits: 2), df1: t.numeratorDegreesOfFreedom,
                 df2: t.denominatorDegreesOfFreedom, p: numbers.style.pClause(t.pValue))
            }
            doc.paragraph(strings.texts.importedAllocationSentence(assumed: imported.assumed, imbalance: test))
        }
        let arms = results.trial.arms.filter { arm in cell.balance.contains { $0.arms.contains { $0.arm == arm } } }
        var header = [strings[.covariate]]
        for arm in arms {
            header.append("\(armHeading(arm)): \(strings[.mean].lowercasedFirst) (\(strings[.standardDeviation].lowercasedFirst))")
            header.append("\(armHeading(arm)): \(strings[.n])")
        }
        header += [strings[.standardizedDifference], strings[.wwcCategory]]
        let rows: [[String]] = cell.balance.map { row in
            var cells = [strings.covariate(row.covariate).capitalizedFirst]
            var anyHidden = false
            for arm in arms {
                guard let summary = row.arms.first(where: { $0.arm == arm }) else {
                    cells += [NumberStyle.missing, NumberStyle.missing]
                    continue
                }
                let hidden = balanceHidden(row, summary)
                anyHidden = anyHidden || hidden
                cells.append(hidden ? numbers.hidden : balanceValue(summary, kind: row.kind))
                cells.append(count(.observed(covariate: row.covariate, arm: arm), summary.n))
            }
            // The standardized difference of a hidden arm would reveal it.
            cells.append(anyHidden ? numbers.hidden : numbers.statistic(row.standardizedDifference, digits: 3))
            cells.append(anyHidden ? numbers.hidden : strings.category(row.category))
            return cells
        }
        doc.table(header: header, rows: rows, rightAligned: Set(1..<(header.count - 1)))
    }

    /// A baseline value is hidden when its arm is too small, or — for a share — when the count
    /// with the level or the count without it is hidden.
    private func balanceHidden(_ row: BaselineRow, _ summary: ArmBaseline) -> Bool {
        if numbers.hides(basedOn: summary.n) { return true }
        guard row.kind == .share else { return false }
        return isHidden(.withLevel(covariate: row.covariate, arm: summary.arm))
            || isHidden(.withoutLevel(covariate: row.covariate, arm: summary.arm))
    }

    private func balanceValue(_ summary: ArmBaseline, kind: BaselineRow.Kind) -> String {
        switch kind {
        case .share: return numbers.style.percent(summary.mean)
        case .mean:
            let mean = numbers.style.decimal(summary.mean, digits: 1)
            return summary.standardDeviation.map { "\(mean) (\(numbers.style.decimal($0, digits: 1)))" } ?? mean
        }
    }

    /// The headline effects table: arm levels, the unadjusted difference, the effect by the
    /// cell's method with its interval, relative effect, p-values and N. A not-estimable effect
    /// says why; hidden statistics print "..".
    func effectsSection(_ doc: inout MarkdownDocument) {
        doc.heading(strings[.sectionEffects], level: 2)
        guard !cell.headline.isEmpty else {
            doc.paragraph(strings.texts.noEstimatesSentence())
            return
        }
        let hasRelative = cell.headline.contains { $0.relativeEffect != nil }
        let hasHolm = cell.headline.contains { $0.holmPValue != nil }
        let hasBH = cell.headline.contains { $0.benjaminiHochbergPValue != nil }
        var header = [strings[.outcome], strings[.window], armHeading(results.trial.controlArm), armHeading(results.trial.treatedArm),
                      "\(strings[.unadjustedDifference]) [\(intervalHeader)]", strings[.effect], intervalHeader]
        if hasRelative { header.append(strings[.relativeEffect]) }
        header += [strings[.pValue], strings[.riPValue]]
        if hasHolm { header.append(strings[.holmPValue]) }
        if hasBH { header.append(strings[.bhPValue]) }
        header.append(strings[.n])
        let rows: [[String]] = cell.headline.map { e in
            let scale = OutcomeScale(e.outcome)
            let view = EffectView(e, report: self)
            var row = [strings.outcome(e.outcome), numbers.window(e.window),
                       view.levelHidden ? numbers.hidden : numbers.level(e.controlMean, scale: scale, n: Int.max),
                       view.levelHidden ? numbers.hidden : numbers.level(e.treatedMean, scale: scale, n: Int.max),
                       view.unadjusted]
            if let reason = e.notEstimable {
                row += [strings.texts.notEstimable(reason, policy: results.methods.policy), NumberStyle.missing]
                if hasRelative { row.append(NumberStyle.missing) }
                row += [NumberStyle.missing, NumberStyle.missing]
                if hasHolm { row.append(NumberStyle.missing) }
                if hasBH { row.append(NumberStyle.missing) }
            } else {
                let n = view.effectHidden ? 0 : Int.max
                row += [numbers.effect(e.effect, scale: scale, n: n) + (e.intervalTruncated ? "¹" : ""),
                        numbers.interval(e.confLow, e.confHigh, scale: scale, n: n)]
                if hasRelative { row.append(numbers.relative(e.relativeEffect, n: n)) }
                row += [numbers.p(e.pValue, n: n), numbers.p(e.riPValue, n: n, below: riFloor)]
                if hasHolm { row.append(numbers.p(e.holmPValue, n: n)) }
                if hasBH { row.append(numbers.p(e.benjaminiHochbergPValue, n: n)) }
            }
            row.append(count(.estimateN(id: e.id), e.n))
            return row
        }
        doc.table(header: header, rows: rows, rightAligned: Set(2..<header.count))
        if let method = cell.headline.first?.method {
            var notes = ["\(strings[.method]): \(strings.texts.effectMethod(method))."]
            if method.fallback != nil { notes.append(strings.texts.fallbackSentence(method, policy: results.methods.policy)) }
            if cell.headline.contains(where: \.intervalTruncated) { notes.append("¹ " + strings[.intervalTruncatedNote]) }
            doc.paragraph(notes.joined(separator: " "))
        }
    }

    /// Cox hazard ratios with rows, persons and events; not-estimable ratios say why.
    func hazardsSection(_ doc: inout MarkdownDocument) {
        guard !cell.hazards.isEmpty else { return }
        doc.heading(strings[.sectionHazards], level: 2)
        let header = [strings[.outcome], strings[.cause], strings[.hazardRatio], intervalHeader,
                      strings[.pValue], strings[.rows], strings[.persons], strings[.events], strings[.method]]
        let rows: [[String]] = cell.hazards.map { h in
            let n = basis(h.persons)
            let estimate: [String]
            if let reason = h.notEstimable {
                estimate = [strings.texts.notEstimable(reason, policy: results.methods.policy), NumberStyle.missing, NumberStyle.missing]
            } else {
                estimate = [numbers.ratio(h.hazardRatio, n: n), numbers.ratioInterval(h.confLow, h.confHigh, n: n),
                            numbers.p(h.pValue, n: n)]
            }
            return [strings.outcome(h.outcome), h.cause.map(strings.status) ?? NumberStyle.missing] + estimate
                + [count(.hazardRows(id: h.id), h.n), count(.hazardPersons(id: h.id), h.persons),
                   count(.hazardEvents(id: h.id), h.events), strings.texts.hazardModel(h.method)]
        }
        doc.table(header: header, rows: rows, rightAligned: Set(2...7))
        if cell.hazards.contains(where: { $0.method == .coxSpellsClustered }) { doc.paragraph(strings[.spellRowsNote]) }
    }

    /// Subgroup effects, labelled pre-specified or exploratory.
    func subgroupsSection(_ doc: inout MarkdownDocument) {
        guard !cell.subgroups.isEmpty else { return }
        doc.heading(strings[.sectionSubgroups], level: 2)
        let header = [strings[.variable], strings[.level], strings[.outcome], strings[.effect],
                      intervalHeader,
                      strings[.pValue], strings[.n], strings[.interactionPValue], strings[.label]]
        let rows: [[String]] = cell.subgroups.map { s in
            let scale = OutcomeScale(s.outcome)
            let n = basis(s.n)
            return [strings.variable(s.variable).capitalizedFirst, strings.value(s.level, of: s.variable), strings.outcome(s.outcome),
                    numbers.effect(s.effect, scale: scale, n: n), numbers.interval(s.confLow, s.confHigh, scale: scale, n: n),
                    numbers.p(s.pValue, n: n), count(.subgroupN(variable: s.variable, level: s.level), s.n),
                    numbers.style.pValue(s.interactionPValue),
                    strings[s.prespecified ? .prespecified : .exploratory]]
        }
        doc.table(header: header, rows: rows, rightAligned: Set(3...7))
    }
}

extension Array where Element: Hashable {
    /// The elements in first-seen order without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// What an effects-table row may show under the disclosure rule.
struct EffectView {
    /// The arm levels are hidden: an arm is smaller than `min_persons`, or (a 0/1 outcome of
    /// persons) the count with or without the outcome is hidden.
    let levelHidden: Bool
    /// The effect, interval and p-values are hidden: an arm is too small, or the levels are hidden
    /// and the effect is an unadjusted difference (which would reveal them).
    let effectHidden: Bool
    /// The unadjusted difference with its interval, or "..".
    let unadjusted: String

    init(_ e: EffectEstimate, report: CellReport) {
        let numbers = report.numbers
        let small = numbers.hides(basedOn: report.basis(min(e.controlN, e.treatedN)))
        var countHidden = false
        if e.outcome.isPersonIndicator {
            for arm in [report.results.trial.controlArm, report.results.trial.treatedArm] {
                countHidden = countHidden || report.isHidden(.withOutcome(id: e.id, arm: arm))
                    || report.isHidden(.withoutOutcome(id: e.id, arm: arm))
            }
        }
        levelHidden = small || countHidden
        effectHidden = small || (countHidden && e.method.estimator != .lin)
        let scale = OutcomeScale(e.outcome)
        if let u = e.unadjusted, !levelHidden {
            unadjusted = "\(numbers.difference(u.effect, scale: scale)) \(numbers.style.interval(numbers.bound(u.confLow, scale: scale), numbers.bound(u.confHigh, scale: scale)))"
        } else {
            unadjusted = levelHidden ? numbers.hidden : NumberStyle.missing
        }
    }
}
