// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TrialModel
import TrialStorage

/// `--trial` and `--store`, shared by every trial command.
struct TrialOptions: ParsableArguments {
    @Option(name: .long, help: "The trial definition.")
    var trial: String = "trial.toml"

    @Option(name: .long, help: "The trial's SQLite store (default: effekt.sqlite beside the trial file).")
    var store: String?

    @Option(name: .customLong("busy-timeout"), help: ArgumentHelp("Seconds to wait while another Effekt process writes to the store.", valueName: "SECONDS"))
    var busyTimeout: Double = TrialStore.defaultBusyTimeout

    func validate() throws {
        guard busyTimeout >= 0, busyTimeout <= 86_400 else {
            throw ValidationError("--busy-timeout must be 0...86400 seconds; got \(busyTimeout).")
        }
    }

    /// The store path in effect.
    var storePath: String { store ?? TrialStore.defaultPath(besideTrial: trial) }

    /// Reads the trial file and opens its store: to read only (nothing is written), to write,
    /// or to write creating it.
    func openStore(_ access: StoreAccess) throws -> TrialStore {
        let file = try TrialFile.load(path: trial)
        return try TrialStore.open(path: storePath, trial: file, access: access, busyTimeout: busyTimeout)
    }
}

/// JSON as the trial commands print it: Effekt's one JSON form (`JSONWriter`: snake_case keys,
/// sorted, indented, a missing number as `null`), without the trailing newline `print` adds.
func trialJSON<T: Encodable>(_ value: T) throws -> String {
    var text = try JSONWriter.text(value)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
}
