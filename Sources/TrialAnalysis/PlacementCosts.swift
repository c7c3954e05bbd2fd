// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// What placement cost per arm under the trial's tariff, overall and per municipality (each
/// municipality is paired with one provider), with the incremental cost per additional person
/// in a flex job.
///
/// Rules (docs/DATA-FORMATS.md, `[tariff]`):
/// - provider arm: per citizen the milestones reached within follow-up, each paid once — the
///   fixed fee for a `referral`; the bonus at the first `internship_start` or `work_trial_start`;
///   the bonuses at 2 and 4 months of continuous employment in the same flex job *created by the
///   provider* (`flex_job_start` with `created_by = provider` until its `flex_job_end`, or the end
///   of follow-up; a month is a calendar month, the 31st clamped to the month's last day).
/// - control arm: `control_cost_per_citizen_month` × months on waiting benefit (weeks with status
///   `flexjob_waiting_benefit` × 12/52).
/// - placed: a citizen with any `flex_job_start` (whoever created it: intention to treat).
/// - cost per flex job: the arm's total cost / citizens placed (nil when none).
/// Complexity: O(events + weeks).
public struct PlacementCosts: Sendable, Codable {
    public struct MilestonePayout: Hashable, Sendable, Codable {
        public let milestone: PaymentMilestone
        public let count: Int
        public let amount: Double
    }

    public struct ArmCosts: Hashable, Sendable, Codable {
        public let arm: String
        public let citizens: Int
        public let placed: Int
        /// Provider arm only (empty for the control arm).
        public let payouts: [MilestonePayout]
        public let totalCost: Double
        public var costPerFlexJob: Double? { placed > 0 ? totalCost / Double(placed) : nil }
        public var meanCost: Double { citizens > 0 ? totalCost / Double(citizens) : .nan }
    }

    public struct Group: Sendable, Codable, Equatable {
        /// nil for all municipalities together.
        public let municipality: String?
        /// The tariff's currency code.
        public let currency: String
        public let provider: ArmCosts
        public let control: ArmCosts
        /// nil when an arm has fewer than 2 citizens.
        public let incremental: IncrementalCost?
    }

    public let tariff: Tariff
    public let groups: [Group]

    /// Computes the costs of `dataset` under `tariff` at `level` (nil when the trial has no tariff).
    public init?(dataset: TrialDataset, level: Double) {
        guard let tariff = dataset.trial.tariff else { return nil }
        self.tariff = tariff
        let followUp = dataset.trial.followUpWeeks
        let control = dataset.trial.controlArm
        var perUnit = [(municipality: String, arm: String, cost: Double, placed: Bool, milestones: [PaymentMilestone])]()
        for u in dataset.units where u.arm == tariff.providerArm || u.arm == control {
            let events = dataset.events[u.participant.id] ?? []
            let placed = events.contains { $0.kind == .flexJobStart }
            if u.arm == tariff.providerArm {
                let reached = Self.milestones(events, enrolledOn: u.participant.enrolledOn, followUpWeeks: followUp)
                perUnit.append((u.participant.municipality, u.arm, Double(reached.map(tariff.amount).reduce(0, +)), placed, reached))
            } else {
                let waiting = u.history.records.filter { $0.status == .flexjobWaitingBenefit }.count
                perUnit.append((u.participant.municipality, u.arm, Double(tariff.controlCostPerCitizenMonth) * Double(waiting) * 12 / 52, placed, []))
            }
        }
        func group(_ municipality: String?) -> Group {
            let rows = perUnit.filter { municipality == nil || $0.municipality == municipality }
            func arm(_ name: String) -> ArmCosts {
                let r = rows.filter { $0.arm == name }
                let payouts: [MilestonePayout] = name == tariff.providerArm ? PaymentMilestone.allCases.map { m -> MilestonePayout in
                    let n = r.filter { $0.milestones.contains(m) }.count
                    return MilestonePayout(milestone: m, count: n, amount: Double(n * tariff.amount(m)))
                } : []
                return ArmCosts(arm: name, citizens: r.count, placed: r.filter(\.placed).count, payouts: payouts,
                                totalCost: r.map(\.cost).reduce(0, +))
            }
            let p = rows.filter { $0.arm == tariff.providerArm }.map { (cost: $0.cost, placed: $0.placed) }
            let c = rows.filter { $0.arm == control }.map { (cost: $0.cost, placed: $0.placed) }
            return Group(municipality: municipality, currency: tariff.currency, provider: arm(tariff.providerArm), control: arm(control),
                         incremental: p.count >= 2 && c.count >= 2 ? IncrementalCost(provider: p, control: c, level: level) : nil)
        }
        groups = [group(nil)] + dataset.municipalities.map { group($0) }
    }

    /// The milestones one provider-arm citizen reached within follow-up, in tariff order.
    /// `events` in time order; follow-up ends after week `followUpWeeks` (week 1 the ISO week of
    /// enrolment). Complexity: O(events).
    public static func milestones(_ events: [PlacementEvent], enrolledOn: CalendarDate, followUpWeeks: Int) -> [PaymentMilestone] {
        let endOfFollowUp = CalendarDate(daysSinceEpoch: ISOWeek.monday(of: enrolledOn.daysSinceEpoch) + 7 * followUpWeeks)
        var reached = Set<PaymentMilestone>()
        if events.contains(where: { $0.kind == .referral }) { reached.insert(.referral) }
        if events.contains(where: { $0.kind == .internshipStart || $0.kind == .workTrialStart }) { reached.insert(.firstInternshipOrWorkTrial) }
        for (k, e) in events.enumerated() where e.job?.createdBy == .provider {
            let end = events[(k + 1)...].first { $0.kind == .flexJobEnd }?.date ?? endOfFollowUp
            let last = min(end, endOfFollowUp)
            for m in [PaymentMilestone.flexJobTwoMonths, .flexJobFourMonths] where e.date.adding(months: m.flexJobMonths) <= last {
                reached.insert(m)
            }
        }
        return PaymentMilestone.allCases.filter(reached.contains)
    }
}

extension CalendarDate {
    /// The same day `months` calendar months later, clamped to the month's last day (Jan 31 + 1 → Feb 28/29).
    public func adding(months: Int) -> CalendarDate {
        let m0 = year * 12 + (month - 1) + months
        let y = m0 / 12, m = m0 % 12 + 1
        var d = day
        while CalendarDate(year: y, month: m, day: d) == nil { d -= 1 }
        return CalendarDate(year: y, month: m, day: d)!
    }
}
