// SPDX-License-Identifier: GPL-3.0-or-later

/// The language a report set is written in. The raw value is the CLI code (`--lang da|en`).
public enum ReportLanguage: String, CaseIterable, Sendable, Codable {
    /// Danish: the ministry's default. Decimal comma, "." as thousands separator (1.847; 4,6).
    case danish = "da"
    /// English: decimal point, "," as thousands separator (1,847; 4.6).
    case english = "en"

    /// The language reports use when none is asked for.
    public static let `default`: ReportLanguage = .danish

    /// The language's number conventions.
    public var numberStyle: NumberStyle { NumberStyle(language: self) }

    /// The language's fixed texts.
    public var strings: ReportStrings { ReportStrings(language: self) }
}
