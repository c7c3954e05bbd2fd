// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension CellReport {
    /// The plain-language summary: one paragraph per headline effect, chosen by wording rules
    /// from the numbers present (never new statistics):
    /// - the effect sentence: treated level, control level, effect and its interval;
    /// - significance from p relative to α = 1 − confidence level (`SignificanceJudgement`);
    /// - whether randomization inference agrees (same side of α);
    /// - for significant results with a Holm-adjusted p, whether it survives the adjustment;
    /// - the `underpowered` note: the cell is too small to detect the overall effect (MDE);
    /// then hazard ratios, the heterogeneity test, other notes and the suppression notice.
    func summarySection(_ doc: inout MarkdownDocument, hasSuppression: Bool) {
        doc.heading(strings[.sectionSummary], level: 2)
        let texts = strings.texts
        let alphaText = numbers.levelPercent(alpha)
        if cell.headline.isEmpty { doc.paragraph(texts.noEstimatesSentence()) }
        for estimate in cell.headline {
            let scale = OutcomeScale(estimate.outcome)
            let n = basis(estimate.n)
            guard !DisclosureControl.hidesEstimate(basedOn: n) else {
                doc.paragraph("**\(strings.outcome(estimate.outcome))**: \(DisclosureControl.suppressed).")
                continue
            }
            var sentences = [texts.effectSentence(
                outcome: strings.outcome(estimate.outcome), window: estimate.window.map(texts.windowText),
                treated: numbers.level(estimate.treatedMean, scale: scale, n: n),
                control: numbers.level(estimate.controlMean, scale: scale, n: n),
                effect: numbers.effect(estimate.effect, scale: scale, n: n),
                interval: numbers.interval(estimate.confLow, estimate.confHigh, scale: scale, n: n),
                levelPercent: numbers.levelPercent(results.methods.confidenceLevel))]
            let judgement = SignificanceJudgement(p: estimate.pValue, alpha: alpha)
            sentences.append(texts.significanceSentence(judgement, p: numbers.style.pClause(estimate.pValue), alphaPercent: alphaText))
            if let ri = estimate.riPValue {
                let agrees = SignificanceJudgement(p: ri, alpha: alpha).isSignificant == judgement.isSignificant
                sentences.append(texts.randomizationSentence(riP: numbers.style.pClause(ri, below: riFloor), agrees: agrees))
            }
            if judgement.isSignificant, let holm = estimate.holmPValue {
                sentences.append(texts.holmSentence(holmP: numbers.style.pClause(holm), significant: holm < alpha))
            }
            for note in cell.notes where note.kind == .underpowered && note.subject == estimate.id {
                let overall = note.value.map { numbers.effect($0, scale: scale, n: n) }
                sentences.append(texts.underpoweredSentence(
                    mde: numbers.effect(estimate.minimumDetectableEffect, scale: scale, n: n).trimmingPlus,
                    overall: overall))
            }
            doc.paragraph(sentences.joined(separator: " "))
        }
        for hazard in cell.hazards where hazard.cause == nil {
            let hazardN = basis(hazard.n)
            guard !DisclosureControl.hidesEstimate(basedOn: hazardN) else { continue }
            doc.paragraph(texts.hazardSentence(
                outcome: strings.outcome(hazard.outcome),
                ratio: numbers.ratio(hazard.hazardRatio, n: hazardN),
                interval: numbers.ratioInterval(hazard.confLow, hazard.confHigh, n: hazardN),
                judgement: SignificanceJudgement(p: hazard.pValue, alpha: alpha),
                p: numbers.style.pClause(hazard.pValue)))
        }
        if let sites = cell.siteEffects, !sites.sites.isEmpty {
            doc.paragraph(texts.heterogeneitySentence(
                statistic: numbers.statistic(sites.equalityStatistic, digits: 2),
                df: numbers.style.integer(sites.equalityDegreesOfFreedom),
                p: numbers.style.pClause(sites.equalityPValue),
                differs: sites.equalityPValue < alpha))
        }
        var other: [String] = []
        for note in cell.notes {
            switch note.kind {
            case .underpowered:
                if !cell.headline.contains(where: { $0.id == note.subject }) {
                    other.append(texts.smallCellSentence(subject: subjectName(note.subject)))
                }
            case .notEstimable:
                let reason = note.reason.map { texts.notEstimable($0, policy: results.methods.policy) } ?? ""
                other.append("\(subjectName(note.subject).capitalizedFirst): \(reason).")
            case .fallbackEstimator:
                if let method = cell.headline.first?.method { other.append(texts.fallbackSentence(method, policy: results.methods.policy)) }
            case .droppedRows:
                let count = note.value.map { numbers.count(Int($0)) } ?? NumberStyle.missing
                other.append(texts.droppedRowsSentence(subject: subjectName(note.subject), count: count))
            }
        }
        if hasSuppression { other.append(texts.suppressedSentence()) }
        doc.list(other)
    }
}

extension String {
    /// Without a leading "+": a minimum detectable effect is a size, not a direction.
    var trimmingPlus: String { hasPrefix("+") ? String(dropFirst()) : self }
}
