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
            + "Example:\n  $ effekt simulate flexjob --out flexjob-copy\n"
            + "  $ effekt simulate jobfirst --participants 20000 --weeks 104 --out larger"
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

    @Option(help: ArgumentHelp("JobFirst only: participants in all, spread over the 30 strata in proportion to the published sizes (at least \(Simulate.fewestParticipants)); default: the published sizes.", valueName: "n"))
    var participants: Int?

    @Option(help: ArgumentHelp("JobFirst only: weeks of follow-up per participant (\(Simulate.fewestWeeks) to \(Simulate.mostWeeks)); default \(JobFirstModel.followUpWeeks). The outcome windows stay at weeks 40-52 and 66-78.", valueName: "weeks"))
    var weeks: Int?

    static let fewestParticipants = 1_000
    static let fewestWeeks = JobFirstModel.followUpWeeks
    static let mostWeeks = 520

    func validate() throws {
        if trial != .jobfirst, participants != nil || weeks != nil {
            throw ValidationError("--participants and --weeks apply to jobfirst only; \(trial.rawValue) has its published size.")
        }
        if let n = participants, n < Simulate.fewestParticipants {
            throw ValidationError("--participants \(n) is too few: give at least \(Simulate.fewestParticipants) so that each of the 30 strata has participants.")
        }
        if let w = weeks, !(Simulate.fewestWeeks...Simulate.mostWeeks).contains(w) {
            throw ValidationError("--weeks \(w) is outside \(Simulate.fewestWeeks)...\(Simulate.mostWeeks): the outcome windows end at week \(Simulate.fewestWeeks).")
        }
    }

    func run() throws {
        let kind: SyntheticTrialKind = switch trial {
        case .jobfirst: .jobfirst
        case .flexjob: .flexjob
        }
        let seed = self.seed ?? kind.shippedSeed
        let simulated = participants == nil && weeks == nil ? kind.simulate(seed: seed)
            : SyntheticTrialKind.jobFirst(seed: seed, size: JobFirstSize(participants: participants, followUpWeeks: weeks ?? JobFirstModel.followUpWeeks))
        try simulated.files.write(to: URL(fileURLWithPath: out, isDirectory: true))
        let rows = simulated.weeks.reduce(0) { $0 + $1.count }
        print("Wrote synthetic \(kind.rawValue) trial (seed \(seed)) to \(out): \(simulated.participants.count) participants, \(rows) weekly rows.")
    }
}
