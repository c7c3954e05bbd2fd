// SPDX-License-Identifier: GPL-3.0-or-later
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A trial.toml as read from disk: its definition, text and SHA-256 (recorded by the store).
public struct TrialFile: Sendable {
    public let path: String
    public let text: String
    public let sha256: String
    public let definition: TrialDefinition

    /// Reads and checks `path`. Throws `TrialModelError` naming the file and key; text that is
    /// not UTF-8 or holds a control character other than tab is refused naming line and byte.
    public static func load(path: String) throws -> TrialFile {
        let bytes = try readBytes(path: path)
        try checkText(bytes, file: path)
        let text = String(decoding: bytes, as: UTF8.self)
        var h = SHA256()
        h.update(bytes)
        let definition = try TrialDefinition(toml: text, file: path)
        return TrialFile(path: path, text: text, sha256: h.finalizeHex(), definition: definition)
    }

    /// Refuses bytes that break `CSVTextRules` on any line (tab allowed, `\r\n` line ends too).
    static func checkText(_ bytes: [UInt8], file: String) throws {
        try bytes.withUnsafeBufferPointer { all in
            var start = 0, line = 1
            while start <= all.count {
                var end = start
                while end < all.count, all[end] != 10 { end += 1 }
                var stop = end
                if stop > start, all[stop - 1] == 13 { stop -= 1 }
                var offset = start
                while offset < stop {
                    let rest = UnsafeBufferPointer(rebasing: all[offset..<stop])
                    guard let v = CSVTextRules.firstViolation(in: rest) else { break }
                    if case .controlCharacter(_, 9) = v { offset += v.offset + 1; continue }
                    let lineBytes = UnsafeBufferPointer(rebasing: all[start..<stop])
                    let at = SourceLocation(file: file, line: line)
                    let column = offset - start + v.offset + 1
                    switch v {
                    case let .notUTF8(_, byte):
                        throw TrialModelError.notUTF8(at, byteColumn: column, byte: byte, value: CSVTextRules.shown(lineBytes))
                    case let .controlCharacter(_, scalar):
                        throw TrialModelError.controlCharacter(at, byteColumn: column, scalar: scalar, value: CSVTextRules.shown(lineBytes))
                    }
                }
                start = end + 1
                line += 1
            }
        }
    }

    /// Opens `path` for reading; a folder or an unreadable path is refused naming `displayName`.
    static func openForReading(path: String, displayName: String) throws -> UnsafeMutablePointer<FILE> {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw TrialModelError.isDirectory(path: displayName)
        }
        guard let f = fopen(path, "rb") else {
            throw TrialModelError.unreadableFile(path: displayName, reason: String(cString: strerror(errno)))
        }
        return f
    }

    /// The whole content of a (small) file.
    public static func readBytes(path: String) throws -> [UInt8] {
        let f = try openForReading(path: path, displayName: path)
        defer { fclose(f) }
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress!, 1, 65536, f) }
            if n == 0 { break }
            out += chunk[0..<n]
        }
        return out
    }
}
