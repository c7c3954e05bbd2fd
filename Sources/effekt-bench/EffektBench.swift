// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

/// `effekt-bench`: performance benchmarks. Never a test: it prints figures and ratios against a
/// stated baseline measured in the same run. Build it in release mode (`Scripts/bench`).
///
/// Each layer registers its benchmarks in its own `EffektBench+<Layer>.swift` file.
@main
struct EffektBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "effekt-bench",
        abstract: "Benchmarks for Effekt (figures and ratios against a stated baseline).",
        subcommands: regressionBenchmarks + survivalBenchmarks + trialBenchmarks + analysisBenchmarks
    )
}
