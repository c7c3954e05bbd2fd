// SPDX-License-Identifier: GPL-3.0-or-later

/// The names a trial gives its own codes in one report language (`[labels.da]`, `[labels.en]`
/// in trial.toml; schema in docs/DATA-FORMATS.md).
///
/// Rule: a report names a code by this table when it has an entry, else by the report
/// language's built-in name, else by the code itself (language-neutral, and caught by the
/// language test). Every map is keyed by the code as it appears in the data; `values` is keyed
/// by roster column, then by the column's value (`values["origin"]["non_western"]`).
public struct LabelTable: Hashable, Sendable, Codable {
    /// The trial's name in reports; nil: trial.toml's `name`.
    public var trial: String?
    /// Arm name → label, e.g. `jobfirst` → "JobFirst".
    public var arms: [String: String]
    /// Benefit code → label.
    public var benefits: [String: String]
    /// Status code → label (exits, reasons for loss).
    public var statuses: [String: String]
    /// Roster column → label, e.g. `origin` → "herkomst".
    public var variables: [String: String]
    /// Roster column → value → label, e.g. `origin` → `non_western` → "ikke-vestlig".
    public var values: [String: [String: String]]

    public init(trial: String? = nil, arms: [String: String] = [:], benefits: [String: String] = [:],
                statuses: [String: String] = [:], variables: [String: String] = [:],
                values: [String: [String: String]] = [:]) {
        self.trial = trial
        self.arms = arms
        self.benefits = benefits
        self.statuses = statuses
        self.variables = variables
        self.values = values
    }

    /// A table without entries: every name comes from the built-in tables.
    public static let empty = LabelTable()

    /// Every label text of the table (for checks that accept the trial's own words).
    public var allTexts: [String] {
        [trial].compactMap { $0 } + [arms, benefits, statuses, variables].flatMap(\.values)
            + values.values.flatMap(\.values)
    }

    private enum CodingKeys: String, CodingKey { case trial, arms, benefits, statuses, variables, values }

    /// Reads a table; absent maps are empty (older results files have none).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        trial = try c.decodeIfPresent(String.self, forKey: .trial)
        arms = try c.decodeIfPresent([String: String].self, forKey: .arms) ?? [:]
        benefits = try c.decodeIfPresent([String: String].self, forKey: .benefits) ?? [:]
        statuses = try c.decodeIfPresent([String: String].self, forKey: .statuses) ?? [:]
        variables = try c.decodeIfPresent([String: String].self, forKey: .variables) ?? [:]
        values = try c.decodeIfPresent([String: [String: String]].self, forKey: .values) ?? [:]
    }
}

/// A trial's labels in every report language (`[labels]` in trial.toml). Absent languages and
/// entries fall back to the built-in names, so `TrialLabels.none` is the sensible default.
public struct TrialLabels: Hashable, Sendable, Codable {
    public var danish: LabelTable
    public var english: LabelTable

    public init(danish: LabelTable = .empty, english: LabelTable = .empty) {
        self.danish = danish
        self.english = english
    }

    /// No trial labels: reports use the built-in names.
    public static let none = TrialLabels()

    /// The table of one language.
    public subscript(language: ReportLanguage) -> LabelTable {
        switch language {
        case .danish: return danish
        case .english: return english
        }
    }

    private enum CodingKeys: String, CodingKey {
        case danish = "da"
        case english = "en"
    }

    /// Reads the labels; an absent language is an empty table.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        danish = try c.decodeIfPresent(LabelTable.self, forKey: .danish) ?? .empty
        english = try c.decodeIfPresent(LabelTable.self, forKey: .english) ?? .empty
    }
}
