// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Randomization
import TrialAnalysis
import TrialModel

/// A shipped trial folder (`Data/jobfirst`, `Data/flexjob`) read as `effekt run` reads it: the
/// trial file, the roster, the logged allocation and every weekly row, sorted by week.
public enum ShippedTrialData {
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The dataset of `Data/<name>`.
    public static func dataset(_ name: String) throws -> TrialDataset {
        let dir = packageRoot.appendingPathComponent("Data/\(name)")
        func path(_ file: String) -> String { dir.appendingPathComponent(file).path }
        let trial = try TrialFile.load(path: path("trial.toml")).definition
        let roster = try RosterFile.read(path: path("roster.csv"), trial: trial)
        let allocation = try AllocationFile.read(path: path("allocation.csv"))
        var weekly = [ParticipantID: [WeeklyRecord]]()
        try WeeklyFile.scan(path: path("weekly.csv"), followUpWeeks: trial.followUpWeeks) { row in
            let id = ParticipantID(String(decoding: row.id, as: UTF8.self))
            weekly[id, default: []].append(WeeklyRecord(week: row.week, paidHours: row.paidHours,
                                                        activity: row.activity, mentor: row.mentor, status: row.status))
        }
        for k in weekly.keys { weekly[k]!.sort { $0.week < $1.week } }
        var events = [ParticipantID: [PlacementEvent]]()
        if FileManager.default.fileExists(atPath: path("events.csv")) {
            for e in try PlacementEventFile.read(path: path("events.csv")).events { events[e.participant, default: []].append(e) }
            for k in events.keys { events[k] = PlacementCourse.ordered(events[k]!) }
        }
        return TrialDataset(trial: trial, participants: roster.participants, assignments: allocation.rows.map(\.assignment),
                            weekly: weekly, events: events)
    }
}

/// A value computed once per key per test process, safe when tests run on several threads.
public final class OncePerKey<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = [String: Value]()

    public init() {}

    /// The value for `key`, made by `make` the first time.
    public func value(_ key: String, _ make: (String) throws -> Value) rethrows -> Value {
        lock.lock(); defer { lock.unlock() }
        if let v = stored[key] { return v }
        let v = try make(key)
        stored[key] = v
        return v
    }
}
