// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import TrialModel
import Randomization

/// A participant enrolled through the enrolment service, with the arm they were told.
public struct ServedAssignment: Hashable, Sendable, Codable {
    /// The pseudonymised person id.
    public let participant: String
    public let municipality: String
    public let stratum: String
    public let block: Int
    public let position: Int
    public let arm: String
    public let assignedAt: String
    /// The allocation log entry.
    public let logEntry: Int
    /// The entry's chain hash: the receipt a caseworker keeps.
    public let receipt: String
}

/// The request an enrolment answers, for its access-log entry.
public struct AccessRequest: Hashable, Sendable {
    public let user: String
    public let method: String
    public let path: String
    public init(user: String, method: String, path: String) {
        self.user = user
        self.method = method
        self.path = path
    }
}

/// What an enrolment request came to.
public enum ServedEnrolmentOutcome: Hashable, Sendable {
    case enrolled(ServedAssignment)
    /// The person is enrolled already; `sameMunicipality` is for the access log only, never the answer.
    case alreadyEnrolled(sameMunicipality: Bool)
    case closed
}

/// Participants per stratum and arm (the dashboard: never an upcoming allocation).
public struct StratumArmCount: Hashable, Sendable, Codable {
    public let stratum: String
    public let arm: String
    public let participants: Int
}

extension TrialStore {
    /// Enrols one participant and assigns them at once, in one transaction: the roster row, the
    /// participant, a randomization run of one entry (the stratum's next free slot of the
    /// permuted-block sequence, `StratifiedRandomizer.assign`), and both import-log entries.
    /// Each served enrolment is its own run, so `verify` replays it exactly from the revealed seed.
    ///
    /// Precondition: `roster` holds one participant and was read by `RosterFile.read` with this
    /// store's trial (the checks of `effekt enroll`).
    /// Complexity: O(stratum size) for the stratum's slots, plus a constant number of inserts.
    ///
    /// With `request`, a successful enrolment's access-log entry (status 201, `enrolled ID`) is
    /// written in the same transaction: an enrolment is never stored without its log entry, even
    /// when the process dies right after the commit.
    public func enrolServed(_ roster: RosterFile, source: String, randomizer: StratifiedRandomizer,
                            request: AccessRequest? = nil, now: String = TrialStore.timestamp()) throws -> ServedEnrolmentOutcome {
        let participant = roster.participants[0]
        guard let stratum = participant.stratum(by: definition.strata) else {
            throw TrialStoreError.sqlite(message: "participant has no stratum", sql: "enrolServed")
        }
        return try TrialStore.wrap("enrolServed") {
            try queue.write { db in
                if try String.fetchOne(db.cachedStatement(sql: "SELECT closed_at FROM service_closure")) != nil { return .closed }
                if let m = try String.fetchOne(db.cachedStatement(sql: "SELECT municipality FROM participant WHERE id = ?"), arguments: [participant.id.rawValue]) {
                    return .alreadyEnrolled(sameMunicipality: m == participant.municipality)
                }
                try db.cachedStatement(sql: "INSERT INTO roster_import (file, sha256, rows, columns, imported_at) VALUES (?, ?, 1, ?, ?)").execute(
                               arguments: [source, roster.sha256, roster.columns.joined(separator: ","), now])
                let importNumber = Int(db.lastInsertedRowID)
                try TrialStore.insertParticipants(db, [(roster.lines[0], participant)], importNumber: importNumber)
                let sequence = Int(db.lastInsertedRowID)
                let (rosterRows, _) = try ImportKind.roster.digests(db, reference: importNumber)
                try ImportLog.append(db, kind: .roster, reference: importNumber, file: source, fileSHA256: roster.sha256,
                                     written: rosterRows, importedAt: now)

                var earlier = [Assignment]()
                let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT participant, block, position, arm FROM allocation_log WHERE stratum = ? ORDER BY sequence"),
                                               arguments: [stratum.label])
                while let r = try rows.next() {
                    earlier.append(Assignment(participant: ParticipantID(r[0] as String), stratum: stratum, block: r[1], position: r[2], arm: r[3]))
                }
                let new = randomizer.assign(earlier.map { ($0.participant, stratum) } + [(participant.id, stratum)], existing: earlier)
                let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT sequence, hash FROM allocation_log ORDER BY sequence DESC LIMIT 1"))
                let run = (try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(run) FROM randomization_run")) ?? 0) + 1
                let entries = AllocationLog.entries(for: new, run: run, nextSequence: ((head?[0] as Int?) ?? 0) + 1,
                                                    head: (head?[1] as String?) ?? AllocationLog.genesisHash, assignedAt: now)
                guard let e = entries.first, entries.count == 1 else {
                    throw TrialStoreError.sqlite(message: "the randomizer gave \(entries.count) assignments for one participant", sql: "enrolServed")
                }
                try TrialStore.writeRun(db, run: run, enrolledThrough: sequence, entries: entries, startedAt: now, seed: "secret",
                                        trialSHA256: trial.sha256, algorithm: StratifiedRandomizer.algorithmVersion)
                let (allocationRows, _) = try ImportKind.allocation.digests(db, reference: run)
                try ImportLog.append(db, kind: .allocation, reference: run, file: "", fileSHA256: "", written: allocationRows, importedAt: now)
                let a = e.assignment
                if let request {
                    try TrialStore.appendAccess(db, user: request.user, method: request.method, path: request.path, status: 201,
                                                outcome: "enrolled \(a.participant.rawValue)", now: now)
                }
                return .enrolled(ServedAssignment(participant: a.participant.rawValue, municipality: participant.municipality, stratum: a.stratum.label,
                                                  block: a.block, position: a.position, arm: a.arm, assignedAt: now, logEntry: e.sequence, receipt: e.hash))
            }
        }
    }

    private static let servedSelect = """
        SELECT a.participant, p.municipality, a.stratum, a.block, a.position, a.arm, a.assigned_at, a.sequence, a.hash
        FROM allocation_log a JOIN participant p ON p.id = a.participant
        """

    private static func served(_ r: Row) -> ServedAssignment {
        ServedAssignment(participant: r[0], municipality: r[1], stratum: r[2], block: r[3], position: r[4], arm: r[5],
                         assignedAt: r[6], logEntry: r[7], receipt: r[8])
    }

    /// One assigned participant by (pseudonymised) id, or nil.
    public func servedAssignment(participant id: String) throws -> ServedAssignment? {
        try TrialStore.wrap("SELECT served") {
            try queue.read { db in try Row.fetchOne(db, sql: TrialStore.servedSelect + " WHERE a.participant = ?", arguments: [id]).map(TrialStore.served) }
        }
    }

    /// Every assigned participant in allocation-log order (the evaluator's export).
    public func servedAssignments() throws -> [ServedAssignment] {
        try TrialStore.wrap("SELECT served") {
            try queue.read { db in try Row.fetchAll(db, sql: TrialStore.servedSelect + " ORDER BY a.sequence").map(TrialStore.served) }
        }
    }

    /// Assigned participants per stratum and arm, sorted by stratum then arm.
    public func armCounts() throws -> [StratumArmCount] {
        try TrialStore.wrap("SELECT counts") {
            try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT stratum, arm, COUNT(*) FROM allocation_log GROUP BY stratum, arm ORDER BY stratum, arm").map {
                    StratumArmCount(stratum: $0[0], arm: $0[1], participants: $0[2])
                }
            }
        }
    }
}
