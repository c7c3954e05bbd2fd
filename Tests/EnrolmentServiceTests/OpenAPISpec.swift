// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The operations of docs/openapi.yaml as the tests need them: path, method, the roles allowed
/// (`x-roles`), the status codes documented, and the keys of each success body (`x-keys`).
///
/// A line reader for the file's own regular layout (two spaces a level), not a YAML parser:
/// it refuses a line it does not expect at an operation's level, so a change of layout fails loudly.
struct OpenAPISpec {
    struct Operation: Hashable {
        var path: String
        var method: String
        var roles: [String] = []
        var statuses: [Int] = []
        var keys: [Int: [String]] = [:]
    }
    var operations: [Operation] = []

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")

    static func load() throws -> OpenAPISpec {
        let text = try String(contentsOf: file, encoding: .utf8)
        var spec = OpenAPISpec(), inPaths = false, path = "", status = 0
        func list(_ s: Substring) -> [String] {
            s.trimmingCharacters(in: CharacterSet(charactersIn: " []")).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("paths:") { inPaths = true; continue }
            guard inPaths, !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let indent = line.prefix { $0 == " " }.count
            let body = line.trimmingCharacters(in: .whitespaces)
            switch indent {
            case 0: inPaths = false
            case 2: path = String(body.dropLast())
            case 4: spec.operations.append(Operation(path: path, method: String(body.dropLast()).uppercased()))
            case 6 where body.hasPrefix("x-roles:"): spec.operations[spec.operations.count - 1].roles = list(body.dropFirst(8))
            case 8 where body.hasPrefix("'"):
                status = Int(body.dropFirst().prefix(3))!
                spec.operations[spec.operations.count - 1].statuses.append(status)
            case 10 where body.hasPrefix("x-keys:"): spec.operations[spec.operations.count - 1].keys[status] = list(body.dropFirst(7))
            default: continue
            }
        }
        return spec
    }
}
