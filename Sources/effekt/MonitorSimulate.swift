// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Simulation

/// `effekt monitor simulate placement-units|cooperation-trials --out DIR [--seed S]`.
struct MonitorSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write synthetic monitoring data calibrated to the published figures (byte-identical for a seed).",
        discussion: "Shipped seeds: placement-units \(PlacementUnitsModel.shippedSeed), cooperation-trials \(CooperationTrialsSimulator.shippedSeed)."
            + "\n\nExample:\n  $ effekt monitor simulate cooperation-trials --out cooperation-copy")

    enum Programme: String, CaseIterable, ExpressibleByArgument {
        case placementUnits = "placement-units", cooperationTrials = "cooperation-trials"
    }

    @Argument(help: "placement-units or cooperation-trials.")
    var programme: Programme

    @Option(help: "Seed of the generator (unsigned 64-bit integer); default: the shipped data's seed.")
    var seed: UInt64?

    @Option(help: "Output folder (created if missing; files of the same name are replaced).")
    var out: String

    func run() throws {
        let url = URL(fileURLWithPath: out, isDirectory: true)
        switch programme {
        case .placementUnits:
            let sim = PlacementUnitsSimulator(seed: seed ?? PlacementUnitsModel.shippedSeed)
            try sim.files().write(to: url)
            print("Wrote synthetic placement units (seed \(sim.seed)) to \(out).")
        case .cooperationTrials:
            let sim = CooperationTrialsSimulator(seed: seed ?? CooperationTrialsSimulator.shippedSeed)
            try sim.files().write(to: url)
            print("Wrote synthetic cooperation-trial assessments (seed \(sim.seed)) to \(out).")
        }
    }
}
