// SPDX-License-Identifier: GPL-3.0-or-later

extension StepCurveChart {
    /// The numbers-at-risk table under a Kaplan–Meier plot: a title row, then one row per drawn
    /// arm (its line sample and name in the left margin), with the number at risk at every
    /// x tick, centred under the tick.
    ///
    /// The number at a tick is that of the first curve point at or after it (R's
    /// `summary(fit, times)`); ticks past the last point stay empty. Counts of 1 to
    /// `minPersons − 1` print as "< minPersons" (`DisclosureControl.countText`). A count whose
    /// drop from the last printed count of its row is 1 to `minPersons − 1` prints as "..": the
    /// difference would tell how many people had the event or were censored in between
    /// (`texts(_:)`).
    struct RiskTable: Sendable {
        let series: [Series]
        let minPersons: Int
        static let rowHeight = 16.0
        static let titleHeight = 18.0

        /// The height the table takes under the axis title.
        var height: Double { Self.titleHeight + Double(series.count) * Self.rowHeight + 4 }

        /// A left margin wide enough for the row names (line sample, gap, name) and half the first
        /// count, at least 72 px.
        var leftMargin: Double {
            let widest = series.map { SVGChart.textWidth($0.name) }.max() ?? 0
            return max(72, 8 + 20 + 4 + widest + 28)
        }

        /// The number at risk of `item` at `time`, nil past its last point.
        func count(_ item: Series, at time: Double) -> Int? {
            item.atRisk.first { $0.time >= time - 1e-9 }?.count
        }

        func draw(into svg: inout SVGDocument, chart: SVGChart, numbers: ReportNumbers) {
            var y = chart.tableTop + 12
            svg.text(numbers.strings[.numberAtRisk], x: 8, y: y, size: 11, bold: true)
            for item in series {
                y += Self.rowHeight
                svg.line(x1: 8, y1: y - 4, x2: 28, y2: y - 4, stroke: item.stroke)
                svg.text(item.name, x: 32, y: y, size: 11)
                let counts = chart.xTicks.map { count(item, at: $0) }
                let texts = item.atRiskStates.isEmpty
                    ? Self.texts(counts, minPersons: minPersons, numbers: numbers)
                    : zip(chart.xTicks, counts).map { tick, n in
                        n.map { Self.text($0, state: item.atRiskStates[Int(tick.rounded())], minPersons: minPersons, numbers: numbers) }
                    }
                for (tick, text) in zip(chart.xTicks, texts) {
                    guard let text else { continue }
                    svg.text(text, x: chart.x(tick), y: y, size: 11, anchor: .middle)
                }
            }
        }
    
        /// A count as the disclosure ledger shows it: "< minPersons" (sensitive), ".." (hidden to
        /// protect another count) or the number.
        static func text(_ n: Int, state: DisclosureState?, minPersons: Int, numbers: ReportNumbers) -> String {
            switch state {
            case .primary: return DisclosureControl.suppressedCount(threshold: minPersons)
            case .secondary, .implied: return DisclosureControl.suppressedStatistic
            case .shown, nil: return numbers.style.integer(n)
            }
        }

        /// One row's texts outside a report set: a count, "< minPersons" for 1 to minPersons − 1, or ".." when the
        /// drop from the last printed count is 1 to minPersons − 1 (then the next count is
        /// compared with the same printed one, so no two printed counts differ by fewer).
        static func texts(_ counts: [Int?], minPersons: Int, numbers: ReportNumbers) -> [String?] {
            var lastPrinted: Int?
            return counts.map { n -> String? in
                guard let n else { return nil }
                if n > 0 && n < minPersons { return DisclosureControl.suppressedCount(threshold: minPersons) }
                if let last = lastPrinted, last - n > 0, last - n < minPersons { return DisclosureControl.suppressedStatistic }
                lastPrinted = n
                return numbers.style.integer(n)
            }
        }
    }
}
