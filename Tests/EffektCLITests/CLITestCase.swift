// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation
import GRDB
import TestSupport

/// Runs the built `effekt` binary (`.build/debug/effekt`; `Scripts/test` builds it with
/// `swift build --build-tests`) in a temporary working folder.
class CLITestCase: XCTestCase {
    static let packageRoot = EffektProcess.packageRoot
    var dir: URL!

    override func setUpWithError() throws {
        try EffektProcess.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { if let dir { try? FileManager.default.removeItem(at: dir) } }

    static var binary: URL { EffektProcess.binary }

    /// Copies the files of a fixture folder (relative to the package root) into the working folder.
    func copy(_ folder: String) throws {
        let src = Self.packageRoot.appendingPathComponent(folder)
        for f in try FileManager.default.contentsOfDirectory(atPath: src.path) where !f.hasSuffix(".py") && !f.hasSuffix(".md") {
            try FileManager.default.copyItem(at: src.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
    }

    struct Result { let status: Int32; let out: String; let err: String }

    /// Runs and expects success.
    @discardableResult
    func ok(_ args: String..., file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try run(args)
        XCTAssertEqual(r.status, 0, "effekt \(args.joined(separator: " ")): \(r.err)", file: file, line: line)
        return r.out
    }

    /// Runs and expects a failure whose message contains every fragment.
    func fails(_ args: [String], mentioning fragments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try run(args)
        XCTAssertNotEqual(r.status, 0, "effekt \(args.joined(separator: " ")) should fail", file: file, line: line)
        for f in fragments {
            XCTAssertTrue((r.err + r.out).contains(f), "effekt \(args.joined(separator: " ")): '\(f)' not in: \(r.err)\(r.out)", file: file, line: line)
        }
    }

    func run(_ args: [String]) throws -> Result {
        let r = try EffektProcess.run(args, in: dir)
        return Result(status: r.status, out: r.out, err: r.err)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }

    /// Every row of every table of the store: equal dumps mean an unchanged store.
    func dump(_ store: String = "effekt.sqlite") throws -> String {
        let q = try DatabaseQueue(path: dir.appendingPathComponent(store).path)
        return try q.read { db in
            var out = ""
            for t in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(t)\"").map(\.description).sorted()
                out += "\(t) \(rows.count)\n" + rows.joined(separator: "\n") + "\n"
            }
            return out
        }
    }

    func sql(_ statement: String, store: String = "effekt.sqlite") throws {
        let q = try DatabaseQueue(path: dir.appendingPathComponent(store).path)
        try q.write { db in try db.execute(sql: statement) }
    }
}
