// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
import Randomization
@testable import TrialStorage

/// The stored text of covariates reads back as written, also when one decoder reads many
/// participants in a row and reuses the strings of the last one.
final class CovariateTextTests: XCTestCase {
    func testOneDecoderReadsBackEveryParticipantAsWritten() {
        var rng = SeededGenerator(seed: 20161201)
        let names = ["age", "female", "gender", "origin", "prior_weeks", "ledighed", "æøå"]
        let labels = ["western", "non_western", "danish", "", "København", "1", "2.5", "-3", "1e3", "NaN", "inf", "x y"]
        var decoder = CovariateText.Decoder()
        for _ in 0..<2_000 {
            var c = [String: CovariateValue]()
            for name in names where rng.next() % 4 != 0 {
                let label = labels[Int(rng.next() % UInt64(labels.count))]
                c[name] = rng.next() % 2 == 0 ? .number(Double(rng.next() % 1000) / 8) : CovariateValue(field: label)
            }
            let text = CovariateText.encode(c)
            // The stored text never changes form: stores written before hold it, and their import digests cover it.
            XCTAssertEqual(text, c.keys.sorted().map { "\($0)\u{1F}\(c[$0]!.description)" }.joined(separator: "\u{1E}"))
            XCTAssertEqual(decoder.decode(text), c, text)
            XCTAssertEqual(CovariateText.decode(text), c, text)
        }
    }

    func testEmptyAndMalformedPairsAreSkipped() {
        XCTAssertEqual(CovariateText.decode(""), [:])
        XCTAssertEqual(CovariateText.decode("a\u{1F}1\u{1E}\u{1E}b\u{1F}x"), ["a": .number(1), "b": .category("x")])
        XCTAssertEqual(CovariateText.decode("nounit\u{1E}b\u{1F}"), ["b": .category("")])
    }
}
