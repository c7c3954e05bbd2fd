// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Randomization
import TrialModel
import TrialStorage

/// A trial open to the enrolment service: its store, its secret (drawn at the first start and
/// committed to) and the randomizer with the secret seed.
public struct ServedTrial: Sendable {
    public let store: TrialStore
    public let randomizer: StratifiedRandomizer
    let pseudonymKey: String
    public let commitment: ServiceCommitment
    /// True when this start drew the secret and published the commitment.
    public let newlyCommitted: Bool

    /// The secret file's default path: `<store>.secret`.
    public static func defaultSecretPath(store: String) -> String { store + ".secret" }

    /// Opens (creating if needed) the store of a served trial. At the first start the secret is
    /// drawn, written to `secretPath` (never overwritten) and its commitment stored; later starts
    /// check the secret file against the stored commitment.
    public static func open(trialPath: String, storePath: String, secretPath: String? = nil) throws -> ServedTrial {
        let file = try TrialFile.load(path: trialPath)
        let def = file.definition
        guard def.seedIsSecret else { throw EnrolmentServiceError.seedNotSecret(trial: trialPath) }
        if def.design == .permutedBlocks, Set(def.blockSizes).count < 2 {
            throw EnrolmentServiceError.singleBlockSize(trial: trialPath, size: def.blockSizes.first ?? 0)
        }
        let store = try TrialStore.open(path: storePath, trial: file, access: .create)
        let secretFile = secretPath ?? defaultSecretPath(store: storePath)
        var newly = false
        let secret: AllocationSecret
        if let c = try store.commitment() {
            guard FileManager.default.fileExists(atPath: secretFile) else {
                throw EnrolmentServiceError.secretMissing(path: secretFile, commitment: c.commitment)
            }
            secret = try AllocationSecret.read(path: secretFile)
            let computed = AllocationSecret.commitment(seed: secret.seed, nonce: secret.nonce, algorithm: c.algorithm)
            guard computed == c.commitment else {
                throw EnrolmentServiceError.secretDiffers(path: secretFile, recorded: c.commitment, computed: computed)
            }
        } else {
            secret = AllocationSecret.draw()
            try secret.write(path: secretFile)
            try store.recordCommitment(secret.commitment)
            newly = true
        }
        guard let commitment = try store.commitment() else { throw TrialStoreError.noCommitment }
        return ServedTrial(store: store, randomizer: try StratifiedRandomizer(trial: def, seed: secret.seed),
                           pseudonymKey: secret.pseudonymKey, commitment: commitment, newlyCommitted: newly)
    }

    /// The web form's CSRF token for a session (the SHA-256 of its API token):
    /// `SHA-256("csrf" ␊ pseudonym key ␊ token SHA-256)`, unguessable without the secret file.
    public func csrfToken(tokenSHA256: String) -> String {
        TrialModel.SHA256.hex(of: ["csrf", pseudonymKey, tokenSHA256].joined(separator: "\n"))
    }

    /// The web form's session cookie value for `token`, opened at `issued` (seconds since 1970).
    public func sessionCookieValue(token: String, issued: Int) -> String {
        FormSession(token: token, issued: issued).sealed(keyHex: pseudonymKey)
    }

    /// The session in a cookie value, or why there is none (`FormSession.open`).
    public func session(cookie: String, now: Int) -> Result<FormSession, FormSession.Refusal> {
        FormSession.open(cookie, keyHex: pseudonymKey, now: now)
    }

    /// The participant id of a CPR number (see `PersonPseudonym`).
    public func pseudonym(cprDigits: String) -> String { PersonPseudonym.id(cprDigits: cprDigits, keyHex: pseudonymKey) }
}
