// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
#if canImport(Glibc)
import Glibc
#endif

/// `CSVField.scanDecimal` (the numeric fast path of the data-file reader) against C's `strtod`,
/// the reader's definition of a number: equal bit for bit wherever it answers, and it must
/// answer for every plain decimal of up to 15 digits.
final class CSVFieldTests: XCTestCase {
    func strtodValue(_ text: String) -> Double? {
        text.withCString { c in
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(c, &end)
            return end == UnsafeMutablePointer(mutating: c) + strlen(c) && !text.isEmpty ? v : nil
        }
    }

    func scanned(_ text: String) -> (value: Double?, end: Int) {
        Array(text.utf8).withUnsafeBufferPointer { CSVField.scanDecimal($0.baseAddress!, from: 0, to: $0.count) }
    }

    func testSeededRandomDecimalsEqualStrtod() {
        var state: UInt64 = 20261130
        func next(_ n: UInt64) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % n)
        }
        for _ in 0..<200_000 {
            let whole = (0..<next(9)).map { _ in String(next(10)) }.joined()
            let fraction = (0..<next(10)).map { _ in String(next(10)) }.joined()
            var text = (next(3) == 0 ? "-" : "") + whole
            if !fraction.isEmpty || next(4) == 0 { text += "." + fraction }
            let digits = text.filter(\.isNumber).count
            let (value, end) = scanned(text)
            let reference = strtodValue(text)
            if digits >= 1 && digits <= 15 {
                XCTAssertEqual(end, text.utf8.count, text)
                XCTAssertEqual(value?.bitPattern, reference?.bitPattern, text)
            } else {
                XCTAssertNil(value, text)  // no digits, or too many: left to strtod
            }
        }
    }

    func testStopsAtTheCommaAndRefusesOtherNotations() {
        XCTAssertEqual(scanned("12.5,7").value, 12.5)
        XCTAssertEqual(scanned("12.5,7").end, 4)
        XCTAssertEqual(scanned("-.25").value, -0.25)
        XCTAssertEqual(scanned("3.").value, 3)
        XCTAssertEqual(scanned("-0").value?.sign, .minus)
        for text in ["1e5", " 1", "1 ", "+1", "NA", "", "-", ".", "1.2.3", "0x10", "1234567890123456"] {
            XCTAssertNil(scanned(text).value, text)
        }
    }
}
