// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// One CSV line split into fields, as byte ranges into a buffer valid only during the callback.
///
/// Fields follow docs/DATA-FORMATS.md: comma-separated, no quoting unless a field holds a comma
/// (then `"..."` with `""` for a quote). `\r\n` line ends are accepted.
public struct CSVLine {
    public let bytes: UnsafeBufferPointer<UInt8>
    /// 1-based line number in the file.
    public let number: Int
    fileprivate let starts: UnsafeMutableBufferPointer<Int>
    fileprivate let ends: UnsafeMutableBufferPointer<Int>
    fileprivate let quoted: UnsafeMutableBufferPointer<Bool>
    /// Number of fields on the line; `-1` for a data line delivered unsplit (`rawUnquotedLines`).
    public let count: Int

    /// The raw bytes of field `i` (quotes removed, `""` not yet collapsed).
    @inline(__always) public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[starts[i]..<ends[i]])
    }

    /// Field `i` as a String (with `""` collapsed to `"` in quoted fields).
    public func string(_ i: Int) -> String {
        let s = String(decoding: field(i), as: UTF8.self)
        return quoted[i] ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }
}

private extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        var out = "", rest = Substring(self)
        while let r = rest.range(of: a) { out += rest[..<r.lowerBound]; out += b; rest = rest[r.upperBound...] }
        return out + rest
    }
}

private extension Substring {
    func range(of needle: String) -> Range<Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}

/// Streams a CSV file line by line in fixed-size chunks, never holding the whole file.
///
/// Skips `#` comment lines before the header and blank lines; computes the file's SHA-256 in
/// the same pass. Line numbers count every line of the file, comments and blank lines included.
/// With `strictText` (the default) every line must follow `CSVTextRules` (UTF-8, no control
/// characters), and a quoted field must close on its line with nothing but a comma after it.
/// Complexity: O(bytes); memory O(chunk + longest line).
///
/// Hand-written because it is measured faster than the alternatives: splitting
/// Data/jobfirst/weekly.csv (12.6 MB, 369,800 lines, 2,218,800 fields; release build, best of 7,
/// hashing off, 2 cores) took 15 ms here against 747 ms with Foundation's `Data` split on
/// newline and comma bytes, 1,219 ms with `String.split` and 1,962 ms with
/// `components(separatedBy:)` — and those hold the whole file in memory.
public enum CSVScanner {
    /// Calls `body` for every non-comment, non-blank line (the header first).
    /// - Returns: the file's SHA-256 (hex; empty when `hashing` is false) and the number of data
    ///   lines passed to `body`.
    @discardableResult
    /// - Throws: `TrialModelError` naming `displayName` (default: `path`), the line, the column
    ///   and the value for text or quoting that breaks the rules; `.isDirectory` for a folder.
    ///
    /// With `rawUnquotedLines` (only without `strictText`), a data line without a `"` is passed
    /// unsplit (`count == -1`; the caller splits `bytes` at commas) — for readers that parse
    /// fields while splitting.
    ///
    /// `bytesRead`, when given, is called after each chunk with the bytes read so far (for a
    /// progress bar against the file's size).
    public static func scan(path: String, chunkSize: Int = 1 << 20, hashing: Bool = true,
                            displayName: String? = nil, strictText: Bool = true, rawUnquotedLines: Bool = false,
                            bytesRead: ((Int) -> Void)? = nil,
                            _ body: (CSVLine) throws -> Void) throws -> (sha256: String, lines: Int) {
        let name = displayName ?? path
        let f = try TrialFile.openForReading(path: path, displayName: name)
        defer { fclose(f) }
        return try scan(stream: f, chunkSize: chunkSize, hashing: hashing, displayName: name, strictText: strictText,
                        rawUnquotedLines: rawUnquotedLines, bytesRead: bytesRead, body)
    }

