// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A Markdown document built block by block (CommonMark with GitHub tables).
///
/// Text passed to `paragraph`, table cells and list items is written as given (it may hold
/// `**bold**`); table cells have `|` escaped and line breaks replaced by spaces.
public struct MarkdownDocument: Sendable {
    private var blocks: [String] = []

    public init() {}

    /// A heading of `level` 1–6.
    public mutating func heading(_ text: String, level: Int) {
        blocks.append(String(repeating: "#", count: min(max(level, 1), 6)) + " " + Self.inline(text))
    }

    /// A paragraph.
    public mutating func paragraph(_ text: String) {
        blocks.append(Self.neutralizingHTML(text))
    }

    /// A bulleted list.
    public mutating func list(_ items: [String]) {
        guard !items.isEmpty else { return }
        blocks.append(items.map { "- " + Self.inline($0) }.joined(separator: "\n"))
    }

    /// A table with a header row; `rightAligned` columns (numbers) are aligned right.
    public mutating func table(header: [String], rows: [[String]], rightAligned: Set<Int> = []) {
        guard !header.isEmpty else { return }
        var lines = ["| " + header.map(Self.cell).joined(separator: " | ") + " |"]
        lines.append("|" + header.indices.map { rightAligned.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|")
        for row in rows {
            let padded = row + Array(repeating: "", count: max(0, header.count - row.count))
            lines.append("| " + padded.prefix(header.count).map(Self.cell).joined(separator: " | ") + " |")
        }
        blocks.append(lines.joined(separator: "\n"))
    }

    /// An image (e.g. an SVG beside the document) with alt text.
    public mutating func image(path: String, alt: String) {
        blocks.append("![\(Self.inline(alt).replacingAll("]", with: "\\]"))](\(path))")
    }

    /// A fenced code block.
    public mutating func code(_ text: String) {
        let fence = text.contains("```") ? "~~~~" : "```"
        blocks.append("\(fence)\n\(text)\n\(fence)")
    }

    /// A link list item's text: `[title](path)`.
    public static func link(_ title: String, to path: String) -> String {
        "[\(inline(title).replacingAll("]", with: "\\]"))](\(path))"
    }

    /// The document text, blocks separated by blank lines, ending in one newline.
    public var text: String { blocks.joined(separator: "\n\n") + "\n" }

    private static func inline(_ text: String) -> String {
        neutralizingHTML(text.replacingAll("\n", with: " "))
    }

    /// Writes a "<" that could open HTML as "&lt;", so names from the data never become markup.
    /// "< 0,001" stays as it is. "<5" (a suppressed cell) is written `\<5`: CommonMark prints
    /// `\<` as "<" anyway, but Ink (and other lenient parsers) read a bare "<5" as the start of an
    /// HTML tag that runs to the next ">" anywhere later in the document, swallowing every table
    /// and figure in between (seen on the shipped flex-job municipality reports).
    static func neutralizingHTML(_ text: String) -> String {
        guard text.contains("<") else { return text }
        var out = ""
        var previousWasLess = false
        for ch in text {
            if previousWasLess {
                out += ch == " " ? "<" : ch.isNumber ? "\\<" : "&lt;"
                previousWasLess = false
            }
            if ch == "<" { previousWasLess = true } else { out.append(ch) }
        }
        if previousWasLess { out += "&lt;" }
        return out
    }

    private static func cell(_ text: String) -> String {
        inline(text).replacingAll("|", with: "\\|")
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
