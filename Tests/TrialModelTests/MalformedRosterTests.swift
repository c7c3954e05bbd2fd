// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// roster.csv inputs that must be refused whole, each message naming file, line, column and value.
/// The header is line 2 (after a comment line); the bad row is line 4 after one good row.
final class MalformedRosterTests: MalformedInputTestCase {
    static let header = "# SYNTHETIC\nid,municipality,benefit,enrolled_on,gender,female,age,origin\n"
    static let good = "p001,Aalborg,cash_benefit,2016-03-01,female,1,34,western\n"

    /// A roster whose line 4 is `row`.
    static func roster(_ row: String) -> String { header + good + row + "\n" }
    static func at(_ column: String) -> String { "roster.csv, line 4, column \(column)" }

    static let cases: [MalformedCase] = [
        // Text: strict UTF-8, no control characters
        .init("Latin-1 ø", roster("p002,K\\xF8benhavn,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("municipality"), "byte 7", "'K\\xF8benhavn'", "not UTF-8", "0xF8"]),
        .init("NUL inside an id", roster("fj1\\x0051,Aalborg,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("id"), "byte 4", "'fj1<U+0000>51'", "U+0000"]),
        .init("tab inside a covariate", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,4\\x090,danish"),
              [at("age"), "'4<U+0009>0'", "U+0009"]),
        .init("DEL inside a category", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,40,dan\\x7Fish"),
              [at("origin"), "U+007F"]),
        .init("C1 control U+0085", roster("p002,Aal\\xC2\\x85borg,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("municipality"), "byte 9", "U+0085"]),
        .init("carriage return inside a field", roster("p002,Aal\\x0Dborg,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("municipality"), "U+000D"]),
        .init("escape character", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,40,\\x1B[31mdanish"),
              [at("origin"), "U+001B"]),
        .init("overlong UTF-8", roster("p002,Aal\\xC0\\xAFborg,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("municipality"), "byte 9", "0xC0"]),
        .init("UTF-8 cut at the line end", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,40,danish\\xE2\\x82"),
              [at("origin"), "not UTF-8", "0xE2"]),
        .init("encoded surrogate", roster("p002,Aal\\xED\\xA0\\x80borg,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("municipality"), "0xED"]),
        .init("lone continuation byte", roster("p\\x80002,Aalborg,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("id"), "byte 2", "0x80"]),
        .init("Latin-1 in the header", "# c\nid,municipality,benefit,enrolled_on,k\\xF8n,female,age,origin\n" + good,
              ["roster.csv, line 2, column 5 of the header", "byte 38", "'k\\xF8n'"]),
        // Ids
        .init("id of spaces", roster("   ,Aalborg,cash_benefit,2016-03-01,male,0,40,danish"), [at("id"), "'   '", "space"]),
        .init("id with a leading blank", roster(" p002,Aalborg,cash_benefit,2016-03-01,male,0,40,danish"), [at("id"), "' p002'", "space"]),
        .init("id with a trailing blank", roster("p002 ,Aalborg,cash_benefit,2016-03-01,male,0,40,danish"), [at("id"), "'p002 '", "space"]),
        .init("empty id", roster(",Aalborg,cash_benefit,2016-03-01,male,0,40,danish"), [at("id"), "''", "empty"]),
        .init("id of 65 characters", roster(String(repeating: "a", count: 65) + ",Aalborg,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("id"), "65 characters", "at most 64", "'" + String(repeating: "a", count: 40) + "…'"]),
        .init("id of 100,000 characters", roster(String(repeating: "x", count: 100_000) + ",Aalborg,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("id"), "100000 characters", "'" + String(repeating: "x", count: 40) + "…'"]),
        .init("id with a no-break space", roster("p\u{A0}002,Aalborg,cash_benefit,2016-03-01,male,0,40,danish"), [at("id"), "U+A0"]),
        .init("id with a zero-width space", roster("p\u{200B}002,Aalborg,cash_benefit,2016-03-01,male,0,40,danish"), [at("id"), "U+200B"]),
        .init("id with a private-use character", roster("p\u{E000}002,Aalborg,cash_benefit,2016-03-01,male,0,40,danish"), [at("id"), "U+E000"]),
        .init("duplicate id", roster("p001,Aalborg,cash_benefit,2016-03-01,male,0,40,danish"), [at("id"), "'p001'", "line 3"]),
        // Dates
        .init("year 0", roster("p002,Aalborg,cash_benefit,0000-01-01,male,0,40,danish"), [at("enrolled_on"), "'0000-01-01'", "1900...2200"]),
        .init("year 1899", roster("p002,Aalborg,cash_benefit,1899-12-31,male,0,40,danish"), [at("enrolled_on"), "'1899-12-31'", "1900...2200"]),
        .init("year 2201", roster("p002,Aalborg,cash_benefit,2201-01-01,male,0,40,danish"), [at("enrolled_on"), "'2201-01-01'", "1900...2200"]),
        .init("before start_date", roster("p002,Aalborg,cash_benefit,2016-02-29,male,0,40,danish"),
              [at("enrolled_on"), "'2016-02-29'", "start_date 2016-03-01"]),
        .init("impossible date", roster("p002,Aalborg,cash_benefit,2017-02-29,male,0,40,danish"), [at("enrolled_on"), "'2017-02-29'", "YYYY-MM-DD"]),
        .init("date without padding", roster("p002,Aalborg,cash_benefit,2016-3-1,male,0,40,danish"), [at("enrolled_on"), "'2016-3-1'"]),
        // Numbers
        .init("age abc", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,abc,danish"), [at("age"), "'abc'", "finite number"]),
        .init("age inf", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,inf,danish"), [at("age"), "'inf'", "finite number"]),
        .init("age -inf", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,-inf,danish"), [at("age"), "'-inf'"]),
        .init("age nan", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,nan,danish"), [at("age"), "'nan'"]),
        .init("age NaN", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,NaN,danish"), [at("age"), "'NaN'"]),
        .init("age 1e999 (overflows)", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,1e999,danish"), [at("age"), "'1e999'"]),
        .init("female infinity", roster("p002,Aalborg,cash_benefit,2016-03-01,male,infinity,40,danish"), [at("female"), "'infinity'"]),
        .init("age with a comma decimal", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,\"40,5\",danish"), [at("age"), "'40,5'"]),
        .init("inf in an undeclared column", roster("p002,Aalborg,cash_benefit,2016-03-01,+inf,0,40,danish"), [at("gender"), "'+inf'"]),
        // Codes and strata
        .init("unknown benefit", roster("p002,Aalborg,cash,2016-03-01,male,0,40,danish"), [at("benefit"), "'cash'", "cash_benefit"]),
        .init("empty stratum", roster("p002,,cash_benefit,2016-03-01,male,0,40,danish"), [at("municipality"), "''"]),
        .init("stratum with |", roster("p002,Aal|borg,cash_benefit,2016-03-01,male,0,40,danish"), [at("municipality"), "'Aal|borg'", "'|'"]),
        // Shape
        .init("too few fields", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,40"), ["roster.csv, line 4", "expected 8 fields", "found 7"]),
        .init("too many fields", roster("p002,Aalborg,cash_benefit,2016-03-01,male,0,40,danish,x"), ["roster.csv, line 4", "expected 8", "found 9"]),
        .init("unterminated quote", roster("p002,\"Aalborg,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("municipality"), "'\"Aalborg,cash_benefit,2016-03-01,male,0,…'", "not closed"]),
        .init("text after a closing quote", roster("p002,\"Aal\"borg,cash_benefit,2016-03-01,male,0,40,danish"),
              [at("municipality"), "'\"Aal\"borg'", "after its closing quote"]),
        .init("header only", header, ["roster.csv, line 2", "no data rows"]),
        .init("empty file", "", ["roster.csv has no header row"]),
        .init("comment only", "# nothing here\n", ["roster.csv has no header row"]),
        .init("missing id column", "# c\nname,municipality,benefit,enrolled_on,gender,female,age,origin\n" + good,
              ["roster.csv, line 2", "column 'id' is missing"]),
        .init("duplicate column", "# c\nid,municipality,benefit,enrolled_on,gender,female,age,origin,age\n" + good,
              ["roster.csv, line 2", "column 'age' appears twice"]),
        .init("missing covariate column", "# c\nid,municipality,benefit,enrolled_on,gender,female,origin\n",
              ["roster.csv, line 2", "baseline.covariates", "'age'"]),
    ]

    func testEveryMalformedRosterIsRefusedNamingFileLineColumnAndValue() throws {
        let trial = try TrialFile.load(path: Self.fixtureTrialPath).definition
        let n = try assertRefused(Self.cases, as: "roster.csv") { path in
            _ = try RosterFile.read(path: path, trial: trial, displayName: "roster.csv")
        }
        XCTAssertGreaterThanOrEqual(n, 45)
    }

    /// `RosterFile.parse(bytes:)` (the enrolment service's one-row roster) refuses every case
    /// above with the very message `read(path:)` gives, and reads a valid text to the same roster
    /// and SHA-256 as the file holding it.
    func testATextInMemoryIsCheckedExactlyAsTheFile() throws {
        let trial = try TrialFile.load(path: Self.fixtureTrialPath).definition
        let path = dir.appendingPathComponent("roster.csv").path
        for c in Self.cases {
            FileManager.default.createFile(atPath: path, contents: Data(c.bytes))
            var fromFile = "", fromMemory = ""
            XCTAssertThrowsError(try RosterFile.read(path: path, trial: trial, displayName: "roster.csv"), c.name) { fromFile = "\($0)" }
            XCTAssertThrowsError(try RosterFile.parse(bytes: c.bytes, trial: trial, displayName: "roster.csv"), c.name) { fromMemory = "\($0)" }
            XCTAssertEqual(fromMemory, fromFile, c.name)
        }
        let text = Array(("\u{FEFF}" + Self.header + Self.good + "p002,Aalborg,cash_benefit,2016-03-01,\"male, or not\",NA,,danish").utf8)
        FileManager.default.createFile(atPath: path, contents: Data(text))
        let (file, memory) = (try RosterFile.read(path: path, trial: trial, displayName: "roster.csv"),
                              try RosterFile.parse(bytes: text, trial: trial, displayName: "roster.csv"))
        XCTAssertEqual(memory.sha256, file.sha256)
        var hasher = SHA256()
        hasher.update(text)
        XCTAssertEqual(memory.sha256, hasher.finalizeHex())
        XCTAssertEqual(memory.columns, file.columns)
        XCTAssertEqual(memory.lines, file.lines)
        XCTAssertEqual(memory.participants, file.participants)
    }

    func testADirectoryIsNamedAsADirectory() throws {
        let trial = try TrialFile.load(path: Self.fixtureTrialPath).definition
        XCTAssertThrowsError(try RosterFile.read(path: dir.path, trial: trial, displayName: "rosters")) { e in
            XCTAssertEqual(e as? TrialModelError, .isDirectory(path: "rosters"))
        }
    }

    /// The rules do not refuse what is valid: a 64-character id, `NA` and empty covariates,
    /// `1e308`, UTF-8 names, a byte-order mark and a quoted comma.
    func testValidEdgesAreAccepted() throws {
        let trial = try TrialFile.load(path: Self.fixtureTrialPath).definition
        let id64 = String(repeating: "é", count: 64)
        let text = "\u{FEFF}" + Self.header + Self.good + "\(id64),København,cash_benefit,2016-03-01,\"male, or not\",NA,,danish\n"
            + "p003,Vallensbæk-Ishøj,cash_benefit,2200-12-31,male,0,1e308,NA\n"
        let path = dir.appendingPathComponent("ok.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let roster = try RosterFile.read(path: path, trial: trial)
        XCTAssertEqual(roster.lines, [3, 4, 5])
        XCTAssertEqual(roster.participants[1].id.rawValue, id64)
        XCTAssertNil(roster.participants[1].covariates["female"])
        XCTAssertNil(roster.participants[1].covariates["age"])
        XCTAssertEqual(roster.participants[1].covariates["gender"], .category("male, or not"))
        XCTAssertEqual(roster.participants[2].covariates["age"], .number(1e308))
        XCTAssertNil(roster.participants[2].covariates["origin"])
    }
}
