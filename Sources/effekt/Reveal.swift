// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Randomization
import TrialModel
import TrialStorage

/// `effekt reveal`: publishes a served trial's seed and nonce after enrolment has closed.
struct Reveal: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish a served trial's secret seed and nonce after enrolment has closed.",
        discussion: """
        For a trial served by effekt-server (randomization.seed = "secret"). The seed and nonce are \
        read from the secret file, checked against the commitment published when the trial started \
        (SHA-256 of the commitment version, the algorithm, the seed and the nonce), recorded in the \
        store and printed. The pseudonym key stays secret. Close enrolment first (effekt-server close); \
        then `effekt verify` checks the commitment and replays every assignment.
        """)

    @OptionGroup var options: TrialOptions

    @Option(name: .long, help: "The secret file (default: the store's path + .secret).")
    var secret: String?

    func run() throws {
        let definition = try TrialFile.load(path: options.trial).definition
        guard definition.seedIsSecret else { throw RandomizationError.seedIsPublic }
        let file = try AllocationSecret.read(path: secret ?? options.storePath + ".secret")
        let store = try options.openStore(.write)
        try store.recordReveal(seed: file.seed, nonce: file.nonce)
        guard let c = try store.commitment(), let r = try store.revealedSecret() else { throw TrialStoreError.noCommitment }
        print("Commitment: \(c.commitment) (\(c.algorithm), published \(c.publishedAt))")
        print("Seed: \(r.seed)")
        print("Nonce: \(r.nonce)")
        print("Revealed \(r.revealedAt): the seed and nonce give the commitment. Next: `effekt verify` replays every assignment.")
    }
}
