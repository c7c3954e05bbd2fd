// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A one-line progress bar on standard error, redrawn when the whole percentage changes; drawn
/// only when standard error is a terminal (a log or a test's captured output gets none).
final class ProgressBar: @unchecked Sendable {
    /// What the counts are: items (`3/500`) or bytes (`1.2/3.4 GB`, `0.1/0.4 MB` below a gigabyte).
    enum Unit { case count, bytes }

    let label: String
    let enabled: Bool
    let unit: Unit
    private var last = -1

    init(label: String, enabled: Bool, unit: Unit = .count) {
        self.label = label
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
        self.unit = unit
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        guard percent != last else { return }
        last = percent
        let filled = percent / 5
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
        let amount = switch unit {
        case .count: "\(done)/\(total)"
        case .bytes: total >= 1_000_000_000 ? String(format: "%.2f/%.2f GB", Double(done) / 1e9, Double(total) / 1e9)
                                            : String(format: "%.1f/%.1f MB", Double(done) / 1e6, Double(total) / 1e6)
        }
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(amount)".utf8))
    }

    /// Ends the bar's line (once): an error message that follows starts on a line of its own.
    func finish() {
        if enabled && last >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        last = -1
    }

    /// A bar left unfinished by an error ends its line when the command's scope ends, before the
    /// error is printed.
    deinit { finish() }
}
