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

    /// Reads and checks `path`. Throws `TrialModelError` naming the file and key.
    public static func load(path: String) throws -> TrialFile {
        let bytes = try readBytes(path: path)
        let text = String(decoding: bytes, as: UTF8.self)
        var h = SHA256()
        h.update(bytes)
        let definition = try TrialDefinition(toml: text, file: path)
        return TrialFile(path: path, text: text, sha256: h.finalizeHex(), definition: definition)
    }

    /// The whole content of a (small) file.
    public static func readBytes(path: String) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else {
            throw TrialModelError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
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
