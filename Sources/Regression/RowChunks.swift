// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import LinearAlgebra

/// Contiguous chunks of rows processed concurrently, with sums that do not depend on the number
/// of cores.
///
/// Rows `0..<count` are cut into chunks of `rowsPerChunk` (a constant, not a function of the
/// machine); `body(chunk, rows)` runs once per chunk, concurrently, with OpenBLAS limited to one
/// thread so that the chunks — not BLAS — use the cores. A body accumulates into storage of its own
/// chunk; the caller then adds the chunks in order, so every run on every machine adds the same
/// numbers in the same order.
///
/// The OpenBLAS thread count is process-wide: two fits started at once from different threads may
/// see it restored to the multithreaded value while their chunks still run — their results are
/// correct (OpenBLAS is thread-safe), only slower, and not guaranteed bit-identical to a lone fit.
///
/// Complexity: `body`'s, spread over the cores; O(chunks) scheduling.
enum RowChunks {
    /// Rows per chunk: large enough that a chunk amortises its buffers, small enough that a
    /// million rows make 16 chunks to balance over the cores.
    static let rowsPerChunk = 1 << 16

    /// The number of chunks for `count` rows (at least one).
    static func count(rows: Int, rowsPerChunk: Int = rowsPerChunk) -> Int {
        max(1, (rows + rowsPerChunk - 1) / rowsPerChunk)
    }

    /// Rows per chunk when every chunk keeps `accumulators` doubles of its own: `rowsPerChunk`,
    /// or more so that all chunks' accumulators stay within 64 MiB (many clusters × outcomes).
    /// A function of the problem's size only, never of the machine.
    static func rowsPerChunk(rows: Int, accumulators: Int) -> Int {
        let chunks = max(1, (8 << 20) / max(accumulators, 1))
        return max(rowsPerChunk, (rows + chunks - 1) / chunks)
    }

    /// Runs `body(chunk, rows)` for every chunk, concurrently.
    static func forEach(rows: Int, rowsPerChunk: Int = rowsPerChunk,
                        _ body: @Sendable (_ chunk: Int, _ rows: Range<Int>) -> Void) {
        let chunks = count(rows: rows, rowsPerChunk: rowsPerChunk)
        if chunks == 1 { body(0, 0..<rows); return }
        withoutActuallyEscaping(body) { body in
            withBLASThreadCount(1) {
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    body(chunk, (chunk * rowsPerChunk)..<min(rows, (chunk + 1) * rowsPerChunk))
                }
            }
        }
    }

    /// Rows per block inside a chunk so that a block of `width` doubles per row stays near 1 MiB
    /// (in the caches while BLAS-3 kernels work on it).
    static func blockRows(width: Int) -> Int { max(64, min(8192, (1 << 17) / max(width, 1))) }
}

/// A raw address that may cross into concurrent chunk bodies, each of which touches only its
/// own part of the memory (or reads shared, unchanging memory).
struct SharedPointer<Pointee>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Pointee>
    init(_ base: UnsafeMutablePointer<Pointee>) { self.base = base }
    init(_ base: UnsafePointer<Pointee>) { self.base = UnsafeMutablePointer(mutating: base) }
}
