// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Simulation

/// `effekt simulate jobfirst|flexjob --seed S --out DIR`: writes a calibrated synthetic trial.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic trial calibrated to published figures (trial.toml, roster, allocation, weekly, published).",
        discussion: "The output is byte-identical for the same seed on every machine. The shipped folders "
            + "were made with the trial's start date as seed: "
            + SyntheticTrialKind.allCases.map { "\($0.rawValue) \($0.shippedSeed)" }.joined(separator: ", ") + ".\n\n"
            + "Example:\n  $ effekt simulate flexjob --out flexjob-copy"
    )

    /// The synthetic trials, as the command line names them.
    enum Trial: String, CaseIterable, ExpressibleByArgument {
        case jobfirst, flexjob
    }

    @Argument(help: "Which trial: \(Trial.allCases.map(\.rawValue).joined(separator: " or ")).")
    var trial: Trial

    @Option(help: "Seed of the generator (unsigned 64-bit integer); default: the shipped data's seed.")
    var seed: UInt64?

    @Option(help: "Output folder (created if missing; files of the same name are replaced).")
    var out: String

    func run() throws {
        let kind: SyntheticTrialKind = switch trial {
        case .jobfirst: .jobfirst
        case .flexjob: .flexjob
        }
        let seed = self.seed ?? kind.shippedSeed
        let simulated = kind.simulate(seed: seed)
        try simulated.files.write(to: URL(fileURLWithPath: out, isDirectory: true))
        let rows = simulated.weeks.reduce(0) { $0 + $1.count }
        print("Wrote synthetic \(kind.rawValue) trial (seed \(seed)) to \(out): \(simulated.participants.count) participants, \(rows) weekly rows.")
    }
}
