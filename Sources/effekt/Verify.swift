// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import Randomization
import TrialStorage

/// `effekt verify`: checks the allocation log's hash chain and replays the randomization.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the allocation log's hash chain and replay every assignment from the seed.",
        discussion: """
        Exits with status 1 when a problem is found (each is listed).

        An allocation drawn outside Effekt (design = "external") is not replayed: verify checks the chain, that every entry comes from an import, each import's recorded digest, and every imported file it can read (its recorded path, or --allocation) against the SHA-256 recorded at import and the log.

        Example:
          $ effekt verify
        """)

    @OptionGroup var options: TrialOptions

    @Option(name: .long, help: "Also compare the replay with this allocation.csv (columns id,stratum,block,position,arm); for an external allocation, check this imported file against the log.")
    var allocation: String?

    /// An external allocation: the chain, each import's digest, and every imported file that can
    /// be read (--allocation, or the recorded path) against its recorded SHA-256 and the log.
    private func verifyExternal(_ store: TrialStore) throws {
        var paths = [String]()
        if let allocation { paths.append(allocation) }
        for i in try store.allocationImports() where !paths.contains(i.file) && FileManager.default.isReadableFile(atPath: i.file) {
            paths.append(i.file)
        }
        let files = try paths.map { try ImportedAllocationFile.read(path: $0, trial: store.definition) }
        let problems = try store.verifyExternalAllocation(files: files).map(\.description)
        let count = try store.allocationLog().count
        if problems.isEmpty {
            print("Verified \(count) imported assignments: the hash chain is intact and every import still has the digest recorded when it was made"
                  + (paths.isEmpty ? "." : "; \(paths.joined(separator: ", ")) agree with the log and their SHA-256 with the imports."))
            return
        }
        for p in problems { print(p) }
        throw VerificationFailed(count: problems.count)
    }

    func run() throws {
        let store = try options.openStore()
        if store.definition.design == .external { return try verifyExternal(store) }
        var problems = try store.verify().map(\.description)
        if let allocation {
            let file = try AllocationFile.read(path: allocation)
            if let d = file.firstDifference(from: try store.replayedAllocation()) { problems.append(d.description) }
        }
        let count = try store.allocationLog().count
        if problems.isEmpty {
            print("Verified \(count) assignments: the hash chain is intact and replaying the randomization from the seed gives every one of them."
                  + (allocation.map { " \($0) agrees with the replay." } ?? ""))
            return
        }
        for p in problems { print(p) }
        throw VerificationFailed(count: problems.count)
    }
}

/// `verify` found problems (printed above); the command exits with status 1.
struct VerificationFailed: Error, CustomStringConvertible {
    let count: Int
    var description: String { "Verification failed: \(count) problem(s), listed above. Do not analyse this allocation until they are explained." }
}
