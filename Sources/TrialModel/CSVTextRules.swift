// SPDX-License-Identifier: GPL-3.0-or-later

/// What may stand in a line of an input CSV file: valid UTF-8 without control characters.
///
/// Rule: every byte is printable ASCII (0x20…0x7E) or part of a well-formed UTF-8 sequence
/// (no overlong forms, no surrogates, nothing above U+10FFFF) that is not a C1 control
/// character (U+0080…U+009F). NUL, tab, DEL and every other control character are refused,
/// since they silently cut or split values downstream. Complexity: O(bytes), one comparison per
/// ASCII byte.
public enum CSVTextRules {
    /// Why a line breaks the rule, at which 0-based byte offset of the line.
    public enum Violation: Equatable, Sendable {
        /// Bytes that are not UTF-8; `byte` is the first offending byte's value.
        case notUTF8(offset: Int, byte: UInt8)
        /// A control character (C0, DEL or C1) with its Unicode scalar value.
        case controlCharacter(offset: Int, scalar: UInt32)

        /// The 0-based byte offset in the line.
        public var offset: Int {
            switch self {
            case let .notUTF8(offset, _), let .controlCharacter(offset, _): return offset
            }
        }
    }

    /// The first violation in `bytes`, or nil when the line is clean text.
    @inline(__always)
    public static func firstViolation(in bytes: UnsafeBufferPointer<UInt8>) -> Violation? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b &- 0x20 < 0x5F { i += 1; continue }      // printable ASCII
            if b < 0x20 || b == 0x7F { return .controlCharacter(offset: i, scalar: UInt32(b)) }
            guard let (scalar, length) = decode(bytes, at: i) else { return .notUTF8(offset: i, byte: b) }
            if scalar >= 0x80 && scalar <= 0x9F { return .controlCharacter(offset: i, scalar: scalar) }
            i += length
        }
        return nil
    }

    /// Decodes one multi-byte UTF-8 sequence starting at `i`; nil when malformed.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let b0 = bytes[i]
        let length: Int, minimum: UInt32
        var scalar: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b0 & 0x07)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        for k in 1..<length {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return (scalar, length)
    }

    /// Bytes shown for a message: valid text as is, other bytes as `\xF8`, control characters as
    /// `<U+0000>`; shortened to `MessageValue.maximumLength` characters.
    public static func shown(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out = ""
        var i = 0
        while i < bytes.count, out.count <= MessageValue.maximumLength {
            let b = bytes[i]
            if b &- 0x20 < 0x5F { out.unicodeScalars.append(Unicode.Scalar(b)); i += 1; continue }
            if b < 0x20 || b == 0x7F { out += "<U+" + hex(UInt32(b), width: 4) + ">"; i += 1; continue }
            if let (scalar, length) = decode(bytes, at: i), let s = Unicode.Scalar(scalar) {
                if scalar <= 0x9F { out += "<U+" + hex(scalar, width: 4) + ">" } else { out.unicodeScalars.append(s) }
                i += length
            } else {
                out += "\\x" + hex(UInt32(b), width: 2)
                i += 1
            }
        }
        return MessageValue.shortened(out)
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// How a value from an input file is quoted in a message.
///
/// Rule: a value longer than `maximumLength` characters is cut to its first `maximumLength`
/// characters followed by `…`, so that a 100 KB field never floods a terminal.
public enum MessageValue {
    /// The longest value shown whole.
    public static let maximumLength = 40

    /// `value`, or its first `maximumLength` characters and `…`.
    public static func shortened(_ value: String) -> String {
        value.count <= maximumLength ? value : String(value.prefix(maximumLength)) + "…"
    }
}
