// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A JSON value written with full double precision (shortest round-trip digits); NaN and
/// infinities become `null`. The survival commands' JSON keys are a contract (see issue 5).
indirect enum SurvivalJSON {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case null
    case array([SurvivalJSON])
    case object([(String, SurvivalJSON)])

    static func optional(_ value: Double?) -> SurvivalJSON { value.map { .number($0) } ?? .null }

    func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case let .number(v): return v.isFinite ? "\(v)" : "null"
        case let .integer(v): return "\(v)"
        case let .string(s): return "\"" + Self.escape(s) + "\""
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        case let .array(items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + end + "]"
        case let .object(pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { pad + "\"" + Self.escape($0.0) + "\": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + end + "}"
        }
    }

    private static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}

/// Six significant digits for tables (JSON keeps full precision).
func survivalFormat(_ v: Double) -> String { NumberText.significant(v, 6) }
