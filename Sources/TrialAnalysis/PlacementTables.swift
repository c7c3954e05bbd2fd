// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// A characteristic of those placed in a flex job that the flex-job report tabulates by actor.
public enum PlacedCharacteristic: String, CaseIterable, Codable, Sendable {
    /// Came from sickness benefit before the flex-job approval (roster `sickness_benefit_before` = 1).
    case sicknessBenefitBefore = "sickness_benefit_before"
    /// Waited 1.5 years (78 weeks) or more on waiting benefit (roster `waited_weeks` ≥ 78).
    case waitedAtLeast78Weeks = "waited_weeks"
    /// Judged a flex job the right solution before the start (roster `judged_flex_job_right` = 1).
    case judgedFlexJobRight = "judged_flex_job_right"

    /// Whether a participant has it; nil when the roster has no such column.
    public func holds(for p: Participant) -> Bool? {
        guard let x = p.value(of: rawValue)?.number else { return nil }
        return self == .waitedAtLeast78Weeks ? x >= 78 : x == 1
    }
}

/// The flex-job report's tables for one scope, from weekly records and placement events: status
/// at the end, flex jobs with durations and half-subsidy share, persons placed by week, the
/// profile of those placed, employers, national benchmarks and costs. Counts are of persons
/// (jobs for the job rows); the report applies the disclosure rules.
public struct PlacementTables: Codable, Sendable, Equatable {
    public struct StatusRow: Codable, Sendable, Equatable {
        public let status: BenefitStatus
        public let arms: [ArmCount]
    }
    public struct FlexJobArm: Codable, Sendable, Equatable {
        public let arm: String
        /// `flex_job_start` events.
        public let jobsStarted: Int
        /// Persons with at least one `flex_job_start`.
        public let personsPlaced: Int
        /// Persons with at least one week in a flex job, and their mean months in one (weeks × 12/52).
        public let personsWithFlexJobWeeks: Int
        public let meanMonthsInFlexJob: Double
        /// Jobs started with half wage subsidy.
        public let halfSubsidyJobs: Int
        /// Jobs by who created them.
        public let byProvider: Int
        public let byMunicipality: Int
    }
    public struct WeekRow: Codable, Sendable, Equatable {
        /// Persons with a `flex_job_start` in weeks 1 … `week`, per arm.
        public let week: Int
        public let arms: [ArmCount]
    }
    public struct ProfileRow: Codable, Sendable, Equatable {
        public let characteristic: PlacedCharacteristic
        /// Among those placed (per arm, `FlexJobArm.personsPlaced`), those with the characteristic.
        public let arms: [ArmCount]
    }
    public struct EmployerRow: Codable, Sendable, Equatable {
        public let sector: EmployerSector
        public let sizeBand: EmployerSizeBand
        /// Jobs started per arm.
        public let arms: [ArmCount]
    }

    public let arms: [String]
    public let statusAtEnd: [StatusRow]
    public let flexJobs: [FlexJobArm]
    public let placedByWeek: [WeekRow]
    public let profile: [ProfileRow]
    public let employers: [EmployerRow]
    public let benchmarks: [BenchmarkComparison.Row]
    /// The scope's costs under the tariff (nil without one).
    public let costs: PlacementCosts.Group?

    /// The weeks of the time-to-flex-job table: each quarter year and the end of follow-up.
    public static func weeks(followUpWeeks: Int) -> [Int] {
        Array(Set([13, 26, 39, 52].filter { $0 < followUpWeeks } + [followUpWeeks])).sorted()
    }

    /// The tables of `dataset` (one scope); nil when it has no placement events.
    /// Complexity: O(weeks + events).
    public init?(dataset: TrialDataset, benchmarks: [NationalBenchmark], level: Double) {
        guard !dataset.events.isEmpty else { return nil }
        let arms = dataset.trial.arms.map(\.name)
        self.arms = arms
        let units = dataset.units
        func counts(_ f: (TrialDataset.Unit) -> Int) -> [ArmCount] {
            arms.map { a in ArmCount(arm: a, count: units.filter { $0.arm == a }.map(f).reduce(0, +)) }
        }
        func events(_ u: TrialDataset.Unit) -> [PlacementEvent] { dataset.events[u.participant.id] ?? [] }
        func jobs(_ u: TrialDataset.Unit) -> [FlexJobAttributes] { events(u).compactMap(\.job) }
        func placed(_ u: TrialDataset.Unit) -> Bool { !jobs(u).isEmpty }
        statusAtEnd = BenefitStatus.allCases.map { s in StatusRow(status: s, arms: counts { $0.history.records.last?.status == s ? 1 : 0 }) }
        flexJobs = arms.map { a in
            let mine = units.filter { $0.arm == a }
            let weeks = mine.map { $0.history.records.filter { $0.status == .flexJob }.count }.filter { $0 > 0 }
            let all = mine.flatMap(jobs)
            return FlexJobArm(arm: a, jobsStarted: all.count, personsPlaced: mine.filter(placed).count, personsWithFlexJobWeeks: weeks.count,
                              meanMonthsInFlexJob: weeks.isEmpty ? .nan : Double(weeks.reduce(0, +)) / Double(weeks.count) * 12 / 52,
                              halfSubsidyJobs: all.filter { $0.subsidy == .half }.count,
                              byProvider: all.filter { $0.createdBy == .provider }.count,
                              byMunicipality: all.filter { $0.createdBy == .municipality }.count)
        }
        placedByWeek = Self.weeks(followUpWeeks: dataset.trial.followUpWeeks).map { w in
            WeekRow(week: w, arms: counts { u in
                events(u).contains { $0.kind == .flexJobStart && $0.trialWeek(enrolledOn: u.participant.enrolledOn) <= w } ? 1 : 0
            })
        }
        profile = PlacedCharacteristic.allCases.filter { c in units.contains { c.holds(for: $0.participant) != nil } }.map { c in
            ProfileRow(characteristic: c, arms: counts { placed($0) && c.holds(for: $0.participant) == true ? 1 : 0 })
        }
        var combos = [(EmployerSector, EmployerSizeBand)]()
        for s in EmployerSector.allCases { for b in EmployerSizeBand.allCases { combos.append((s, b)) } }
        employers = combos.map { s, b in
            EmployerRow(sector: s, sizeBand: b, arms: counts { u in jobs(u).filter { $0.sector == s && $0.sizeBand == b }.count })
        }.filter { $0.arms.contains { $0.count > 0 } }
        self.benchmarks = BenchmarkComparison(dataset: dataset, benchmarks: benchmarks, level: level).rows
        costs = PlacementCosts(dataset: dataset, level: level)?.groups.first
    }
}
