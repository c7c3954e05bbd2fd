// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How `CSVTable` reads a file: on how many threads, in pieces of how many bytes.
///
/// The result never depends on it: every line is parsed the same way whichever piece holds it,
/// and the pieces' columns are joined in file order (`CSVTable.readInPieces`).
struct CSVReading: Sendable {
    /// Threads that parse pieces at once; 1 reads line by line through `CSVScanner`.
    var threads: Int
    /// Bytes of text each thread parses per round (a line longer than a round widens it).
    var pieceBytes: Int

    /// One thread per core, at most 8, in pieces of 1 MiB.
    static var machine: CSVReading {
        CSVReading(threads: min(8, max(1, ProcessInfo.processInfo.activeProcessorCount)), pieceBytes: 1 << 20)
    }

    /// Line by line on the calling thread: the reference the threaded read must equal.
    static let oneThread = CSVReading(threads: 1, pieceBytes: 1 << 20)
}

/// One thread's part of a round: the requested columns of whole lines of text, with line numbers
/// counted from the piece's start.
final class CSVPiece: @unchecked Sendable {
    let builders: [NumberColumnBuilder]
    var stores: [CSVTable.ColumnBytes]
    let parser: UnquotedLineParser
    /// The line of each data row, counted from 1 at the piece's first line.
    var lines = [Int]()
    /// Lines in the piece, blank ones included.
    var lineCount = 0
    /// The first line with a wrong number of fields, and the number it has.
    var wrongFieldCount: (line: Int, found: Int)?

    init(roles: CSVTable.ColumnRoles) {
        builders = (0..<roles.numericCount).map { _ in NumberColumnBuilder() }
        stores = Array(repeating: CSVTable.ColumnBytes(), count: roles.textCount)
        parser = UnquotedLineParser(numeric: roles.numeric, text: roles.text, builders: builders)
    }

    /// Parses `text` (whole lines, no `"` in it) as `CSVTable.readLineByLine` parses unquoted data
    /// lines: `\r\n` accepted, empty lines and lines of blanks skipped (unless the header has one
    /// field), the first line whose field count differs from `fieldCount` ends the piece.
    /// Complexity: O(text.count).
    func parse(_ text: UnsafeBufferPointer<UInt8>, fieldCount: Int) {
        for builder in builders { builder.removeAll() }
        for k in stores.indices { stores[k].bytes.removeAll(keepingCapacity: true); stores[k].ends.removeAll(keepingCapacity: true) }
        lines.removeAll(keepingCapacity: true)
        lineCount = 0
        wrongFieldCount = nil
        guard let base = text.baseAddress else { return }
        var start = 0
        while start < text.count {
            var end = text.count
            if let newline = memchr(base + start, 10, text.count - start) {
                end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            }
            lineCount += 1
            var last = end
            if last > start, base[last - 1] == 13 { last -= 1 }
            if last > start {
                let line = UnsafeBufferPointer(start: base + start, count: last - start)
                if fieldCount == 1 || (line[0] != 32 && line[0] != 9) || !line.allSatisfy({ $0 == 32 || $0 == 9 }) {
                    let found = parser.parse(line, stores: &stores)
                    guard found == fieldCount else { wrongFieldCount = (lineCount, found); return }
                    lines.append(lineCount)
                }
            }
            start = end + 1
        }
    }
}

extension CSVTable {
    /// Which requested column each header field feeds.
    struct ColumnRoles {
        /// Per header field: the numeric column it feeds, else -1.
        var numeric: [Int]
        /// Per header field: the text column it feeds, else -1.
        var text: [Int]
        var numericCount: Int
        var textCount: Int

        /// The roles of `header`'s fields; throws `.unknownColumn` for a requested name not in it.
        init(header: [String], text names: [String], numeric numericNames: [String], path: String) throws(CSVTableError) {
            for name in names + numericNames where !header.contains(name) {
                throw .unknownColumn(path: path, column: name, available: header)
            }
            numeric = [Int](repeating: -1, count: header.count)
            text = numeric
            for (column, name) in numericNames.enumerated() { numeric[header.firstIndex(of: name)!] = column }
            for (column, name) in names.enumerated() { text[header.firstIndex(of: name)!] = column }
            numericCount = numericNames.count
            textCount = names.count
        }
    }

    /// The columns as read, before the UTF-8 checks.
    struct ReadColumns {
        var header: [String]
        var lines: [Int]
        var stores: [ColumnBytes]
        var numbers: [ParsedNumbers]
    }

