// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A peer's script (Python, R) run for a benchmark: it prints `key value` lines, read back as
/// numbers (a non-numeric `version` counts as 0, so that its presence is kept).
enum PeerScript {
    /// Runs `arguments` through `/usr/bin/env`; nil when it cannot start, fails, or prints nothing usable.
    static func run(_ arguments: [String]) -> [String: Double]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        var values = [String: Double]()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2 else { continue }
            if let v = Double(parts[1]) { values[String(parts[0])] = v } else if parts[0] == "version" { values["version"] = 0 }
        }
        return values.isEmpty ? nil : values
    }
}
