// SPDX-License-Identifier: GPL-3.0-or-later
import Crypto
import TrialModel

/// A web-form session: the caseworker's API token and the moment the session was opened, sealed
/// with the trial's secret key so that the server itself refuses a session older than
/// `lifetime` (the browser drops the cookie then as well), and a changed time or token is caught.
///
/// Cookie value: `ISSUED.TOKEN.MAC`, with ISSUED the opening time in whole seconds since 1970
/// (UTC) and `MAC = hex HMAC-SHA-256(key, "effekt-session" ␊ ISSUED ␊ SHA-256(TOKEN))`, the key
/// being the secret file's pseudonym key. The token itself is still checked at every request,
/// so a revoked token ends its sessions at once.
public struct FormSession: Sendable, Equatable {
    /// How long a session lasts: a working day.
    public static let lifetime = 8 * 3600

    public let token: String
    /// Seconds since 1970 (UTC) when the caseworker logged in.
    public let issued: Int

    public init(token: String, issued: Int) {
        self.token = token
        self.issued = issued
    }

    /// The cookie value of this session under `keyHex`.
    public func sealed(keyHex: String) -> String {
        "\(issued).\(token).\(FormSession.mac(token: token, issued: issued, keyHex: keyHex))"
    }

    /// Why a cookie does not open a session.
    public enum Refusal: Error, Sendable, Equatable {
        /// Not of the form ISSUED.TOKEN.MAC, or the MAC does not match (changed or forged).
        case malformed
        /// Sealed correctly but opened more than `lifetime` seconds before `now`, or in the future.
        case expired
    }

    /// The session sealed in `cookie`, if its MAC is right and it is younger than `lifetime` at `now`.
    public static func open(_ cookie: String, keyHex: String, now: Int) -> Result<FormSession, Refusal> {
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let issued = Int(parts[0]), !parts[1].isEmpty else { return .failure(.malformed) }
        let session = FormSession(token: String(parts[1]), issued: issued)
        // swift-crypto's check compares in constant time.
        let sent = String(parts[2])
        guard sent.count == 64, sent.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
              HMAC<Crypto.SHA256>.isValidAuthenticationCode(PersonPseudonym.bytes(hex: sent),
                                                            authenticating: Array(message(token: session.token, issued: issued).utf8),
                                                            using: SymmetricKey(data: PersonPseudonym.bytes(hex: keyHex))) else {
            return .failure(.malformed)
        }
        // A minute of clock skew is allowed into the future.
        guard issued <= now + 60, now - issued <= lifetime else { return .failure(.expired) }
        return .success(session)
    }

    static func message(token: String, issued: Int) -> String { "effekt-session\n\(issued)\n\(APIToken.digest(token))" }

    static func mac(token: String, issued: Int, keyHex: String) -> String {
        let key = SymmetricKey(data: PersonPseudonym.bytes(hex: keyHex))
        return TrialModel.SHA256.hex(Array(HMAC<Crypto.SHA256>.authenticationCode(for: Array(message(token: token, issued: issued).utf8), using: key)))
    }
}
