// SPDX-License-Identifier: GPL-3.0-or-later

/// The small-cell and disclosure rules of a trial's analysis and reports (`[reporting]` in
/// trial.toml; every key optional, defaults below).
///
/// - `min_persons` (5): no published number may describe fewer people — Statistics Denmark's
///   rule. Counts of 1 … `min_persons` − 1 are suppressed, and so is every share, mean, estimate
///   or curve step that reveals one (see `DisclosureControl` in the reports).
/// - `min_per_arm_per_parameter` (10): Lin's covariate adjustment is used in a cell only when each
///   arm has at least this many people per adjustment parameter (covariates and stratum dummies);
///   otherwise the cell's effect is the unadjusted difference in means with stratum weights.
/// - `min_events_per_arm` (10): a hazard ratio is shown only when each arm has at least this many
///   events; otherwise it is "not estimable (too few events)".
public struct ReportingPolicy: Hashable, Sendable, Codable {
    public var minPersons: Int
    public var minPerArmPerParameter: Int
    public var minEventsPerArm: Int

    public init(minPersons: Int = 5, minPerArmPerParameter: Int = 10, minEventsPerArm: Int = 10) {
        self.minPersons = minPersons
        self.minPerArmPerParameter = minPerArmPerParameter
        self.minEventsPerArm = minEventsPerArm
    }

    /// The defaults: 5 persons, 10 per arm per parameter, 10 events per arm.
    public static let standard = ReportingPolicy()

    /// The accepted range of each key (checked when trial.toml is read).
    public static let limits: [(key: String, range: ClosedRange<Int>)] = [
        ("min_persons", 1...1_000), ("min_per_arm_per_parameter", 1...1_000), ("min_events_per_arm", 1...100_000),
    ]
}
