// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Randomization
import TrialModel
import TrialStorage

/// `effekt verify`: checks everything the store recorded — the import log and the allocation.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check everything the store recorded: the import log's chain and digests, the allocation log, the replay from the seed.",
        discussion: """
        Every import (the trial file, each roster, randomization run and weekly file) is an entry of \
        an append-only, hash-chained import log holding the SHA-256 of its source file and of the rows \
        it wrote. verify recomputes every digest from the stored rows, checks the chain, and replays \
        the randomization from the seed; it names the first participant, covariates, weeks, allocation \
        entry or import that differs, and prints the store's head (the hash that ends the log). It \
        never writes to the store. Exits with status 1 when a problem is found (each is listed).

        Because the log lives in the same file as the data, keep the head: results JSON and reports \
        carry it, and --expect-head checks that the store still ends there.

        An allocation drawn outside Effekt (design = "external") is not replayed: verify checks the \
        chain, that every entry comes from an import, each import's recorded digest, and every imported \
        file it can read (its recorded path, or --allocation) against the SHA-256 recorded at import and the log.

        Examples:
          $ effekt verify
          $ effekt verify --sources .
        """)

    @OptionGroup var options: TrialOptions

    @Option(name: .long, help: "Also compare the replay with this allocation.csv (columns id,stratum,block,position,arm); for an external allocation, check this imported file against the log.")
    var allocation: String?

    @Option(name: .customLong("expect-head"), help: ArgumentHelp(
        "Also check that the store's head is HASH (from an earlier report or results JSON; 16 to 64 hex digits).", valueName: "HASH"))
    var expectHead: String?

    @Option(name: .long, help: ArgumentHelp(
        "Also check that each imported file, found by its name in DIR, still has the SHA-256 it was imported with.", valueName: "DIR"))
    var sources: String?

    func validate() throws {
        if let expectHead, expectHead.count < 16 || expectHead.count > 64 || !expectHead.allSatisfy(\.isHexDigit) {
            throw ValidationError("--expect-head takes 16 to 64 hexadecimal digits of a store head; got '\(expectHead.prefix(70))'.")
        }
    }

    func run() throws {
        // Inputs are read before the store is opened: a refused file leaves even SQLite's
        // companion files as they were.
        let external = try TrialFile.load(path: options.trial).definition.design == .external
        let allocationFile = external ? nil : try allocation.map { try AllocationFile.read(path: $0) }
        let store = try options.openStore(.read)
        let integrity = try store.verifyIntegrity(expectedHead: expectHead, sourcesFolder: sources)
        var problems = integrity.problems.map(\.description)
        var checkedFiles = [String]()
        var concealed = false
        if external {
            let (found, paths) = try externalProblems(store)
            problems += found
            checkedFiles = paths
        } else if store.definition.seedIsSecret {
            // A served trial: before `effekt reveal` only the chain can be checked; after it, the
            // commitment and a replay with the revealed seed.
            if let served = try store.verifyServed() {
                problems += served.map(\.description)
            } else {
                problems += try store.verifyChainOnly().map(\.description)
                concealed = true
            }
        } else {
            problems += try store.verify().map(\.description)
            if let allocationFile, let d = allocationFile.firstDifference(from: try store.replayedAllocation()) {
                problems.append(d.description)
            }
        }
        let count = try store.allocationLog().count
        if problems.isEmpty {
            print("Verified \(integrity.entries) imports: the import log's chain is intact and every digest recomputed from the stored rows agrees"
                  + (sources.map { "; every source file in \($0) still has the SHA-256 it was imported with" } ?? "")
                  + (expectHead.map { "; the head is the expected \($0.prefix(16))…" } ?? "") + ".")
            if external {
                print("Verified \(count) imported assignments: the hash chain is intact and every import still has the digest recorded when it was made"
                      + (checkedFiles.isEmpty ? "." : "; \(checkedFiles.joined(separator: ", ")) agree with the log and their SHA-256 with the imports."))
            } else if concealed {
                print("Verified \(count) assignments' hash chain; the seed is still secret, so the replay waits for `effekt reveal`.")
            } else {
                print("Verified \(count) assignments: the hash chain is intact and replaying the randomization from the seed gives every one of them."
                      + (allocation.map { " \($0) agrees with the replay." } ?? ""))
                if let c = try store.commitment() {
                    print("The revealed seed and nonce give the commitment \(c.commitment) published at \(c.publishedAt).")
                }
            }
            print("Store head: \(integrity.head)")
            return
        }
        for p in problems { print(p) }
        print("Store head: \(integrity.head)")
        throw VerificationFailed(count: problems.count)
    }

    /// An external allocation: the chain, each import's digest, and every imported file that can
    /// be read (--allocation, or the recorded path) against its recorded SHA-256 and the log.
    private func externalProblems(_ store: TrialStore) throws -> (problems: [String], files: [String]) {
        var paths = [String]()
        if let allocation { paths.append(allocation) }
        for i in try store.allocationImports() where !paths.contains(i.file) && FileManager.default.isReadableFile(atPath: i.file) {
            paths.append(i.file)
        }
        let files = try paths.map { try ImportedAllocationFile.read(path: $0, trial: store.definition) }
        return (try store.verifyExternalAllocation(files: files).map(\.description), paths)
    }
}

/// `verify` found problems (printed above); the command exits with status 1.
struct VerificationFailed: Error, CustomStringConvertible {
    let count: Int
    var description: String { "Verification failed: \(count) problem(s), listed above. Do not analyse this store until they are explained." }
}
