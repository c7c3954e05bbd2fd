// SPDX-License-Identifier: GPL-3.0-or-later
import TOMLKit

/// A payment milestone of the provider's tariff.
public enum PaymentMilestone: String, CaseIterable, Hashable, Sendable, Codable {
    /// The fixed fee per referred citizen (clarification and job match).
    case referral
    /// The bonus at the first internship or work trial.
    case firstInternshipOrWorkTrial = "first_internship_or_work_trial"
    /// The bonus at 2 months of continuous employment in the same flex job.
    case flexJobTwoMonths = "flex_job_2_months"
    /// The bonus at 4 months of continuous employment in the same flex job.
    case flexJobFourMonths = "flex_job_4_months"

    /// Months of continuous employment in the same flex job the milestone needs (0 for the others).
    public var flexJobMonths: Int {
        switch self {
        case .flexJobTwoMonths: return 2
        case .flexJobFourMonths: return 4
        case .referral, .firstInternshipOrWorkTrial: return 0
        }
    }
}

/// The trial's payment model (`[tariff]` in trial.toml): what the provider is paid per
/// milestone, and the control arm's own cost per citizen and month of effort. Amounts are whole
/// currency units (inputs: the flex-job report publishes only the structure, 25 % fixed and 75 %
/// bonus at milestones).
public struct Tariff: Hashable, Sendable, Codable {
    /// The arm whose placements the provider is paid for (not the control arm).
    public var providerArm: String
    /// Currency code of the amounts (default "DKK").
    public var currency: String
    /// Amount per milestone.
    public var amounts: [PaymentMilestone: Int]
    /// The control arm's cost per citizen and month of effort (months on waiting benefit).
    public var controlCostPerCitizenMonth: Int

    public init(providerArm: String, currency: String = "DKK", amounts: [PaymentMilestone: Int], controlCostPerCitizenMonth: Int) {
        self.providerArm = providerArm
        self.currency = currency
        self.amounts = amounts
        self.controlCostPerCitizenMonth = controlCostPerCitizenMonth
    }

    /// The amount of a milestone (0 when not set).
    public func amount(_ m: PaymentMilestone) -> Int { amounts[m] ?? 0 }

    /// The trial.toml keys of `[tariff]`, per milestone.
    public static func key(_ m: PaymentMilestone) -> String {
        switch m {
        case .referral: return "fixed_fee_per_referral"
        case .firstInternshipOrWorkTrial: return "bonus_first_internship_or_work_trial"
        case .flexJobTwoMonths: return "bonus_flex_job_2_months"
        case .flexJobFourMonths: return "bonus_flex_job_4_months"
        }
    }

    /// Every key of `[tariff]`.
    static let keys: Set<String> = Set(PaymentMilestone.allCases.map(key) + ["provider_arm", "currency", "control_cost_per_citizen_month"])

    /// Reads `[tariff]`: every amount is a required non-negative integer; `provider_arm` must be an
    /// arm other than the control arm.
    init(_ table: TOMLTable, file: String, arms: [String], controlArm: String) throws(TrialModelError) {
        let k = TOMLKeys(table, path: "tariff.", file: file)
        try k.allow(Self.keys)
        let arm = try k.string("provider_arm")
        guard arms.contains(arm), arm != controlArm else {
            throw .impossibleValue(file: file, key: "tariff.provider_arm", value: "\"\(arm)\"",
                                   rule: "name an arm other than the control arm \"\(controlArm)\"")
        }
        func amount(_ key: String) throws(TrialModelError) -> Int {
            let v = try k.int(key)
            guard v >= 0, v <= 1_000_000_000 else {
                throw .impossibleValue(file: file, key: "tariff.\(key)", value: "\(v)", rule: "an amount is a whole number from 0 to 1000000000")
            }
            return v
        }
        var amounts = [PaymentMilestone: Int]()
        for m in PaymentMilestone.allCases { amounts[m] = try amount(Self.key(m)) }
        self.init(providerArm: arm, currency: try k.optionalString("currency") ?? "DKK", amounts: amounts,
                  controlCostPerCitizenMonth: try amount("control_cost_per_citizen_month"))
    }

    /// Writes `[tariff]` (the one TOML writer calls this).
    func write(_ out: inout TOMLText) {
        out.table("tariff")
        out.value("provider_arm", .string(providerArm), path: "tariff.provider_arm")
        out.value("currency", .string(currency), path: "tariff.currency")
        for m in PaymentMilestone.allCases { out.value(Self.key(m), .int(amount(m)), path: "tariff.\(Self.key(m))") }
        out.value("control_cost_per_citizen_month", .int(controlCostPerCitizenMonth), path: "tariff.control_cost_per_citizen_month")
    }
}

/// The tariff's amounts are keyed by milestone in JSON (`{"referral": 10000, …}`).
extension PaymentMilestone: CodingKeyRepresentable {}
