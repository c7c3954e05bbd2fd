// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// What a user of the enrolment service may do.
public enum ServiceRole: String, Sendable, Codable, CaseIterable {
    /// Enrols and looks up the participants of one municipality.
    case caseworker
    /// Sees the dashboard (counts per stratum and arm) and the export.
    case manager
    /// Reads the access log.
    case auditor
}

/// A user of the enrolment service as stored: the SHA-256 of the API token, never the token.
public struct ServiceUser: Hashable, Sendable, Codable {
    public let name: String
    public let role: ServiceRole
    /// The caseworker's municipality (nil for other roles).
    public let municipality: String?
    public let createdAt: String
    public let revokedAt: String?

    public init(name: String, role: ServiceRole, municipality: String?, createdAt: String, revokedAt: String?) {
        self.name = name
        self.role = role
        self.municipality = municipality
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// One request as the access log holds it, chained by SHA-256:
/// `hash = SHA-256(previousHash ␊ entry ␊ at ␊ user ␊ method ␊ path ␊ status ␊ outcome)`.
public struct AccessLogEntry: Hashable, Sendable, Codable {
    public let entry: Int
    public let at: String
    /// The user's name, or `-` when the request carried no valid token.
    public let user: String
    public let method: String
    /// The path without query; participant ids are pseudonyms, never person numbers.
    public let path: String
    public let status: Int
    /// Why: `enrolled`, `found`, `not_found`, `no_token`, `revoked_token`, `wrong_role`, …
    public let outcome: String
    public let previousHash: String
    public let hash: String

    public var expectedHash: String {
        AccessLogEntry.chainHash(previous: previousHash, entry: entry, at: at, user: user, method: method, path: path,
                                 status: status, outcome: outcome)
    }

    static func chainHash(previous: String, entry: Int, at: String, user: String, method: String, path: String,
                          status: Int, outcome: String) -> String {
        SHA256.hex(of: [previous, String(entry), at, user, method, path, String(status), outcome].joined(separator: "\n"))
    }
}
