// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// What the monitoring store refuses. Each case reads as a sentence with the offending value and
/// what to do; the command line adds the command that does it.
public enum MonitoringStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case storeMissing(path: String)
    /// The file is another SQLite database, an empty file or no database: it is left as it is.
    case notAMonitoringStore(path: String)
    case madeByNewerEffekt(path: String, migration: String)
    /// A row whose key (unit, case, unit/goal, trial/area/point) the store already holds.
    case alreadyStored(SourceLocation, key: String, file: String, line: Int)

    public var description: String {
        switch self {
        case let .storeMissing(path):
            return "No monitoring store at \(path); a store is created by the first import."
        case let .notAMonitoringStore(path):
            return "\(path) is not an Effekt monitoring store (another database, an empty file, or no database at all). It was not changed; give the store that the first import created."
        case let .madeByNewerEffekt(path, migration):
            return "The monitoring store \(path) was made by a newer Effekt (it has the schema change '\(MessageValue.shortened(migration))', unknown to Effekt \(EffektVersion.current)). It was not changed; use that newer Effekt to write to it."
        case let .alreadyStored(at, key, file, line):
            return "\(at): '\(MessageValue.shortened(key))' is already in the store, imported from \(file) line \(line). A stored row is never changed or imported twice: remove the row from the file; nothing was imported."
        }
    }
}
