// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

extension EffektBench {
    /// Benchmarks of the regression layer.
    static let regressionBenchmarks: [any ParsableCommand.Type] = [RegressionCurveBenchmark.self, RegressionProcessBenchmark.self, CSVReadBenchmark.self]
}
