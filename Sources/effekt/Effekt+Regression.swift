// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

extension Effekt {
    /// Subcommands of the regression layer.
    static let regressionCommands: [any ParsableCommand.Type] = [Regress.self, ReadCSV.self]
}
