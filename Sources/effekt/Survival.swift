// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

/// `effekt survival`: time-to-event analyses agreeing with R's survival package.
struct Survival: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survival",
        abstract: "Time-to-event analyses: Kaplan–Meier, log-rank, Cox, cumulative incidence.",
        discussion: """
        Each subcommand reads a CSV file with a header row; its --help has an example.

        Example:
          $ effekt survival km --data Tests/Fixtures/survival/ovarian.csv \\
              --time futime --event fustat --group rx
        """,
        subcommands: [SurvivalKM.self, SurvivalLogRank.self, SurvivalCox.self, SurvivalCIF.self]
    )
}
