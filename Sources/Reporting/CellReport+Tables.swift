// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension CellReport {
    /// CONSORT counts as a table, with the diagram.
    func consortSection(_ doc: inout MarkdownDocument, figures: [Figure]) {
        doc.heading(strings[.sectionConsort], level: 2)
        let flow = cell.consort
        let arms = flow.randomized.map(\.arm)
        var rows: [[String]] = [[strings[.enrolled], numbers.count(flow.enrolled)] + arms.dropFirst().map { _ in "" }]
        rows.append([strings[.randomized]] + arms.map { arm in
            numbers.count(flow.randomized.first { $0.arm == arm }?.count ?? 0)
        })
        let reasons = flow.lost.map(\.reason).uniqued()
        for reason in reasons {
            rows.append(["\(strings[.lostBeforeEnd]): \(strings.status(reason))"] + arms.map { arm in
                numbers.count(flow.lost.first { $0.arm == arm && $0.reason == reason }?.count ?? 0)
            })
        }
        rows.append([strings[.followedUp]] + arms.map { arm in
            numbers.count(flow.followedUp.first { $0.arm == arm }?.count ?? 0)
        })
        if !flow.analysed.isEmpty {
            rows.append([strings[.analysedITT]] + arms.map { arm in flow.analysed.first { $0.arm == arm }.map { numbers.count($0.count) } ?? "" })
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
        let arms = results.trial.arms.filter { arm in cell.balance.contains { $0.arms.contains { $0.arm == arm } } }
        var header = [strings[.covariate]]
        for arm in arms {
            header.append("\(armHeading(arm)): \(strings[.mean].lowercasedFirst) (\(strings[.standardDeviation].lowercasedFirst))")
            header.append("\(armHeading(arm)): \(strings[.n])")
        }
        header += [strings[.standardizedDifference], strings[.wwcCategory]]
        let rows: [[String]] = cell.balance.map { row in
            var cells = [strings.covariate(row.covariate).capitalizedFirst]
            for arm in arms {
                guard let summary = row.arms.first(where: { $0.arm == arm }) else {
                    cells += [NumberStyle.missing, NumberStyle.missing]
                    continue
                }
                cells.append(balanceValue(summary, kind: row.kind))
                cells.append(numbers.count(summary.n))
            }
            cells.append(numbers.statistic(row.standardizedDifference, digits: 3))
            cells.append(strings.category(row.category))
            return cells
        }
        doc.table(header: header, rows: rows, rightAligned: Set(1..<(header.count - 1)))
    }

    private func balanceValue(_ summary: ArmBaseline, kind: BaselineRow.Kind) -> String {
        if DisclosureControl.hidesEstimate(basedOn: summary.n) { return DisclosureControl.suppressed }
        switch kind {
        case .share: return numbers.style.percent(summary.mean)
        case .mean:
            let mean = numbers.style.decimal(summary.mean, digits: 1)
            return summary.standardDeviation.map { "\(mean) (\(numbers.style.decimal($0, digits: 1)))" } ?? mean
        }
    }

    /// The headline effects table.
    func effectsSection(_ doc: inout MarkdownDocument) {
        doc.heading(strings[.sectionEffects], level: 2)
        guard !cell.headline.isEmpty else {
            doc.paragraph(strings.texts.noEstimatesSentence())
            return
        }
        let hasRelative = cell.headline.contains { $0.relativeEffect != nil }
        let hasHolm = cell.headline.contains { $0.holmPValue != nil }
        let hasBH = cell.headline.contains { $0.benjaminiHochbergPValue != nil }
        var header = [strings[.outcome], strings[.window], armHeading(results.trial.controlArm), armHeading(results.trial.treatedArm), strings[.effect],
                      intervalHeader]
        if hasRelative { header.append(strings[.relativeEffect]) }
        header += [strings[.pValue], strings[.riPValue]]
        if hasHolm { header.append(strings[.holmPValue]) }
        if hasBH { header.append(strings[.bhPValue]) }
        header.append(strings[.n])
        let rows: [[String]] = cell.headline.map { e in
            let scale = OutcomeScale(e.outcome)
            let n = basis(e.n)
            var row = [strings.outcome(e.outcome), numbers.window(e.window),
                       numbers.level(e.controlMean, scale: scale, n: n), numbers.level(e.treatedMean, scale: scale, n: n),
                       numbers.effect(e.effect, scale: scale, n: n),
                       numbers.interval(e.confLow, e.confHigh, scale: scale, n: n)]
            if hasRelative { row.append(numbers.relative(e.relativeEffect, n: n)) }
            row += [numbers.p(e.pValue, n: n), numbers.p(e.riPValue, n: n, below: riFloor)]
            if hasHolm { row.append(numbers.p(e.holmPValue, n: n)) }
            if hasBH { row.append(numbers.p(e.benjaminiHochbergPValue, n: n)) }
            row.append(numbers.count(e.n))
            return row
        }
        doc.table(header: header, rows: rows, rightAligned: Set(2..<header.count))
    }

    /// Cox hazard ratios.
    func hazardsSection(_ doc: inout MarkdownDocument) {
        guard !cell.hazards.isEmpty else { return }
        doc.heading(strings[.sectionHazards], level: 2)
        let header = [strings[.outcome], strings[.cause], strings[.hazardRatio],
                      intervalHeader,
                      strings[.pValue], strings[.n], strings[.events], strings[.converged], strings[.method]]
        let rows: [[String]] = cell.hazards.map { h in
            let n = basis(h.n)
            return [strings.outcome(h.outcome), h.cause.map(strings.status) ?? NumberStyle.missing,
             numbers.ratio(h.hazardRatio, n: n), numbers.ratioInterval(h.confLow, h.confHigh, n: n),
             numbers.p(h.pValue, n: n), numbers.count(h.n), numbers.count(h.events),
             strings[h.converged ? .yes : .no], strings.texts.hazardModel(h.method)]
        }
        doc.table(header: header, rows: rows, rightAligned: Set(2...6))
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
                    numbers.p(s.pValue, n: n), numbers.count(s.n), numbers.style.pValue(s.interactionPValue),
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
