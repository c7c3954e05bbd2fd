// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis
import TrialModel

extension CellReport {
    /// The flex-job report's tables (when the trial recorded placement events): status at the end,
    /// flex jobs, time to flex job, the profile of those placed, employers, national benchmarks
    /// and costs. Counts of persons follow the disclosure ledger; a share is hidden with its count,
    /// its complement or a denominator under the limit.
    func placementSection(_ doc: inout MarkdownDocument) {
        guard let p = cell.placement else { return }
        doc.heading(strings[.sectionPlacement], level: 2)
        let armColumns = p.arms.map(armHeading)
        func placementCount(_ table: String, _ row: String, _ arm: String, _ value: Int) -> String {
            count(.placement(table: table, row: row, arm: arm), value)
        }
        func hidden(_ table: String, _ row: String, _ arm: String) -> Bool {
            isHidden(.placement(table: table, row: row, arm: arm)) || isHidden(.placementComplement(table: table, row: row, arm: arm))
        }
        func countWithShare(_ table: String, _ row: String, _ arm: String, _ value: Int, of n: Int) -> String {
            let c = placementCount(table, row, arm, value)
            guard n > 0 else { return c }
            let share = hidden(table, row, arm) || numbers.hides(basedOn: n) ? numbers.hidden : numbers.style.percent(Double(value) / Double(n))
            return "\(c) (\(share))"
        }
        func armValue(_ counts: [ArmCount], _ arm: String) -> Int { counts.first { $0.arm == arm }?.count ?? 0 }
        let randomized = Dictionary(cell.consort.randomized.map { ($0.arm, $0.count) }, uniquingKeysWith: { a, _ in a })

        doc.heading(strings[.statusAtEnd], level: 3)
        doc.table(header: [strings[.statusAtEnd]] + armColumns, rows: p.statusAtEnd.map { row in
            [strings.status(row.status.rawValue).capitalizedFirst] + p.arms.map { placementCount("status_at_end", row.status.rawValue, $0, armValue(row.arms, $0)) }
        }, rightAligned: Set(1...p.arms.count))

        doc.heading(strings[.flexJobs], level: 3)
        let jobs = p.arms.compactMap { a in p.flexJobs.first { $0.arm == a } }
        doc.table(header: [""] + armColumns, rows: [
            [strings[.jobsStarted]] + jobs.map { placementCount("jobs_started", "", $0.arm, $0.jobsStarted) },
            [strings[.createdByProvider]] + jobs.map { placementCount("created_by", "provider", $0.arm, $0.byProvider) },
            [strings[.createdByMunicipality]] + jobs.map { placementCount("created_by", "municipality", $0.arm, $0.byMunicipality) },
            [strings[.halfSubsidy]] + jobs.map { j in
                let c = placementCount("half_subsidy", "", j.arm, j.halfSubsidyJobs)
                let hide = isHidden(.placement(table: "half_subsidy", row: "", arm: j.arm)) || numbers.hides(basedOn: j.jobsStarted)
                    || DisclosureControl.hidesCount(j.jobsStarted - j.halfSubsidyJobs, threshold: numbers.minPersons)
                return j.jobsStarted > 0 ? "\(c) (\(hide ? numbers.hidden : numbers.style.percent(Double(j.halfSubsidyJobs) / Double(j.jobsStarted))))" : c
            },
            [strings[.personsPlaced]] + jobs.map { placementCount("persons_placed", "", $0.arm, $0.personsPlaced) },
            [strings[.meanMonthsInFlexJob]] + jobs.map { j in
                numbers.hides(basedOn: j.personsWithFlexJobWeeks) ? numbers.hidden : numbers.style.decimal(j.meanMonthsInFlexJob, digits: 1)
            },
        ], rightAligned: Set(1...p.arms.count))

        doc.heading(strings[.timeToFlexJob], level: 3)
        doc.paragraph(strings[.timeToFlexJobIntro])
        doc.table(header: [strings[.week]] + armColumns, rows: p.placedByWeek.map { row in
            [String(row.week)] + p.arms.map { a in
                let c = placementCount("placed_by_week", String(row.week), a, armValue(row.arms, a))
                let n = randomized[a] ?? 0
                let hide = isHidden(.placement(table: "placed_by_week", row: String(row.week), arm: a)) || numbers.hides(basedOn: n)
                    || DisclosureControl.hidesCount(n - armValue(row.arms, a), threshold: numbers.minPersons)
                return n > 0 ? "\(c) (\(hide ? numbers.hidden : numbers.style.percent(Double(armValue(row.arms, a)) / Double(n))))" : c
            }
        }, rightAligned: Set(1...p.arms.count))
        flexJobIncidenceTable(&doc, p)

        if !p.profile.isEmpty {
            doc.heading(strings[.placedProfile], level: 3)
            doc.table(header: [""] + armColumns, rows: [[strings[.personsPlaced]] + jobs.map { placementCount("persons_placed", "", $0.arm, $0.personsPlaced) }]
                      + p.profile.map { row in
                [characteristicName(row.characteristic)] + jobs.map { j in
                    countWithShare("profile", row.characteristic.rawValue, j.arm, armValue(row.arms, j.arm), of: j.personsPlaced)
                }
            }, rightAligned: Set(1...p.arms.count))
        }

        if !p.employers.isEmpty {
            doc.heading(strings[.employers], level: 3)
            doc.table(header: [strings[.sector], strings[.employees]] + armColumns, rows: p.employers.map { row in
                [strings[row.sector == .private ? .privateSector : .publicSector], sizeBandName(row.sizeBand)]
                    + p.arms.map { placementCount("employers", "\(row.sector.rawValue)/\(row.sizeBand.rawValue)", $0, armValue(row.arms, $0)) }
            }, rightAligned: Set(2..<(2 + p.arms.count)))
        }

        if !p.benchmarks.isEmpty { benchmarkTable(&doc, p) }
        if let costs = p.costs { costTable(&doc, costs) }
    }

