// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

extension EffektBench {
    /// Benchmarks of the trial layer.
    static let trialBenchmarks: [any ParsableCommand.Type] = [TrialStoreBenchmark.self, RegisterIntakeBenchmark.self]
}
