// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Foundation
import TestSupport

/// Every committed fuzz input — the seed corpus and each crash libFuzzer found (fixed since) —
/// run once through its fuzz target, built without libFuzzer as a replay tool beside `effekt`:
/// none may crash.
final class FuzzRegressionTests: XCTestCase {
    static let targets = ["fuzz-csv-scanner", "fuzz-trial-toml", "fuzz-roster", "fuzz-weekly"]

    func testEveryCommittedFuzzInputRunsWithoutACrash() throws {
        try EffektProcess.requireBuilt()
        let fixtures = EffektProcess.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz")
        var total = 0
        for target in Self.targets {
            let binary = EffektProcess.binary.deletingLastPathComponent().appendingPathComponent(target)
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary.path), "\(target) is not built")
            var inputs = [String]()
            for folder in ["corpus", "crashes"] {
                let d = fixtures.appendingPathComponent(folder).appendingPathComponent(target)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: d.path)) ?? []
                inputs += names.filter { !$0.hasPrefix(".") }.sorted().map { d.appendingPathComponent($0).path }
            }
            XCTAssertFalse(inputs.isEmpty, "\(target) has no seed corpus")
            let p = Process()
            p.executableURL = binary
            p.arguments = inputs
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, "\(target) crashed on one of \(inputs.count) inputs: \(e.prefix(2_000))")
            XCTAssertTrue(o.contains("replayed \(inputs.count) input(s)"), "\(target): \(o)")
            total += inputs.count
        }
        XCTAssertGreaterThanOrEqual(total, 11)
    }
}
