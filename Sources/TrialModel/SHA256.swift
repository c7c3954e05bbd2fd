// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto

/// SHA-256 (FIPS 180-4) of file contents and of the allocation log's hash chain, as lower-case hex.
///
/// The digest itself is swift-crypto's `Crypto.SHA256`; this type only keeps the incremental
/// interface and the hex spelling that the trial files, the store and the allocation log record.
/// Complexity: O(n) in the bytes hashed.
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    /// Feeds bytes into the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    /// Feeds bytes into the hash.
    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        let a = Array(bytes)
        a.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    }

    /// Feeds `text`'s UTF-8 bytes into the hash.
    public mutating func update(_ text: String) { update(Array(text.utf8)) }

    /// The 32-byte digest.
    public func finalize() -> [UInt8] { Array(hasher.finalize()) }

    /// The lower-case hexadecimal digest (64 characters).
    public func finalizeHex() -> String { SHA256.hex(finalize()) }

    /// Lower-case hex of the SHA-256 of `text`'s UTF-8 bytes.
    public static func hex(of text: String) -> String {
        var s = SHA256()
        s.update(text)
        return s.finalizeHex()
    }

    /// Lower-case hex of `bytes`, two digits a byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
