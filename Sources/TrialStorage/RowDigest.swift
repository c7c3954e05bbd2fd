// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel

/// The digest of the rows one import wrote, as the import log records it: how many rows, the
/// SHA-256 of their canonical bytes, and a fingerprint per group of rows (a participant's weeks,
/// a participant's enrolment or covariates, an allocation entry) that lets `verify` name the
/// first group that differs.
///
/// Canonical bytes: the rows in the order the kind defines (for weekly rows: participant
/// sequence, then week), each field in a fixed order; an integer as 8 bytes little-endian; a real
/// as the 8 bytes little-endian of its IEEE 754 binary64 pattern, with −0 written as +0; a text as
/// its UTF-8 length in 4 bytes little-endian followed by its bytes. `rowsSHA256` is the SHA-256 of
/// the concatenation. The same fields feed a 64-bit fingerprint per group, one 8-byte word at a
/// time with FNV-1a's offset and prime (`h = (h ⊕ word) · prime`): an integer or real is one word,
/// a text its length, then its bytes as little-endian words (the last zero-padded); the
/// fingerprints are recorded as 20 bytes a group (key 8, rows 4, fingerprint 8, little-endian),
/// in group order.
///
/// The fingerprints only locate a difference; what makes a change detectable is the SHA-256 and
/// the chain of import log entries over it (`ImportLog`).
/// The SHA-256 runs on a background queue in 64 KiB blocks (`BlockHasher`), so that on two cores
/// it overlaps the caller's reading and writing; the fingerprints are folded on the caller's thread.
/// Complexity: O(bytes) hashing; memory O(groups) for the fingerprints, plus 4 blocks of 64 KiB.
struct RowDigest {
    private let blocks = BlockHasher(capacity: RowDigest.capacity)
    /// Canonical bytes not yet handed to the hasher (a block owned by `blocks`).
    private var pending: UnsafeMutableRawBufferPointer
    private var count = 0
    private(set) var rows = 0
    /// The recorded fingerprints (20 bytes a group).
    private(set) var fingerprints = [UInt8]()
    private var groupKey: Int64?
    private var groupRows: UInt32 = 0
    private var groupHash: UInt64 = RowDigest.fnvOffset

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3
    static let capacity = 1 << 16

    init() { pending = blocks.take() }

    /// Starts a row of group `key`. Groups must come in increasing key order, each once.
    mutating func beginRow(group key: Int64) {
        if groupKey != key {
            closeGroup()
            groupKey = key
        }
    }

    /// Ends the row begun last.
    mutating func endRow() {
        groupRows += 1
        rows += 1
    }

    @inline(__always) private mutating func fold(_ word: UInt64) {
        groupHash = (groupHash ^ word) &* RowDigest.fnvPrime
    }

    @inline(__always) private mutating func room(_ n: Int) {
        if count + n > RowDigest.capacity { flush() }
    }

    mutating func integer(_ v: Int64) {
        room(8)
        pending.storeBytes(of: v.littleEndian, toByteOffset: count, as: Int64.self)
        count += 8
        fold(UInt64(bitPattern: v))
    }

    mutating func real(_ v: Double) {
        integer(Int64(bitPattern: (v == 0 ? 0 : v).bitPattern))
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        room(4)
        pending.storeBytes(of: UInt32(bytes.count).littleEndian, toByteOffset: count, as: UInt32.self)
        count += 4
        fold(UInt64(bytes.count))
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if bytes.count > RowDigest.capacity {
            flush()
            blocks.updateNow(UnsafeRawBufferPointer(bytes))
        } else {
            room(bytes.count)
            (pending.baseAddress! + count).copyMemory(from: base, byteCount: bytes.count)
            count += bytes.count
        }
        var i = 0
        while i + 8 <= bytes.count {
            fold(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
            i += 8
        }
        if i < bytes.count {
            var word: UInt64 = 0
            for k in i..<bytes.count { word |= UInt64(base[k]) << (8 * UInt64(k - i)) }
            fold(word)
        }
    }

    mutating func text(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { text($0) }
    }

    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { text($0) }
    }

    private mutating func flush() {
        guard count > 0 else { return }
        blocks.submit(pending, count: count)
        pending = blocks.take()
        count = 0
    }

    private mutating func closeGroup() {
        guard let key = groupKey else { return }
        withUnsafeBytes(of: key.littleEndian) { fingerprints.append(contentsOf: $0) }
        withUnsafeBytes(of: groupRows.littleEndian) { fingerprints.append(contentsOf: $0) }
        withUnsafeBytes(of: groupHash.littleEndian) { fingerprints.append(contentsOf: $0) }
        groupKey = nil
        groupRows = 0
        groupHash = RowDigest.fnvOffset
    }

