// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#endif
import Foundation

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

/// Reads a whole file in 4 MiB pieces into one reused buffer (the read floor of the CSV
/// benchmarks: page cache to memory); returns the byte count.
@discardableResult
func readFileBytes(_ path: String) -> Int {
    guard let f = fopen(path, "r") else { return 0 }
    defer { fclose(f) }
    var buffer = [UInt8](repeating: 0, count: 1 << 22), total = 0, sum: UInt8 = 0
    while true {
        let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress!, 1, $0.count, f) }
        if n == 0 { break }
        total += n
        sum &+= buffer[n - 1]
    }
    return total + Int(sum) * 0
}

/// The machine's load: the 1-minute load average and the share of CPU time the VM host took
/// (`steal`, from /proc/stat) since `since` (a previous `CPUSteal.now()`).
struct CPUSteal {
    var steal: Double
    var total: Double

    static func now() -> CPUSteal {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let cpu = text.split(separator: "\n").first else { return CPUSteal(steal: 0, total: 0) }
        let fields = cpu.split(separator: " ").dropFirst().compactMap { Double($0) }
        return CPUSteal(steal: fields.count > 7 ? fields[7] : 0, total: fields.prefix(8).reduce(0, +))
    }

    /// "load L, steal S %" over the time since `start`.
    static func summary(since start: CPUSteal) -> String {
        let end = now()
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        let share = end.total > start.total ? 100 * (end.steal - start.steal) / (end.total - start.total) : 0
        return String(format: "load average %@, steal %.1f %% of CPU time while measuring", String(load), share)
    }
}
