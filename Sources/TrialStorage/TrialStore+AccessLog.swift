// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import TrialModel
import Randomization

extension TrialStore {
    /// Adds a user with the SHA-256 of their API token (the token itself is never stored).
    /// A caseworker needs a municipality; other roles have none.
    public func addUser(name: String, role: ServiceRole, municipality: String?, tokenSHA256: String,
                        now: String = TrialStore.timestamp()) throws {
        try TrialStore.wrap("INSERT INTO service_user") {
            try queue.write { db in
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM service_user WHERE name = ?", arguments: [name]) != 0 {
                    throw TrialStoreError.userExists(name: name)
                }
                try db.execute(sql: "INSERT INTO service_user (name, role, municipality, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [name, role.rawValue, role == .caseworker ? municipality : nil, tokenSHA256, now])
            }
        }
    }

    /// Revokes a user's token (once; the user is kept, as the access log names them).
    public func revokeUser(name: String, now: String = TrialStore.timestamp()) throws {
        try TrialStore.wrap("UPDATE service_user") {
            try queue.write { db in
                try db.execute(sql: "UPDATE service_user SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [now, name])
                if db.changesCount == 0 { throw TrialStoreError.noActiveUser(name: name) }
            }
        }
    }

    /// The user whose token has SHA-256 `tokenSHA256` (revoked or not), or nil.
    public func user(tokenSHA256: String) throws -> ServiceUser? {
        try TrialStore.wrap("SELECT FROM service_user") {
            try queue.read { db in
                try Row.fetchOne(db.cachedStatement(sql: "SELECT name, role, municipality, created_at, revoked_at FROM service_user WHERE token_sha256 = ?"),
                                 arguments: [tokenSHA256]).flatMap(TrialStore.user)
            }
        }
    }

    /// Every user, in order of creation.
    public func users() throws -> [ServiceUser] {
        try TrialStore.wrap("SELECT FROM service_user") {
            try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT name, role, municipality, created_at, revoked_at FROM service_user ORDER BY user").compactMap(TrialStore.user)
            }
        }
    }

    private static func user(_ r: Row) -> ServiceUser? {
        guard let role = ServiceRole(rawValue: r[1]) else { return nil }
        return ServiceUser(name: r[0], role: role, municipality: r[2], createdAt: r[3], revokedAt: r[4])
    }

    /// Appends one request to the hash-chained access log. Returns the entry.
    @discardableResult
    public func logAccess(user: String, method: String, path: String, status: Int, outcome: String,
                          now: String = TrialStore.timestamp()) throws -> AccessLogEntry {
        try TrialStore.wrap("INSERT INTO access_log") {
            try queue.write { db in
                try TrialStore.appendAccess(db, user: user, method: method, path: path, status: status, outcome: outcome, now: now)
            }
        }
    }

    /// Appends one access-log entry in the caller's transaction.
    @discardableResult
    static func appendAccess(_ db: Database, user: String, method: String, path: String, status: Int, outcome: String,
                             now: String) throws -> AccessLogEntry {
                let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT entry, hash FROM access_log ORDER BY entry DESC LIMIT 1"))
                let entry = ((last?[0] as Int?) ?? 0) + 1
                let previous = (last?[1] as String?) ?? AllocationLog.genesisHash
                let hash = AccessLogEntry.chainHash(previous: previous, entry: entry, at: now, user: user, method: method, path: path,
                                                    status: status, outcome: outcome)
                try db.cachedStatement(sql: """
                    INSERT INTO access_log (entry, at, user, method, path, status, outcome, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [entry, now, user, method, path, status, outcome, previous, hash])
                return AccessLogEntry(entry: entry, at: now, user: user, method: method, path: path, status: status, outcome: outcome,
                                      previousHash: previous, hash: hash)
    }

    /// The access log in order.
    public func accessLog() throws -> [AccessLogEntry] {
        try TrialStore.wrap("SELECT FROM access_log") {
            try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT entry, at, user, method, path, status, outcome, previous_hash, hash FROM access_log ORDER BY entry").map {
                    AccessLogEntry(entry: $0[0], at: $0[1], user: $0[2], method: $0[3], path: $0[4], status: $0[5], outcome: $0[6],
                                   previousHash: $0[7], hash: $0[8])
                }
            }
        }
    }

    /// The entries of the access log whose hash or link is broken, or whose number skips (empty: intact).
    public static func brokenAccessEntries(_ log: [AccessLogEntry]) -> [Int] {
        var broken = [Int](), previous = AllocationLog.genesisHash, expected = 1
        for e in log {
            if e.entry != expected || e.hash != e.expectedHash || e.previousHash != previous { broken.append(e.entry) }
            previous = e.hash
            expected = e.entry + 1
        }
        return broken
    }
}
