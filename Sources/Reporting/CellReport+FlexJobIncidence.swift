// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis
import TrialModel

extension CellReport {
    /// Time to a flex job as the Aalen–Johansen cumulative incidence (moving away and disability
    /// pension competing; records ending early censored), per arm at the weeks of the placed-by-week
    /// table (3, 6, 9 and 12 months of a year's follow-up), read from the results' curve of cause
    /// `flex_job` at the last grid time at or before the week.
    ///
    /// Disclosure: an estimate is hidden when its arm has fewer than the limit randomized, when the
    /// curve's exits by that week or the arm's persons without them are 1 … limit − 1, or when the
    /// ledger hides the persons placed by that week (the estimate nearly reveals that count) or the
    /// curve's exits by that week. Nothing is printed without the results' curve.
    func flexJobIncidenceTable(_ doc: inout MarkdownDocument, _ p: PlacementTables) {
        guard let set = cell.cumulativeIncidence.first(where: { $0.outcome == .timeToFlexJob }) else { return }
        let cause = BenefitStatus.flexJob.rawValue
        let curves = Dictionary(set.arms.compactMap { a in a.causes.first { $0.cause == cause }.map { (a.arm, $0) } },
                                uniquingKeysWith: { a, _ in a })
        guard !curves.isEmpty else { return }
        let randomized = Dictionary(cell.consort.randomized.map { ($0.arm, $0.count) }, uniquingKeysWith: { a, _ in a })
        let curveKey = StepCurveID.incidence(set.outcome, cause: cause).key
        doc.paragraph(strings[.flexJobIncidenceIntro])
        doc.table(header: [strings[.month], strings[.week]] + p.arms.map(armHeading), rows: p.placedByWeek.map { row in
            let month = Int((Double(row.week) * 12 / 52).rounded())
            return [String(month), String(row.week)] + p.arms.map { arm -> String in
                guard let curve = curves[arm] else { return numbers.hidden }
                let upTo = curve.points.filter { $0.time <= Double(row.week) + 1e-9 }
                let exits = upTo.reduce(0) { $0 + $1.events }
                let n = randomized[arm] ?? 0
                let hide = numbers.hides(basedOn: n)
                    || DisclosureControl.hidesCount(exits, threshold: numbers.minPersons)
                    || DisclosureControl.hidesCount(n - exits, threshold: numbers.minPersons)
                    || isHidden(.placement(table: "placed_by_week", row: String(row.week), arm: arm))
                    || isHidden(.curveEvents(curve: curveKey, arm: arm, week: row.week))
                return hide ? numbers.hidden : numbers.style.percent(upTo.last?.estimate ?? 0)
            }
        }, rightAligned: Set(0..<(2 + p.arms.count)))
    }
}