    /// As `scan(path:…)`, over CSV text held in memory (a request's body, say): the same rules,
    /// the same errors naming `displayName`, and the SHA-256 of `bytes`.
    /// Complexity: O(bytes), with one buffer of about the text's size.
    @discardableResult
    public static func scan(bytes: [UInt8], displayName: String, strictText: Bool = true,
                            _ body: (CSVLine) throws -> Void) throws -> (sha256: String, lines: Int) {
        var copy = bytes
        let lines = try copy.withUnsafeMutableBytes { raw in
            // An empty text still needs a stream: fmemopen refuses a zero-length buffer.
            guard raw.count > 0, let f = fmemopen(raw.baseAddress, raw.count, "rb") else {
                return try scan(stream: nil, chunkSize: 1, hashing: false, displayName: displayName, strictText: strictText,
                                rawUnquotedLines: false, body).lines
            }
            defer { fclose(f) }
            // One chunk larger than the text: a single read that ends at end of file.
            return try scan(stream: f, chunkSize: raw.count + 1, hashing: false, displayName: displayName,
                            strictText: strictText, rawUnquotedLines: false, body).lines
        }
        var hasher = SHA256()
        hasher.update(bytes)
        return (hasher.finalizeHex(), lines)
    }

    /// The scanner over an open stream (nil: an empty text), in chunks of `chunkSize` bytes.
    private static func scan(stream f: UnsafeMutablePointer<FILE>?, chunkSize: Int, hashing: Bool, displayName name: String,
                             strictText: Bool, rawUnquotedLines: Bool, bytesRead: ((Int) -> Void)? = nil,
                             _ body: (CSVLine) throws -> Void) throws -> (sha256: String, lines: Int) {
        precondition(!(rawUnquotedLines && strictText), "raw lines skip the text rules")
        let hasher: BackgroundSHA256? = hashing ? BackgroundSHA256() : nil
        defer { _ = hasher?.finish() }
        var buffer = [UInt8](repeating: 0, count: chunkSize * 2)
        var carry = 0            // bytes kept from the previous chunk (an incomplete line)
        var total = 0            // bytes read
        var lineNumber = 0
        var seenHeader = false
        var headerNames = [String]()
        var delivered = 0
        // Field boundaries of the current line; the capacity doubles when a line has more fields.
        var capacity = 256
        var starts = UnsafeMutableBufferPointer<Int>.allocate(capacity: capacity)
        var ends = UnsafeMutableBufferPointer<Int>.allocate(capacity: capacity)
        var quoted = UnsafeMutableBufferPointer<Bool>.allocate(capacity: capacity)
        defer { starts.deallocate(); ends.deallocate(); quoted.deallocate() }
        func grow() {
            let larger = capacity * 2
            let (s, e, q) = (UnsafeMutableBufferPointer<Int>.allocate(capacity: larger),
                             UnsafeMutableBufferPointer<Int>.allocate(capacity: larger),
                             UnsafeMutableBufferPointer<Bool>.allocate(capacity: larger))
            _ = s.initialize(from: starts); _ = e.initialize(from: ends); _ = q.initialize(from: quoted)
            starts.deallocate(); ends.deallocate(); quoted.deallocate()
            (starts, ends, quoted, capacity) = (s, e, q, larger)
        }

        func process(_ line: UnsafeBufferPointer<UInt8>) throws {
            lineNumber += 1
            var end = line.count
            if end > 0, line[end - 1] == 13 { end -= 1 }
            // A UTF-8 byte-order mark (as spreadsheet programs write) is dropped from the first line.
            let begin = lineNumber == 1 && end >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF ? 3 : 0
            if end == begin { return }
            if !seenHeader, line[begin] == UInt8(ascii: "#") { return }
            let bytes = UnsafeBufferPointer(rebasing: line[begin..<end])
            end -= begin
            /// The location of the field holding byte `offset` (after the fields are split).
            func location(_ field: Int) -> SourceLocation {
                let column = !seenHeader ? "\(field + 1) of the header"
                    : field < headerNames.count ? headerNames[field] : "\(field + 1) (the header has \(headerNames.count))"
                return SourceLocation(file: name, line: lineNumber, column: column)
            }
            if rawUnquotedLines, seenHeader, memchr(bytes.baseAddress!, 34, end) == nil {
                delivered += 1
                try body(CSVLine(bytes: bytes, number: lineNumber, starts: starts, ends: ends, quoted: quoted, count: -1))
                return
            }
            let violation = strictText ? CSVTextRules.firstViolation(in: bytes) : nil
            var n = 0, i = 0
            while true {
                if n + 1 >= capacity { grow() }   // room for this field and a trailing empty one
                if i < end, bytes[i] == 34 {   // quoted field
                    var j = i + 1
                    while j < end {
                        if bytes[j] == 34 { if j + 1 < end, bytes[j + 1] == 34 { j += 2; continue } else { break } }
                        j += 1
                    }
                    starts[n] = i + 1; ends[n] = min(j, end); quoted[n] = true
                    if strictText, violation == nil {
                        if j >= end {
                            throw TrialModelError.unterminatedQuote(location(n),
                                value: CSVTextRules.shown(UnsafeBufferPointer(rebasing: bytes[i..<end])))
                        }
                        if j + 1 < end, bytes[j + 1] != 44 {
                            var k = j + 1
                            while k < end, bytes[k] != 44 { k += 1 }
                            throw TrialModelError.textAfterQuote(location(n),
                                value: CSVTextRules.shown(UnsafeBufferPointer(rebasing: bytes[i..<k])))
                        }
                    }
                    i = j + 1
                    while i < end, bytes[i] != 44 { i += 1 }
                } else {
                    var j = i
                    while j < end, bytes[j] != 44 { j += 1 }
                    starts[n] = i; ends[n] = j; quoted[n] = false
                    i = j
                }
                n += 1
                if i >= end { break }
                i += 1                                            // skip the comma
                if i == end { starts[n] = end; ends[n] = end; quoted[n] = false; n += 1; break }
            }
            if let violation {
                var field = 0
                while field < n - 1, ends[field] < violation.offset { field += 1 }
                let value = CSVTextRules.shown(UnsafeBufferPointer(rebasing: bytes[max(0, starts[field] - (quoted[field] ? 1 : 0))..<max(ends[field], violation.offset + 1)]))
                let byteColumn = begin + violation.offset + 1
                switch violation {
                case let .notUTF8(_, byte):
                    throw TrialModelError.notUTF8(location(field), byteColumn: byteColumn, byte: byte, value: value)
                case let .controlCharacter(_, scalar):
                    throw TrialModelError.controlCharacter(location(field), byteColumn: byteColumn, scalar: scalar, value: value)
                }
            }
            let line = CSVLine(bytes: bytes, number: lineNumber, starts: starts, ends: ends, quoted: quoted, count: n)
            if !seenHeader { headerNames = (0..<n).map { line.string($0) } }
            seenHeader = true
            delivered += 1
            try body(line)
        }

        while true {
            if carry + chunkSize > buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let read = f.map { f in buffer.withUnsafeMutableBytes { fread($0.baseAddress! + carry, 1, chunkSize, f) } } ?? 0
            total += read
            bytesRead?(total)
            hasher?.update(Array(buffer[carry..<(carry + read)]))
            let filled = carry + read
            let eof = read < chunkSize
            var consumed = 0
            try buffer.withUnsafeBufferPointer { all in
                var start = 0
                let base = all.baseAddress!
                while let nl = memchr(base + start, 10, filled - start) {
                    let idx = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                    try process(UnsafeBufferPointer(rebasing: all[start..<idx]))
                    start = idx + 1
                }
                if eof, start < filled {
                    try process(UnsafeBufferPointer(rebasing: all[start..<filled]))
                    start = filled
                }
                consumed = start
            }
            carry = filled - consumed
            if carry > 0 { buffer.withUnsafeMutableBufferPointer { b in
                _ = memmove(b.baseAddress!, b.baseAddress! + consumed, carry)
            } }
            if eof { break }
        }
        return (hasher?.finish() ?? "", max(0, delivered - 1))
    }
}

