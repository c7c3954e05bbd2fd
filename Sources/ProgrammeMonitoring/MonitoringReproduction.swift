// SPDX-License-Identifier: GPL-3.0-or-later
import Distributions
import TrialModel

/// A published figure of a monitored programme next to its reproduction from the files.
public struct ReproducedMonitoringFigure: Sendable, Equatable, Encodable {
    public let id: String
    public let description: String
    public let wordingDanish: String
    public let published: Double
    public let tolerance: Double
    public let unit: String
    public let estimand: String
    /// NaN when not computable (`note` says why).
    public let estimate: Double
    public let confLow: Double
    public let confHigh: Double
    /// Whether [conf_low, conf_high] meets the band published ± tolerance.
    public let within: Bool
    public let interval: String
    public let note: String?

    enum CodingKeys: String, CodingKey {
        case id, description, wordingDanish = "wording_da", published, tolerance, unit, estimand, estimate
        case confLow = "conf_low", confHigh = "conf_high", within, interval, note
    }
}

/// Computes each published placement-unit figure from units, cases and goals, with an interval.
///
/// Intervals: counts, ranks and the mean support period are exact; shares use the Wilson score
/// interval `(p + z²/2n ± z √(p(1−p)/n + z²/4n²)) / (1 + z²/n)` (Wald's collapses to a point at 0 or
/// 1 with the few goals of one type); a difference of two shares `Δ ± z √(Σ p(1−p)/n)`; the send-back
/// trend its slope `b ± z √(p̄(1−p̄)/Σnᵢ(sᵢ−s̄)²)`; the ratio of median days is a point (no
/// interval). A figure is *within* when its interval meets the band of the published wording
/// (published ± tolerance): a verbal figure is a range, not a point. Shares are ×100 when the
/// unit is a percentage. Complexity: O(cases) per figure.
public struct MonitoringReproduction: Sendable {
    public let register: CaseRegister
    public let goals: [UnitGoal]
    public let level: Double

    public init(register: CaseRegister, goals: [UnitGoal], level: Double = 0.95) {
        self.register = register
        self.goals = goals
        self.level = level
    }

    public func reproduce(_ figures: [MonitoringFigure]) -> [ReproducedMonitoringFigure] { figures.map(reproduce) }

