// SPDX-License-Identifier: GPL-3.0-or-later
import TOMLKit

extension TrialDefinition {
    /// Reads a trial from the text of a trial.toml.
    ///
    /// - Parameters:
    ///   - toml: the file's text.
    ///   - file: the file name used in error messages.
    /// - Throws: `TrialModelError` naming the key for unknown keys, missing keys, wrong types and
    ///   impossible values; `.tomlSyntax` with line and column for malformed TOML.
    public init(toml: String, file: String) throws(TrialModelError) {
        try TrialDefinition.checkTableHeaders(toml, file: file)
        let root: TOMLTable
        do { root = try TOMLTable(string: toml) } catch let e as TOMLParseError {
            throw .tomlSyntax(file: file, line: e.source.begin.line, column: e.source.begin.column, message: e.description)
        } catch { throw .tomlSyntax(file: file, line: 0, column: 0, message: "\(error)") }

        let top = TOMLKeys(root, path: "", file: file)
        try top.allow(["name", "description", "language", "start_date", "follow_up_weeks", "control_arm",
                       "arms", "randomization", "baseline", "windows", "subgroups", "outcomes", "reporting", "labels", "tariff"])
        let name = try top.string("name")
        let description = try top.optionalString("description")
        let languageCode = try top.optionalString("language") ?? "en"
        guard let language = ReportLanguage(rawValue: languageCode) else {
            throw .impossibleValue(file: file, key: "language", value: "\"\(languageCode)\"", rule: "use \"da\" or \"en\"")
        }
        var startDate: CalendarDate?
        if let v = root["start_date"] {
            guard let d = v.date, let c = CalendarDate(year: d.year, month: d.month, day: d.day) else {
                throw .wrongType(file: file, key: "start_date", expected: "a TOML date such as 2016-03-01")
            }
            startDate = c
        }
        let followUp = try top.int("follow_up_weeks")
        let control = try top.string("control_arm")

        var arms = [Arm]()
        for (i, t) in try top.tables("arms").enumerated() {
            let k = TOMLKeys(t, path: "arms[\(i + 1)].", file: file)
            try k.allow(["name", "ratio"])
            let armName = try k.string("name")
            let ratio = try k.optionalInt("ratio") ?? 1
            guard TrialLimits.armRatio.contains(ratio) else {
                throw .impossibleValue(file: file, key: "arms[\(i + 1)].ratio", value: "\(ratio)",
                                       rule: "an allocation ratio is a whole number; " + TrialLimits.rule(TrialLimits.armRatio))
            }
            arms.append(Arm(name: armName, ratio: ratio))
        }

        let r = TOMLKeys(try top.table("randomization"), path: "randomization.", file: file)
        try r.allow(["design", "assumed", "strata", "block_sizes", "seed", "inference_seed"])
        let designName = try r.string("design")
        guard let design = DesignKind(rawValue: designName) else {
            throw .impossibleValue(file: file, key: "randomization.design", value: "\"\(designName)\"", rule: "use \"permuted_blocks\", \"complete\" or \"external\"")
        }
        var assumed: AssumedDesign?
        if let assumedName = try r.optionalString("assumed") {
            guard let a = AssumedDesign(rawValue: assumedName) else {
                throw .impossibleValue(file: file, key: "randomization.assumed", value: "\"\(assumedName)\"",
                                       rule: "use " + AssumedDesign.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
            assumed = a
        }
        let strata = try r.strings("strata")
        let blockSizes = try r.optionalInts("block_sizes") ?? []
        // An external allocation has no randomization seed; the key then only seeds the
        // randomization inference (default 0).
        // A served trial (seed = "secret") keeps its allocation seed in the enrolment service's
        // secret file; its randomization-inference seed is then its own key, inference_seed.
        let seedIsSecret = r.table["seed"]?.string == "secret"
        if seedIsSecret, design == .external {
            throw .impossibleValue(file: file, key: "randomization.seed", value: "\"secret\"", rule: "an external allocation has no Effekt seed to keep secret; give an integer or leave seed out")
        }
        if !seedIsSecret, r.table["inference_seed"] != nil {
            throw .impossibleValue(file: file, key: "randomization.inference_seed", value: "\(r.table["inference_seed"]!)", rule: "inference_seed belongs to a trial with seed = \"secret\"; otherwise seed also seeds the inference")
        }
        let seedValue = seedIsSecret ? try r.optionalInt("inference_seed") ?? 0
            : design == .external ? try r.optionalInt("seed") ?? 0 : try r.int("seed")
        guard seedValue >= 0 else {
            throw .impossibleValue(file: file, key: "randomization.seed", value: "\(seedValue)", rule: "the seed must be a non-negative integer; " + TrialLimits.rule(TrialLimits.seed))
        }

        var covariates = [String](), categorical = [String]()
        if let b = try top.optionalTable("baseline") {
            let k = TOMLKeys(b, path: "baseline.", file: file)
            try k.allow(["covariates", "categorical"])
            covariates = try k.optionalStrings("covariates") ?? []
            categorical = try k.optionalStrings("categorical") ?? []
        }
        var windows = [OutcomeWindow]()
        for (i, t) in try top.optionalTables("windows").enumerated() {
            let k = TOMLKeys(t, path: "windows[\(i + 1)].", file: file)
            try k.allow(["name", "first_week", "last_week"])
            let first = try k.int("first_week"), last = try k.int("last_week")
            guard first <= last else {
                throw .impossibleValue(file: file, key: "windows[\(i + 1)].last_week", value: "\(last)", rule: "last_week must not precede first_week \(first)")
            }
            windows.append(OutcomeWindow(name: try k.string("name"), weeks: first...last))
        }
        var subgroups = [Subgroup]()
        for (i, t) in try top.optionalTables("subgroups").enumerated() {
            let k = TOMLKeys(t, path: "subgroups[\(i + 1)].", file: file)
            try k.allow(["variable", "prespecified"])
            subgroups.append(Subgroup(variable: try k.string("variable"), prespecified: try k.optionalBool("prespecified") ?? true))
        }
        var runWeeks = 13, exits = [BenefitStatus](), primary: BenefitStatus?
        if let o = try top.optionalTable("outcomes") {
            let k = TOMLKeys(o, path: "outcomes.", file: file)
            try k.allow(["company_run_weeks", "competing_exits", "primary_exit"])
            runWeeks = try k.optionalInt("company_run_weeks") ?? 13
            for code in try k.optionalStrings("competing_exits") ?? [] {
                guard let s = BenefitStatus(rawValue: code) else {
                    throw .impossibleValue(file: file, key: "outcomes.competing_exits", value: "\"\(code)\"",
                                           rule: "use status codes: \(BenefitStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                exits.append(s)
            }
            if let code = try k.optionalString("primary_exit") {
                guard let s = BenefitStatus(rawValue: code) else {
                    throw .impossibleValue(file: file, key: "outcomes.primary_exit", value: "\"\(code)\"", rule: "use one of the competing_exits codes")
                }
                primary = s
            }
        }
        var reporting = ReportingPolicy.standard
        if let t = try top.optionalTable("reporting") {
            let k = TOMLKeys(t, path: "reporting.", file: file)
            try k.allow(Set(ReportingPolicy.limits.map(\.key)))
            reporting.minPersons = try k.optionalInt("min_persons") ?? reporting.minPersons
            reporting.minPerArmPerParameter = try k.optionalInt("min_per_arm_per_parameter") ?? reporting.minPerArmPerParameter
            reporting.minEventsPerArm = try k.optionalInt("min_events_per_arm") ?? reporting.minEventsPerArm
        }
        let labels = try TrialLabels(try top.optionalTable("labels"), file: file)
        self.init(name: name, description: description, language: language, startDate: startDate,
                  followUpWeeks: followUp, controlArm: control, arms: arms, design: design, assumedDesign: assumed, strata: strata,
                  blockSizes: blockSizes, seed: UInt64(seedValue), baselineCovariates: covariates,
                  categoricalCovariates: categorical, windows: windows, subgroups: subgroups,
                  companyRunWeeks: runWeeks, competingExits: exits, primaryExit: primary, reporting: reporting,
                  labels: labels)
        if let t = try top.optionalTable("tariff") {
            tariff = try Tariff(t, file: file, arms: arms.map(\.name), controlArm: control)
        }
        self.seedIsSecret = seedIsSecret
        try validate(file: file)
    }
}

/// Typed access to one TOML table that names the full key in every error.
struct TOMLKeys {
    let table: TOMLTable
    let path: String
    let file: String
    init(_ table: TOMLTable, path: String, file: String) {
        self.table = table
        self.path = path
        self.file = file
    }

    func allow(_ keys: Set<String>) throws(TrialModelError) {
        for k in table.keys.sorted() where !keys.contains(k) { throw .unknownKey(file: file, key: path + k) }
    }
    private func required(_ key: String) throws(TrialModelError) -> TOMLValueConvertible {
        guard let v = table[key] else { throw .missingKey(file: file, key: path + key) }
        return v
    }
    func optionalString(_ key: String) throws(TrialModelError) -> String? {
        guard let v = table[key] else { return nil }
        guard let s = v.string else { throw .wrongType(file: file, key: path + key, expected: "a string") }
        return s
    }
    func string(_ key: String) throws(TrialModelError) -> String {
        guard let s = try required(key).string else { throw .wrongType(file: file, key: path + key, expected: "a string") }
        return s
    }
    func optionalInt(_ key: String) throws(TrialModelError) -> Int? {
        guard let v = table[key] else { return nil }
        guard v.type == .int, let i = v.int else { throw .wrongType(file: file, key: path + key, expected: "an integer") }
        return i
    }
    func int(_ key: String) throws(TrialModelError) -> Int {
        guard let i = try optionalInt(key) else { throw .missingKey(file: file, key: path + key) }
        return i
    }
    func optionalBool(_ key: String) throws(TrialModelError) -> Bool? {
        guard let v = table[key] else { return nil }
        guard v.type == .bool, let b = v.bool else { throw .wrongType(file: file, key: path + key, expected: "true or false") }
        return b
    }
    func optionalStrings(_ key: String) throws(TrialModelError) -> [String]? {
        guard let v = table[key] else { return nil }
        guard let a = v.array else { throw .wrongType(file: file, key: path + key, expected: "an array of strings") }
        var out = [String]()
        for e in a {
            guard let s = e.string else { throw .wrongType(file: file, key: path + key, expected: "an array of strings") }
            out.append(s)
        }
        return out
    }
    func strings(_ key: String) throws(TrialModelError) -> [String] {
        guard let a = try optionalStrings(key) else { throw .missingKey(file: file, key: path + key) }
        return a
    }
    func optionalInts(_ key: String) throws(TrialModelError) -> [Int]? {
        guard let v = table[key] else { return nil }
        guard let a = v.array else { throw .wrongType(file: file, key: path + key, expected: "an array of integers") }
        var out = [Int]()
        for e in a {
            guard e.type == .int, let i = e.int else { throw .wrongType(file: file, key: path + key, expected: "an array of integers") }
            out.append(i)
        }
        return out
    }
    func table(_ key: String) throws(TrialModelError) -> TOMLTable {
        guard let t = try optionalTable(key) else { throw .missingKey(file: file, key: path + key) }
        return t
    }
    func optionalTable(_ key: String) throws(TrialModelError) -> TOMLTable? {
        guard let v = table[key] else { return nil }
        guard let t = v.table else { throw .wrongType(file: file, key: path + key, expected: "a table") }
        return t
    }
    func optionalTables(_ key: String) throws(TrialModelError) -> [TOMLTable] {
        guard let v = table[key] else { return [] }
        guard let a = v.array else { throw .wrongType(file: file, key: path + key, expected: "an array of tables ([[\(key)]])") }
        var out = [TOMLTable]()
        for e in a {
            guard let t = e.table else { throw .wrongType(file: file, key: path + key, expected: "an array of tables ([[\(key)]])") }
            out.append(t)
        }
        return out
    }
    func tables(_ key: String) throws(TrialModelError) -> [TOMLTable] {
        guard table[key] != nil else { throw .missingKey(file: file, key: path + key) }
        return try optionalTables(key)
    }
}
