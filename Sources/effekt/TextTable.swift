// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A plain-text table as the regression and survival commands print it: the first column
/// left-aligned, the others right-aligned, two spaces between columns, no rule.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    var rendered: String {
        let widths = header.indices.map { j in ([header[j]] + rows.map { $0[j] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { j, c in
                j == 0 ? c.padding(toLength: widths[j], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[j] - c.count) + c
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
