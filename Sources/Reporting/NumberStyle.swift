// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel

/// How a report language writes numbers. Deterministic: no locale lookup, the same value always
/// gives the same text, so report files are reproducible byte for byte.
///
/// - Danish: decimal comma, "." between thousands: `1.847`, `4,6`, `19,2 %`, `< 0,001`.
/// - English: decimal point, "," between thousands: `1,847`, `4.6`, `19.2 %`, `< 0.001`.
///
/// Rounding is C's `%.*f` (round half to even on the binary value). Non-finite values print as
/// an en dash "–". Negative numbers use the ASCII hyphen-minus so that they can be read back.
public struct NumberStyle: Sendable, Equatable {
    public let language: ReportLanguage

    public init(language: ReportLanguage) { self.language = language }

    /// The decimal mark: "," (Danish) or "." (English).
    public var decimalMark: String { language == .danish ? "," : "." }
    /// The thousands separator: "." (Danish) or "," (English).
    public var groupingMark: String { language == .danish ? "." : "," }

    /// The text for values that are not finite numbers.
    public static let missing = "–"

    /// A whole number with thousands grouped: 1.847 (da), 1,847 (en).
    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + grouped(digits)
    }

    /// A number with a fixed count of decimals: `decimal(4.6, digits: 2)` → "4,60" (da).
    public func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return Self.missing }
        var text = String(format: "%.\(max(0, digits))f", value)
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = grouped(String(parts[0]))
        let fraction = parts.count > 1 ? decimalMark + parts[1] : ""
        let body = whole + fraction
        // "-0,0" reads as a negative effect; a value that rounds to zero prints without a sign.
        let isZero = body.allSatisfy { $0 == "0" || String($0) == decimalMark || String($0) == groupingMark }
        return (negative && !isZero ? "-" : "") + body
    }

    /// A number with an explicit sign for positive values: "+7,4", "-0,3", "0,0".
    public func signedDecimal(_ value: Double, digits: Int) -> String {
        let text = decimal(value, digits: digits)
        guard value.isFinite, !text.hasPrefix("-") else { return text }
        let isZero = text.allSatisfy { $0 == "0" || String($0) == decimalMark || String($0) == groupingMark }
        return isZero ? text : "+" + text
    }

    /// A share stored as 0–1, written in per cent: `percent(0.192)` → "19,2 %".
    public func percent(_ share: Double, digits: Int = 1) -> String {
        guard share.isFinite else { return Self.missing }
        return decimal(share * 100, digits: digits) + " %"
    }

    /// A p-value: "< 0,001" below 0.001, otherwise three decimals ("0,046").
    public func pValue(_ p: Double, below floor: Double = 0.001) -> String {
        guard p.isFinite else { return Self.missing }
        if p < floor { return "< " + decimal(floor, digits: 3) }
        return decimal(p, digits: 3)
    }

    /// A p-value as a clause: "p = 0,046", or "p < 0,001".
    public func pClause(_ p: Double, below floor: Double = 0.001) -> String {
        let text = pValue(p, below: floor)
        return text.hasPrefix("<") ? "p \(text)" : "p = \(text)"
    }

    /// The smallest p-value a randomization-inference p can be told apart from: 1/`permutations`
    /// rounded up to three decimals, at least 0.001 (a p of 0 from 500 replays is "< 0,002").
    public static func randomizationFloor(permutations: Int?) -> Double {
        guard let permutations, permutations > 0 else { return 0.001 }
        return max(0.001, (1000 / Double(permutations)).rounded(.up) / 1000)
    }

    /// A confidence interval from two already formatted bounds: "[5,1; 9,7]".
    public func interval(_ low: String, _ high: String) -> String {
        "[\(low); \(high)]"
    }

    private func grouped(_ digits: String) -> String {
        var out = ""
        for (index, ch) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += groupingMark }
            out.append(ch)
        }
        return out
    }
}
