// SPDX-License-Identifier: GPL-3.0-or-later

/// A parsed roster.csv: one participant per data row, in file order.
///
/// Required columns: `id`, `municipality`, `benefit`, `enrolled_on`, plus every roster column
/// the trial refers to (strata, covariates, subgroups). Every other column becomes a covariate.
public struct RosterFile: Sendable {
    public let path: String
    public let sha256: String
    public let columns: [String]
    public let participants: [Participant]
    /// The 1-based file line of each participant.
    public let lines: [Int]

    /// Reads and checks a roster.
    ///
    /// Refuses, naming file, line, column and value: a missing required column, a row with the
    /// wrong number of fields, an empty or duplicate id, an unknown benefit code, a malformed
    /// date, an empty value in a stratification column.
    /// Complexity: O(rows × columns).
    public static func read(path: String, trial: TrialDefinition, displayName: String? = nil) throws -> RosterFile {
        let name = displayName ?? path
        var header = [String]()
        var idIndex = 0, municipalityIndex = 0, benefitIndex = 0, dateIndex = 0
        var strataIndices = [Int]()
        var participants = [Participant]()
        var lines = [Int]()
        var firstLine = [String: Int]()
        let (sha, _) = try CSVScanner.scan(path: path) { line in
            if header.isEmpty {
                header = (0..<line.count).map { line.string($0) }
                var seen = Set<String>()
                for c in header where !seen.insert(c).inserted { throw TrialModelError.duplicateColumn(file: name, column: c) }
                func index(_ c: String) throws -> Int {
                    guard let i = header.firstIndex(of: c) else {
                        throw TrialModelError.missingColumn(file: name, column: c, header: header.joined(separator: ","))
                    }
                    return i
                }
                idIndex = try index("id"); municipalityIndex = try index("municipality")
                benefitIndex = try index("benefit"); dateIndex = try index("enrolled_on")
                let keyed = trial.strata.map { ($0, "randomization.strata") } + trial.baselineCovariates.map { ($0, "baseline.covariates") }
                    + trial.categoricalCovariates.map { ($0, "baseline.categorical") } + trial.subgroups.map { ($0.variable, "subgroups.variable") }
                for (c, key) in keyed where !header.contains(c) {
                    throw TrialModelError.referencedColumnMissing(file: name, column: c, key: key)
                }
                strataIndices = try trial.strata.map(index)
                return
            }
            guard line.count == header.count else {
                throw TrialModelError.wrongFieldCount(SourceLocation(file: name, line: line.number), found: line.count, expected: header.count)
            }
            func loc(_ i: Int) -> SourceLocation { SourceLocation(file: name, line: line.number, column: header[i]) }
            let id = line.string(idIndex)
            guard !id.isEmpty else { throw TrialModelError.invalidField(loc(idIndex), value: id, expected: "a participant id (it is empty)") }
            if let first = firstLine[id] { throw TrialModelError.duplicateParticipant(loc(idIndex), id: id, firstLine: first) }
            firstLine[id] = line.number
            let municipality = line.string(municipalityIndex)
            guard !municipality.isEmpty else {
                throw TrialModelError.invalidField(loc(municipalityIndex), value: "", expected: "a municipality name (it is empty)")
            }
            let benefitCode = line.string(benefitIndex)
            guard let benefit = BenefitType(rawValue: benefitCode) else {
                throw TrialModelError.invalidField(loc(benefitIndex), value: benefitCode,
                    expected: "a benefit code (\(BenefitType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let dateText = line.string(dateIndex)
            guard let date = CalendarDate(iso: dateText) else {
                throw TrialModelError.invalidField(loc(dateIndex), value: dateText, expected: "a date YYYY-MM-DD")
            }
            for i in strataIndices {
                let v = line.string(i)
                if v.isEmpty { throw TrialModelError.invalidField(loc(i), value: "", expected: "a stratum value (stratification columns may not be empty)") }
                if v.contains(Stratum.separator) { throw TrialModelError.invalidField(loc(i), value: v, expected: "a stratum value without '|'") }
            }
            var covariates = [String: CovariateValue]()
            for i in 0..<header.count where i != idIndex && i != municipalityIndex && i != benefitIndex && i != dateIndex {
                let v = line.string(i)
                if !v.isEmpty { covariates[header[i]] = CovariateValue(field: v) }
            }
            participants.append(Participant(id: ParticipantID(id), municipality: municipality, benefit: benefit,
                                            enrolledOn: date, covariates: covariates))
            lines.append(line.number)
        }
        if header.isEmpty { throw TrialModelError.emptyFile(file: name) }
        return RosterFile(path: path, sha256: sha, columns: header, participants: participants, lines: lines)
    }
}
