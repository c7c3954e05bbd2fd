// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

extension Effekt {
    /// Subcommands of the programme monitoring (placement units, cooperation trials).
    static let monitoringCommands: [any ParsableCommand.Type] = [Monitor.self]
}
