// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

extension Effekt {
    /// Subcommands of the survival layer.
    static let survivalCommands: [any ParsableCommand.Type] = [Survival.self]
}
