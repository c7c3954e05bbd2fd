// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// The one JSON writer: non-finite numbers as `null` (strict JSON), strings untouched however
/// they are quoted or escaped, snake_case sorted keys, a final newline, and the way back.
final class JSONWriterTests: XCTestCase {
    struct Row: Codable, Equatable {
        let label: String
        let effectSize: Double
        let values: [Double]
    }

    func testNonFiniteNumbersAreNullAndStringsAreKept() throws {
        let tricky = ["", "\"", "a\\\"b", "https://x/y", "null", "\"null\"", "effekt-non-finite-number",
                      "\"effekt-non-finite-number-4c1d9a\"", "æøå — \u{1F600}", "line\nbreak"]
        let rows = tricky.enumerated().map { k, s in
            Row(label: s, effectSize: k % 3 == 0 ? .nan : k % 3 == 1 ? .infinity : Double(k) / 7, values: [1.5, -.infinity, 0.1, .nan])
        }
        let data = try JSONWriter.data(rows)
        XCTAssertEqual(data.last, 10, "a final newline")
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"effect_size\""), "snake_case keys")
        XCTAssertTrue(text.contains("https://x/y"), "slashes unescaped")
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        for (k, object) in parsed.enumerated() {
            XCTAssertEqual(object["label"] as? String, tricky[k], "string \(k) kept as written")
            if k % 3 == 2 { XCTAssertEqual(object["effect_size"] as? Double, Double(k) / 7) } else { XCTAssertTrue(object["effect_size"] is NSNull) }
            let values = try XCTUnwrap(object["values"] as? [Any])
            XCTAssertTrue(values[1] is NSNull && values[3] is NSNull)
            XCTAssertEqual(values[0] as? Double, 1.5)
        }
        let back = try JSONWriter.decode([Row].self, from: data)
        XCTAssertEqual(back.map(\.label), tricky)
        XCTAssertTrue(back[0].effectSize.isNaN && back[0].values[3].isNaN)
        XCTAssertEqual(back[2].effectSize, 2.0 / 7)
    }
}
