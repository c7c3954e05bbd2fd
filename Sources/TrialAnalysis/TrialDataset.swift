// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import TrialModel

/// The randomized participants of a trial with their arm, stratum and weekly history: the input
/// of every analysis, independent of where it was read from.
public struct TrialDataset: Sendable {
    /// One randomized participant. A reference to immutable values: the analysis selects units
    /// into every cell, subgroup and site, and copying a reference costs one retain where copying
    /// the fields cost one for each string, dictionary and array inside (a quarter of the
    /// analysis' time at 100,000 participants was spent retaining them).
    public final class Unit: Sendable {
        public let participant: Participant
        public let arm: String
        public let stratum: Stratum
        /// The block (or batch) of the assignment within its stratum.
        public let block: Int
        public let history: ParticipantHistory
        /// The trial's `baselineCovariates` in its order, NaN where missing or not a number:
        /// read once here rather than by name in every cell, subgroup and site.
        let baselineNumbers: [Double]
        /// The trial's `categoricalCovariates` in its order, nil where missing.
        let categoricalLabels: [String?]
        /// The names the two arrays above follow (shared by every unit of a dataset).
        let covariateNames: (baseline: [String], categorical: [String])

        init(participant: Participant, arm: String, stratum: Stratum, block: Int, history: ParticipantHistory,
             trial: TrialDefinition) {
            self.participant = participant
            self.arm = arm
            self.stratum = stratum
            self.block = block
            self.history = history
            baselineNumbers = trial.baselineCovariates.map { participant.value(of: $0)?.number ?? .nan }
            categoricalLabels = trial.categoricalCovariates.map { participant.value(of: $0)?.description }
            covariateNames = (trial.baselineCovariates, trial.categoricalCovariates)
        }
    }

    public let trial: TrialDefinition
    /// Randomized participants in enrolment order.
    public let units: [Unit]
    /// Every enrolled participant of the trial, randomized or not, shared by each dataset
    /// restricted from this one (a cell holds positions in it, not copies).
    private let everyone: [Participant]
    /// Positions in `everyone` of this dataset's enrolled participants, in enrolment order.
    private let enrolledPositions: [Int]
    /// Placement events by participant, each in time order (empty when none were recorded).
    public let events: [ParticipantID: [PlacementEvent]]

    /// Joins enrolled participants (in enrolment order), their assignments and weekly records.
    /// Participants without an assignment count as enrolled only.
    ///
    /// Complexity: O(n + r log r) for n participants and r weekly records.
    public init(trial: TrialDefinition, participants: [Participant], assignments: [Assignment],
                weekly: [ParticipantID: [WeeklyRecord]], events: [ParticipantID: [PlacementEvent]] = [:]) {
        let byID = Dictionary(assignments.map { ($0.participant, $0) }, uniquingKeysWith: { a, _ in a })
        self.trial = trial
        self.everyone = participants
        self.enrolledPositions = Array(participants.indices)
        self.events = events
        self.units = participants.compactMap { p in
            guard let a = byID[p.id] else { return nil }
            return Unit(participant: p, arm: a.arm, stratum: a.stratum, block: a.block,
                        history: ParticipantHistory(participant: p.id, records: weekly[p.id] ?? [], followUpWeeks: trial.followUpWeeks),
                        trial: trial)
        }
    }

    private init(trial: TrialDefinition, units: [Unit], everyone: [Participant], enrolledPositions: [Int],
                 events: [ParticipantID: [PlacementEvent]]) {
        self.trial = trial
        self.units = units
        self.everyone = everyone
        self.enrolledPositions = enrolledPositions
        self.events = events
    }

    /// Enrolled participants, randomized or not, in enrolment order (copies; the analysis reads
    /// `enrolledCount`, `municipalities` and `benefits`).
    public var enrolled: [Participant] { enrolledPositions.map { everyone[$0] } }

    /// How many participants are enrolled in this dataset's scope.
    public var enrolledCount: Int { enrolledPositions.count }

    /// The participants of a scope.
    /// Complexity: O(n) comparisons; no participant is copied.
    public func restricted(to scope: CellScope) -> TrialDataset {
        func inScope(_ benefit: BenefitType, _ municipality: String) -> Bool {
            (scope.benefit == nil || benefit.rawValue == scope.benefit) && (scope.municipality == nil || municipality == scope.municipality)
        }
        return TrialDataset(trial: trial, units: units.filter { inScope($0.participant.benefit, $0.participant.municipality) },
                            everyone: everyone,
                            enrolledPositions: enrolledPositions.filter { inScope(everyone[$0].benefit, everyone[$0].municipality) },
                            events: events)
    }

    /// Municipalities in first-enrolment order and benefit types in declaration order.
    public var municipalities: [String] {
        var seen = Set<String>(), out = [String]()
        for k in enrolledPositions where seen.insert(everyone[k].municipality).inserted { out.append(everyone[k].municipality) }
        return out
    }

    public var benefits: [String] {
        var present = Set<BenefitType>()
        for k in enrolledPositions { present.insert(everyone[k].benefit) }
        return BenefitType.allCases.filter(present.contains).map(\.rawValue)
    }
}
