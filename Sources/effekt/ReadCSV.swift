// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation

/// `effekt read-csv` (hidden, for `effekt-bench csv-read`): reads the named columns of a data file
/// exactly as `effekt regress` reads them (`CSVTable`) and prints `key value` lines — `rows`, the
/// read's `seconds` and the process's `peak_mib` — so that the reader is timed alone, as a peer's
/// reader is. Not listed in `effekt --help`: a user's command reads data to analyse it.
struct ReadCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-csv",
        abstract: "Read columns of a CSV data file as effekt regress does and print the time taken (benchmarks).",
        shouldDisplay: false)

    @Option(name: .long, help: "CSV file with a header row.")
    var data: String

    @Option(name: .long, help: "Comma-separated columns read as numbers.")
    var numeric: String?

    @Option(name: .long, help: "Comma-separated columns read as text.")
    var text: String?

    @Option(name: .long, help: "Threads that parse (default: one per core, at most 8).")
    var threads: Int?

    func run() throws {
        var reading = CSVReading.machine
        if let threads { reading.threads = max(1, threads) }
        let clock = ContinuousClock()
        let start = clock.now
        let table = try CSVTable(path: data, columns: commaSeparatedNames(text), numeric: commaSeparatedNames(numeric), reading: reading)
        let (seconds, attoseconds) = (clock.now - start).components
        print("rows \(table.rowCount)")
        print("threads \(reading.threads)")
        print("seconds \(Double(seconds) + Double(attoseconds) * 1e-18)")
        print("peak_mib \(ReadCSV.peakResidentMiB())")
    }

    /// The process's peak resident memory in MiB: `VmHWM` of /proc/self/status (not `getrusage`'s
    /// `ru_maxrss`, which after a `vfork`-and-`exec` start also holds the parent's peak); NaN
    /// where there is no /proc.
    static func peakResidentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kB = Double(line.filter(\.isNumber)) else { return .nan }
        return kB / 1024
    }
}