    /// Reads the file in rounds of `reading.threads` pieces parsed at once; nil when a `"` is
    /// seen in the header or the data (quoted fields are read line by line instead).
    ///
    /// A round is as many bytes as `threads × pieceBytes` that end at a newline; it is cut into
    /// `threads` pieces at newlines (no line spans two pieces: a newline always ends a line, as
    /// in `CSVScanner`, which the format allows since a quoted field closes on its line). The
    /// pieces are parsed concurrently and appended to the columns in file order, so the result
    /// and the error reported — the wrong field count on the first such line in the file — equal
    /// the line-by-line read's, on any number of threads.
    /// Complexity: O(file size) time, spread over the threads; memory O(the columns + threads ×
    /// pieceBytes × (8 bytes per requested number per row)).
    static func readInPieces(path: String, text names: [String], numeric numericNames: [String],
                             reading: CSVReading) throws(CSVTableError) -> ReadColumns? {
        guard let file = fopen(path, "rb") else { throw .unreadable(path) }
        defer { fclose(file) }
        var text = CSVTextRounds(file: file, capacity: max(1, reading.threads) * max(1, reading.pieceBytes))
        defer { text.deallocate() }
        // The header: the first line that is neither blank nor a `#` comment.
        var lineNumber = 0, header: [String]?
        while header == nil {
            guard let line = try text.nextLine(path: path) else { throw .empty(path) }
            lineNumber += 1
            var b = line
            if b.count > 0, b[b.count - 1] == 13 { b = UnsafeBufferPointer(rebasing: b.dropLast()) }
            if lineNumber == 1, b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { b = UnsafeBufferPointer(rebasing: b.dropFirst(3)) }
            if b.isEmpty || b[0] == UInt8(ascii: "#") { continue }
            if b.contains(34) { return nil }
            guard String(bytes: b, encoding: .utf8) != nil else { throw .notUTF8(path) }
            header = b.split(separator: 44, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        }
        let fieldCount = header!.count
        let roles = try ColumnRoles(header: header!, text: names, numeric: numericNames, path: path)
        let pieces = (0..<max(1, reading.threads)).map { _ in CSVPiece(roles: roles) }
        var read = ReadColumns(header: header!, lines: [], stores: Array(repeating: ColumnBytes(), count: names.count),
                               numbers: Array(repeating: ParsedNumbers(), count: numericNames.count))
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var bytesSoFar = 0
        while let round = try text.nextRound(path: path) {
            if memchr(round.baseAddress!, 34, round.count) != nil { return nil }
            let bounds = pieceBounds(round, pieces: pieces.count)
            let shared = SharedText(round)
            DispatchQueue.concurrentPerform(iterations: pieces.count) { k in
                pieces[k].parse(shared.slice(bounds[k]..<bounds[k + 1]), fieldCount: fieldCount)
            }
            var pieceStart = lineNumber
            for piece in pieces {
                if let (line, found) = piece.wrongFieldCount {
                    throw .wrongFieldCount(path: path, line: pieceStart + line, found: found, expected: fieldCount)
                }
                pieceStart += piece.lineCount
            }
            let rows = pieces.reduce(0) { $0 + $1.lines.count }
            if bytesSoFar == 0, rows > 0 {
                // rows ≈ file size / this round's bytes per row, with 5 % to spare
                let estimate = fileSize / max(1, round.count / rows) * 21 / 20 + 16
                read.lines.reserveCapacity(estimate)
                for k in read.numbers.indices { read.numbers[k].values.reserveCapacity(estimate) }
                for k in read.stores.indices { read.stores[k].ends.reserveCapacity(estimate) }
            }
            bytesSoFar += round.count
            read.append(pieces, firstLine: lineNumber)
            lineNumber += pieces.reduce(0) { $0 + $1.lineCount }
        }
        return read
    }

    /// Where the pieces of `round` begin: `threads + 1` offsets, each just after a newline (or
    /// at an end), cutting the round into parts of about equal size.
    private static func pieceBounds(_ round: UnsafeBufferPointer<UInt8>, pieces: Int) -> [Int] {
        var bounds = [0]
        for k in 1..<pieces {
            let from = max(round.count * k / pieces, bounds[k - 1])
            var bound = round.count
            if from < round.count, let newline = memchr(round.baseAddress! + from, 10, round.count - from) {
                bound = round.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
            bounds.append(bound)
        }
        bounds.append(round.count)
        return bounds
    }
}

extension CSVTable.ReadColumns {
    /// Appends the pieces' rows in piece order, the first piece's first line being line
    /// `firstLine + 1` of the file; the numeric columns are copied concurrently.
    mutating func append(_ pieces: [CSVPiece], firstLine: Int) {
        let firstRow = lines.count
        var line = firstLine
        for piece in pieces {
            let base = line
            lines.append(contentsOf: piece.lines.lazy.map { base + $0 })
            line += piece.lineCount
        }
        numbers.withUnsafeMutableBufferPointer { columns in
            guard let first = columns.baseAddress else { return }
            let shared = SharedColumns(first)
            DispatchQueue.concurrentPerform(iterations: columns.count) { c in
                var row = firstRow
                for piece in pieces {
                    shared.base[c].append(piece.builders[c], firstRow: row)
                    row += piece.lines.count
                }
            }
        }
        for k in stores.indices {
            for piece in pieces {
                let base = stores[k].bytes.count
                stores[k].bytes.append(contentsOf: piece.stores[k].bytes)
                stores[k].ends.append(contentsOf: piece.stores[k].ends.lazy.map { base + $0 })
            }
        }
    }
}

extension CSVTable.ParsedNumbers {
    /// Appends a piece's numbers whose first row is `firstRow` of the table.
    mutating func append(_ piece: NumberColumnBuilder, firstRow: Int) {
        values.append(contentsOf: UnsafeBufferPointer(start: piece.base, count: piece.count))
        if firstMissing == nil, let (row, text) = piece.firstMissing { firstMissing = (firstRow + row, text) }
        if firstInvalid == nil, let (row, text) = piece.firstInvalid { firstInvalid = (firstRow + row, text) }
        notUTF8 = notUTF8 || piece.notUTF8
    }
}

/// A round's text, readable from concurrent pieces (it does not change while they run).
private struct SharedText: @unchecked Sendable {
    let text: UnsafeBufferPointer<UInt8>
    init(_ text: UnsafeBufferPointer<UInt8>) { self.text = text }
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: text[range]) }
}

