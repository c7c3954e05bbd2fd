// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

extension EffektBench {
    /// Benchmarks of the survival layer.
    static let survivalBenchmarks: [any ParsableCommand.Type] = [SurvivalBenchmark.self]
}