    public func reproduce(_ f: MonitoringFigure) -> ReproducedMonitoringFigure {
        let scale = f.unit.isPercentage ? 100.0 : 1.0
        let z = Normal.standard.quantile(1 - (1 - level) / 2)
        let cases = register.cases
        let flow = CaseFlow(cases, scope: .overall)
        func exact(_ x: Double) -> (Double, Double, Double, String) { (x, x, x, "exact") }
        func share(_ hits: Int, _ n: Int) -> (Double, Double, Double, String)? {
            guard n > 0 else { return nil }
            let p = Double(hits) / Double(n), m = Double(n), z2 = z * z
            let centre = (p + z2 / (2 * m)) / (1 + z2 / m)
            let h = z / (1 + z2 / m) * (p * (1 - p) / m + z2 / (4 * m * m)).squareRoot()
            return (p * scale, (centre - h) * scale, (centre + h) * scale, "Wilson interval, n = \(n)")
        }
        func decided(_ p: String) -> [RegisteredCase] { cases.filter { $0.proposed.rawValue == p && $0.arranged != nil } }
        var value: (Double, Double, Double, String)?
        switch f.estimand {
        case .countUnits: value = exact(Double(register.units.count))
        case .countUnitsInForm(let form): value = exact(Double(register.units.filter { $0.organisationForm.rawValue == form }.count))
        case .countUnitsWithCases: value = exact(Double(Set(cases.map(\.unit)).count))
        case .meanSupportYears:
            let years = register.units.map { Double($0.supportEnd.daysSinceEpoch - $0.supportStart.daysSinceEpoch + 1) / 365.25 }
            if !years.isEmpty { value = exact(years.reduce(0, +) / Double(years.count)) }
        case .benefitShare(let b): value = share(cases.filter { $0.benefit.rawValue == b }.count, cases.count)
        case .benefitRank(let b):
            let counts = BenefitAtContact.allCases.map { c in (c.rawValue, cases.filter { $0.benefit == c }.count) }
            if let mine = counts.first(where: { $0.0 == b }) { value = exact(Double(1 + counts.filter { $0.1 > mine.1 }.count)) }
        case .sourceShare(let s): value = share(cases.filter { $0.contactSource.rawValue == s }.count, cases.count)
        case .proposedShare(let list): value = share(cases.filter { list.contains($0.proposed.rawValue) }.count, cases.count)
        case .arrangedShare(let p, let list):
            let d = decided(p)
            value = share(d.filter { list.contains($0.arranged!.rawValue) }.count, d.count)
        case .asProposedDifference(let a, let b):
            let da = decided(a), db = decided(b)
            if !da.isEmpty, !db.isEmpty {
                let pa = Double(da.filter { $0.arranged!.rawValue == a }.count) / Double(da.count)
                let pb = Double(db.filter { $0.arranged!.rawValue == b }.count) / Double(db.count)
                let h = z * (pa * (1 - pa) / Double(da.count) + pb * (1 - pb) / Double(db.count)).squareRoot()
                value = ((pa - pb) * scale, (pa - pb - h) * scale, (pa - pb + h) * scale, "normal (Wald) interval of a difference")
            }
        case .sendBackTrendSlope:
            if let t = flow.sendBackTrend {
                let h = z * t.slopeStandardError
                value = (t.slope * scale, (t.slope - h) * scale, (t.slope + h) * scale,
                         "slope ± z·SE (Cochran–Armitage, \(t.groups) half-years, p = \(NumberFormat.significant(t.pValue)))")
            }
        case .benefitTrendSlope(let b):
            if let benefit = BenefitAtContact(rawValue: b), let t = flow.benefitTrend(benefit) {
                let h = z * t.slopeStandardError
                value = (t.slope * scale, (t.slope - h) * scale, (t.slope + h) * scale,
                         "slope ± z·SE (Cochran–Armitage, \(t.groups) half-years, p = \(NumberFormat.significant(t.pValue)))")
            }
        case .placementDaysRatio(let a, let b):
            func median(_ p: String) -> Double? {
                let days = cases.filter { $0.proposed.rawValue == p && $0.exit?.kind == .placed }.map { Double($0.exit!.days) }.sorted()
                guard !days.isEmpty else { return nil }
                let m = days.count
                return m % 2 == 1 ? days[m / 2] : (days[m / 2 - 1] + days[m / 2]) / 2
            }
            if let ma = median(a), let mb = median(b), mb > 0 { let r = ma / mb; value = (r, r, r, "point (ratio of medians among the placed)") }
        case .goalShareMet(let type):
            let measured = goals.filter { $0.type.rawValue == type && $0.grade != .notMeasured }
            value = share(measured.filter { $0.grade == .met || $0.grade == .exceeded }.count, measured.count)
        }
        guard let v = value, v.0.isFinite else {
            return ReproducedMonitoringFigure(id: f.id, description: f.description, wordingDanish: f.wordingDanish, published: f.published.doubleValue,
                                              tolerance: f.tolerance.doubleValue, unit: f.unit.rawValue, estimand: f.estimand.description,
                                              estimate: .nan, confLow: .nan, confHigh: .nan, within: false, interval: "",
                                              note: "Not computable on this data.")
        }
        let band = f.band, slack = 1e-9 * max(1, abs(f.published.doubleValue))
        return ReproducedMonitoringFigure(id: f.id, description: f.description, wordingDanish: f.wordingDanish, published: f.published.doubleValue,
                                          tolerance: f.tolerance.doubleValue, unit: f.unit.rawValue, estimand: f.estimand.description,
                                          estimate: v.0, confLow: v.1, confHigh: v.2,
                                          within: v.1 <= band.upperBound + slack && v.2 >= band.lowerBound - slack, interval: v.3, note: nil)
    }
}

/// Number text for notes (no Foundation formatting).
enum NumberFormat {
    /// Three significant digits, or `< 0.001`.
    static func significant(_ x: Double) -> String {
        if x.isNaN { return "NA" }
        if x < 0.001 { return "< 0.001" }
        let scaled = (x * 1000).rounded() / 1000
        return "\(scaled)"
    }
}
