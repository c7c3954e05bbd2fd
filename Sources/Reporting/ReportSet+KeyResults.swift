// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension ReportSet {
    /// The key-results page at the top of the index: the headline effects per benefit type, a
    /// municipality × benefit-type overview of the primary effect, the hazard ratios in words,
    /// and the limitations. Every number is the one the cell's own report shows, under the same
    /// disclosure rules (hidden numbers print ".."; a not-estimable effect says so).
    func keyResults(_ doc: inout MarkdownDocument, reports: [CellReport], strings: ReportStrings) {
        let texts = strings.texts
        let large = reports.filter { $0.cell.scope.level != .municipalityBenefit }
        guard let firstWindow = large.first?.cell.headline.first?.window else { return }
        doc.heading(strings[.keyResults], level: 2)
        doc.paragraph(strings[.keyResultsIntro])
        let outcomes = large.first!.cell.headline.filter { $0.window == firstWindow }.map(\.outcome)
        let window = texts.windowText(firstWindow)
        doc.table(header: [strings[.scope]] + outcomes.map { "\(strings.outcome($0)) (\(window))" },
                  rows: large.map { report in
                      [strings.scope(report.cell.scope)] + outcomes.map { outcome in
                          report.cell.headline.first { $0.outcome == outcome && $0.window == firstWindow }
                              .map { summary($0, report) } ?? NumberStyle.missing
                      }
                  }, rightAligned: Set(1...max(1, outcomes.count)))
        if let primary = outcomes.first { municipalityOverview(&doc, reports: reports, strings: strings, outcome: primary, window: firstWindow) }
        if let overall = large.first {
            let alpha = 1 - results.methods.confidenceLevel
            let words = overall.cell.hazards.filter { $0.cause == nil && $0.notEstimable == nil }.map { h -> String in
                let ratio = overall.numbers.ratio(h.hazardRatio, n: Int.max)
                let interval = overall.numbers.ratioInterval(h.confLow, h.confHigh, n: Int.max)
                let meaning = texts.hazardMeaning(outcome: h.outcome, cause: nil, lower: h.hazardRatio < 1,
                                                  percent: overall.numbers.style.percent(abs(1 - h.hazardRatio), digits: 0))
                // The direction in words only where the ratio is significant; otherwise it could mislead.
                let line = "**\(strings.outcome(h.outcome))**: \(strings[.hazardRatio]) \(ratio) \(interval), \(overall.numbers.style.pClause(h.pValue))."
                return h.pValue < alpha ? "\(line) \(meaning)" : "\(line) \(texts.significanceSentence(.none, p: overall.numbers.style.pClause(h.pValue), alphaPercent: ""))"
            }
            if !words.isEmpty {
                doc.heading(strings[.hazardsInWords], level: 3)
                doc.list(words)
            }
        }
        doc.heading(strings[.limitations], level: 3)
        let tests = reports.reduce(0) { $0 + $1.cell.headline.filter { $0.notEstimable == nil }.count }
        let underpowered = reports.filter { r in r.cell.notes.contains { $0.kind == .underpowered } }.count
        let fallback = reports.filter { r in r.cell.headline.first?.method.fallback != nil }.count
        let name = (results.trial.name + " " + strings.trialName(results.trial.name)).lowercased()
        doc.paragraph(texts.limitationsParagraph(tests: tests, underpowered: underpowered, cells: reports.count, fallback: fallback,
                                                 hides: reports.contains { $0.hidesAnyCount },
                                                 synthetic: name.contains("synthetic") || name.contains("syntetisk")))
    }

    /// Municipalities in rows, benefit types in columns: the primary effect as each report shows it.
    private func municipalityOverview(_ doc: inout MarkdownDocument, reports: [CellReport], strings: ReportStrings,
                                      outcome: OutcomeKind, window: WeekWindow) {
        let cells = reports.filter { $0.cell.scope.level == .municipalityBenefit }
        guard !cells.isEmpty else { return }
        let benefits = results.trial.benefits.filter { b in cells.contains { $0.cell.scope.benefit == b } }
        let municipalities = Set(cells.compactMap(\.cell.scope.municipality)).sorted()
        doc.heading(strings[.municipalityOverview], level: 3)
        doc.paragraph("\(strings[.municipalityOverviewIntro]) \(strings.outcome(outcome)) (\(strings.texts.windowText(window))).")
        doc.table(header: [strings[.municipality]] + benefits.map { strings.benefit($0).capitalizedFirst },
                  rows: municipalities.map { m in
                      [m] + benefits.map { b in
                          guard let report = cells.first(where: { $0.cell.scope.municipality == m && $0.cell.scope.benefit == b }),
                                let e = report.cell.headline.first(where: { $0.outcome == outcome && $0.window == window })
                          else { return NumberStyle.missing }
                          return summary(e, report)
                      }
                  }, rightAligned: Set(1...max(1, benefits.count)))
    }

    /// "+7,4 procentpoint [5,1; 9,7]", ".." when hidden, or "not estimable (why)"; "(ujusteret)"
    /// when the small-cell policy used the difference in means.
    private func summary(_ e: EffectEstimate, _ report: CellReport) -> String {
        let numbers = report.numbers
        if let reason = e.notEstimable { return numbers.strings.texts.notEstimable(reason, policy: results.methods.policy) }
        let view = EffectView(e, report: report)
        if view.effectHidden { return numbers.hidden }
        let scale = OutcomeScale(e.outcome)
        let text = "\(numbers.effect(e.effect, scale: scale, n: Int.max)) \(numbers.interval(e.confLow, e.confHigh, scale: scale, n: Int.max))"
        return e.method.fallback == nil ? text : "\(text) (\(numbers.strings[.unadjustedMark]))"
    }
}
