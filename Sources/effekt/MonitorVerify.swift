// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import ProgrammeMonitoring
import TrialStorage

/// `effekt monitor verify --store PATH [--expect-head HASH]`: checks a monitoring store's import log.
struct MonitorVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a monitoring store: the import log's chain and every digest recomputed from the stored rows.",
        discussion: """
        Names the first file line (and its unit, case, goal or assessment) whose stored row differs \
        from the one imported, rows no import wrote, and changed import records; prints the store's \
        head. Never writes. Exits with status 1 when a problem is found.

        Example:
          $ effekt monitor verify --store m.sqlite
        """)

    @Option(name: .long, help: ArgumentHelp("The monitoring store.", valueName: "PATH"))
    var store: String

    @Option(name: .customLong("expect-head"), help: ArgumentHelp(
        "Also check that the store's head is HASH (16 to 64 hex digits, from an earlier run).", valueName: "HASH"))
    var expectHead: String?

    func validate() throws {
        if let expectHead, expectHead.count < 16 || expectHead.count > 64 || !expectHead.allSatisfy(\.isHexDigit) {
            throw ValidationError("--expect-head takes 16 to 64 hexadecimal digits of a store head; got '\(expectHead.prefix(70))'.")
        }
    }

    func run() throws {
        let report = try MonitoringStore.open(path: store, access: .read).verifyIntegrity(expectedHead: expectHead)
        if report.isIntact {
            print("Verified \(report.entries) imports: the import log's chain is intact and every digest recomputed from the stored rows agrees.")
            print("Store head: \(report.head)")
            return
        }
        for p in report.problems { print(p) }
        print("Store head: \(report.head)")
        throw VerificationFailed(count: report.problems.count)
    }
}
