// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of one synthetic trial folder, as exact bytes, in the layout of docs/DATA-FORMATS.md:
/// `trial.toml`, `roster.csv`, `allocation.csv`, `weekly.csv`, `published.csv`, `README.md`.
///
/// The text is built without dates of today, dictionary iteration or locale-dependent number
/// formatting, so the same seed always gives the same bytes on every machine.
public struct TrialFiles: Sendable {
    /// File name and content, in the order they are written.
    public let files: [(name: String, bytes: [UInt8])]

    public init(files: [(name: String, bytes: [UInt8])]) { self.files = files }

    /// The content of a file by name, or nil.
    public func bytes(of name: String) -> [UInt8]? { files.first { $0.name == name }?.bytes }

    /// Writes every file into `directory`, creating it if needed and replacing files of the same name.
    public func write(to directory: URL) throws(SimulationError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: directory.path, reason: error.localizedDescription)
        }
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            try TrialFiles.write(file.bytes, toPath: url.path)
        }
    }

    /// Writes `bytes` to `path` (created or truncated) in pieces of at most `pieceSize` bytes,
    /// each `write` advancing by what it wrote. Foundation's `Data.write(to:)` is not used: on
    /// this Linux it started the file over after 2 GiB (a 3.6 GB weekly.csv of a 1,000,000-
    /// participant trial held its first 2 GiB, then the file's beginning again).
    public static func write(_ bytes: [UInt8], toPath path: String, pieceSize: Int = 1 << 26) throws(SimulationError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .cannotWriteFile(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, min(pieceSize, raw.count - offset))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure { throw .cannotWriteFile(path: path, reason: failure) }
    }
}

/// A growing UTF-8 text with fixed-format numbers, used to build CSV and TOML files quickly.
///
/// Hours are kept as integer tenths and printed with exactly one decimal (`23.4`, `0.0`), so no
/// floating-point formatting (which may differ between platforms) is involved.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity n: Int = 0) { bytes.reserveCapacity(n) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends a text followed by a newline.
    mutating func line(_ text: String) { append(text); bytes.append(0x0A) }

    mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    mutating func newline() { bytes.append(0x0A) }

    mutating func comma() { bytes.append(0x2C) }

    /// Appends a non-negative or negative integer in decimal.
    mutating func append(integer value: Int) {
        if value < 0 { bytes.append(0x2D); append(integer: -value); return }
        if value >= 10 { append(integer: value / 10) }
        bytes.append(UInt8(0x30 + value % 10))
    }

    /// Appends `tenths / 10` with exactly one decimal, e.g. 234 → `23.4`.
    mutating func append(tenths: Int) {
        precondition(tenths >= 0, "Only non-negative tenths are written")
        append(integer: tenths / 10)
        bytes.append(0x2E)
        bytes.append(UInt8(0x30 + tenths % 10))
    }

    /// Appends a fixed-point decimal with `decimals` places, rounding half away from zero.
    mutating func append(_ value: Double, decimals: Int) {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero))
        if value < 0 && scaled != 0 { bytes.append(0x2D) }
        append(integer: scaled / scale)
        if decimals > 0 {
            bytes.append(0x2E)
            let fraction = String(scaled % scale)
            append(String(repeating: "0", count: decimals - fraction.count) + fraction)
        }
    }
}

enum PublishedTable {
    /// published.csv for the figures, with a synthetic-data comment line first.
    static func csv(_ figures: [PublishedFigure], comment: String) -> [UInt8] {
        var text = TextBuffer()
        text.line(comment)
        text.line(PublishedFigure.columns.joined(separator: ","))
        for f in figures {
            let fields = [f.id, f.description, f.published, f.unit.rawValue, f.population, f.estimand.description, f.source]
            precondition(fields.allSatisfy { !$0.contains(",") && !$0.contains("\"") },
                         "published.csv fields are written unquoted and may not contain a comma: \(f.id)")
            text.line(fields.joined(separator: ","))
        }
        return text.bytes
    }
}
