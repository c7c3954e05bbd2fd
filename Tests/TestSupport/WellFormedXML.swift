// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that a text is well-formed XML with Foundation's `XMLParser` (libxml2 on Linux).
///
/// On this Linux toolchain `XMLParser.parse()` returns `true` for some malformed documents
/// (an unclosed or mismatched element, content after the root) while still reporting the error
/// through the delegate and `parserError`; so a document counts as well-formed only when
/// `parse()` succeeds, `parserError` is nil, the delegate saw no error and there is a root
/// element (an empty document also parses).
/// Shared by ReportingTests and EndToEndTests; `WellFormedXMLTests` (ReportingTests) checks it on
/// malformed inputs.
public enum WellFormedXML {
    final class ErrorCounter: NSObject, XMLParserDelegate {
        var errors: [String] = []
        var elements: [String] = []
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            errors.append("line \(parser.lineNumber): \(parseError)")
        }
        func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) {
            errors.append("line \(parser.lineNumber): \(validationError)")
        }
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            elements.append(elementName)
        }
    }

    /// The parse errors of `text`; empty when it is well-formed.
    public static func errors(in text: String) -> [String] {
        let parser = XMLParser(data: Data(text.utf8))
        let counter = ErrorCounter()
        parser.delegate = counter
        let ok = parser.parse()
        var errors = counter.errors
        if let error = parser.parserError, errors.isEmpty { errors.append("\(error)") }
        if !ok && errors.isEmpty { errors.append("parse() returned false") }
        // XMLParser accepts an empty document; XML needs exactly one root element.
        if counter.elements.isEmpty && errors.isEmpty { errors.append("no root element") }
        return errors
    }

    /// The element names of a well-formed document, in document order.
    public static func elements(in text: String) -> [String] {
        let parser = XMLParser(data: Data(text.utf8))
        let counter = ErrorCounter()
        parser.delegate = counter
        _ = parser.parse()
        return counter.elements
    }
}