/// Fast parsers for CSV field bytes (no Foundation, no String allocation).
public enum CSVField {
    /// A non-negative or negative decimal integer; nil if anything else.
    @inline(__always) public static func int(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !b.isEmpty, b.count <= 18 else { return nil }
        var i = 0, neg = false
        if b[0] == 45 { neg = true; i = 1; if b.count == 1 { return nil } }
        var v = 0
        while i < b.count {
            let d = Int(b[i]) &- 48
            guard d >= 0, d <= 9 else { return nil }
            v = v &* 10 &+ d
            i += 1
        }
        return neg ? -v : v
    }

    /// A decimal number `[-]digits[.digits]` (the format's only number syntax); nil otherwise.
    /// Exact for up to 15 significant digits.
    @inline(__always) public static func decimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !b.isEmpty, b.count <= 24 else { return nil }
        var i = 0, neg = false
        if b[0] == 45 { neg = true; i = 1 }
        var mantissa = 0, digits = 0, scale = 0, seenDot = false
        while i < b.count {
            let c = b[i]
            if c == 46 {
                if seenDot { return nil }
                seenDot = true
            } else {
                let d = Int(c) &- 48
                guard d >= 0, d <= 9 else { return nil }
                mantissa = mantissa &* 10 &+ d
                digits += 1
                if seenDot { scale += 1 }
            }
            i += 1
        }
        guard digits > 0, digits <= 17 else { return nil }
        var v = Double(mantissa)
        if scale > 0 { v /= powersOfTen[scale] }
        return neg ? -v : v
    }

    private static let powersOfTen: [Double] = (0...24).map { p in (0..<p).reduce(1.0) { x, _ in x * 10 } }

    /// Reads a field in plain decimal notation `[-]digits[.digits]` (or `[-].digits`,
    /// `[-]digits.`) with 1 to 15 digits, starting at `p[start]` and ending at the next comma or at
    /// `end`. Returns the value and the index of that comma (or `end`); on anything else (another
    /// byte, more than 15 digits) nil and the index where it stopped.
    ///
    /// The value is `Double(mantissa) / 10^scale`: with at most 15 digits both are exact doubles
    /// and IEEE division is correctly rounded, so it equals `strtod`'s correctly rounded result.
    /// Complexity: one pass over the field. Inlinable, so that a caller in another module parses
    /// a field without a call (it is the inner loop of `effekt regress`'s CSV reader).
    @inlinable @inline(__always)
    public static func scanDecimal(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (value: Double?, end: Int) {
        var j = start, negative = false, mantissa: UInt64 = 0, digits = 0, scale = 0, dot = false
        if j < end && p[j] == 45 { negative = true; j += 1 }
        while j < end {
            let c = p[j]
            if c == 44 { break }
            let d = c &- 48
            if d < 10 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                digits += 1
                if dot { scale += 1 }
            } else if c == 46 && !dot {
                dot = true
            } else {
                return (nil, j)
            }
            j += 1
        }
        guard digits > 0 && digits <= 15 else { return (nil, j) }
        let v = Double(mantissa) / exactPowerOfTen(scale)
        return (negative ? -v : v, j)
    }

    /// 10^n for 0 ≤ n ≤ 15, each an exact double written as a literal (no global table: from
    /// another module a global costs an initialisation check per call). NaN for other `n`.
    @inlinable @inline(__always)
    static func exactPowerOfTen(_ n: Int) -> Double {
        switch n {
        case 0: return 1
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        default: return .nan
        }
    }

    /// Whether the field's bytes equal `text`'s UTF-8.
    @inline(__always) public static func equals(_ b: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard b.count == text.utf8CodeUnitCount else { return false }
        if b.isEmpty { return true }
        return memcmp(b.baseAddress!, text.utf8Start, b.count) == 0
    }
}

/// SHA-256 computed on a background serial queue from chunks handed over in order, so that
/// hashing the bytes a scanner reads overlaps with parsing them. At most 8 chunks are in flight.
final class BackgroundSHA256: @unchecked Sendable {
    private var hasher = SHA256()          // touched only on `queue`
    private var digest: String?            // touched only on `queue`
    private let queue = DispatchQueue(label: "effekt.sha256")
    private let inFlight = DispatchSemaphore(value: 8)

    /// Hashes `chunk` after every chunk handed over before it.
    func update(_ chunk: [UInt8]) {
        inFlight.wait()
        queue.async {
            chunk.withUnsafeBytes { self.hasher.update($0) }
            self.inFlight.signal()
        }
    }

    /// Waits for the pending chunks and returns the hex digest (idempotent).
    @discardableResult
    func finish() -> String {
        queue.sync {
            if let d = digest { return d }
            let d = hasher.finalizeHex()
            digest = d
            return d
        }
    }
}
