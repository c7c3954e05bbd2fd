// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel

/// A checked row of weekly.csv with the store's participant key: what the reading thread of
/// `record` hands to the inserting one.
struct ResolvedWeeklyRow {
    let participant: Int64
    let week: Int
    let paidHours: Double
    let activity: ActivityKind
    let mentor: Bool
    let status: BenefitStatus
    /// 1-based file line.
    let line: Int
}

/// Reads and checks weekly.csv on a thread of its own while `record` inserts on the store's:
/// parsing, resolving ids to participant keys and digesting the rows for the import log overlap
/// with SQLite's B-tree inserts, which are the larger part of `record` (on two cores the reading
/// side is ~20 % of the work). Rows travel in batches of `batchSize` through a bounded queue of
/// `capacity` batches, in file order, so the first error in file order is still the one reported:
/// the inserting side takes every batch before the reading side's error, and stops the reading
/// side (`cancel`) when an insert fails.
///
/// Memory: O(capacity × batchSize) rows in flight. Complexity: O(bytes) reading.
final class WeeklyFileReading: @unchecked Sendable {
    /// What the reading side found once the whole file is read.
    struct Outcome {
        let sha256: String
        /// The rows' digest when the file was in the store's order (participant, then week), else
        /// nil and the rows are digested again from the store.
        let digest: ImportDigest?
        /// The participant keys of the file, in order of first appearance (runs collapsed).
        let participants: [Int64]
    }

    static let capacity = 8
    /// Rows per batch (4096 in `record`; tests use small batches).
    let batchSize: Int

    private let condition = NSCondition()
    private var batches: [[ResolvedWeeklyRow]] = []
    private var head = 0
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private var outcome: Outcome?
    private var bytes = 0
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading `path` on a new thread.
    init(path: String, displayName: String, followUpWeeks: Int, ids: [String: Int64], batchSize: Int = 4096) {
        self.batchSize = batchSize
        let thread = Thread { [self] in
            self.read(path: path, displayName: displayName, followUpWeeks: followUpWeeks, ids: ids)
            self.done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// The bytes of the file read so far (the rows handed out lag by at most `capacity` batches).
    var bytesRead: Int {
        condition.lock()
        defer { condition.unlock() }
        return bytes
    }

    /// The next batch in file order; nil once every row is taken. Throws the reading side's error
    /// after the batches read before it.
    func next() throws -> [ResolvedWeeklyRow]? {
        condition.lock()
        defer { condition.unlock() }
        while head == batches.count && !finished { condition.wait() }
        if head < batches.count {
            let batch = batches[head]
            batches[head] = []
            head += 1
            if head == batches.count { batches.removeAll(keepingCapacity: true); head = 0 }
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Waits for the reading thread to end (stopping it first) and returns what it found; nil
    /// when it failed or was stopped.
    func finish() -> Outcome? {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        done.wait()
        done.signal()   // a second call returns at once
        condition.lock()
        defer { condition.unlock() }
        return failure == nil ? outcome : nil
    }

    private struct Stopped: Error {}

    private func put(_ batch: [ResolvedWeeklyRow]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count - head >= Self.capacity && !cancelled { condition.wait() }
        if cancelled { throw Stopped() }
        batches.append(batch)
        condition.broadcast()
    }

    private func end(_ error: (any Error)?, _ outcome: Outcome?) {
        condition.lock()
        finished = true
        if !(error is Stopped) { failure = error }
        self.outcome = outcome
        condition.broadcast()
        condition.unlock()
    }

    private func read(path: String, displayName: String, followUpWeeks: Int, ids: [String: Int64]) {
        var batch = [ResolvedWeeklyRow]()
        batch.reserveCapacity(batchSize)
        // Rows of one participant usually follow each other: reuse the last lookup.
        var lastID = [UInt8](), lastKey: Int64 = 0
        var digest = RowDigest(), canonical = WeeklyCanonicalText(), inStoreOrder = true, previous: (Int64, Int) = (0, 0)
        var participants = [Int64]()
        do {
            let (sha, _) = try WeeklyFile.scan(path: path, followUpWeeks: followUpWeeks, displayName: displayName,
                                               bytesRead: { n in self.condition.lock(); self.bytes = n; self.condition.unlock() }) { row in
                let key: Int64
                if row.id.count == lastID.count, lastID.withUnsafeBufferPointer({ memcmp($0.baseAddress!, row.id.baseAddress!, row.id.count) }) == 0 {
                    key = lastKey
                } else {
                    let idText = String(decoding: row.id, as: UTF8.self)
                    guard let found = ids[idText] else {
                        throw TrialStoreError.unknownParticipant(SourceLocation(file: displayName, line: row.line, column: "id"), id: idText)
                    }
                    key = found
                    lastID = Array(row.id)
                    lastKey = found
                }
                batch.append(ResolvedWeeklyRow(participant: key, week: row.week, paidHours: row.paidHours, activity: row.activity,
                                               mentor: row.mentor, status: row.status, line: row.line))
                if batch.count == batchSize {
                    try put(batch)
                    batch = []
                    batch.reserveCapacity(batchSize)
                }
                if participants.last != key { participants.append(key) }
                if inStoreOrder {
                    inStoreOrder = (key, row.week) > previous
                    previous = (key, row.week)
                    canonical.add(&digest, row, participant: key)
                }
            }
            if !batch.isEmpty { try put(batch) }
            end(nil, Outcome(sha256: sha, digest: inStoreOrder ? digest.finish() : nil, participants: participants))
        } catch {
            // The rows read before the error go first: an insert among them may fail earlier in
            // file order.
            if !(error is Stopped) && !batch.isEmpty { try? put(batch) }
            end(error, nil)
        }
    }
}
