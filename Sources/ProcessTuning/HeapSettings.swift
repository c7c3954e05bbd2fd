// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator settings for the analysis. By default glibc serves every block of 128 KiB
/// or more with its own `mmap` and returns heap tops above 128 KiB to the kernel, so each fit's
/// design matrix (0.3 MB on the shipped JobFirst data, 60 MB at 100,000 participants) is
/// page-faulted and zeroed afresh. Randomization inference builds one design per cell and
/// replay — thousands — and page faults and page zeroing were then a large part of the profile of
/// `effekt-bench analysis` (perf). `retainFreedBlocks()` raises the mmap threshold to glibc's maximum
/// (32 MiB) and keeps up to 512 MiB of freed heap for reuse. Process-wide; it changes where blocks
/// live, never a computed value. A no-op without glibc. Called by the programs (the `effekt`
/// analysis commands, `effekt-bench analysis`), not by the library, since it is process-wide.
public enum HeapSettings {
    public static func retainFreedBlocks() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not export.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }   // RTLD_DEFAULT
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 512 << 20)
        #endif
    }

    /// `M_MMAP_THRESHOLD` and `M_TRIM_THRESHOLD` of <malloc.h>.
    private static let mmapThreshold: Int32 = -3
    private static let trimThreshold: Int32 = -1
}