    /// The finished digest.
    mutating func finish() -> ImportDigest {
        closeGroup()
        flush()
        return ImportDigest(rows: rows, sha256: blocks.finalizeHex(), fingerprints: fingerprints)
    }
}

/// SHA-256 of a stream of blocks, hashed on a serial background queue in the order they are
/// submitted, so that hashing overlaps the caller's work (as `CSVScanner` hashes files). It owns
/// `buffers` blocks of `capacity` bytes: the caller fills one (`take`), hands it over (`submit`)
/// and takes the next, waiting only when all are still being hashed.
private final class BlockHasher: @unchecked Sendable {
    /// What the queue's work touches; the closures hold it, never the hasher itself, so the
    /// hasher is released (and waits for its queue) on its owner's thread.
    private final class State: @unchecked Sendable {
        var hasher = TrialModel.SHA256()
        let lock = NSLock()
        var free: [UnsafeMutableRawBufferPointer]
        let slots: DispatchSemaphore
        init(_ buffers: [UnsafeMutableRawBufferPointer]) {
            free = buffers
            slots = DispatchSemaphore(value: buffers.count)
        }
    }

    private let queue = DispatchQueue(label: "effekt.row-digest.sha256")
    private let state: State
    private let all: [UnsafeMutableRawBufferPointer]

    init(capacity: Int, buffers: Int = 4) {
        all = (0..<buffers).map { _ in .allocate(byteCount: capacity, alignment: 8) }
        state = State(all)
    }

    deinit {
        queue.sync {}
        // A semaphore must be back at its starting value when freed (libdispatch traps otherwise):
        // return the slots of the blocks still taken (the one being filled).
        state.lock.lock()
        let taken = all.count - state.free.count
        state.lock.unlock()
        for _ in 0..<taken { state.slots.signal() }
        for b in all { b.deallocate() }
    }

    /// A block to fill.
    func take() -> UnsafeMutableRawBufferPointer {
        state.slots.wait()
        state.lock.lock()
        defer { state.lock.unlock() }
        return state.free.removeLast()
    }

    /// Hashes the first `count` bytes of `block` after the blocks submitted before it; the block
    /// then returns to the pool.
    func submit(_ block: UnsafeMutableRawBufferPointer, count: Int) {
        nonisolated(unsafe) let block = block   // owned by this hasher; untouched until it returns to `free`
        let state = self.state
        queue.async {
            state.hasher.update(UnsafeRawBufferPointer(rebasing: block[0..<count]))
            state.lock.lock()
            state.free.append(block)
            state.lock.unlock()
            state.slots.signal()
        }
    }

    /// Hashes bytes the caller owns, after everything submitted (waits for it).
    func updateNow(_ bytes: UnsafeRawBufferPointer) {
        let state = self.state
        queue.sync { state.hasher.update(bytes) }
    }

    /// The SHA-256 of everything submitted, in lower-case hex.
    func finalizeHex() -> String {
        let state = self.state
        return queue.sync { state.hasher.finalizeHex() }
    }
}

/// A finished `RowDigest`: what an import log entry records of the rows it covers.
struct ImportDigest: Equatable {
    let rows: Int
    let sha256: String
    let fingerprints: [UInt8]

    /// The digest of no rows.
    static var empty: ImportDigest {
        var d = RowDigest()
        return d.finish()
    }

    /// One group's fingerprint record.
    struct Group: Equatable {
        let key: Int64
        let rows: Int
        let fingerprint: UInt64
    }

    /// The groups, in order.
    var groups: [Group] {
        var out = [Group]()
        out.reserveCapacity(fingerprints.count / 20)
        fingerprints.withUnsafeBytes { raw in
            var i = 0
            while i + 20 <= raw.count {
                let key = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: Int64.self))
                let rows = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i + 8, as: UInt32.self))
                let fp = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 12, as: UInt64.self))
                out.append(Group(key: key, rows: Int(rows), fingerprint: fp))
                i += 20
            }
        }
        return out
    }

    /// The first group where `stored` differs from `self` (the recorded digest), as
    /// (recorded group, stored group); one side is nil when a group is missing or added.
    func firstDifferentGroup(stored: ImportDigest) -> (recorded: Group?, stored: Group?)? {
        let a = groups, b = stored.groups
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count {
                if a[i] == b[j] { i += 1; j += 1; continue }
                if a[i].key == b[j].key { return (a[i], b[j]) }
                return a[i].key < b[j].key ? (a[i], nil) : (nil, b[j])
            }
            return i < a.count ? (a[i], nil) : (nil, b[j])
        }
        return nil
    }
}
