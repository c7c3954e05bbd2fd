// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import TrialModel
import Randomization

/// The commitment a served trial published when it started.
public struct ServiceCommitment: Hashable, Sendable, Codable {
    public let commitment: String
    public let algorithm: String
    public let publishedAt: String
}

/// A served trial's revealed secret: seed and nonce (never the pseudonym key).
public struct RevealedSecret: Hashable, Sendable, Codable {
    public let seed: UInt64
    public let nonce: String
    public let revealedAt: String
}

extension TrialStore {
    /// Records the commitment of a newly drawn secret; refuses when one exists (written once).
    public func recordCommitment(_ commitment: String, now: String = TrialStore.timestamp()) throws {
        try TrialStore.wrap("INSERT INTO service_commitment") {
            try queue.write { db in
                if let c = try String.fetchOne(db, sql: "SELECT commitment FROM service_commitment") { throw TrialStoreError.commitmentExists(commitment: c) }
                try db.execute(sql: "INSERT INTO service_commitment (id, commitment, algorithm, published_at) VALUES (1, ?, ?, ?)",
                               arguments: [commitment, StratifiedRandomizer.algorithmVersion, now])
            }
        }
    }

    /// The published commitment, or nil before the service first started.
    public func commitment() throws -> ServiceCommitment? {
        try TrialStore.wrap("SELECT FROM service_commitment") {
            try queue.read { db in
                try Row.fetchOne(db, sql: "SELECT commitment, algorithm, published_at FROM service_commitment").map {
                    ServiceCommitment(commitment: $0[0], algorithm: $0[1], publishedAt: $0[2])
                }
            }
        }
    }

    /// Closes the trial for enrolment (once; closing again keeps the first time). Returns the closing time.
    @discardableResult
    public func closeEnrolment(now: String = TrialStore.timestamp()) throws -> String {
        try TrialStore.wrap("INSERT INTO service_closure") {
            try queue.write { db in
                if let at = try String.fetchOne(db, sql: "SELECT closed_at FROM service_closure") { return at }
                try db.execute(sql: "INSERT INTO service_closure (id, closed_at) VALUES (1, ?)", arguments: [now])
                return now
            }
        }
    }

    /// When enrolment was closed, or nil while open.
    public func enrolmentClosedAt() throws -> String? {
        try TrialStore.wrap("SELECT FROM service_closure") {
            try queue.read { db in try String.fetchOne(db, sql: "SELECT closed_at FROM service_closure") }
        }
    }

    /// Records the revealed seed and nonce after checking them against the commitment; only a
    /// closed trial is revealed, and only once (revealing again with the same values is a no-op).
    public func recordReveal(seed: UInt64, nonce: String, now: String = TrialStore.timestamp()) throws {
        try TrialStore.wrap("INSERT INTO service_reveal") {
            try queue.write { db in
                guard let recorded = try String.fetchOne(db, sql: "SELECT commitment FROM service_commitment") else { throw TrialStoreError.noCommitment }
                guard try String.fetchOne(db, sql: "SELECT closed_at FROM service_closure") != nil else { throw TrialStoreError.enrolmentOpen }
                let computed = AllocationSecret.commitment(seed: seed, nonce: nonce)
                guard computed == recorded else { throw TrialStoreError.revealDiffers(recorded: recorded, computed: computed) }
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM service_reveal") == 1 { return }
                try db.execute(sql: "INSERT INTO service_reveal (id, seed, nonce, revealed_at) VALUES (1, ?, ?, ?)",
                               arguments: [String(seed), nonce, now])
            }
        }
    }

    /// The revealed seed and nonce, or nil before `effekt reveal`.
    public func revealedSecret() throws -> RevealedSecret? {
        try TrialStore.wrap("SELECT FROM service_reveal") {
            try queue.read { db in
                try Row.fetchOne(db, sql: "SELECT seed, nonce, revealed_at FROM service_reveal").map {
                    RevealedSecret(seed: UInt64($0[0] as String) ?? 0, nonce: $0[1], revealedAt: $0[2])
                }
            }
        }
    }

    /// Checks a served trial: the revealed secret against the commitment, then the allocation
    /// log's chain and a replay with the revealed seed (`verify(randomizer:)`).
    /// - Returns: nil while the seed is not revealed (only the chain can be checked then:
    ///   `verifyChainOnly()`), else the problems found (empty: intact).
    public func verifyServed() throws -> [AllocationProblem]? {
        guard let revealed = try revealedSecret() else { return nil }
        guard let c = try commitment() else { throw TrialStoreError.noCommitment }
        let computed = AllocationSecret.commitment(seed: revealed.seed, nonce: revealed.nonce, algorithm: c.algorithm)
        if computed != c.commitment { return [.commitmentDiffers(recorded: c.commitment, computed: computed)] }
        return try verify(randomizer: try StratifiedRandomizer(trial: definition, seed: revealed.seed))
    }

    /// The allocation log's hash chain and run records only (a served trial before its reveal).
    public func verifyChainOnly() throws -> [AllocationProblem] {
        let (log, runs) = try TrialStore.wrap("verify") { try queue.read { db in (try TrialStore.allocationLog(db), try TrialStore.runs(db)) } }
        return AllocationLog.checkChain(log, runs: runs)
    }
}
