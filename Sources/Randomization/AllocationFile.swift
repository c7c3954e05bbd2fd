// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// A shipped allocation.csv (`id,stratum,block,position,arm,...`), read for comparison with a replay.
public struct AllocationFile: Sendable {
    public let path: String
    public let sha256: String
    /// Rows in file order, with their 1-based line numbers.
    public let rows: [(line: Int, assignment: Assignment)]

    /// Reads the columns `id,stratum,block,position,arm` (others are ignored); refuses, naming
    /// file, line, column and value, text that is not UTF-8 or holds a control character, an id
    /// that breaks `ParticipantID.problem(with:)`, a block or position that is not a positive
    /// integer, and a file without data rows.
    /// Complexity: O(rows).
    public static func read(path: String, displayName: String? = nil) throws -> AllocationFile {
        let name = displayName ?? path
        let required = ["id", "stratum", "block", "position", "arm"]
        var ix = [Int]()
        var rows = [(line: Int, assignment: Assignment)]()
        var headerLine = 0, fieldCount = 0
        let (sha, _) = try CSVScanner.scan(path: path, displayName: name) { line in
            if ix.isEmpty {
                headerLine = line.number
                fieldCount = line.count
                let header = (0..<line.count).map { line.string($0) }
                for c in required {
                    guard let i = header.firstIndex(of: c) else {
                        throw TrialModelError.missingColumn(file: name, line: line.number, column: c, header: header.joined(separator: ","))
                    }
                    ix.append(i)
                }
                return
            }
            guard line.count == fieldCount else {
                throw TrialModelError.wrongFieldCount(SourceLocation(file: name, line: line.number), found: line.count, expected: fieldCount)
            }
            func int(_ k: Int) throws -> Int {
                guard let v = CSVField.int(line.field(ix[k])), v >= 1 else {
                    throw TrialModelError.invalidField(SourceLocation(file: name, line: line.number, column: required[k]),
                                                       value: line.string(ix[k]), expected: "a positive integer")
                }
                return v
            }
            let id = line.string(ix[0])
            if let problem = ParticipantID.problem(with: id) {
                throw TrialModelError.invalidField(SourceLocation(file: name, line: line.number, column: "id"), value: id,
                                                   expected: "a participant id (\(problem))")
            }
            rows.append((line.number, Assignment(participant: ParticipantID(line.string(ix[0])), stratum: Stratum(label: line.string(ix[1])),
                                                 block: try int(2), position: try int(3), arm: line.string(ix[4]))))
        }
        if ix.isEmpty { throw TrialModelError.emptyFile(file: name) }
        if rows.isEmpty { throw TrialModelError.noDataRows(file: name, headerLine: headerLine) }
        return AllocationFile(path: name, sha256: sha, rows: rows)
    }

    /// The first way this file differs from a replayed allocation, or nil when the columns
    /// `id,stratum,block,position,arm` agree for every participant (row order is free).
    /// Complexity: O(n).
    public func firstDifference(from replayed: [Assignment]) -> AllocationDifference? {
        let byID = Dictionary(replayed.map { ($0.participant, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<ParticipantID>()
        for (line, a) in rows {
            guard seen.insert(a.participant).inserted else { return .duplicate(file: path, line: line, participant: a.participant) }
            guard let r = byID[a.participant] else { return .notReplayed(file: path, line: line, participant: a.participant) }
            let pairs: [(String, String, String)] = [("stratum", a.stratum.label, r.stratum.label), ("block", "\(a.block)", "\(r.block)"),
                                                     ("position", "\(a.position)", "\(r.position)"), ("arm", a.arm, r.arm)]
            for (column, inFile, inReplay) in pairs where inFile != inReplay {
                return .differs(file: path, line: line, participant: a.participant, column: column, inFile: inFile, replayed: inReplay)
            }
        }
        for r in replayed where !seen.contains(r.participant) { return .missingFromFile(file: path, participant: r.participant) }
        return nil
    }
}

/// The first difference between an allocation.csv and a replay of the randomization.
public enum AllocationDifference: Hashable, Sendable, CustomStringConvertible {
    case differs(file: String, line: Int, participant: ParticipantID, column: String, inFile: String, replayed: String)
    case notReplayed(file: String, line: Int, participant: ParticipantID)
    case missingFromFile(file: String, participant: ParticipantID)
    case duplicate(file: String, line: Int, participant: ParticipantID)

    public var description: String {
        switch self {
        case let .differs(file, line, p, column, inFile, replayed):
            return "\(file), line \(line), column \(column): participant \(p) has '\(inFile)' but replaying the randomization from the seed gives '\(replayed)'. The allocation does not come from this trial.toml and roster."
        case let .notReplayed(file, line, p):
            return "\(file), line \(line): participant \(p) is not assigned by the replay (not in the roster?)."
        case let .missingFromFile(file, p):
            return "\(file): participant \(p) is assigned by the replay but has no row in the file."
        case let .duplicate(file, line, p):
            return "\(file), line \(line): participant \(p) appears twice."
        }
    }
}
