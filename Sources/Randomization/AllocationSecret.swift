// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel

/// The secret of a served trial (`seed = "secret"` in trial.toml): a random 64-bit allocation
/// seed, a 128-bit nonce, and a 256-bit key for pseudonymising person numbers.
///
/// Commitment (published when the trial starts, before any assignment):
/// `SHA-256("effekt-commitment-1" ␊ algorithm ␊ seed ␊ nonce)` over UTF-8, the seed in decimal,
/// the nonce as 32 lower-case hex digits, the algorithm `StratifiedRandomizer.algorithmVersion`.
/// Without the nonce the 2⁶⁴ seeds could be tried against the commitment one by one; with it,
/// 2¹⁹² combinations.
/// `effekt reveal` publishes seed and nonce, never the pseudonym key.
///
/// File (`<store>.secret`, mode 0600, written once): `key = value` lines,
/// `seed = <decimal>`, `nonce = <32 hex>`, `pseudonym_key = <64 hex>`; `#` starts a comment.
public struct AllocationSecret: Sendable, Equatable {
    public let seed: UInt64
    /// 16 bytes as 32 lower-case hex digits.
    public let nonce: String
    /// 32 bytes as 64 lower-case hex digits (never revealed).
    public let pseudonymKey: String

    public static let commitmentVersion = "effekt-commitment-1"

    public init(seed: UInt64, nonce: String, pseudonymKey: String) {
        self.seed = seed
        self.nonce = nonce
        self.pseudonymKey = pseudonymKey
    }

    /// A new secret from the system's cryptographic generator (getrandom on Linux).
    public static func draw() -> AllocationSecret {
        var g = SystemRandomNumberGenerator()
        func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) } }
        return AllocationSecret(seed: g.next(), nonce: SHA256.hex(bytes(16)), pseudonymKey: SHA256.hex(bytes(32)))
    }

    /// The commitment to `seed` and `nonce` (see the type's documentation).
    public static func commitment(seed: UInt64, nonce: String, algorithm: String = StratifiedRandomizer.algorithmVersion) -> String {
        SHA256.hex(of: [commitmentVersion, algorithm, String(seed), nonce].joined(separator: "\n"))
    }

    public var commitment: String { AllocationSecret.commitment(seed: seed, nonce: nonce) }

    /// The file text.
    public var fileText: String {
        """
        # Effekt allocation secret of a served trial. Keep it away from study staff until `effekt reveal`.
        seed = \(seed)
        nonce = \(nonce)
        pseudonym_key = \(pseudonymKey)

        """
    }

    /// Writes a new secret file; refuses to overwrite one (O_EXCL), readable by its owner only.
    public func write(path: String) throws(RandomizationError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw .secretFile(path: path, problem: "it cannot be created (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        let bytes = Array(fileText.utf8)
        guard Foundation.write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw .secretFile(path: path, problem: "it could not be written in full")
        }
    }

    /// Reads a secret file, checking every value's form.
    public static func read(path: String) throws(RandomizationError) -> AllocationSecret {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .secretFile(path: path, problem: "it cannot be read")
        }
        var values = [String: String]()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw .secretFile(path: path, problem: "line \(n + 1) is not `key = value`") }
            values[parts[0]] = parts[1]
        }
        func hex(_ key: String, digits: Int) throws(RandomizationError) -> String {
            guard let v = values[key], v.count == digits, v.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw .secretFile(path: path, problem: "\(key) must be \(digits) lower-case hex digits")
            }
            return v
        }
        guard let s = values["seed"], let seed = UInt64(s) else { throw .secretFile(path: path, problem: "seed must be a 64-bit unsigned decimal") }
        return AllocationSecret(seed: seed, nonce: try hex("nonce", digits: 32), pseudonymKey: try hex("pseudonym_key", digits: 64))
    }
}
