// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension DisclosureLedger.Builder {
    /// The counts of the flex-job tables and what a reader knows between them: per arm, the
    /// statuses at the end add up to the randomized; jobs started = created by the provider +
    /// by the municipality = Σ employer rows; those placed with a characteristic + without = those
    /// placed; placed by the last week = those placed; placed by one week + those placed in
    /// between = placed by a later week (`addStepDifferences`); a benchmark's count + the rest = its n,
    /// and the arms add up to all.
    mutating func addPlacement(_ p: PlacementTables, scope s: CellScope, randomized: [String: Int]) {
        func q(_ table: String, _ row: String, _ arm: String) -> PublishedCount.Quantity { .placement(table: table, row: row, arm: arm) }
        for arm in p.arms {
            let ends = p.statusAtEnd.map { row in cell(s, q("status_at_end", row.status.rawValue, arm), row.arms.first { $0.arm == arm }?.count ?? 0) }
            if let r = randomized[arm], values[r] == ends.map({ values[$0] }).reduce(0, +) { sum(r, ends) }
            guard let f = p.flexJobs.first(where: { $0.arm == arm }) else { continue }
            let placed = cell(s, q("persons_placed", "", arm), f.personsPlaced)
            let jobs = cell(s, q("jobs_started", "", arm), f.jobsStarted)
            cell(s, q("half_subsidy", "", arm), f.halfSubsidyJobs)
            cell(s, q("persons_in_flex_job_weeks", "", arm), f.personsWithFlexJobWeeks)
            sum(jobs, [cell(s, q("created_by", "provider", arm), f.byProvider), cell(s, q("created_by", "municipality", arm), f.byMunicipality)])
            let byWeek = p.placedByWeek.map { row in cell(s, q("placed_by_week", String(row.week), arm), row.arms.first { $0.arm == arm }?.count ?? 0) }
            if let last = byWeek.last, values[last] == f.personsPlaced { sum(placed, [last]) }
            // Cumulative by week: two weeks' counts reveal those placed in between (as a curve's steps do).
            stepRows.append(StepRow(scope: s, kind: .curve("placed_by_week"), arm: arm,
                                     weeks: p.placedByWeek.map(\.week), cells: byWeek))
            for row in p.profile {
                let with = row.arms.first { $0.arm == arm }?.count ?? 0
                sum(placed, [cell(s, q("profile", row.characteristic.rawValue, arm), with),
                             cell(s, .placementComplement(table: "profile", row: row.characteristic.rawValue, arm: arm), f.personsPlaced - with)])
            }
            let employers = p.employers.map { row in
                cell(s, q("employers", "\(row.sector.rawValue)/\(row.sizeBand.rawValue)", arm), row.arms.first { $0.arm == arm }?.count ?? 0)
            }
            if !employers.isEmpty, employers.map({ values[$0] }).reduce(0, +) == f.jobsStarted { sum(jobs, employers) }
        }
        for row in p.benchmarks {
            var counts = [Int](), ns = [Int]()
            for share in row.shares {
                let arm = share.arm ?? ""
                let n = cell(s, q("benchmark_n", row.benchmark.id, arm), share.n)
                let k = cell(s, q("benchmark", row.benchmark.id, arm), share.count)
                sum(n, [k, cell(s, .placementComplement(table: "benchmark", row: row.benchmark.id, arm: arm), share.n - share.count)])
                if share.arm != nil { counts.append(k); ns.append(n) }
            }
            if row.shares.count > 1, let all = index[PublishedCount(scope: s, quantity: q("benchmark", row.benchmark.id, ""))],
               let allN = index[PublishedCount(scope: s, quantity: q("benchmark_n", row.benchmark.id, ""))] {
                sum(all, counts)
                sum(allN, ns)
            }
        }
        if let costs = p.costs {
            for m in costs.provider.payouts { cell(s, q("milestone", m.milestone.rawValue, costs.provider.arm), m.count) }
        }
    }
}
