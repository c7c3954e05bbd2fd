// SPDX-License-Identifier: GPL-3.0-or-later

extension TrialDefinition {
    /// The trial as trial.toml text — the one writer of the format (`effekt init`, the simulators).
    ///
    /// Every key the loader reads is written when it has a value: required keys always, optional
    /// ones when set (`[reporting]` only when it differs from the defaults, `ratio` always, label
    /// maps sorted by key). `TrialDefinition(toml: toml(), file:)` gives back an equal value.
    ///
    /// - Parameters:
    ///   - header: comment lines put first (without the leading `# `).
    ///   - comments: a comment per key path (`"randomization.seed"`, `"arms.ratio"`), written at
    ///     the end of the key's line.
    /// - Complexity: O(size of the definition).
    public func toml(header: [String] = [], comments: [String: String] = [:]) -> String {
        var out = TOMLText(comments: comments)
        for line in header { out.comment(line) }
        out.value("name", .string(name))
        if let description { out.value("description", .string(description)) }
        out.value("language", .string(language.rawValue))
        if let startDate { out.value("start_date", .raw(startDate.description)) }
        out.value("follow_up_weeks", .int(followUpWeeks))
        out.value("control_arm", .string(controlArm))
        out.blank()
        for arm in arms {
            out.arrayTable("arms")
            out.value("name", .string(arm.name), path: "arms.name")
            out.value("ratio", .int(arm.ratio), path: "arms.ratio")
        }
        out.table("randomization")
        out.value("design", .string(design.rawValue), path: "randomization.design")
        if let assumedDesign { out.value("assumed", .string(assumedDesign.rawValue), path: "randomization.assumed") }
        out.value("strata", .strings(strata), path: "randomization.strata")
        if !blockSizes.isEmpty { out.value("block_sizes", .ints(blockSizes), path: "randomization.block_sizes") }
        if seedIsSecret {
            out.value("seed", .string("secret"), path: "randomization.seed")
            out.value("inference_seed", .int(Int(seed)), path: "randomization.inference_seed")
        } else {
            out.value("seed", .int(Int(seed)), path: "randomization.seed")
        }
        if !baselineCovariates.isEmpty || !categoricalCovariates.isEmpty {
            out.table("baseline")
            if !baselineCovariates.isEmpty { out.value("covariates", .strings(baselineCovariates), path: "baseline.covariates") }
            if !categoricalCovariates.isEmpty { out.value("categorical", .strings(categoricalCovariates), path: "baseline.categorical") }
        }
        if !windows.isEmpty { out.blank() }
        for w in windows {
            out.arrayTable("windows")
            out.value("name", .string(w.name), path: "windows.name")
            out.value("first_week", .int(w.weeks.lowerBound), path: "windows.first_week")
            out.value("last_week", .int(w.weeks.upperBound), path: "windows.last_week")
        }
        if !subgroups.isEmpty { out.blank() }
        for g in subgroups {
            out.arrayTable("subgroups")
            out.value("variable", .string(g.variable), path: "subgroups.variable")
            out.value("prespecified", .bool(g.prespecified), path: "subgroups.prespecified")
        }
        out.table("outcomes")
        out.value("company_run_weeks", .int(companyRunWeeks), path: "outcomes.company_run_weeks")
        if !competingExits.isEmpty { out.value("competing_exits", .strings(competingExits.map(\.rawValue)), path: "outcomes.competing_exits") }
        if let primaryExit { out.value("primary_exit", .string(primaryExit.rawValue), path: "outcomes.primary_exit") }
        if reporting != .standard {
            out.table("reporting")
            out.value("min_persons", .int(reporting.minPersons), path: "reporting.min_persons")
            out.value("min_per_arm_per_parameter", .int(reporting.minPerArmPerParameter), path: "reporting.min_per_arm_per_parameter")
            out.value("min_events_per_arm", .int(reporting.minEventsPerArm), path: "reporting.min_events_per_arm")
        }
        tariff?.write(&out)
        for language in ReportLanguage.allCases {
            let t = labels[language]
            guard t != .empty else { continue }
            out.table("labels.\(language.rawValue)")
            if let trial = t.trial { out.value("trial", .string(trial)) }
            for (section, map) in [("arms", t.arms), ("benefits", t.benefits), ("statuses", t.statuses), ("variables", t.variables)] {
                for key in map.keys.sorted() { out.value("\(section).\(TOMLText.key(key))", .string(map[key]!)) }
            }
            for column in t.values.keys.sorted() {
                for value in t.values[column]!.keys.sorted() {
                    out.value("values.\(TOMLText.key(column)).\(TOMLText.key(value))", .string(t.values[column]![value]!))
                }
            }
        }
        return out.text
    }
}

/// TOML text built line by line, with optional end-of-line comments.
struct TOMLText {
    enum Value {
        case string(String), int(Int), bool(Bool), strings([String]), ints([Int])
        /// Written as is (a TOML date).
        case raw(String)

        var text: String {
            switch self {
            case .string(let s): return TOMLText.quoted(s)
            case .int(let i): return String(i)
            case .bool(let b): return b ? "true" : "false"
            case .strings(let a): return "[" + a.map(TOMLText.quoted).joined(separator: ", ") + "]"
            case .ints(let a): return "[" + a.map(String.init).joined(separator: ", ") + "]"
            case .raw(let r): return r
            }
        }
    }

    let comments: [String: String]
    private(set) var text = ""

    init(comments: [String: String]) { self.comments = comments }

    mutating func comment(_ line: String) { text += line.isEmpty ? "#\n" : "# \(line)\n" }
    mutating func blank() { if !text.isEmpty && !text.hasSuffix("\n\n") { text += "\n" } }
    mutating func table(_ name: String) { blank(); line("[\(name)]", path: name) }
    mutating func arrayTable(_ name: String) { line("[[\(name)]]", path: name) }
    mutating func value(_ key: String, _ value: Value, path: String? = nil) { line("\(key) = \(value.text)", path: path ?? key) }

    private mutating func line(_ body: String, path: String) {
        if let note = comments[path] {
            text += body.padding(toLength: max(body.count + 1, 40), withPad: " ", startingAt: 0) + "# \(note)\n"
        } else {
            text += body + "\n"
        }
    }

    /// A key as TOML writes it: bare when it is letters, digits, `_` and `-`; else quoted.
    static func key(_ k: String) -> String {
        !k.isEmpty && k.unicodeScalars.allSatisfy(bareKeyScalars.contains) ? k : quoted(k)
    }

    /// The characters of a bare TOML key.
    static let bareKeyScalars = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".unicodeScalars)

    /// A basic string with `"`, `\` and control characters escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
