// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// API tokens: 32 random bytes as 64 hex digits, prefixed `effekt_`; the store keeps only their
/// SHA-256 (a token has 256 bits of entropy, so an unsalted hash cannot be searched).
public enum APIToken {
    public static let prefix = "effekt_"

    /// A new token from the system's cryptographic generator.
    public static func draw() -> String {
        var g = SystemRandomNumberGenerator()
        return prefix + SHA256.hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    /// The SHA-256 the store keeps for `token`.
    public static func digest(_ token: String) -> String { SHA256.hex(of: token) }
}
