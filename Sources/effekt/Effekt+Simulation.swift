// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

extension Effekt {
    /// Subcommands of the simulation layer.
    static let simulationCommands: [any ParsableCommand.Type] = [Simulate.self]
}