    private func characteristicName(_ c: PlacedCharacteristic) -> String {
        switch c {
        case .sicknessBenefitBefore: return strings[.sicknessBenefitBefore]
        case .waitedAtLeast78Weeks: return strings[.waitedAtLeast78Weeks]
        case .judgedFlexJobRight: return strings[.judgedFlexJobRight]
        }
    }

    private func sizeBandName(_ b: EmployerSizeBand) -> String {
        switch b {
        case .under10: return strings[.under10Employees]
        case .from10To49: return "10–49"
        case .from50To249: return "50–249"
        case .atLeast250: return "250 \(strings[.orMore])"
        }
    }

    /// Each benchmark: the trial's share (all arms, then each arm) with its interval, and the national share.
    private func benchmarkTable(_ doc: inout MarkdownDocument, _ p: PlacementTables) {
        doc.heading(strings[.benchmarks], level: 3)
        guard let first = p.benchmarks.first else { return }
        doc.paragraph(strings[.benchmarksIntro])
        let columns = first.shares.map { $0.arm.map(armHeading) ?? strings[.wholeTrial] }
        doc.table(header: [strings[.outcome], strings[.month]] + columns.map { "\($0) [\(intervalHeader)]" } + [strings[.national], strings[.source]],
                  rows: p.benchmarks.map { row in
            [strings.status(row.benchmark.status.rawValue).capitalizedFirst, String(row.benchmark.month)] + row.shares.map { s in
                let arm = s.arm ?? ""
                let hide = isHidden(.placement(table: "benchmark", row: row.benchmark.id, arm: arm))
                    || isHidden(.placementComplement(table: "benchmark", row: row.benchmark.id, arm: arm)) || numbers.hides(basedOn: s.n)
                return hide ? numbers.hidden : "\(numbers.style.percent(s.share)) [\(numbers.style.percent(s.low)); \(numbers.style.percent(s.high))]"
            } + [numbers.style.percent(row.benchmark.share, digits: 0), row.benchmark.source]
        }, rightAligned: Set(1..<(2 + columns.count + 1)))
    }

    /// Payments by milestone, totals, cost per person placed, and the incremental cost in words.
    private func costTable(_ doc: inout MarkdownDocument, _ c: PlacementCosts.Group) {
        doc.heading(strings[.costs], level: 3)
        doc.paragraph(strings[.costsIntro])
        let currency = c.currency
        func money(_ x: Double) -> String { "\(numbers.style.decimal(x, digits: 0)) \(currency)" }
        let names: [PaymentMilestone: ReportLabel] = [.referral: .milestoneReferral, .firstInternshipOrWorkTrial: .milestoneFirstInternship,
                                                      .flexJobTwoMonths: .milestoneTwoMonths, .flexJobFourMonths: .milestoneFourMonths]
        var rows = c.provider.payouts.map { m in
            [strings[names[m.milestone]!], count(.placement(table: "milestone", row: m.milestone.rawValue, arm: c.provider.arm), m.count),
             isHidden(.placement(table: "milestone", row: m.milestone.rawValue, arm: c.provider.arm)) ? numbers.hidden : money(m.amount), ""]
        }
        // The provider's total is the sum of count × amount: a hidden count hides it, its cost per
        // person placed and the incremental cost (which would reveal it as well).
        let revealsHidden = c.provider.payouts.contains { isHidden(.placement(table: "milestone", row: $0.milestone.rawValue, arm: c.provider.arm)) }
        for a in [c.provider, c.control] {
            let hide = revealsHidden && a.arm == c.provider.arm
            rows.append(["\(strings[.totalCost]): \(strings.arm(a.arm))", "", hide ? numbers.hidden : money(a.totalCost),
                         hide ? numbers.hidden : a.costPerFlexJob.map(money) ?? NumberStyle.missing])
        }
        doc.table(header: ["", strings[.citizens], strings[.amount], strings[.costPerFlexJob]], rows: rows, rightAligned: [1, 2, 3])
        if revealsHidden {
            doc.paragraph(strings.texts.suppressedSentence(threshold: numbers.minPersons))
        } else if let inc = c.incremental {
            let (low, high): (Double, Double)
            switch inc.interval {
            case let .bounded(l, h), let .twoRays(l, h): (low, high) = (l, h)
            case .wholeLine: (low, high) = (.nan, .nan)
            }
            doc.paragraph(strings.texts.incrementalCostSentence(inc.verdict, ratio: money(inc.ratio), interval: inc.interval,
                                                                low: money(low), high: money(high),
                                                                levelPercent: numbers.style.decimal(inc.level * 100, digits: 0)))
        }
    }
}
