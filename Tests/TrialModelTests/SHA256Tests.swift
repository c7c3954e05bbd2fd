// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

final class SHA256Tests: XCTestCase {
    /// FIPS 180-2, Appendix B.1–B.3 example vectors.
    func testFIPS180_2Vectors() {
        XCTAssertEqual(SHA256.hex(of: "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var h = SHA256()
        let block = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { h.update(block) }
        XCTAssertEqual(h.finalizeHex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        XCTAssertEqual(SHA256.hex(of: ""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testIncrementalEqualsOneShotAtEveryBoundary() {
        let text = Array((0..<200).map { UInt8($0 % 251) })
        var whole = SHA256(); whole.update(text)
        let expected = whole.finalizeHex()
        for cut in [1, 55, 56, 63, 64, 65, 127, 128, 199] {
            var h = SHA256(); h.update(text[0..<cut]); h.update(text[cut...])
            XCTAssertEqual(h.finalizeHex(), expected, "split at \(cut)")
        }
    }
}
