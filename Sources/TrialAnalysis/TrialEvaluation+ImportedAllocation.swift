// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import TrialModel

/// What the reports say of an allocation Effekt did not draw (trial.toml `design = "external"`).
public struct ImportedAllocationNote: Codable, Sendable, Equatable {
    /// The design trial.toml assumes drew it; randomization inference replays this design.
    public let assumed: AssumedDesign
    /// The number of possible assignments under the assumed design when randomization
    /// inference evaluated every one of them (an exact p-value), else nil.
    public let enumeratedAssignments: Int?
    /// The joint test of imbalance in the baseline covariates across arms, when it could be computed.
    public let imbalance: ImbalanceTest?

    public init(assumed: AssumedDesign, enumeratedAssignments: Int?, imbalance: ImbalanceTest?) {
        self.assumed = assumed
        self.enumeratedAssignments = enumeratedAssignments
        self.imbalance = imbalance
    }
}

extension TrialEvaluation {
    /// The assignments the assumed design could have drawn, over `dataset.units` in order;
    /// nil for an allocation Effekt drew.
    var importedAssignmentSpace: ImportedAssignmentSpace? {
        guard plan.trial.design == .external, let assumed = plan.trial.assumedDesign else { return nil }
        return ImportedAssignmentSpace(assumed: assumed, arms: plan.trial.arms, units: dataset.units.map {
            Assignment(participant: $0.participant.id, stratum: $0.stratum, block: $0.block, position: 1, arm: $0.arm)
        })
    }

    /// The methods note's statement of an imported allocation; nil for an allocation Effekt drew.
    var importedAllocationNote: ImportedAllocationNote? {
        guard let space = importedAssignmentSpace else { return nil }
        let enumerated = plan.permutations > 0 ? space.count(atMost: RandomizationInference.enumerationLimit) : nil
        return ImportedAllocationNote(assumed: space.assumed, enumeratedAssignments: enumerated,
                                      imbalance: ImbalanceTest(dataset: dataset, treatedArm: plan.treatedArm, controlArm: plan.trial.controlArm))
    }
}
