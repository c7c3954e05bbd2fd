// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
@testable import SurvivalAnalysis

/// Data sets and R reference values under `Tests/Fixtures/survival/` (made by `make_fixtures.R`).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/survival")

    /// A CSV file as named numeric columns (non-numeric cells become NaN).
    struct Table {
        let columns: [String: [Double]]
        let text: [String: [String]]
        subscript(_ name: String) -> [Double] { columns[name]! }
        var rowCount: Int { columns.values.first?.count ?? 0 }
    }

    static func table(_ name: String) throws -> Table {
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
    nonisolated(unsafe) static let reference: [String: Any] = {
        let data = try! Data(contentsOf: directory.appendingPathComponent("reference.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func section(_ path: String...) -> [String: Any] {
        var node: Any = reference
        for key in path { node = (node as! [String: Any])[key]! }
        return node as! [String: Any]
    }
}

/// Numbers from JSON (R's NA is `null`, read as NaN).
func numbers(_ value: Any?) -> [Double] {
    if let array = value as? [Any] { return array.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
    if let number = value as? NSNumber { return [number.doubleValue] }
    return [.nan]
}

func number(_ value: Any?) -> Double { numbers(value)[0] }

/// `|actual − expected| ≤ relative · |expected|` (or `≤ absolute` near zero); NaN matches NaN (R's NA).
func assertClose(_ actual: Double, _ expected: Double, relative: Double = 1e-7, absolute: Double = 1e-12,
                 _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    if expected.isNaN || actual.isNaN {
        XCTAssertTrue(expected.isNaN && actual.isNaN, "\(message()): \(actual) vs R \(expected)", file: file, line: line)
        return
    }
    if expected.isInfinite || actual.isInfinite {
        XCTAssertEqual(actual, expected, message(), file: file, line: line)
        return
    }
    let bound = Swift.max(relative * Swift.abs(expected), absolute)
    XCTAssertLessThanOrEqual(Swift.abs(actual - expected), bound, "\(message()): \(actual) vs R \(expected)", file: file, line: line)
}

func assertClose(_ actual: [Double], _ expected: [Double], relative: Double = 1e-7, absolute: Double = 1e-12,
                 _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "\(message()): length", file: file, line: line)
    for (k, (a, e)) in zip(actual, expected).enumerated() {
        assertClose(a, e, relative: relative, absolute: absolute, "\(message())[\(k)]", file: file, line: line)
    }
}
