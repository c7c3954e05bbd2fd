// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TrialModel

/// `effekt init`: writes a commented example trial.toml.
struct TrialInit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented example trial.toml.")

    @Option(name: .long, help: "Where to write the trial definition.")
    var trial: String = "trial.toml"

    @Flag(name: .long, help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        if FileManager.default.fileExists(atPath: trial) && !force {
            throw ValidationError("\(trial) already exists; edit it, choose another --trial path, or pass --force to overwrite it.")
        }
        try TrialDefinition.exampleTOML.write(toFile: trial, atomically: true, encoding: .utf8)
        print("Wrote \(trial). Edit it (arms, strata, seed, follow-up), then run `effekt enroll roster.csv`.")
    }
}
