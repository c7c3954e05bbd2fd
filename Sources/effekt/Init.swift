// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TrialModel

/// `effekt init`: writes a commented example trial.toml.
struct TrialInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a commented example trial.toml.",
        discussion: """
        The example is a two-arm permuted-block trial; every key is explained in a comment and in \
        docs/DATA-FORMATS.md.

        Example:
          $ effekt init --trial my-trial.toml
        """)

    @Option(name: .long, help: "Where to write the trial definition.")
    var trial: String = "trial.toml"

    @Flag(name: .long, help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        if FileManager.default.fileExists(atPath: trial) && !force {
            throw TrialCommandError.trialFileExists(path: trial)
        }
        try TrialDefinition.exampleTOML.write(toFile: trial, atomically: true, encoding: .utf8)
        print("Wrote \(trial). Edit it (arms, strata, seed, follow-up), then run `effekt enroll roster.csv`.")
    }
}
