// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import TestSupport
import TrialModel

/// `effekt run` on a folder whose allocation was drawn outside Effekt gives the same reports as
/// on the same folder with Effekt's own draw, and says that the allocation was imported.
///
/// Data/flexjob twice: as shipped (design "complete", the replay checked against allocation.csv)
/// and with trial.toml saying design = "external", assumed = "complete_within_strata" (the same
/// allocation.csv imported). Without randomization inference (`--permutations 0`) every number
/// is the same; the reports differ only in the trial file's SHA-256, the folder in the command line and the imported-allocation
/// statements (the balance section's paragraph and the methods item).
final class ExternalAllocationRunTests: XCTestCase {
    override func setUpWithError() throws { try EffektProcess.requireBuilt() }

    func testExternalFolderGivesTheSameReportsAndSaysTheAllocationWasImported() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-external-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let drawn = root.appendingPathComponent("drawn"), imported = root.appendingPathComponent("imported")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for d in [drawn, imported] {
            try FileManager.default.copyItem(at: EffektProcess.packageRoot.appendingPathComponent("Data/flexjob"), to: d)
        }
        let toml = imported.appendingPathComponent("trial.toml")
        let original = try String(contentsOf: toml, encoding: .utf8)
        XCTAssertTrue(original.contains("design = \"complete\"\n"))
        try original.replacingOccurrences(of: "design = \"complete\"\n", with: "design = \"external\"\nassumed = \"complete_within_strata\"\n")
            .write(to: toml, atomically: true, encoding: .utf8)
        for d in [drawn, imported] {
            let r = try EffektProcess.run(["run", d.path, "--out", d.appendingPathComponent("reports").path, "--permutations", "0"])
            XCTAssertEqual(r.status, 0, r.err)
            if d == imported { XCTAssertTrue(r.err.contains("drawn outside Effekt"), r.err) }
        }
        let shaDrawn = SHA256.hex(of: original), shaImported = SHA256.hex(of: try String(contentsOf: toml, encoding: .utf8))
        let a = drawn.appendingPathComponent("reports"), b = imported.appendingPathComponent("reports")
        let files = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        XCTAssertEqual(files, try FileManager.default.contentsOfDirectory(atPath: b.path).sorted())
        XCTAssertGreaterThan(files.filter { $0.hasSuffix(".md") }.count, 3)
        // The store heads differ (the imports differ); the rest of the provenance line must not.
        func withoutHead(_ text: String) -> String {
            text.replacingOccurrences(of: "databasens fingeraftryk `[0-9a-f]{16}`", with: "databasens fingeraftryk `…`", options: .regularExpression)
        }
        for f in files {
            let left = withoutHead(try String(contentsOf: a.appendingPathComponent(f), encoding: .utf8))
            var right = withoutHead(try String(contentsOf: b.appendingPathComponent(f), encoding: .utf8))
            guard f.hasSuffix(".md") else { XCTAssertEqual(left, right, f); continue }
            right = right.replacingOccurrences(of: shaImported, with: shaDrawn)
                .replacingOccurrences(of: String(shaImported.prefix(16)), with: String(shaDrawn.prefix(16)))
                .replacingOccurrences(of: imported.path, with: drawn.path)   // the command line in the footer
            var lines = right.components(separatedBy: "\n")
            if f != "README.md" {
                let statement = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("**Fordelingen er importeret: Effekt har ikke trukket den.**") }, f)
                XCTAssertTrue(lines[statement].contains("fuldstændig randomisering inden for strata"), f)
                lines.removeSubrange(statement...(statement + 1))
                let item = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("- Fordeling: Importeret") }, f)
                lines.remove(at: item)
            }
            XCTAssertEqual(lines.joined(separator: "\n"), left, f)
        }
    }
}
