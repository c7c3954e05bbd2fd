// SPDX-License-Identifier: GPL-3.0-or-later

/// The language reports are written in (`language` in trial.toml).
public enum ReportLanguage: String, CaseIterable, Sendable, Codable {
    case danish = "da"
    case english = "en"
}

/// The randomization design named in trial.toml (`randomization.design`).
public enum DesignKind: String, CaseIterable, Sendable, Codable {
    /// Stratified permuted blocks with block sizes drawn from `block_sizes`.
    case permutedBlocks = "permuted_blocks"
    /// Complete randomization within strata (exact counts per arm).
    case complete
    /// Drawn outside Effekt and imported (`effekt import-allocation`); what is known of the
    /// design is `randomization.assumed`.
    case external
}

/// What a trial with an external allocation declares of the design that drew it
/// (`randomization.assumed`): randomization inference replays this design.
public enum AssumedDesign: String, CaseIterable, Sendable, Codable {
    /// Fixed arm counts per stratum: every assignment with the imported counts in each stratum
    /// is equally likely.
    case completeWithinStrata = "complete_within_strata"
    /// Independent draws per participant with the arms' `ratio` as probabilities.
    case bernoulli
    /// Permuted blocks of the sizes in `block_sizes`; the import's `block` column says which
    /// block each participant was in.
    case permutedBlocks = "permuted_blocks"
}

/// An analysis window: an inclusive range of follow-up weeks (`[[windows]]`).
public struct OutcomeWindow: Hashable, Sendable, Codable {
    public let name: String
    public let weeks: ClosedRange<Int>
    public init(name: String, weeks: ClosedRange<Int>) {
        self.name = name
        self.weeks = weeks
    }
}

/// A subgroup variable (`[[subgroups]]`): a roster column, pre-specified or exploratory.
public struct Subgroup: Hashable, Sendable, Codable {
    public let variable: String
    public let prespecified: Bool
    public init(variable: String, prespecified: Bool) {
        self.variable = variable
        self.prespecified = prespecified
    }
}

/// A trial as trial.toml defines it (schema in docs/DATA-FORMATS.md).
///
/// Built by `TrialDefinition(toml:file:)`, which rejects unknown keys and impossible values with
/// a `TrialModelError` naming the key. Immutable once read.
public struct TrialDefinition: Hashable, Sendable {
    public var name: String
    public var description: String?
    public var language: ReportLanguage
    public var startDate: CalendarDate?
    /// Weeks recorded per participant: weeks 1 ... followUpWeeks.
    public var followUpWeeks: Int
    public var controlArm: String
    public var arms: [Arm]
    public var design: DesignKind
    /// The design assumed for an external allocation (nil unless `design` is `.external`).
    public var assumedDesign: AssumedDesign?
    /// Stratification variables (roster columns), in label order.
    public var strata: [String]
    /// Block sizes for the permuted-block design (empty for `complete`).
    public var blockSizes: [Int]
    /// The allocation seed; for a served trial (`seed = "secret"`, `seedIsSecret`) the
    /// randomization-inference seed from `randomization.inference_seed` instead.
    public var seed: UInt64
    /// True when trial.toml says `seed = "secret"`: the enrolment service holds the allocation
    /// seed in a secret file beside the store until `effekt reveal` publishes it.
    public var seedIsSecret = false
    /// Numeric baseline covariates (roster columns) for the balance table.
    public var baselineCovariates: [String]
    /// Categorical baseline covariates, shown as shares per level.
    public var categoricalCovariates: [String]
    public var windows: [OutcomeWindow]
    public var subgroups: [Subgroup]
    /// Length of the run of company-directed weeks (default 13).
    public var companyRunWeeks: Int
    /// Competing exits (statuses), for trials that analyse time to an exit.
    public var competingExits: [BenefitStatus]
    public var primaryExit: BenefitStatus?
    /// Small-cell and disclosure rules (`[reporting]`).
    public var reporting: ReportingPolicy
    /// The trial's names for its codes per report language (`[labels]`; default: none).
    public var labels: TrialLabels
    /// The payment model (`[tariff]`; default: none).
    public var tariff: Tariff?

