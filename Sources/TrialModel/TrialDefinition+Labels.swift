// SPDX-License-Identifier: GPL-3.0-or-later
import TOMLKit

extension TrialLabels {
    /// The sections a language's table may hold.
    static let sections: Set<String> = ["trial", "arms", "benefits", "statuses", "variables", "values"]

    /// Reads `[labels]`: one table per report language (`da`, `en`), each with `trial` and the
    /// code maps `arms`, `benefits`, `statuses`, `variables` (code → text) and `values`
    /// (column → value → text). Benefit and status keys must be known codes; every text must be
    /// a non-empty string. Arm and column keys are checked against the trial by
    /// `TrialDefinition.validateLabels`.
    /// - Throws: `TrialModelError` naming the full key (`labels.da.values.origin.x`).
    init(_ table: TOMLTable?, file: String) throws(TrialModelError) {
        guard let table else {
            self = .none
            return
        }
        let top = TOMLKeys(table, path: "labels.", file: file)
        try top.allow(Set(ReportLanguage.allCases.map(\.rawValue)))
        var result = TrialLabels.none
        for language in ReportLanguage.allCases {
            guard let t = try top.optionalTable(language.rawValue) else { continue }
            let path = "labels.\(language.rawValue)."
            let k = TOMLKeys(t, path: path, file: file)
            try k.allow(Self.sections)
            var values = [String: [String: String]]()
            if let v = try k.optionalTable("values") {
                let columns = TOMLKeys(v, path: path + "values.", file: file)
                for column in v.keys.sorted() {
                    guard let inner = try columns.optionalTable(column) else { continue }
                    values[column] = try TOMLKeys(inner, path: path + "values.\(column).", file: file).labelMap()
                }
            }
            let benefits = try k.labelMap("benefits")
            for code in benefits.keys.sorted() where BenefitType(rawValue: code) == nil {
                throw .unknownKey(file: file, key: path + "benefits.\(code)")
            }
            let statuses = try k.labelMap("statuses")
            for code in statuses.keys.sorted() where BenefitStatus(rawValue: code) == nil {
                throw .unknownKey(file: file, key: path + "statuses.\(code)")
            }
            let trial = try k.optionalString("trial")
            if trial?.isEmpty == true {
                throw .impossibleValue(file: file, key: path + "trial", value: "\"\"", rule: "a label must not be empty")
            }
            let labels = LabelTable(trial: trial, arms: try k.labelMap("arms"), benefits: benefits, statuses: statuses,
                                    variables: try k.labelMap("variables"), values: values)
            switch language {
            case .danish: result.danish = labels
            case .english: result.english = labels
            }
        }
        self = result
    }
}

extension TrialDefinition {
    /// Label keys name things the trial has: `arms` keys are arms, `variables` and `values`
    /// keys are roster columns the trial refers to (`referencedRosterColumns`).
    func validateLabels(file: String) throws(TrialModelError) {
        let armNames = Set(arms.map(\.name)), columns = Set(referencedRosterColumns)
        for language in ReportLanguage.allCases {
            let table = labels[language], path = "labels.\(language.rawValue)."
            for arm in table.arms.keys.sorted() where !armNames.contains(arm) {
                throw .impossibleValue(file: file, key: path + "arms.\(arm)", value: "\"\(arm)\"",
                                       rule: "it must be one of the arms (\(arms.map(\.name).joined(separator: ", ")))")
            }
            for column in (Array(table.variables.keys) + Array(table.values.keys)).sorted() where !columns.contains(column) {
                let section = table.variables[column] != nil ? "variables" : "values"
                throw .impossibleValue(file: file, key: path + "\(section).\(column)", value: "\"\(column)\"",
                                       rule: "it must be a roster column the trial refers to (\(referencedRosterColumns.joined(separator: ", ")))")
            }
        }
    }
}

extension TOMLKeys {
    /// A table of code → label under `key` (empty when absent); every label a non-empty string.
    func labelMap(_ key: String) throws(TrialModelError) -> [String: String] {
        guard let t = try optionalTable(key) else { return [:] }
        return try TOMLKeys(t, path: path + key + ".", file: file).labelMap()
    }

    /// This table as code → label; every value a non-empty string.
    func labelMap() throws(TrialModelError) -> [String: String] {
        var out = [String: String]()
        for code in table.keys.sorted() {
            let text = try optionalString(code) ?? ""
            guard !text.isEmpty else {
                throw .impossibleValue(file: file, key: path + code, value: "\"\"", rule: "a label must not be empty")
            }
            out[code] = text
        }
        return out
    }
}
