// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

extension Effekt {
    /// Subcommands of the analysis layer.
    static let analysisCommands: [any ParsableCommand.Type] = [Analyze.self, Report.self, Reproduce.self, Run.self]
}
