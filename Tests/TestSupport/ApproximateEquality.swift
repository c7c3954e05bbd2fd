// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest

/// Asserts that `actual` agrees with `expected` (a reference value, e.g. from R):
/// `|actual − expected| ≤ max(relative · |expected|, absolute)`.
///
/// NaN agrees only with NaN (R's `NA`), an infinity only with the same infinity. The one
/// approximate-equality rule of every test target; `absolute` covers expected values at or near
/// zero, where a relative bound is empty. Complexity: O(1).
public func assertClose(_ actual: Double, _ expected: Double, relative: Double, absolute: Double = 0,
                        _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    if expected.isNaN || actual.isNaN {
        XCTAssertTrue(expected.isNaN && actual.isNaN, "\(message()): \(actual) vs reference \(expected)", file: file, line: line)
        return
    }
    if expected.isInfinite || actual.isInfinite {
        XCTAssertEqual(actual, expected, message(), file: file, line: line)
        return
    }
    let bound = Swift.max(relative * Swift.abs(expected), absolute)
    let gap = Swift.abs(actual - expected)
    XCTAssertLessThanOrEqual(gap, bound, "\(message()): \(actual) vs reference \(expected) (gap \(gap), bound \(bound))",
                             file: file, line: line)
}

/// `assertClose` element by element, after checking that the lengths agree. Complexity: O(n).
public func assertClose(_ actual: [Double], _ expected: [Double], relative: Double, absolute: Double = 0,
                        _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "\(message()): length", file: file, line: line)
    for (k, (a, e)) in zip(actual, expected).enumerated() {
        assertClose(a, e, relative: relative, absolute: absolute, "\(message())[\(k)]", file: file, line: line)
    }
}
