// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// JSON text of `value` as `effekt regress` and the trial commands print it: indented, keys
/// sorted, numbers in shortest round-trip form, NaN and ±infinity as the strings given
/// (`-` + `infinity` for −∞); each command's spelling of them, and of `/`, is part of its contract.
func sortedJSON<T: Encodable>(_ value: T, nan: String, infinity: String, escapingSlashes: Bool) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = escapingSlashes ? [.prettyPrinted, .sortedKeys] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: infinity, negativeInfinity: "-" + infinity, nan: nan)
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
