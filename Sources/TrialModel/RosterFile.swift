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
    /// wrong number of fields, an id that breaks `ParticipantID.problem(with:)` or is a
    /// duplicate, an unknown benefit code, a malformed date or one outside
    /// `RosterFile.enrolmentYears` or before the trial's `start_date`, an empty value in a
    /// stratification column, a numeric covariate that is not a finite number (empty or `NA` is
    /// missing), a covariate that reads as an infinite number or NaN, and a file without data rows.
    /// Text must be UTF-8 without control characters (`CSVScanner`).
    /// Complexity: O(rows × columns).
    /// The years an enrolment date may fall in.
    public static let enrolmentYears = 1900...2200
    /// The text of a missing covariate value besides the empty field.
    public static let missingValue = "NA"

    /// Reads and checks the roster at `path` for `trial`; errors name `displayName` (default: the path).
    ///
    /// `bytesRead`, when given, is called after each chunk of the file with the bytes read so far.
    public static func read(path: String, trial: TrialDefinition, displayName: String? = nil,
                            bytesRead: ((Int) -> Void)? = nil) throws -> RosterFile {
        let name = displayName ?? path
        return try parse(path: path, name: name, trial: trial) { body in
            try CSVScanner.scan(path: path, displayName: name, bytesRead: bytesRead, body).sha256
        }
    }

    /// A roster held in memory (an enrolment request made into one row, say), checked exactly
    /// as `read(path:trial:displayName:)` checks a file; errors name `displayName`, which is
    /// also the roster's `path`.
    public static func parse(bytes: [UInt8], trial: TrialDefinition, displayName: String) throws -> RosterFile {
        try parse(path: displayName, name: displayName, trial: trial) { body in
            try CSVScanner.scan(bytes: bytes, displayName: displayName, body).sha256
        }
    }

    /// The checks, over the lines `scan` delivers; `scan` answers the text's SHA-256.
    private static func parse(path: String, name: String, trial: TrialDefinition,
                              scan: ((CSVLine) throws -> Void) throws -> String) throws -> RosterFile {
        var header = [String]()
        var idIndex = 0, municipalityIndex = 0, benefitIndex = 0, dateIndex = 0
        var strataIndices = [Int]()
        var participants = [Participant]()
        var lines = [Int]()
        var firstLine = [String: Int]()
        var headerLine = 0
        let numeric = Set(trial.baselineCovariates)
        let sha = try scan { line in
            if header.isEmpty {
                header = (0..<line.count).map { line.string($0) }
                headerLine = line.number
                var seen = Set<String>()
                for c in header where !seen.insert(c).inserted { throw TrialModelError.duplicateColumn(file: name, line: line.number, column: c) }
                func index(_ c: String) throws -> Int {
                    guard let i = header.firstIndex(of: c) else {
                        throw TrialModelError.missingColumn(file: name, line: line.number, column: c, header: header.joined(separator: ","))
                    }
                    return i
                }
                idIndex = try index("id"); municipalityIndex = try index("municipality")
                benefitIndex = try index("benefit"); dateIndex = try index("enrolled_on")
                let keyed = trial.strata.map { ($0, "randomization.strata") } + trial.baselineCovariates.map { ($0, "baseline.covariates") }
                    + trial.categoricalCovariates.map { ($0, "baseline.categorical") } + trial.subgroups.map { ($0.variable, "subgroups.variable") }
                for (c, key) in keyed where !header.contains(c) {
                    throw TrialModelError.referencedColumnMissing(file: name, line: line.number, column: c, key: key)
                }
                strataIndices = try trial.strata.map(index)
                return
            }
            guard line.count == header.count else {
                throw TrialModelError.wrongFieldCount(SourceLocation(file: name, line: line.number), found: line.count, expected: header.count)
            }
            func loc(_ i: Int) -> SourceLocation { SourceLocation(file: name, line: line.number, column: header[i]) }
            let id = line.string(idIndex)
            if let problem = ParticipantID.problem(with: id) {
                throw TrialModelError.invalidField(loc(idIndex), value: id, expected: "a participant id (\(problem))")
            }
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
            guard enrolmentYears.contains(date.year) else {
                throw TrialModelError.invalidField(loc(dateIndex), value: dateText,
                    expected: "a plausible enrolment date (years \(enrolmentYears.lowerBound)...\(enrolmentYears.upperBound))")
            }
            if let start = trial.startDate, date < start {
                throw TrialModelError.invalidField(loc(dateIndex), value: dateText,
                    expected: "an enrolment date on or after the trial's start_date \(start)")
            }
            for i in strataIndices {
                let v = line.string(i)
                if v.isEmpty { throw TrialModelError.invalidField(loc(i), value: "", expected: "a stratum value (stratification columns may not be empty)") }
                if v.contains(Stratum.separator) { throw TrialModelError.invalidField(loc(i), value: v, expected: "a stratum value without '|'") }
            }
            var covariates = [String: CovariateValue]()
            for i in 0..<header.count where i != idIndex && i != municipalityIndex && i != benefitIndex && i != dateIndex {
                let v = line.string(i)
                if v.isEmpty || v == missingValue { continue }
                if numeric.contains(header[i]) {
                    guard let x = Double(v), x.isFinite else {
                        throw TrialModelError.invalidField(loc(i), value: v,
                            expected: "a finite number (baseline.covariates; leave the field empty or write NA when missing)")
                    }
                    covariates[header[i]] = .number(x)
                } else {
                    if let x = Double(v), !x.isFinite {
                        throw TrialModelError.invalidField(loc(i), value: v,
                            expected: "a finite number or a category (leave the field empty or write NA when missing)")
                    }
                    covariates[header[i]] = CovariateValue(field: v)
                }
            }
            participants.append(Participant(id: ParticipantID(id), municipality: municipality, benefit: benefit,
                                            enrolledOn: date, covariates: covariates))
            lines.append(line.number)
        }
        if header.isEmpty { throw TrialModelError.emptyFile(file: name) }
        if participants.isEmpty { throw TrialModelError.noDataRows(file: name, headerLine: headerLine) }
        return RosterFile(path: path, sha256: sha, columns: header, participants: participants, lines: lines)
    }
}
