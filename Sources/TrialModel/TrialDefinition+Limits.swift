// SPDX-License-Identifier: GPL-3.0-or-later

/// The bounds of trial.toml's numbers, checked when a trial is read (docs/DATA-FORMATS.md).
///
/// Rule: every count, size and length has a sane ceiling, so that no trial file can make a
/// command overflow, allocate without bound or loop for ever; a value outside its range is
/// refused naming its key and value.
public enum TrialLimits {
    /// Weeks of follow-up: 1 week to 10 years.
    public static let followUpWeeks = 1...520
    /// An arm's allocation ratio.
    public static let armRatio = 1...100
    /// The number of arms.
    public static let arms = 2...20
    /// One permuted block's size (also a multiple of the ratio sum).
    public static let blockSize = 1...1_000
    /// How many block sizes `block_sizes` may list.
    public static let blockSizeCount = 1...20
    /// The randomization seed: any non-negative 64-bit integer.
    public static let seed = 0...Int.max
    /// The years `start_date` may fall in (as the roster's enrolment dates).
    public static let startYears = 1900...2200

    /// `range` as the sentence's tail: `it must lie within 1...100`.
    static func rule(_ range: ClosedRange<Int>) -> String {
        "it must lie within \(range.lowerBound)...\(range.upperBound) (see docs/DATA-FORMATS.md)"
    }
}

extension TrialDefinition {
    /// Checks every number against `TrialLimits` before any arithmetic uses it.
    func validateLimits(file: String) throws(TrialModelError) {
        func bad(_ key: String, _ value: Int, _ range: ClosedRange<Int>) -> TrialModelError {
            .impossibleValue(file: file, key: key, value: "\(value)", rule: TrialLimits.rule(range))
        }
        if !TrialLimits.followUpWeeks.contains(followUpWeeks) { throw bad("follow_up_weeks", followUpWeeks, TrialLimits.followUpWeeks) }
        if let year = startDate?.year, !TrialLimits.startYears.contains(year) {
            throw .impossibleValue(file: file, key: "start_date", value: startDate!.description,
                                   rule: "its year must lie within \(TrialLimits.startYears.lowerBound)...\(TrialLimits.startYears.upperBound)")
        }
        if arms.count > TrialLimits.arms.upperBound { throw bad("arms", arms.count, TrialLimits.arms) }
        for (i, a) in arms.enumerated() where !TrialLimits.armRatio.contains(a.ratio) {
            throw bad("arms[\(i + 1)].ratio", a.ratio, TrialLimits.armRatio)
        }
        if blockSizes.count > TrialLimits.blockSizeCount.upperBound {
            throw bad("randomization.block_sizes", blockSizes.count, TrialLimits.blockSizeCount)
        }
        for k in blockSizes where !TrialLimits.blockSize.contains(k) { throw bad("randomization.block_sizes", k, TrialLimits.blockSize) }
        if seed > UInt64(TrialLimits.seed.upperBound) {
            throw .impossibleValue(file: file, key: "randomization.seed", value: "\(seed)", rule: TrialLimits.rule(TrialLimits.seed))
        }
    }
}
