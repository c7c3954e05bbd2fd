// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation

/// `effekt regress` as a whole process (read the CSV, fit, write the JSON) on the issue-13 panel:
/// 100,000 rows × 121 columns, 104 weekly outcomes, 10 covariates, a 30-level stratum fixed
/// effect, HC1.
///
/// The floor, measured in the same run: reading the file's bytes (page cache warm) plus a numpy
/// fit of all 104 weeks with one Cholesky factorization and the treatment's HC1 variance (numpy
/// times the fit alone, from binary files). Peers where installed: pandas `read_csv` (C and
/// pyarrow engines) and pandas + statsmodels week by week. `effekt` is the release binary next to
/// this one (`Scripts/bench` builds both). Best of `--repeats` process runs each.
struct RegressionProcessBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress-process",
        abstract: "effekt regress, whole process, on a 100,000 × 121 panel CSV vs the read + numpy-fit floor and pandas/statsmodels.")

    @Option(help: "Rows of the panel.") var rows = 100_000
    @Option(help: "Folder for the panel files (kept between runs).") var directory = NSTemporaryDirectory()
    @Option(help: "Process runs per timing (the best is reported).") var repeats = 3
    @Flag(help: "Skip pandas/statsmodels even where installed.") var noPeers = false
    @Option(help: "The Python that runs numpy and the peers (default: .build/bench-venv/bin/python if Scripts/bench made it with EFFEKT_BENCH_PEERS=1, else python3).")
    var python = FileManager.default.isExecutableFile(atPath: ".build/bench-venv/bin/python") ? ".build/bench-venv/bin/python" : "python3"
    @Option(help: "Weeks statsmodels fits (its time is scaled to all 104).") var statsmodelsWeeks = 104

    func run() throws {
        let panel = RegressionPanel(rows: rows, csv: URL(fileURLWithPath: directory)
            .appendingPathComponent("effekt-panel-\(rows).csv"))
        let generation = try measure { try panel.write() }
        let size = (try FileManager.default.attributesOfItem(atPath: panel.csv.path)[.size] as? Int) ?? 0
        print(String(format: "regress-process: %d rows × 121 columns, %.1f MB (%@, written in %.1f s, not timed)",
                     rows, Double(size) / 1e6, panel.csv.path, generation.seconds))
        let effekt = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("effekt")

        func timeEffekt(_ extra: [String]) -> (seconds: Double, cpu: Double, peakMiB: Double) {
            var best = Double.infinity, bestCPU = Double.infinity, peak = 0.0
            for _ in 0..<repeats {
                let (seconds, cpu, status, maxRSS) = runProcess(effekt.path, panel.regressArguments() + extra)
                guard status == 0 else { print("effekt regress \(extra) failed with status \(status)"); return (.nan, .nan, .nan) }
                best = min(best, seconds)
                bestCPU = min(bestCPU, cpu)
                peak = max(peak, maxRSS)
            }
            return (best, bestCPU, peak)
        }
        let started = CPUSteal.now()
        // effekt first: a child's peak memory (getrusage) is the largest of all children so far.
        let defaultRun = timeEffekt([]), allTerms = timeEffekt(["--terms", "all"])
        // Floor (a): the file's bytes into memory.
        var readFloor = Double.infinity
        for _ in 0..<max(repeats, 3) {
            readFloor = min(readFloor, measure { readFileBytes(panel.csv.path) }.seconds)
        }
        // Floor (b): numpy's fit of all weeks at once, with OpenBLAS's threads and with one thread
        // (on a shared machine the single-threaded run is often the faster); the faster counts.
        let threaded = PeerScript.run([python, "-c", panel.numpyFit])
        let single = PeerScript.run(["OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1", python, "-c", panel.numpyFit])
        let fitFloor = [threaded?["fit"], single?["fit"]].compactMap { $0 }.min()
        let fitCPU = [threaded?["fit_cpu"], single?["fit_cpu"]].compactMap { $0 }.min()
        let floor = readFloor + (fitFloor ?? 0), floorCPU = readFloor + (fitCPU ?? 0)

        print(String(format: "floor (a) read the file's bytes:                    %.3f s", readFloor))
        if let fitFloor, let fitCPU {
            print(String(format: "floor (b) numpy fit, one Cholesky, all 104 weeks:   %.3f s (best of 3; threaded %.3f s, one thread %.3f s; CPU %.3f s)",
                         fitFloor, threaded?["fit"] ?? .nan, single?["fit"] ?? .nan, fitCPU))
        } else {
            print("floor (b) numpy is not installed: the floor is the read alone")
        }
        print(String(format: "floor     (a) + (b):                                %.3f s (CPU %.3f s)", floor, floorCPU))
        let target = rows <= 100_000 ? "target ≤ 0.4 s" : "target ≤ 2 × (fread + numpy fit); no fread here"
        print(String(format: "effekt regress, treatment SEs (default):            %.3f s = %.2f × floor (%@); CPU %.3f s = %.2f × the floor's CPU; peak %.0f MiB",
                     defaultRun.seconds, defaultRun.seconds / floor, target as NSString, defaultRun.cpu, defaultRun.cpu / floorCPU, defaultRun.peakMiB))
        print(String(format: "effekt regress --terms all:                         %.3f s = %.2f × floor; CPU %.3f s = %.2f × the floor's CPU; peak %.0f MiB",
                     allTerms.seconds, allTerms.seconds / floor, allTerms.cpu, allTerms.cpu / floorCPU, allTerms.peakMiB))
        print("(\(CPUSteal.summary(since: started)): wall times on a shared machine vary; CPU times less)")
        guard !noPeers else { return }
        if let peers = PeerScript.run([python, "-c", panel.pythonPeers(statsmodelsWeeks: statsmodelsWeeks)]) {
            for (key, label) in [("pandas_read", "pandas read_csv (C engine, same columns)"),
                                 ("pyarrow_read", "pandas read_csv (pyarrow engine)"),
                                 ("statsmodels_all", statsmodelsWeeks >= 104 ? "pandas + statsmodels, 104 weeks one at a time"
                                    : "pandas + statsmodels, \(statsmodelsWeeks) weeks one at a time, ×\(104 / Double(statsmodelsWeeks))")] {
                if let s = peers[key] {
                    print(String(format: "peer  %-46@ %.3f s = %.1f × effekt's default", label as NSString, s, s / defaultRun.seconds))
                }
            }
        } else {
            print("peers: pandas is not installed (python3 -c 'import pandas' fails); no peer timings")
        }
    }

    /// Runs a process with its output discarded: wall seconds, CPU seconds (user + system), exit
    /// status and the children's peak RSS so far in MiB.
    func runProcess(_ executable: String, _ arguments: [String]) -> (Double, Double, Int32, Double) {
        var before = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &before)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let t = measure { () -> Bool in
            do { try process.run() } catch { return false }
            process.waitUntilExit()
            return true
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ u: rusage) -> Double {
            Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6
        }
        return (t.seconds, seconds(usage) - seconds(before), t.value ? process.terminationStatus : -1, Double(usage.ru_maxrss) / 1024)
    }
}
