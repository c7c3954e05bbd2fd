// SPDX-License-Identifier: GPL-3.0-or-later

/// Counts per stratum and distinct exit time: number at risk, events and censorings, overall
/// and by group. Kaplan–Meier, the log-rank test, Cox and Aalen–Johansen all start from it.
///
/// Formula: for stratum `s` with distinct exit times `t₁ < … < t_K`, row `i` is at risk at `t_k`
/// when `start_i < t_k ≤ stop_i`; `n(t_k) = Σ_i [at risk]`, `d(t_k) = Σ_i [stop_i = t_k, event_i]`,
/// `c(t_k) = Σ_i [stop_i = t_k, not event_i]`. Rows also get the index of their exit time and the
/// index of the first time they are at risk, so estimators that iterate (Cox) aggregate per
/// `(stratum, time)` instead of walking the rows again.
///
/// Preconditions: `strata` and `groups` (when given) have one code per row.
/// Complexity: O(n) expected (one hash lookup per row) plus O(T log T) to sort the T distinct
/// times and O(S·T) memory for S strata; with delayed entry O(n log T) more.
/// Reference: Therneau & Grambsch (2000), *Modeling Survival Data*, §2.1 and appendix A.
public struct EventTable: Sendable {
    /// One stratum's table.
    public struct StratumTable: Sendable {
        /// The stratum's label.
        public let label: String
        /// Distinct exit times of the stratum's rows, ascending.
        public let times: [Double]
        /// Number at risk at each time.
        public let atRisk: [Double]
        /// Number of events at each time.
        public let events: [Double]
        /// Number censored at each time.
        public let censored: [Double]
        /// `atRiskByGroup[g][k]`: number of group `g` at risk at `times[k]`.
        public let atRiskByGroup: [[Double]]
        /// `eventsByGroup[g][k]`: events in group `g` at `times[k]`.
        public let eventsByGroup: [[Double]]
        /// Number of rows in the stratum.
        public let rowCount: Int
    }

    /// The strata in the order of their codes.
    public let strata: [StratumTable]
    /// The group labels (one group when no grouping was given).
    public let groupLabels: [String]
    /// For each row, its stratum code.
    public let rowStratum: [Int32]
    /// For each row, the index of its exit time in its stratum's `times`.
    public let rowExit: [Int32]
    /// For each row, the index of the first time at which it is at risk (0 without delayed entry).
    public let rowEntry: [Int32]
    /// Whether any row enters late (`start` given and above the stratum's first time).
    public let hasDelayedEntry: Bool

    /// Tabulates `data` by stratum and group.
    public init(data: SurvivalData, strata: Grouping? = nil, groups: Grouping? = nil) throws(SurvivalAnalysisError) {
        let n = data.count
        guard n > 0 else { throw .noObservations }
        if let strata, strata.codes.count != n {
            throw .lengthMismatch(what: "strata column", expected: n, actual: strata.codes.count)
        }
        if let groups, groups.codes.count != n {
            throw .lengthMismatch(what: "group column", expected: n, actual: groups.codes.count)
        }
        let stratumCount = strata?.count ?? 1
        let groupCount = groups?.count ?? 1
        let stratumCodes = strata?.codes ?? [Int32](repeating: 0, count: n)
        let groupCodes = groups?.codes ?? [Int32](repeating: 0, count: n)

        // Distinct times over all strata, then their ranks.
        var firstSeen = [Double: Int32]()
        var distinct = [Double]()
        var rawIndex = [Int32](repeating: 0, count: n)
        var lastTime = Double.nan, lastIndex: Int32 = 0
        for i in 0..<n {
            let t = data.stop[i]
            if t == lastTime { rawIndex[i] = lastIndex; continue }
            if let k = firstSeen[t] { rawIndex[i] = k } else {
                let k = Int32(distinct.count)
                firstSeen[t] = k
                distinct.append(t)
                rawIndex[i] = k
            }
            lastTime = t
            lastIndex = rawIndex[i]
        }
        let order = distinct.indices.sorted { distinct[$0] < distinct[$1] }
        var rankOfRaw = [Int32](repeating: 0, count: distinct.count)
        for (rank, raw) in order.enumerated() { rankOfRaw[raw] = Int32(rank) }
        let sortedTimes = order.map { distinct[$0] }
        let totalTimes = sortedTimes.count

        // Which global times occur in each stratum, and their local index.
        var present = [Bool](repeating: false, count: stratumCount * totalTimes)
        for i in 0..<n { present[Int(stratumCodes[i]) * totalTimes + Int(rankOfRaw[Int(rawIndex[i])])] = true }
        var localIndex = [Int32](repeating: -1, count: stratumCount * totalTimes)
        var stratumTimes = [[Double]](repeating: [], count: stratumCount)
        for s in 0..<stratumCount {
            var k: Int32 = 0
            for r in 0..<totalTimes where present[s * totalTimes + r] {
                localIndex[s * totalTimes + r] = k
                stratumTimes[s].append(sortedTimes[r])
                k += 1
            }
        }

        var rowExit = [Int32](repeating: 0, count: n)
        var rowEntry = [Int32](repeating: 0, count: n)
        var delayed = false
        for i in 0..<n {
            let s = Int(stratumCodes[i])
            rowExit[i] = localIndex[s * totalTimes + Int(rankOfRaw[Int(rawIndex[i])])]
        }
        if let start = data.start {
            for i in 0..<n {
                let times = stratumTimes[Int(stratumCodes[i])]
                // First index with time > start (binary search).
                var lo = 0, hi = times.count
                let a = start[i]
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if times[mid] > a { hi = mid } else { lo = mid + 1 }
                }
                rowEntry[i] = Int32(lo)
                if lo > 0 { delayed = true }
            }
        }