/// The numeric columns while the concurrent iterations append to them, each to its own column.
private struct SharedColumns: @unchecked Sendable {
    let base: UnsafeMutablePointer<CSVTable.ParsedNumbers>
    init(_ base: UnsafeMutablePointer<CSVTable.ParsedNumbers>) { self.base = base }
}

/// A file's text in rounds of whole lines, read into one buffer that is reused (and widened when
/// a line does not fit).
struct CSVTextRounds {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0, filled = 0, atEnd = false

    init(file: UnsafeMutablePointer<FILE>, capacity: Int) {
        self.file = file
        self.capacity = max(capacity, 64)
        buffer = .allocate(capacity: self.capacity)
    }

    func deallocate() { buffer.deallocate() }

    /// The next line without its `\n`; nil at the end of the file. Valid until the next call.
    mutating func nextLine(path: String) throws(CSVTableError) -> UnsafeBufferPointer<UInt8>? {
        while true {
            if let newline = memchr(buffer + start, 10, filled - start) {
                let end = buffer.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                defer { start = end + 1 }
                return UnsafeBufferPointer(start: buffer + start, count: end - start)
            }
            if atEnd {
                guard start < filled else { return nil }
                defer { start = filled }
                return UnsafeBufferPointer(start: buffer + start, count: filled - start)
            }
            if start == 0 && filled == capacity { widen() }
            try refill(path: path)
        }
    }

    /// The unread text up to and including its last `\n` after filling the buffer (at the end of
    /// the file: all of it); nil when none is left. Valid until the next call.
    mutating func nextRound(path: String) throws(CSVTableError) -> UnsafeBufferPointer<UInt8>? {
        while true {
            try refill(path: path)
            if atEnd {
                guard start < filled else { return nil }
                defer { start = filled }
                return UnsafeBufferPointer(start: buffer + start, count: filled - start)
            }
            var last = filled - 1
            while last >= start && buffer[last] != 10 { last -= 1 }
            if last >= start {
                defer { start = last + 1 }
                return UnsafeBufferPointer(start: buffer + start, count: last + 1 - start)
            }
            widen()  // one line fills the buffer
        }
    }

    /// Moves the unread bytes to the front and reads until the buffer is full or the file ends.
    private mutating func refill(path: String) throws(CSVTableError) {
        if start > 0 {
            memmove(buffer, buffer + start, filled - start)
            filled -= start
            start = 0
        }
        while !atEnd && filled < capacity {
            let wanted = capacity - filled
            let got = fread(buffer + filled, 1, wanted, file)
            filled += got
            if got < wanted {
                if ferror(file) != 0 { throw .unreadable(path) }
                atEnd = true
            }
        }
    }

    private mutating func widen() {
        let wider = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        wider.initialize(from: buffer, count: filled)
        buffer.deallocate()
        buffer = wider
        capacity *= 2
    }
}
