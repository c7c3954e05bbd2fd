// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The one JSON form Effekt writes and reads: keys in snake_case and sorted, indented, numbers in
/// the shortest form that round-trips, `/` unescaped, and a number that is not finite (NaN, ±∞)
/// written as `null` — never as a string, so the output is strict JSON (RFC 8259). An object
/// holding such a `null` says why beside it (e.g. `"not_estimable": "too_few_events"`).
///
/// Reading maps `null` in a numeric field back to NaN; absent optional keys stay nil.
/// Complexity: O(size of the output) for both directions (reading parses the text twice).
public enum JSONWriter {
    /// A placeholder for non-finite numbers that no real string in Effekt's output can equal.
    private static let placeholder = "effekt-non-finite-number-4c1d9a"

    /// The JSON text of `value` as UTF-8 data, ending with a newline.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: placeholder, negativeInfinity: placeholder, nan: placeholder)
        return replacingPlaceholders(try encoder.encode(value))
    }

    /// The encoder's bytes with each quoted placeholder written as `null`, and a final newline:
    /// one pass from quote to quote over the bytes (Foundation's string replacement went through
    /// UTF-16 and was 16 % of `effekt regress`'s time on a 100,000-row panel, perf).
    private static func replacingPlaceholders(_ encoded: Data) -> Data {
        let needle = Array("\"\(placeholder)\"".utf8), null = Array("null".utf8)
        var out = [UInt8]()
        out.reserveCapacity(encoded.count + 1)
        encoded.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i < raw.count {
                guard let hit = memchr(base + i, 34, raw.count - i) else {
                    out.append(contentsOf: bytes[i...])
                    break
                }
                let j = base.distance(to: UnsafeRawPointer(hit))
                out.append(contentsOf: bytes[i..<j])
                if raw.count - j >= needle.count, memcmp(base + j, needle, needle.count) == 0 {
                    out.append(contentsOf: null)
                    i = j + needle.count
                } else {
                    out.append(34)
                    i = j + 1
                }
            }
        }
        out.append(10)
        return Data(out)
    }

    /// The JSON text of `value`.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }

    /// Reads a value written by `data(_:)`; `null` where a number is expected reads as NaN.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: placeholder + "+", negativeInfinity: placeholder + "-", nan: placeholder)
        return try decoder.decode(type, from: replacingNulls(data))
    }

    /// The text with every `null` token outside strings replaced by the quoted placeholder: one
    /// pass over the bytes that tracks whether it is inside a string (and after a backslash).
    private static func replacingNulls(_ data: Data) -> Data {
        let bytes = [UInt8](data), null = Array("null".utf8), quoted = Array("\"\(placeholder)\"".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var inString = false, escaped = false, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "n"), bytes[i...].starts(with: null) {
                out += quoted
                i += null.count
                continue
            }
            out.append(b)
            i += 1
        }
        return Data(out)
    }
}
