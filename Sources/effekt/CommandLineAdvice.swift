// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Randomization
import Simulation
import TrialModel
import TrialStorage

/// What to do about a library error on the command line: the command or flag that fixes it.
///
/// The libraries' errors say what is wrong in their own terms and never name a flag; `Effekt.main`
/// passes every error through `advised(_:)`, which appends the command-line advice where there is
/// one. Errors of argument-parser itself (usage, `--help`, validation) pass unchanged.
struct CommandLineAdvice: Error, CustomStringConvertible {
    /// The library's error.
    let underlying: any Error
    /// The sentence that names the command or flag.
    let advice: String

    var description: String { "\(underlying) \(advice)" }

    /// `error` with its command-line advice, or `error` itself when there is none.
    static func advised(_ error: any Error) -> any Error {
        guard let advice = advice(for: error) else { return error }
        return CommandLineAdvice(underlying: error, advice: advice)
    }

    /// The advice for `error`, if the command line has any.
    static func advice(for error: any Error) -> String? {
        switch error {
        case TrialStoreError.storeMissing:
            return "Run `effekt enroll roster.csv` first (it creates the store), or pass --store."
        case TrialStoreError.alreadyEnrolled:
            return "For a cumulative roster (the full list sent again), run `effekt enroll --skip-existing`."
        case TrialStoreError.weekAlreadyRecorded:
            return "To correct it, run `effekt record --replace`."
        case TrialStoreError.exitBeforeRecordedWeek:
            return "Replace the later weeks with `effekt record --replace`."
        case TrialStoreError.busy:
            return "Wait longer with --busy-timeout SECONDS (default \(Int(TrialStore.defaultBusyTimeout)))."
        case TrialStoreError.notAnEffektStore:
            return "Name the trial's store with --store."
        case TrialStoreError.nothingRandomized:
            return "Run `effekt randomize` first."
        case RandomizationError.allocationIsExternal:
            return "Use `effekt import-allocation FILE`."
        case TrialModelError.missingKey:
            return "`effekt init` writes a commented example."
        case MonitoringStoreError.storeMissing:
            return "Run `effekt monitor import units.csv …` first (it creates the store), or name the store with --store."
        case MonitoringStoreError.notAMonitoringStore:
            return "Name the monitoring store with --store."
        case SimulationError.cannotCreateDirectory:
            return "Choose another folder with --out."
        default:
            return nil
        }
    }
}
