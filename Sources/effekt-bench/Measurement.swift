// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock time of `body` in seconds, with its result.
func measure<T>(_ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
    let clock = ContinuousClock()
    var value: T?
    let elapsed = try clock.measure { value = try body() }
    let (s, atto) = elapsed.components
    return (Double(s) + Double(atto) * 1e-18, value!)
}

/// The process's peak resident memory so far, in MiB (`VmHWM` from `/proc/self/status`).
func peakMemoryMiB() -> Double {
    guard let f = fopen("/proc/self/status", "r") else { return .nan }
    defer { fclose(f) }
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, Int32(line.count), f) != nil {
        let bytes = line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let s = String(decoding: bytes, as: UTF8.self)
        if s.hasPrefix("VmHWM:") {
            let digits = s.filter { $0.isNumber }
            return (Double(digits) ?? .nan) / 1024
        }
    }
    return .nan
}

/// Resets the process's peak resident memory to its current size (writes 5 to
/// `/proc/self/clear_refs`), so that `peakMemoryMiB()` measures from here. A no-op where unsupported.
func resetPeakMemory() {
    guard let f = fopen("/proc/self/clear_refs", "w") else { return }
    fputs("5", f)
    fclose(f)
}
