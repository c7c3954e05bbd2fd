// SPDX-License-Identifier: GPL-3.0-or-later
import TestSupport
import XCTest

/// The well-formedness check itself: it must reject what is not XML.
final class WellFormedXMLTests: XCTestCase {
    func testAcceptsWellFormedSVG() {
        XCTAssertEqual(WellFormedXML.errors(in: "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><title>a &amp; b &lt;5</title></svg>"), [])
    }

    func testRejectsMalformedDocuments() {
        let malformed = [
            "<svg><title>a & b</title></svg>",        // bare ampersand
            "<svg><title>a</svg>",                      // mismatched end tag
            "<svg><title>a</title>",                    // unclosed root
            "<svg a=\"1\" a=\"2\"/>",                   // duplicate attribute
            "<svg>x</svg><g/>",                         // content after the root
            "<svg>&nbsp;</svg>",                        // undeclared entity
            "<svg><text>1 < 5</text></svg>",            // bare less-than
            "",                                         // empty
        ]
        for text in malformed {
            XCTAssertFalse(WellFormedXML.errors(in: text).isEmpty, "accepted malformed XML: \(text)")
        }
    }
}
