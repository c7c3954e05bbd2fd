// SPDX-License-Identifier: GPL-3.0-or-later

/// The CONSORT count of randomized participants, the one place it is made: per arm, how many
/// were randomized, how many were followed up to the last follow-up week, and how many were lost,
/// by `LossReason`. The store's `status` feeds it from SQL (each participant's last record) and
/// the analysis from its dataset; both therefore count by the same rule.
///
/// Complexity: O(1) per participant added; O(arms × reasons) to read.
public struct ConsortTally: Sendable, Equatable {
    /// The trial's arms in its order: the order of every count read.
    public let arms: [String]
    public let followUpWeeks: Int
    private var randomizedByArm: [String: Int] = [:]
    private var followedByArm: [String: Int] = [:]
    private var lostByReason: [LossReason: [String: Int]] = [:]

    public init(arms: [String], followUpWeeks: Int) {
        self.arms = arms
        self.followUpWeeks = followUpWeeks
    }

    /// Counts one randomized participant of `arm` whose last weekly record is (`lastWeek`,
    /// `lastStatus`), both nil without records.
    public mutating func add(arm: String, lastWeek: Int?, lastStatus: BenefitStatus?) {
        randomizedByArm[arm, default: 0] += 1
        if let reason = LossReason(lastWeek: lastWeek, lastStatus: lastStatus, followUpWeeks: followUpWeeks) {
            lostByReason[reason, default: [:]][arm, default: 0] += 1
        } else {
            followedByArm[arm, default: 0] += 1
        }
    }

    /// Randomized participants per arm.
    public var randomized: [ArmCount] { counts(randomizedByArm) }
    /// Participants followed up to week `followUpWeeks`, per arm.
    public var followedUp: [ArmCount] { counts(followedByArm) }
    /// All randomized participants.
    public var randomizedTotal: Int { randomizedByArm.values.reduce(0, +) }
    /// The reasons with at least one participant lost, in `LossReason.allCases` order, each with
    /// its count per arm (zeros included).
    public var lost: [(reason: LossReason, arms: [ArmCount])] {
        LossReason.allCases.compactMap { r in lostByReason[r].map { (r, counts($0)) } }
    }

    private func counts(_ byArm: [String: Int]) -> [ArmCount] { arms.map { ArmCount(arm: $0, count: byArm[$0] ?? 0) } }
}
