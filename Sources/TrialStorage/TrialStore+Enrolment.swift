// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import TrialModel
import Randomization

/// What one `enroll` did.
public struct EnrolmentSummary: Hashable, Sendable, Codable {
    public let rosterImport: Int
    public let enrolled: Int
    public let totalEnrolled: Int
}

/// A participant as stored, with the enrolment sequence number the randomization orders by.
public struct StoredParticipant: Hashable, Sendable {
    public let sequence: Int
    public let participant: Participant
}

extension TrialStore {
    /// Enrolls every participant of `roster` in one transaction: all rows or none.
    ///
    /// Precondition: `roster` was read with this store's trial (`RosterFile.read(path:trial:)`),
    /// which already refused malformed rows. Here an id that is already enrolled is refused
    /// with file, line and value. Complexity: O(n) inserts.
    @discardableResult
    ///
    /// `progress`, when given, is called with the participants written so far and the roster's count.
    public func enroll(_ roster: RosterFile, displayName: String? = nil, now: String = TrialStore.timestamp(),
                       progress: ((_ written: Int, _ total: Int) -> Void)? = nil) throws -> EnrolmentSummary {
        let name = displayName ?? roster.path
        return try TrialStore.wrap("enroll") {
            try queue.write { db in
                var known = Set(try String.fetchAll(db, sql: "SELECT id FROM participant"))
                for (k, p) in roster.participants.enumerated() where !known.insert(p.id.rawValue).inserted {
                    throw TrialStoreError.alreadyEnrolled(SourceLocation(file: name, line: roster.lines[k], column: "id"), id: p.id.rawValue)
                }
                try db.execute(sql: "INSERT INTO roster_import (file, sha256, rows, columns, imported_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [name, roster.sha256, roster.participants.count, roster.columns.joined(separator: ","), now])
                let importNumber = Int(db.lastInsertedRowID)
                try TrialStore.insertParticipants(db, zip(roster.lines, roster.participants).map { ($0, $1) }, importNumber: importNumber,
                                                  progress: progress)
                let (written, _) = try ImportKind.roster.digests(db, reference: importNumber)
                try ImportLog.append(db, kind: .roster, reference: importNumber, file: name, fileSHA256: roster.sha256,
                                     written: written, importedAt: now)
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM participant") ?? 0
                return EnrolmentSummary(rosterImport: importNumber, enrolled: roster.participants.count, totalEnrolled: total)
            }
        }
    }

    /// Writes the participants of roster import `importNumber` (with their roster lines), in the
    /// caller's transaction: the one INSERT `enroll` and `enroll --skip-existing` share.
    /// `progress` is called every 4,096 rows and at the end with (written, total).
    static func insertParticipants(_ db: Database, _ participants: [(line: Int, participant: Participant)], importNumber: Int,
                                   progress: ((Int, Int) -> Void)? = nil) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO participant (id, municipality, benefit, enrolled_on, covariates, roster_import, roster_line)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (k, (line, p)) in participants.enumerated() {
            try insert.execute(arguments: [p.id.rawValue, p.municipality, p.benefit.rawValue, p.enrolledOn.description,
                                           CovariateText.encode(p.covariates), importNumber, line])
            if (k + 1) % 4096 == 0 || k + 1 == participants.count { progress?(k + 1, participants.count) }
        }
    }

    /// Every enrolled participant, in enrolment sequence. Complexity: O(n).
    public func participants() throws -> [StoredParticipant] {
        try TrialStore.wrap("SELECT FROM participant") {
            try queue.read { db in try TrialStore.participants(db) }
        }
    }

    static func participants(_ db: Database) throws -> [StoredParticipant] {
        var out = [StoredParticipant]()
        var covariates = CovariateText.Decoder()
        let rows = try Row.fetchCursor(db, sql: "SELECT sequence, id, municipality, benefit, enrolled_on, covariates FROM participant ORDER BY sequence")
        while let r = try rows.next() {
            let benefitCode: String = r[3], dateText: String = r[4]
            guard let benefit = BenefitType(rawValue: benefitCode), let date = CalendarDate(iso: dateText) else {
                throw TrialStoreError.sqlite(message: "participant \(r[1] as String) has an unreadable benefit '\(benefitCode)' or date '\(dateText)'",
                                             sql: "SELECT FROM participant")
            }
            out.append(StoredParticipant(sequence: r[0], participant: Participant(
                id: ParticipantID(r[1] as String), municipality: r[2], benefit: benefit, enrolledOn: date,
                covariates: covariates.decode(r[5]))))
        }
        return out
    }

    /// The participants as the randomizer sees them (stratum by the trial's variables).
    func enrolledForRandomization(_ people: [StoredParticipant]) -> [EnrolledParticipant] {
        people.compactMap { s in
            s.participant.stratum(by: definition.strata).map {
                EnrolledParticipant(id: s.participant.id, stratum: $0, sequence: s.sequence, enrolledOn: s.participant.enrolledOn)
            }
        }
    }
}

/// Covariates stored as text: `name␟value` pairs separated by `␞` (ASCII unit/record separators).
enum CovariateText {
    /// The text of `c`, names in sorted order. O(bytes + k log k) for k covariates.
    static func encode(_ c: [String: CovariateValue]) -> String {
        var text = ""
        text.reserveCapacity(16 * c.count)
        for (name, value) in c.sorted(by: { $0.key < $1.key }) {
            if !text.isEmpty { text.unicodeScalars.append("\u{1E}") }
            text += name
            text.unicodeScalars.append("\u{1F}")
            switch value {
            case let .category(label): text += label
            case .number: text += value.description
            }
        }
        return text
    }

    static func decode(_ text: String) -> [String: CovariateValue] {
        var decoder = Decoder()
        return decoder.decode(text)
    }

    /// Decodes the covariates of many participants in a row. Every participant has the same names
    /// and mostly the same few category labels, so the strings of the last participant are
    /// reused when the bytes are equal instead of being built (and the numbers parsed) again —
    /// loading the participants was half of `randomize` at 1,000,000.
    ///
    /// Complexity: O(bytes) per participant, plus one dictionary of its covariates.
    struct Decoder {
        /// Per position in the text: the last name and value seen there, with their bytes.
        private var names: [([UInt8], String)] = []
        private var values: [([UInt8], CovariateValue)] = []

        mutating func decode(_ text: String) -> [String: CovariateValue] {
            var text = text
            return text.withUTF8 { bytes in
                var out = [String: CovariateValue](minimumCapacity: names.count)
                var position = 0, start = 0
                let n = bytes.count
                while start < n {
                    var end = start
                    while end < n && bytes[end] != 0x1E { end += 1 }
                    var unit = start
                    while unit < end && bytes[unit] != 0x1F { unit += 1 }
                    if unit < end {
                        let name = UnsafeBufferPointer(rebasing: bytes[start..<unit])
                        let value = UnsafeBufferPointer(rebasing: bytes[(unit + 1)..<end])
                        if position == names.count {
                            names.append(([], ""))
                            values.append(([], .category("")))
                        }
                        if !names[position].0.elementsEqual(name) {
                            names[position] = (Array(name), String(decoding: name, as: UTF8.self))
                        }
                        if !values[position].0.elementsEqual(value) {
                            values[position] = (Array(value), CovariateValue(field: String(decoding: value, as: UTF8.self)))
                        }
                        out[names[position].1] = values[position].1
                        position += 1
                    }
                    start = end + 1
                }
                return out
            }
        }
    }
}
