// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import TestSupport

/// `effekt monitor` and `effekt reproduce placement-units` run as a user runs them, on the
/// shipped data and on a copy with one bad registration.
final class MonitorCommandTests: XCTestCase {
    override func setUpWithError() throws { try EffektProcess.requireBuilt() }

    func testReproducePlacementUnitsOnTheShippedData() throws {
        let r = try EffektProcess.run(["reproduce", "placement-units"], in: EffektProcess.packageRoot)
        XCTAssertEqual(r.status, 0, r.err)
        // "k of n published figures …": every figure within.
        let summary = try XCTUnwrap(r.out.split(separator: "\n").first { $0.contains(" published figures") })
        let words = summary.split(separator: " ")
        XCTAssertEqual(words.first, words.dropFirst(2).first, String(summary))
    }

    /// A bad row is refused with file, line, column and value, exit status 1, and the files are
    /// left as they were (the command writes nothing).
    func testABadRegistrationIsRefusedAndChangesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-monitor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in ["units.csv", "cases.csv", "goals.csv"] {
            try FileManager.default.copyItem(at: EffektProcess.packageRoot.appendingPathComponent("Data/placement-units/\(f)"),
                                             to: dir.appendingPathComponent(f))
        }
        let cases = dir.appendingPathComponent("cases.csv")
        var lines = try String(contentsOf: cases, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line 10 of the file: its benefit code becomes an unknown one.
        var fields = lines[9].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[4] = "starthjælp"
        lines[9] = fields.joined(separator: ",")
        let bad = lines.joined(separator: "\n")
        try bad.write(to: cases, atomically: true, encoding: .utf8)
        for command in [["monitor", "check"], ["monitor", "flows"], ["monitor", "report", "--out", dir.appendingPathComponent("r").path]] {
            let r = try EffektProcess.run(command + ["--data", dir.path])
            XCTAssertEqual(r.status, 1, command.joined(separator: " "))
            XCTAssert(r.err.contains("cases.csv, line 10, column benefit") && r.err.contains("'starthjælp'") && r.err.contains("cash_benefit"), r.err)
        }
        XCTAssertEqual(try String(contentsOf: cases, encoding: .utf8), bad)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("r").path))
    }
}
