// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// CONSORT-style counts of a trial as the store holds it (what `effekt status` prints).
public struct TrialStatus: Hashable, Sendable, Codable {
    public struct StratumCounts: Hashable, Sendable, Codable {
        public let stratum: String
        /// Randomized per arm, in the trial's arm order.
        public let arms: [ArmCount]
    }
    public struct WeekCounts: Hashable, Sendable, Codable {
        public let week: Int
        /// Participants with a record for this week, per arm.
        public let arms: [ArmCount]
    }
    public struct LossCounts: Hashable, Sendable, Codable {
        public let reason: LossReason
        public let arms: [ArmCount]
    }

    public let trial: String
    public let enrolled: Int
    public let randomized: Int
    /// Enrolled but not yet randomized.
    public let awaitingRandomization: Int
    public let arms: [ArmCount]
    public let strata: [StratumCounts]
    public let followUpWeeks: Int
    public let weeklyRecords: Int
    public let followedUp: [WeekCounts]
    /// Randomized participants whose records end before week `followUpWeeks`, by reason.
    public let lostToFollowUp: [LossCounts]
}
