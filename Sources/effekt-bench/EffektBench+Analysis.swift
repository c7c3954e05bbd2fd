// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

extension EffektBench {
    /// Benchmarks of the analysis layer.
    static let analysisBenchmarks: [any ParsableCommand.Type] = [AnalysisBenchmark.self]
}
