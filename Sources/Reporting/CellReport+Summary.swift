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
        let policy = results.methods.policy
        if cell.headline.isEmpty { doc.paragraph(texts.noEstimatesSentence()) }
        for estimate in cell.headline {
            let scale = OutcomeScale(estimate.outcome)
            let outcome = strings.outcome(estimate.outcome), window = estimate.window.map(texts.windowText)
            let view = EffectView(estimate, report: self)
            if view.effectHidden || view.levelHidden && estimate.notEstimable != nil {
                doc.paragraph(texts.hiddenEffectSentence(outcome: outcome, window: window))
                continue
            }
            if let reason = estimate.notEstimable {
                doc.paragraph(texts.notEstimableSentence(outcome: outcome, window: window,
                                                         reason: texts.notEstimable(reason, policy: policy)))
                continue
            }
            let n = Int.max
            var sentences = [texts.effectSentence(
                outcome: outcome, window: window,
                treated: view.levelHidden ? numbers.hidden : numbers.level(estimate.treatedMean, scale: scale, n: n),
                control: view.levelHidden ? numbers.hidden : numbers.level(estimate.controlMean, scale: scale, n: n),
                effect: numbers.effect(estimate.effect, scale: scale, n: n),
                interval: numbers.interval(estimate.confLow, estimate.confHigh, scale: scale, n: n),
                levelPercent: numbers.levelPercent(results.methods.confidenceLevel))]
            let judgement = SignificanceJudgement(p: estimate.pValue, alpha: alpha)
            sentences.append(texts.significanceSentence(judgement, p: numbers.style.pClause(estimate.pValue), alphaPercent: alphaText))
            if let ri = estimate.riPValue, ri.isFinite {
                let agrees = SignificanceJudgement(p: ri, alpha: alpha).isSignificant == judgement.isSignificant
                sentences.append(texts.randomizationSentence(riP: numbers.style.pClause(ri, below: riFloor), agrees: agrees))
            }
            if judgement.isSignificant, let holm = estimate.holmPValue {
                sentences.append(texts.holmSentence(holmP: numbers.style.pClause(holm), significant: holm < alpha))
            }
            // The low-power caveat explains a non-significant result; after a significant one it
            // would contradict the sentence before it.
            if !judgement.isSignificant {
                for note in cell.notes where note.kind == .underpowered && note.subject == estimate.id {
                    let overall = note.value.map { numbers.effect($0, scale: scale, n: n) }
                    sentences.append(texts.underpoweredSentence(
                        mde: numbers.effect(estimate.minimumDetectableEffect, scale: scale, n: n).trimmingPlus,
                        overall: overall))
                }
            }
            doc.paragraph(sentences.joined(separator: " "))
        }
        for hazard in cell.hazards where hazard.cause == nil {
            if let reason = hazard.notEstimable {
                doc.paragraph(texts.notEstimableSentence(outcome: strings.outcome(hazard.outcome), window: nil,
                                                         reason: texts.notEstimable(reason, policy: policy)))
                continue
            }
            let hazardN = basis(hazard.persons)
            guard !numbers.hides(basedOn: hazardN) else { continue }
            let judgement = SignificanceJudgement(p: hazard.pValue, alpha: alpha)
            let percent = numbers.style.percent(abs(1 - hazard.hazardRatio), digits: 0)
            let meaning = texts.hazardMeaning(outcome: hazard.outcome, cause: hazard.cause, lower: hazard.hazardRatio < 1,
                                              percent: percent)
            doc.paragraph(texts.hazardSentence(
                outcome: strings.outcome(hazard.outcome),
                ratio: numbers.ratio(hazard.hazardRatio, n: hazardN),
                interval: numbers.ratioInterval(hazard.confLow, hazard.confHigh, n: hazardN),
                judgement: judgement, p: numbers.style.pClause(hazard.pValue)) + (judgement.isSignificant ? " " + meaning : ""))
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
            case .droppedRows:
                let value = note.value.map { Int($0) } ?? 0
                let count = numbers.count(value)
                other.append(texts.droppedRowsSentence(subject: subjectName(note.subject), count: count))
            case .notEstimable:
                let reason = note.reason.map { texts.notEstimable($0, policy: policy) } ?? ""
                other.append("\(subjectName(note.subject).capitalizedFirst): \(reason).")
            case .fallbackEstimator:
                if let method = cell.headline.first?.method { other.append(texts.fallbackSentence(method, policy: policy)) }
            }
        }
        if hasSuppression { other.append(texts.suppressedSentence(threshold: numbers.minPersons)) }
        doc.list(other)
    }
}

extension String {
    /// Without a leading "+": a minimum detectable effect is a size, not a direction.
    var trimmingPlus: String { hasPrefix("+") ? String(dropFirst()) : self }
}
