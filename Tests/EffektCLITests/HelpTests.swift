// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import TestSupport

/// The `--help` text of every command, as the built binary prints it at 80 columns: committed
/// snapshots under Tests/Fixtures/help/, every example in them run on fixture data, and every
/// `--format` value a command offers.
///
/// A changed help text fails `testHelpMatchesTheSnapshots` until its snapshot is updated in the
/// same commit: `EFFEKT_UPDATE_SNAPSHOTS=1 swift test --filter HelpTests` rewrites them.
/// Examples are the lines `$ effekt …` of a help text (a trailing `\` continues a line); they run
/// in order, from the command tree's order, in one working folder holding a copy of
/// Tests/Fixtures/trial beside links to the package's `Data` and `Tests` folders.
final class HelpTests: XCTestCase {
    /// Commands whose help is still being rewritten elsewhere and has no example yet.
    // `effekt reveal` needs a served trial whose enrolment has closed (Tests/EnrolmentServiceTests and
    // Scripts/service-load-test run it), which the fixture folder is not.
    static let withoutExamples: Set<String> = ["effekt", "effekt reveal"]

    static let snapshots = EffektProcess.packageRoot.appendingPathComponent("Tests/Fixtures/help")

    override func setUpWithError() throws { try EffektProcess.requireBuilt() }

    /// `effekt <words> --help` at a fixed width of 80 columns.
    func help(_ words: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try EffektProcess.run(words + ["--help"], environment: ["COLUMNS": "80"])
        XCTAssertEqual(r.status, 0, "effekt \(words.joined(separator: " ")) --help: \(r.err)", file: file, line: line)
        return r.out
    }

    /// Every command path, root first, in the order the help texts list them.
    func commands() throws -> [[String]] {
        var out = [[String]]()
        func visit(_ words: [String]) throws {
            out.append(words)
            for sub in Self.subcommands(in: try help(words)) { try visit(words + [sub]) }
        }
        try visit([])
        return out
    }

    /// The names listed under SUBCOMMANDS:.
    static func subcommands(in help: String) -> [String] {
        guard let section = help.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first else { return [] }
        return section.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.isEmpty }
            .compactMap { line in line.hasPrefix("  ") && !line.hasPrefix("   ") ? line.split(separator: " ").first.map(String.init) : nil }
    }

    /// The arguments of each `$ effekt …` example in `help`.
    static func examples(in help: String) -> [[String]] {
        var out = [[String]](), current: String?
        for raw in help.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let text = current {
                current = text + " " + line
            } else if line.hasPrefix("$ effekt ") {
                current = String(line.dropFirst("$ effekt ".count))
            }
            guard let text = current else { continue }
            if text.hasSuffix("\\") { current = String(text.dropLast()); continue }
            out.append(text.split(separator: " ").map(String.init))
            current = nil
        }
        return out
    }

    /// The values of the `--format` option that `help` lists, if it has one.
    static func formats(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  --format ") }) else { return [] }
        let block = ([lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix("      ") }).joined(separator: " ")
        guard let values = block.range(of: #"values: [^;)]+"#, options: .regularExpression) else { return [] }
        return block[values].dropFirst("values: ".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func snapshotName(_ words: [String]) -> String { (["effekt"] + words).joined(separator: "-") + ".txt" }

    func testHelpMatchesTheSnapshots() throws {
        let update = ProcessInfo.processInfo.environment["EFFEKT_UPDATE_SNAPSHOTS"] == "1"
        if update { try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true) }
        var names = Set<String>()
        for words in try commands() {
            let name = Self.snapshotName(words), url = Self.snapshots.appendingPathComponent(name)
            names.insert(name)
            let text = try help(words)
            if update { try text.write(to: url, atomically: true, encoding: .utf8); continue }
            guard let snapshot = try? String(contentsOf: url, encoding: .utf8) else {
                XCTFail("No snapshot \(url.path); run EFFEKT_UPDATE_SNAPSHOTS=1 swift test --filter HelpTests"); continue
            }
            XCTAssertEqual(text, snapshot, "effekt \(words.joined(separator: " ")) --help differs from \(name); "
                           + "if the change is meant, update it with EFFEKT_UPDATE_SNAPSHOTS=1")
        }
        let committed = Set(try FileManager.default.contentsOfDirectory(atPath: Self.snapshots.path).filter { $0.hasSuffix(".txt") })
        XCTAssertEqual(committed.subtracting(names), [], "snapshots of commands that no longer exist")
    }

    /// A working folder: a copy of Tests/Fixtures/trial beside links to `Data` and `Tests`.
    func workingFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-help-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let fixture = EffektProcess.packageRoot.appendingPathComponent("Tests/Fixtures/trial")
        for f in try FileManager.default.contentsOfDirectory(atPath: fixture.path) where !f.hasSuffix(".py") {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        for link in ["Data", "Tests"] {
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent(link),
                                                       withDestinationURL: EffektProcess.packageRoot.appendingPathComponent(link))
        }
        return dir
    }

    /// Runs every example of every help text in `dir`, in order; returns them by command.
    @discardableResult
    func runExamples(in dir: URL) throws -> [(command: [String], help: String, examples: [[String]])] {
        var out = [(command: [String], help: String, examples: [[String]])]()
        for words in try commands() {
            let text = try help(words), examples = Self.examples(in: text)
            let name = (["effekt"] + words).joined(separator: " ")
            if !Self.withoutExamples.contains(name) { XCTAssertFalse(examples.isEmpty, "\(name) --help has no example") }
            for example in examples {
                let r = try EffektProcess.run(example, in: dir)
                XCTAssertEqual(r.status, 0, "effekt \(example.joined(separator: " ")) (from \(name) --help): \(r.err)")
            }
            out.append((words, text, examples))
        }
        return out
    }

    func testEveryHelpExampleRunsOnTheFixtures() throws {
        let examples = try runExamples(in: try workingFolder()).flatMap(\.examples)
        XCTAssertGreaterThanOrEqual(examples.count, 15)
    }

    /// Every value of every command's `--format` works: each command's examples run again with it.
    func testEveryAdvertisedFormatWorks() throws {
        let dir = try workingFolder()
        var tried = 0
        for (words, text, examples) in try runExamples(in: dir) {
            let formats = Self.formats(in: text)
            let name = (["effekt"] + words).joined(separator: " ")
            if !formats.isEmpty && examples.isEmpty { XCTFail("\(name) offers --format but has no example to try it on") }
            for example in examples {
                var base = example
                if let k = base.firstIndex(of: "--format") { base.removeSubrange(k...(k + 1)) }
                for format in formats {
                    let r = try EffektProcess.run(base + ["--format", format], in: dir)
                    XCTAssertEqual(r.status, 0, "\(name) --format \(format): \(r.err)")
                    XCTAssertFalse(r.out.isEmpty, "\(name) --format \(format) printed nothing")
                    if format == "json" {
                        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(r.out.utf8)), "\(name) --format json")
                    }
                    tried += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(tried, 2 * 8)
    }
}