        // Counts by (stratum, group, time): exits, events, entries.
        var offsets = [Int](repeating: 0, count: stratumCount + 1)
        for s in 0..<stratumCount { offsets[s + 1] = offsets[s] + stratumTimes[s].count }
        let cells = offsets[stratumCount]
        var exits = [Double](repeating: 0, count: groupCount * cells)
        var events = [Double](repeating: 0, count: groupCount * cells)
        var entries = [Double](repeating: 0, count: groupCount * (cells + stratumCount))
        var rowCounts = [Int](repeating: 0, count: stratumCount)
        for i in 0..<n {
            let s = Int(stratumCodes[i]), g = Int(groupCodes[i])
            let cell = g * cells + offsets[s] + Int(rowExit[i])
            exits[cell] += 1
            if data.event[i] { events[cell] += 1 }
            if delayed { entries[g * (cells + stratumCount) + offsets[s] + s + Int(rowEntry[i])] += 1 }
            rowCounts[s] += 1
        }

        var tables = [StratumTable]()
        for s in 0..<stratumCount {
            let k = stratumTimes[s].count
            var atRiskByGroup = [[Double]](), eventsByGroup = [[Double]]()
            var atRisk = [Double](repeating: 0, count: k)
            var eventsTotal = [Double](repeating: 0, count: k)
            var censored = [Double](repeating: 0, count: k)
            for g in 0..<groupCount {
                var risk = [Double](repeating: 0, count: k)
                var ev = [Double](repeating: 0, count: k)
                var running = 0.0
                for j in stride(from: k - 1, through: 0, by: -1) {
                    let cell = g * cells + offsets[s] + j
                    running += exits[cell]
                    if delayed { running -= entries[g * (cells + stratumCount) + offsets[s] + s + j + 1] }
                    risk[j] = running
                    ev[j] = events[cell]
                    atRisk[j] += running
                    eventsTotal[j] += events[cell]
                    censored[j] += exits[cell] - events[cell]
                }
                atRiskByGroup.append(risk)
                eventsByGroup.append(ev)
            }
            tables.append(StratumTable(label: strata?.labels[s] ?? "all", times: stratumTimes[s], atRisk: atRisk,
                                  events: eventsTotal, censored: censored, atRiskByGroup: atRiskByGroup,
                                  eventsByGroup: eventsByGroup, rowCount: rowCounts[s]))
        }
        self.strata = tables
        self.groupLabels = groups?.labels ?? ["all"]
        self.rowStratum = stratumCodes
        self.rowExit = rowExit
        self.rowEntry = rowEntry
        self.hasDelayedEntry = delayed
    }
}
