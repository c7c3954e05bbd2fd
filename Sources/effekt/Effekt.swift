// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

/// The `effekt` command: runs and evaluates randomized labour-market trials.
///
/// Each layer registers its subcommands in its own `Effekt+<Layer>.swift` file, so that the
/// command tree grows without every layer editing this one.
@main
struct Effekt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "effekt",
        abstract: "Run and evaluate randomized labour-market trials.",
        version: EffektVersion.current,
        subcommands: trialCommands + simulationCommands + regressionCommands + survivalCommands + analysisCommands
    )
}

/// The version printed by `effekt --version` and written into report footers.
enum EffektVersion {
    static let current = "0.1.0"
}
