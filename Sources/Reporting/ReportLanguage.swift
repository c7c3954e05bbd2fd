// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

// `ReportLanguage` itself lives in TrialModel (trial.toml's `language` key names it); the
// Reporting layer adds what a report needs of it.
extension ReportLanguage {
    /// The language reports use when none is asked for: Danish, the ministry's language.
    public static let `default`: ReportLanguage = .danish

    /// The language's number conventions.
    public var numberStyle: NumberStyle { NumberStyle(language: self) }

    /// The language's fixed texts.
    public var strings: ReportStrings { ReportStrings(language: self) }
}
