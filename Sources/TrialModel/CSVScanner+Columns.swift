// SPDX-License-Identifier: GPL-3.0-or-later

extension CSVScanner {
    /// Scans a CSV file whose header must hold every name in `columns` (in any order, other
    /// columns allowed) and hands `body` each data row's fields of those columns, in the order of
    /// `columns`, with the row's file line.
    ///
    /// Refuses, naming file, line and column: a header without one of `columns`, and a data row
    /// whose field count differs from the header's. Text rules and errors as `scan(path:…)`.
    /// Complexity: O(bytes).
    public static func scanColumns(path: String, _ columns: [String], hashing: Bool = false,
                                   _ body: (_ fields: [String], _ line: Int) throws -> Void) throws {
        var header = [String](), index = [Int]()
        try scan(path: path, hashing: hashing) { line in
            if header.isEmpty {
                header = (0..<line.count).map { line.string($0) }
                index = try columns.map { c in
                    guard let i = header.firstIndex(of: c) else {
                        throw TrialModelError.missingColumn(file: path, line: line.number, column: c, header: header.joined(separator: ","))
                    }
                    return i
                }
                return
            }
            guard line.count == header.count else {
                throw TrialModelError.wrongFieldCount(SourceLocation(file: path, line: line.number), found: line.count, expected: header.count)
            }
            try body(index.map { line.string($0) }, line.number)
        }
    }
}
