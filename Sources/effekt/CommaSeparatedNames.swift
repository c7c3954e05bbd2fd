// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The names in a comma-separated option value (`--covariates age, female`): trimmed, empty
/// ones dropped.
func commaSeparatedNames(_ text: String?) -> [String] {
    (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
