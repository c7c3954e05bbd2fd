// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel

/// A survival command's JSON document as a tree of values in the order the command builds it;
/// written by the one writer, `JSONWriter` (keys sorted, shortest round-trip numbers, a number
/// that is not finite as `null`). The survival commands' JSON keys are a contract
/// (docs/DATA-FORMATS.md).
indirect enum SurvivalJSON: Encodable {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case null
    case array([SurvivalJSON])
    case object([(String, SurvivalJSON)])

    static func optional(_ value: Double?) -> SurvivalJSON { value.map { .number($0) } ?? .null }

    /// A key of an object; every key the survival commands write is already snake_case.
    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case let .number(v):
            var c = encoder.singleValueContainer()
            try c.encode(v)
        case let .integer(v):
            var c = encoder.singleValueContainer()
            try c.encode(v)
        case let .string(s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case let .bool(b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case let .array(items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case let .object(pairs):
            var c = encoder.container(keyedBy: Key.self)
            for (key, value) in pairs { try c.encode(value, forKey: Key(stringValue: key)) }
        }
    }

    /// The document's JSON text, ending with a newline.
    func rendered() throws -> String { try JSONWriter.text(self) }
}

/// Six significant digits for tables (JSON keeps full precision).
func survivalFormat(_ v: Double) -> String { NumberText.significant(v, 6) }
