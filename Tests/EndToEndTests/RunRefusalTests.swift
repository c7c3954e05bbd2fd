// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import TestSupport

/// `effekt run` stops with one sentence and nothing written when the trial folder does not hold
/// together: an allocation.csv that the replay of the randomization does not reproduce, and a
/// missing file.
final class RunRefusalTests: XCTestCase {
    override func setUpWithError() throws { try EffektProcess.requireBuilt() }

    private func copyOfFlexJob() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-refusal-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: ShippedTrialEndToEndTests.packageRoot.appendingPathComponent("Data/flexjob"), to: dir)
        return dir
    }

    func testATamperedAllocationIsNamedAndNothingIsReported() throws {
        let dir = try copyOfFlexJob()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("allocation.csv")
        var lines = try String(contentsOf: path, encoding: .utf8).components(separatedBy: "\n")
        // Swap the arm of the first data row (line 3: a comment line and the header come first).
        let k = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("id,") }) + 1
        let participant = String(lines[k].split(separator: ",")[0])
        lines[k] = lines[k].contains(",municipality,") ? lines[k].replacingOccurrences(of: ",municipality,", with: ",other_actor,")
                                                     : lines[k].replacingOccurrences(of: ",other_actor,", with: ",municipality,")
        try lines.joined(separator: "\n").write(to: path, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("reports")
        let result = try ShippedTrialEndToEndTests.Job(["run", dir.path, "--out", out.path, "--permutations", "0", "--quiet"]).finish()
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.err.contains("line \(k + 1)") && result.err.contains(participant) && result.err.contains("arm"), result.err)
        XCTAssertEqual(result.err.split(separator: "\n").filter { !$0.isEmpty }.count, 1, result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("results.json").path))
    }

    func testAMissingFileIsNamed() throws {
        let dir = try copyOfFlexJob()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("weekly.csv"))
        let result = try ShippedTrialEndToEndTests.Job(["run", dir.path, "--permutations", "0", "--quiet"]).finish()
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.err.contains("weekly.csv"), result.err)
    }
}
