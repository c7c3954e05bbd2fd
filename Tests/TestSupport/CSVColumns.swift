// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A small CSV file as header → column of cells (test fixtures: no quoting, no comments).
/// Complexity: O(bytes).
public func csvColumns(at url: URL) -> [String: [String]] {
    let text = try! String(contentsOf: url, encoding: .utf8)
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    var out = [String: [String]]()
    for (j, name) in lines[0].enumerated() { out[name] = lines.dropFirst().map { $0[j] } }
    return out
}
