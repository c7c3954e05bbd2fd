// SPDX-License-Identifier: GPL-3.0-or-later
import TOMLKit

/// What a register code means for a week (`effekt import-register --map codes.toml`).
///
/// ```toml
/// [blank]                        # a blank cell: no benefit that week (required)
/// status = "self_supporting"
///
/// [codes]
/// "774" = { status = "flex_job", priority = 1 }
/// "521" = { status = "on_benefit", activity = "internship", priority = 2 }
/// "890" = { status = "disability_pension", priority = 0 }
/// ```
/// Each code has a `status` (weekly.csv's statuses), an optional `activity` (default `none`),
/// `mentor` (default false) and `priority` (default 100). When several sources give a code in
/// the same week, the code with the smallest priority wins (ties: the earlier source); a blank
/// cell gives way to any code.
public struct RegisterCodeMap: Sendable {
    public struct Meaning: Hashable, Sendable {
        public let status: BenefitStatus
        public let activity: ActivityKind
        public let mentor: Bool
        public let priority: Int
    }

    /// The codes in file order (sorted by code text) and what they mean.
    public let codes: [(code: [UInt8], meaning: Meaning)]
    /// The meaning of a blank cell.
    public let blank: Meaning
    /// The file name as given, and its SHA-256.
    public let path: String
    public let sha256: String

    /// Reads and checks a code map; refuses, naming the key, unknown keys, a missing `blank`
    /// entry, statuses or activities that weekly.csv does not know, and malformed TOML.
    public static func read(path: String, displayName: String? = nil) throws -> RegisterCodeMap {
        let name = displayName ?? path
        let bytes = try TrialFile.readBytes(path: path)
        try TrialFile.checkText(bytes, file: name)
        var hasher = SHA256()
        hasher.update(bytes)
        return try RegisterCodeMap(toml: String(decoding: bytes, as: UTF8.self), file: name, sha256: hasher.finalizeHex())
    }

    init(toml: String, file: String, sha256: String) throws(TrialModelError) {
        let root: TOMLTable
        do { root = try TOMLTable(string: toml) } catch let e as TOMLParseError {
            throw .tomlSyntax(file: file, line: e.source.begin.line, column: e.source.begin.column, message: e.description)
        } catch { throw .tomlSyntax(file: file, line: 0, column: 0, message: "\(error)") }
        let top = TOMLKeys(root, path: "", file: file)
        try top.allow(["blank", "codes"])
        guard let blankTable = root["blank"]?.table else { throw .missingKey(file: file, key: "blank") }
        func meaning(_ t: TOMLTable, _ path: String) throws(TrialModelError) -> Meaning {
            let k = TOMLKeys(t, path: path, file: file)
            try k.allow(["status", "activity", "mentor", "priority"])
            let statusName = try k.string("status")
            guard let status = BenefitStatus(rawValue: statusName) else {
                throw .impossibleValue(file: file, key: path + "status", value: "\"\(statusName)\"",
                                       rule: "use one of " + BenefitStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let activityName = try k.optionalString("activity") ?? ActivityKind.none.rawValue
            guard let activity = ActivityKind(rawValue: activityName) else {
                throw .impossibleValue(file: file, key: path + "activity", value: "\"\(activityName)\"",
                                       rule: "use one of " + ActivityKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            var mentor = false
            if let m = t["mentor"] {
                guard let b = m.bool else { throw .wrongType(file: file, key: path + "mentor", expected: "true or false") }
                mentor = b
            }
            return Meaning(status: status, activity: activity, mentor: mentor, priority: try k.optionalInt("priority") ?? 100)
        }
        blank = try meaning(blankTable, "blank.")
        var out = [(code: [UInt8], meaning: Meaning)]()
        if let c = root["codes"] {
            guard let t = c.table else { throw .wrongType(file: file, key: "codes", expected: "a table of code = { status = … }") }
            for key in t.keys.sorted() {
                guard !key.isEmpty else { throw .impossibleValue(file: file, key: "codes.\"\"", value: "\"\"", rule: "a blank cell is the [blank] entry") }
                guard let entry = t[key]?.table else { throw .wrongType(file: file, key: "codes.\(key)", expected: "a table { status = … }") }
                out.append((Array(key.utf8), try meaning(entry, "codes.\(key).")))
            }
        }
        codes = out
        self.path = file
        self.sha256 = sha256
    }

    /// The index in `codes` of a cell's bytes (UTF-8), or nil when the code is not in the map.
    /// Complexity: O(codes × code length).
    @inline(__always) public func index(of cell: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, c) in codes.enumerated() where c.code.count == cell.count {
            if c.code.withUnsafeBufferPointer({ memcmpBytes($0, cell) }) { return i }
        }
        return nil
    }
}

@inline(__always) func memcmpBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
}
