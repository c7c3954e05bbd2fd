// SPDX-License-Identifier: GPL-3.0-or-later

/// Consecutive blocks of rows, each reordered so that the rows of one cluster are contiguous.
///
/// A block of `size` rows is small enough for its gathered copies (`size × (p + T)` doubles) to
/// stay in cache, large enough for BLAS-3 kernels to run near peak. Within a block the rows are
/// sorted by cluster (a counting sort), giving `runs` of rows that share a cluster; without
/// clusters there is one run per block.
struct RowBlock {
    /// Absolute row indices, in the block's (cluster-sorted) order.
    var rows: [Int]
    /// Runs of equal cluster: (cluster, first position in `rows`, length).
    var runs: [(cluster: Int, start: Int, length: Int)]
    /// The first row when the block is the unsorted contiguous range `first..<first + rows.count`.
    var contiguousFirst: Int?
}

/// Calls `body` with each block of `rows`, rows grouped by `clusters` when given.
///
/// Complexity: O(rows + blocks × G) bookkeeping.
func forEachRowBlock(rows range: Range<Int>, clusters: ClusterAssignment?, size: Int = 4096,
                     _ body: (RowBlock) throws -> Void) rethrows {
    var start = range.lowerBound
    let count = range.upperBound
    let g = clusters?.count ?? 1
    var counts = [Int](repeating: 0, count: g)
    while start < count {
        let end = min(count, start + size)
        guard let clusters else {
            try body(RowBlock(rows: Array(start..<end), runs: [(0, 0, end - start)], contiguousFirst: start))
            start = end
            continue
        }
        for k in counts.indices { counts[k] = 0 }
        for i in start..<end { counts[clusters.index[i]] += 1 }
        var offsets = [Int](repeating: 0, count: g)
        var runs = [(cluster: Int, start: Int, length: Int)]()
        var position = 0
        for c in 0..<g {
            offsets[c] = position
            if counts[c] > 0 { runs.append((c, position, counts[c])) }
            position += counts[c]
        }
        var rows = [Int](repeating: 0, count: end - start)
        for i in start..<end {
            let c = clusters.index[i]
            rows[offsets[c]] = i
            offsets[c] += 1
        }
        try body(RowBlock(rows: rows, runs: runs, contiguousFirst: nil))
        start = end
    }
}
