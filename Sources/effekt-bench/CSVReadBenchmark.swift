// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation

/// Effekt's CSV reader alone (`effekt read-csv`, the reader of `effekt regress`) against pyarrow's
/// `pyarrow.csv.read_csv` with `include_columns` = the same 115 columns (104 weeks, treatment,
/// 10 covariates as numbers; the stratum as text), on the issue-13 panel at 1,000,000 rows
/// (about 313 MB here; `RegressionPanel`).
///
/// Effekt on one thread and on one per core; pyarrow with its own thread pool (all cores). The
/// floor is reading the file's bytes (page cache warm). Seconds are the read alone, measured inside
/// each process, best of `--repeats`; peak memory is each process's maximum resident size, next to
/// the size of the columns read (8 bytes per number). R's data.table (`fread`) is not installable
/// on this machine (no R), so it is not run; the target is fread's time.
struct CSVReadBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv-read",
        abstract: "Effekt's CSV reader alone vs pyarrow.csv.read_csv on the 1,000,000-row panel (issue 13, target 2).")

    @Option(help: "Rows of the panel.") var rows = 1_000_000
    @Option(help: "Folder for the panel files (kept between runs).") var directory = NSTemporaryDirectory()
    @Option(help: "Reads per reader (the best is reported).") var repeats = 3
    @Option(help: "The Python that runs pyarrow (default: .build/bench-venv/bin/python if Scripts/bench made it with EFFEKT_BENCH_PEERS=1, else python3).")
    var python = FileManager.default.isExecutableFile(atPath: ".build/bench-venv/bin/python") ? ".build/bench-venv/bin/python" : "python3"

    func run() throws {
        let panel = RegressionPanel(rows: rows, csv: URL(fileURLWithPath: directory).appendingPathComponent("effekt-panel-\(rows).csv"))
        let generation = try measure { try panel.write() }
        let bytes = Double((try FileManager.default.attributesOfItem(atPath: panel.csv.path)[.size] as? Int) ?? 0)
        let numeric = ["treatment"] + panel.covariateNames + panel.outcomeNames, text = ["stratum"]
        print(String(format: "csv-read: %d rows × 121 columns, %.1f MB (%@, written in %.1f s, not timed); reading %d numeric + %d text columns",
                     rows, bytes / 1e6, panel.csv.path, generation.seconds, numeric.count, text.count))
        let started = CPUSteal.now()
        var floor = Double.infinity
        for _ in 0..<max(repeats, 3) { floor = min(floor, measure { readFileBytes(panel.csv.path) }.seconds) }
        let effekt = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("effekt").path

        /// Best seconds and largest peak of `repeats` runs of `effekt read-csv`.
        func timeEffekt(threads: Int?) -> (seconds: Double, peakMiB: Double, threads: Double)? {
            var best: (seconds: Double, peakMiB: Double, threads: Double)?
            for _ in 0..<repeats {
                let arguments = [effekt, "read-csv", "--data", panel.csv.path, "--numeric", numeric.joined(separator: ","),
                                 "--text", text.joined(separator: ",")] + (threads.map { ["--threads", String($0)] } ?? [])
                guard let run = PeerScript.run(arguments), let s = run["seconds"], let peak = run["peak_mib"],
                      run["rows"] == Double(rows) else { return nil }
                best = (min(best?.seconds ?? .infinity, s), max(best?.peakMiB ?? 0, peak), run["threads"] ?? .nan)
            }
            return best
        }
        let columnsMiB = Double(rows * numeric.count * 8) / 1_048_576
        print(String(format: "floor: read the file's bytes                 %.3f s (%.0f MB/s)", floor, bytes / 1e6 / floor))
        guard let one = timeEffekt(threads: 1), let all = timeEffekt(threads: nil) else {
            return print("effekt read-csv failed (is the effekt binary built next to effekt-bench?)")
        }
        for (label, run) in [("effekt, 1 thread", one), (String(format: "effekt, %.0f threads (default)", all.threads), all)] {
            print(label.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: " %.3f s (%.0f MB/s) = %.1f × floor; peak %.0f MiB (the numbers read: %.0f MiB)",
                         run.seconds, bytes / 1e6 / run.seconds, run.seconds / floor, run.peakMiB, columnsMiB))
        }
        let script = """
            import time, pyarrow, pyarrow.csv as pc
            opts = pc.ConvertOptions(include_columns=\(text + numeric))
            best = 1e9
            for _ in range(\(repeats)):
                t0 = time.perf_counter(); t = pc.read_csv("\(panel.csv.path)", convert_options=opts); best = min(best, time.perf_counter() - t0)
            print("rows", t.num_rows); print("seconds", best); print("threads", pyarrow.cpu_count())
            print("peak_mib", [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")][0] / 1024)
            """
        if let peer = PeerScript.run([python, "-c", script]), let s = peer["seconds"] {
            let label = String(format: "pyarrow.csv.read_csv, %.0f threads", peer["threads"] ?? .nan)
            print(label.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: " %.3f s (%.0f MB/s) = %.1f × floor; peak %.0f MiB",
                         s, bytes / 1e6 / s, s / floor, peer["peak_mib"] ?? .nan))
            print(String(format: "ratio effekt (default) / pyarrow: %.2f; effekt 1 thread / pyarrow: %.2f", all.seconds / s, one.seconds / s))
        } else {
            print("peer: pyarrow is not installed (\(python) -c 'import pyarrow' fails; run Scripts/bench with EFFEKT_BENCH_PEERS=1)")
        }
        print("peer: R's data.table fread is not installable on this machine (no R); not run, so no ratio to fread")
        print("(\(CPUSteal.summary(since: started)))")
    }
}
