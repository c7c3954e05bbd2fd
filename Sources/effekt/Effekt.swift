// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TrialModel

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
            + monitoringCommands
    )

    /// Parses and runs the command; a failure prints one sentence (with the command-line advice
    /// of `CommandLineAdvice`) and exits non-zero. Usage text only for mistakes in the arguments.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: CommandLineAdvice.advised(error))
        }
    }
}
