// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Data sets and R reference values under `Tests/Fixtures/survival/` (made by `make_fixtures.R`).
public enum SurvivalFixture {
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/survival")

    /// A CSV file as named numeric columns (non-numeric cells become NaN).
    public struct Table {
        public let columns: [String: [Double]]
        public let text: [String: [String]]
        public subscript(_ name: String) -> [Double] { columns[name]! }
        public var rowCount: Int { columns.values.first?.count ?? 0 }
    }

    public static func table(_ name: String) throws -> Table {
        let content = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var lines = content.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        var text = [String: [String]]()
        for h in header { text[h] = [] }
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for (h, c) in zip(header, cells) { text[h]!.append(c.trimmingCharacters(in: CharacterSet(charactersIn: "\""))) }
        }
        var columns = [String: [Double]]()
        for (h, values) in text { columns[h] = values.map { Double($0) ?? .nan } }
        return Table(columns: columns, text: text)
    }

    /// `reference.json` as nested dictionaries.
    nonisolated(unsafe) public static let reference: [String: Any] = {
        let data = try! Data(contentsOf: directory.appendingPathComponent("reference.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    public static func section(_ path: String...) -> [String: Any] {
        var node: Any = reference
        for key in path { node = (node as! [String: Any])[key]! }
        return node as! [String: Any]
    }
}

/// Numbers from JSON (R's NA is `null`, read as NaN).
public func numbers(_ value: Any?) -> [Double] {
    if let array = value as? [Any] { return array.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
    if let number = value as? NSNumber { return [number.doubleValue] }
    return [.nan]
}

public func number(_ value: Any?) -> Double { numbers(value)[0] }
