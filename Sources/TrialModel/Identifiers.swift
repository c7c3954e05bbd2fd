// SPDX-License-Identifier: GPL-3.0-or-later

/// A participant's identifier as it appears in the roster (`id` column).
public struct ParticipantID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: ParticipantID, b: ParticipantID) -> Bool { a.rawValue < b.rawValue }

    /// The longest id, in characters.
    public static let maximumLength = 64

    /// Why `text` cannot be a participant id, or nil when it can.
    ///
    /// Rule: 1…`maximumLength` characters, each printable (no control, format, separator other
    /// than the plain space, private-use or unassigned character), with no space at either end,
    /// so that an id never differs from another only by invisible characters.
    public static func problem(with text: String) -> String? {
        if text.isEmpty { return "it is empty" }
        if text.count > maximumLength { return "it has \(text.count) characters; at most \(maximumLength) are allowed" }
        if text.first!.isWhitespace || text.last!.isWhitespace { return "it begins or ends with a space" }
        for s in text.unicodeScalars {
            switch s.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                return "it holds the non-printing character U+\(String(s.value, radix: 16, uppercase: true))"
            case .spaceSeparator where s != " ":
                return "it holds the non-printing character U+\(String(s.value, radix: 16, uppercase: true))"
            default: continue
            }
        }
        return nil
    }
}

/// A randomization stratum: the values of the trial's stratification variables for one
/// participant, in the order the trial lists them (e.g. `["Aalborg", "cash_benefit"]`).
///
/// Its `label` joins the values with `|` (`Aalborg|cash_benefit`); `|` may not occur in a value.
public struct Stratum: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The separator between values in a label.
    public static let separator: Character = "|"

    public let values: [String]

    public init(values: [String]) {
        precondition(values.allSatisfy { !$0.contains(Stratum.separator) }, "A stratum value may not contain '|'")
        self.values = values
    }

    /// Parses a label such as `Aalborg|cash_benefit`.
    public init(label: String) {
        self.values = label.split(separator: Stratum.separator, omittingEmptySubsequences: false).map(String.init)
    }

    public var label: String { values.joined(separator: String(Stratum.separator)) }
    public var description: String { label }
    public static func < (a: Stratum, b: Stratum) -> Bool { a.label < b.label }
}

/// A treatment arm and its allocation ratio (e.g. `control` 1, `jobfirst` 1).
public struct Arm: Hashable, Sendable, Codable, CustomStringConvertible {
    public let name: String
    /// Positive integer weight; an arm with ratio 2 gets twice the participants of ratio 1.
    public let ratio: Int

    public init(name: String, ratio: Int = 1) {
        precondition(ratio > 0, "An arm's allocation ratio must be positive")
        self.name = name
        self.ratio = ratio
    }

    public var description: String { name }
}
