// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis
import TrialModel

/// The scale an outcome is reported on, which decides how its numbers are written.
public enum OutcomeScale: Sendable, Equatable {
    /// A share stored 0–1: levels in per cent (19,2 %), effects in percentage points.
    case share
    /// Hours per week: two decimals.
    case hours
    /// Weeks: one decimal.
    case weeks
    /// A rate without a natural unit: three decimals.
    case rate

    public init(_ outcome: OutcomeKind) {
        switch outcome {
        case .anyPaidHours, .companyRun, .flexJob: self = .share
        case .paidHours: self = .hours
        case .timeToPaidHours, .timeToFlexJob: self = .weeks
        case .losingPaidHours: self = .rate
        }
    }
}

/// Turns the numbers of an `AnalysisResults` value into report text in one language, applying
/// the disclosure rule. Only formats: never derives a new statistic (scaling a share by 100 to
/// write it in per cent is formatting).
public struct ReportNumbers: Sendable {
    public let style: NumberStyle
    public let strings: ReportStrings
    /// The disclosure threshold (`min_persons`).
    public let minPersons: Int

    public init(language: ReportLanguage, minPersons: Int = DisclosureControl.threshold) {
        style = language.numberStyle
        strings = language.strings
        self.minPersons = minPersons
    }

    /// True when a statistic based on `n` people is hidden.
    public func hides(basedOn n: Int) -> Bool { n < minPersons }

    /// What a hidden statistic shows: "..".
    public var hidden: String { DisclosureControl.suppressedStatistic }

    /// A count of people: "1.847", "< 5" for 1–4, "0"; with a ledger state, ".." for a count
    /// hidden to protect another.
    public func count(_ n: Int, state: DisclosureState? = nil) -> String {
        switch state {
        case .primary?: return DisclosureControl.suppressedCount(threshold: minPersons)
        case .secondary?: return hidden
        default: return DisclosureControl.hidesCount(n, threshold: minPersons)
            ? DisclosureControl.suppressedCount(threshold: minPersons) : style.integer(n)
        }
    }

    /// A level (mean or share) of an outcome: "19,2 %", "4,60".
    public func level(_ value: Double, scale: OutcomeScale, n: Int) -> String {
        if hides(basedOn: n) { return hidden }
        switch scale {
        case .share: return style.percent(value)
        case .hours: return style.decimal(value, digits: 2)
        case .weeks: return style.decimal(value, digits: 1)
        case .rate: return style.decimal(value, digits: 3)
        }
    }

    /// A difference on an outcome's scale without unit: "+7,4" (percentage points for shares).
    public func difference(_ value: Double, scale: OutcomeScale) -> String {
        switch scale {
        case .share: return style.signedDecimal(value * 100, digits: 1)
        case .hours: return style.signedDecimal(value, digits: 2)
        case .weeks: return style.signedDecimal(value, digits: 1)
        case .rate: return style.signedDecimal(value, digits: 3)
        }
    }

    /// An axis tick on the difference's scale, with as many decimals as the tick step needs:
    /// steps of 2 percentage points print "2", steps of 0.25 hours print "0,25".
    public func tick(_ value: Double, step: Double, scale: OutcomeScale) -> String {
        let factor = scale == .share ? 100.0 : 1.0
        return style.decimal(value * factor, digits: SVGChart.tickDigits(step * factor))
    }

    /// A confidence bound on the difference's scale, unsigned: "5,1", "-0,3".
    public func bound(_ value: Double, scale: OutcomeScale) -> String {
        switch scale {
        case .share: return style.decimal(value * 100, digits: 1)
        case .hours: return style.decimal(value, digits: 2)
        case .weeks: return style.decimal(value, digits: 1)
        case .rate: return style.decimal(value, digits: 3)
        }
    }

    /// The unit of a difference: "procentpoint", "timer/uge", "uger" or none.
    public func unit(_ scale: OutcomeScale) -> String? {
        switch scale {
        case .share: return strings[.percentagePoints]
        case .hours: return strings[.hoursPerWeek]
        case .weeks: return strings[.weeks]
        case .rate: return nil
        }
    }

    /// An effect with its unit: "+7,4 procentpoint"; ".." when based on fewer than `minPersons` people.
    public func effect(_ value: Double, scale: OutcomeScale, n: Int) -> String {
        if hides(basedOn: n) { return hidden }
        let number = difference(value, scale: scale)
        return unit(scale).map { "\(number) \($0)" } ?? number
    }

    /// A confidence interval on the difference's scale: "[5,1; 9,7]".
    public func interval(_ low: Double, _ high: Double, scale: OutcomeScale, n: Int) -> String {
        if hides(basedOn: n) { return hidden }
        return style.interval(bound(low, scale: scale), bound(high, scale: scale))
    }

    /// A p-value ("< 0,001", "0,046"), or ".." when based on fewer than 5 people; "–" when absent.
    public func p(_ value: Double?, n: Int, below floor: Double = 0.001) -> String {
        guard let value else { return NumberStyle.missing }
        if hides(basedOn: n) { return hidden }
        return style.pValue(value, below: floor)
    }

    /// A relative effect (ratio stored as a fraction, 0.673) in per cent: "+67,3 %".
    public func relative(_ value: Double?, n: Int) -> String {
        guard let value else { return NumberStyle.missing }
        if hides(basedOn: n) { return hidden }
        return style.signedDecimal(value * 100, digits: 1) + " %"
    }

    /// A hazard ratio or other ratio: two decimals.
    public func ratio(_ value: Double, n: Int) -> String {
        if hides(basedOn: n) { return hidden }
        return style.decimal(value, digits: 2)
    }

    /// A ratio's confidence interval: "[0,65; 0,91]".
    public func ratioInterval(_ low: Double, _ high: Double, n: Int) -> String {
        if hides(basedOn: n) { return hidden }
        return style.interval(style.decimal(low, digits: 2), style.decimal(high, digits: 2))
    }

    /// A plain statistic (test statistic, slope, standardized difference) with `digits` decimals.
    public func statistic(_ value: Double, digits: Int) -> String {
        style.decimal(value, digits: digits)
    }

    /// The confidence level in per cent: "95 %".
    public func levelPercent(_ level: Double) -> String {
        style.percent(level, digits: abs(level * 100 - (level * 100).rounded()) < 1e-9 ? 0 : 1)
    }

    /// A window in words, or "hele perioden" when there is none.
    public func window(_ window: WeekWindow?) -> String {
        window.map(strings.texts.windowText) ?? strings[.allWeeks]
    }
}