    public init(name: String, description: String? = nil, language: ReportLanguage = .english,
                startDate: CalendarDate? = nil, followUpWeeks: Int, controlArm: String, arms: [Arm],
                design: DesignKind, assumedDesign: AssumedDesign? = nil, strata: [String], blockSizes: [Int] = [], seed: UInt64,
                baselineCovariates: [String] = [], categoricalCovariates: [String] = [],
                windows: [OutcomeWindow] = [], subgroups: [Subgroup] = [], companyRunWeeks: Int = 13,
                competingExits: [BenefitStatus] = [], primaryExit: BenefitStatus? = nil,
                reporting: ReportingPolicy = .standard, labels: TrialLabels = .none) {
        self.name = name
        self.description = description
        self.language = language
        self.startDate = startDate
        self.followUpWeeks = followUpWeeks
        self.controlArm = controlArm
        self.arms = arms
        self.design = design
        self.assumedDesign = assumedDesign
        self.strata = strata
        self.blockSizes = blockSizes
        self.seed = seed
        self.baselineCovariates = baselineCovariates
        self.categoricalCovariates = categoricalCovariates
        self.windows = windows
        self.subgroups = subgroups
        self.companyRunWeeks = companyRunWeeks
        self.competingExits = competingExits
        self.primaryExit = primaryExit
        self.reporting = reporting
        self.labels = labels
    }

    /// Roster columns the trial refers to (strata, covariates, subgroups): each must be in the roster.
    public var referencedRosterColumns: [String] {
        var seen = Set<String>()
        return (strata + baselineCovariates + categoricalCovariates + subgroups.map(\.variable))
            .filter { seen.insert($0).inserted }
    }

    /// Checks the rules that need more than one key and the bounds of `TrialLimits`; throws
    /// naming the key at fault and its value.
    public func validate(file: String) throws(TrialModelError) {
        func bad(_ key: String, _ value: String, _ rule: String) -> TrialModelError {
            .impossibleValue(file: file, key: key, value: value, rule: rule)
        }
        if name.isEmpty { throw bad("name", "\"\"", "a trial needs a name") }
        try validateLimits(file: file)
        if followUpWeeks < 1 { throw bad("follow_up_weeks", "\(followUpWeeks)", "follow-up must be at least 1 week") }
        if arms.count < 2 { throw bad("arms", "\(arms.count) arm(s)", "a trial needs at least two arms") }
        var names = Set<String>()
        for a in arms where !names.insert(a.name).inserted { throw bad("arms.name", "\"\(a.name)\"", "arm names must be distinct") }
        if !names.contains(controlArm) {
            throw bad("control_arm", "\"\(controlArm)\"", "it must be one of the arms (\(arms.map(\.name).joined(separator: ", ")))")
        }
        if strata.isEmpty { throw bad("randomization.strata", "[]", "name at least one roster column to stratify by") }
        let ratioSum = arms.reduce(0) { $0 + $1.ratio }
        switch design {
        case .permutedBlocks:
            if blockSizes.isEmpty { throw bad("randomization.block_sizes", "[]", "the permuted_blocks design needs at least one block size") }
            for k in blockSizes where k <= 0 || k % ratioSum != 0 {
                throw bad("randomization.block_sizes", "\(k)", "each block size must be a positive multiple of the ratio sum \(ratioSum)")
            }
        case .complete:
            if !blockSizes.isEmpty { throw bad("randomization.block_sizes", "\(blockSizes)", "the complete design has no blocks; remove the key") }
        case .external:
            try validateAssumedDesign(file: file, ratioSum: ratioSum)
        }
        if design != .external, let a = assumedDesign {
            throw bad("randomization.assumed", "\"\(a.rawValue)\"", "only an external design declares an assumed design; remove the key or set design = \"external\"")
        }
        for w in windows where w.weeks.lowerBound < 1 || w.weeks.upperBound > followUpWeeks {
            throw bad("windows.first_week/last_week", "\(w.weeks.lowerBound)...\(w.weeks.upperBound) (\(w.name))",
                      "a window must lie within follow-up weeks 1...\(followUpWeeks)")
        }
        if companyRunWeeks < 1 || companyRunWeeks > followUpWeeks {
            throw bad("outcomes.company_run_weeks", "\(companyRunWeeks)", "it must lie within 1...\(followUpWeeks)")
        }
        let values = [reporting.minPersons, reporting.minPerArmPerParameter, reporting.minEventsPerArm]
        for ((key, range), value) in zip(ReportingPolicy.limits, values) where !range.contains(value) {
            throw bad("reporting.\(key)", "\(value)", "it must lie within \(range.lowerBound)...\(range.upperBound)")
        }
        if let p = primaryExit, !competingExits.contains(p) {
            throw bad("outcomes.primary_exit", "\"\(p.rawValue)\"", "it must be one of outcomes.competing_exits")
        }
        try validateLabels(file: file)
    }
}
