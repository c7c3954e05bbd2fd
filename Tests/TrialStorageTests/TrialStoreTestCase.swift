// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import GRDB
import TrialModel
import TrialStorage

/// Copies Tests/Fixtures/trial into a fresh temporary folder for each test.
class TrialStoreTestCase: XCTestCase {
    var dir: URL!

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/trial")

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for f in try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path) {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    func openStore(_ storeName: String = "effekt.sqlite") throws -> TrialStore {
        try TrialStore.open(path: path(storeName), trial: try TrialFile.load(path: path("trial.toml")), create: true)
    }

    func enroll(_ store: TrialStore, _ roster: String = "roster.csv") throws {
        try store.enroll(try RosterFile.read(path: path(roster), trial: store.definition), displayName: roster)
    }

    /// Every row of every table, in a fixed order: equal dumps mean an unchanged store.
    func dump(_ storePath: String) throws -> String {
        let q = try DatabaseQueue(path: storePath)
        return try q.read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { $0.description }.sorted()
                out += "\(table) \(rows.count)\n" + rows.joined(separator: "\n") + "\n"
            }
            return out
        }
    }

    /// A raw connection that bypasses the store (to play the forger).
    func rawExecute(_ storePath: String, _ sql: String) throws {
        let q = try DatabaseQueue(path: storePath)
        try q.write { db in try db.execute(sql: sql) }
    }
}
