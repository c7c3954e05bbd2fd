// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

final class CSVFileTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws -> String {
        let p = dir.appendingPathComponent(name).path
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    let trial = try! TrialDefinition(toml: TrialDefinition.exampleTOML, file: "trial.toml")

    func testScannerHandlesCommentsQuotesCRLFAndChunkBoundaries() throws {
        let p = try write("a.csv", "# comment\r\na,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n1,\r\n\n")
        for chunk in [1, 2, 3, 7, 1 << 20] {
            var got = [[String]]()
            let r = try CSVScanner.scan(path: p, chunkSize: chunk) { line in got.append((0..<line.count).map { line.string($0) }) }
            XCTAssertEqual(got, [["a", "b"], ["x, y", "say \"hi\""], ["1", ""]], "chunk \(chunk)")
            XCTAssertEqual(r.lines, 2)
        }
    }

    func testScanReportsTheFilesSHA256() throws {
        let text = "# c\nid,week\n" + (1...500).map { "p\($0),\($0 % 78 + 1)" }.joined(separator: "\n") + "\n"
        let p = try write("h.csv", text)
        for chunk in [5, 64, 1000, 1 << 20] {
            XCTAssertEqual(try CSVScanner.scan(path: p, chunkSize: chunk) { _ in }.sha256, SHA256.hex(of: text), "chunk \(chunk)")
        }
    }

    /// Wide files (e.g. 104 weeks × 3 measures per row) have no field limit; lines of 256 fields
    /// plus a trailing comma and of 1,000 fields come back whole.
    func testWideLinesKeepEveryField() throws {
        let wide = (0..<1000).map { "c\($0)" }, edge = (0..<256).map { "e\($0)" }
        let p = try write("wide.csv", wide.joined(separator: ",") + "\n" + edge.joined(separator: ",") + ",\n")
        var got = [[String]]()
        try CSVScanner.scan(path: p) { line in got.append((0..<line.count).map { line.string($0) }) }
        XCTAssertEqual(got, [wide, edge + [""]])
    }

    func testByteOrderMarkIsDropped() throws {
        let p = try write("bom.csv", "\u{FEFF}id,week\nx,1\n")
        var header = [String]()
        try CSVScanner.scan(path: p) { line in if header.isEmpty { header = (0..<line.count).map { line.string($0) } } }
        XCTAssertEqual(header, ["id", "week"])
    }

    func testFieldParsers() {
        func d(_ s: String) -> Double? { Array(s.utf8).withUnsafeBufferPointer { CSVField.decimal($0) } }
        func i(_ s: String) -> Int? { Array(s.utf8).withUnsafeBufferPointer { CSVField.int($0) } }
        XCTAssertEqual(d("37.5"), 37.5); XCTAssertEqual(d("0"), 0); XCTAssertEqual(d("-1.25"), -1.25); XCTAssertEqual(d(".5"), 0.5)
        XCTAssertNil(d("1e3")); XCTAssertNil(d("1.2.3")); XCTAssertNil(d("")); XCTAssertNil(d("."))
        XCTAssertEqual(i("78"), 78); XCTAssertEqual(i("-3"), -3); XCTAssertNil(i("7.0")); XCTAssertNil(i("-"))
    }

    func testRosterRefusalsNameLineColumnAndValue() throws {
        let header = "id,municipality,benefit,enrolled_on,age,female,origin,gender\n"
        func err(_ rows: String) -> TrialModelError? {
            do { _ = try RosterFile.read(path: try write("r.csv", header + rows), trial: trial, displayName: "r.csv"); return nil }
            catch { return error as? TrialModelError }
        }
        XCTAssertEqual(err("a,Aalborg,cash_benefit,2016-03-01,30,1,danish,female\na,Aalborg,cash_benefit,2016-03-01,30,1,danish,female\n"),
                       .duplicateParticipant(SourceLocation(file: "r.csv", line: 3, column: "id"), id: "a", firstLine: 2))
        if case let .invalidField(loc, value, _)? = err("a,Aalborg,cash_benefit,2016-02-30,30,1,danish,female\n") {
            XCTAssertEqual(loc, SourceLocation(file: "r.csv", line: 2, column: "enrolled_on")); XCTAssertEqual(value, "2016-02-30")
        } else { XCTFail("bad date accepted") }
        if case let .invalidField(loc, _, _)? = err("a,,cash_benefit,2016-03-01,30,1,danish,female\n") {
            XCTAssertEqual(loc.column, "municipality")
        } else { XCTFail("missing stratum accepted") }
        if case let .invalidField(loc, value, _)? = err("a,Aalborg,cash,2016-03-01,30,1,danish,female\n") {
            XCTAssertEqual(loc.column, "benefit"); XCTAssertEqual(value, "cash")
        } else { XCTFail("bad benefit accepted") }
        do {
            _ = try RosterFile.read(path: try write("r2.csv", "id,municipality,benefit,enrolled_on\n"), trial: trial, displayName: "r2.csv")
            XCTFail("missing covariate column accepted")
        } catch let e as TrialModelError {
            XCTAssertEqual(e, .referencedColumnMissing(file: "r2.csv", line: 1, column: "age", key: "baseline.covariates"))
        }
        let ok = try RosterFile.read(path: try write("r3.csv", header + "a,Aalborg,cash_benefit,2016-03-01,30,1,danish,female\n"), trial: trial)
        XCTAssertEqual(ok.participants.first?.covariates["age"], .number(30))
        XCTAssertEqual(ok.participants.first?.stratum(by: trial.strata)?.label, "Aalborg|cash_benefit")
    }

    func testWeeklyRefusals() throws {
        let header = "id,week,paid_hours,activity,mentor,status\n"
        func err(_ row: String) -> (String?, String?) {
            do { try WeeklyFile.scan(path: try write("w.csv", header + row), followUpWeeks: 78) { _ in }; return (nil, nil) }
            catch let TrialModelError.invalidField(loc, value, _) { return (loc.column, value) }
            catch { return ("other", "\(error)") }
        }
        XCTAssertEqual(err("a,79,0,none,0,on_benefit\n").0, "week")
        XCTAssertEqual(err("a,0,0,none,0,on_benefit\n").0, "week")
        XCTAssertEqual(err("a,1,-1,none,0,on_benefit\n").1, "-1")
        XCTAssertEqual(err("a,1,80.5,none,0,on_benefit\n").1, "80.5")
        XCTAssertEqual(err("a,1,3,job,0,on_benefit\n").1, "job")
        XCTAssertEqual(err("a,1,3,none,2,on_benefit\n").0, "mentor")
        XCTAssertEqual(err("a,1,3,none,0,retired\n").1, "retired")
        var rows = [WeeklyRecord](), ids = [String]()
        try WeeklyFile.scan(path: try write("w.csv", header + "a,1,80,ordinary_job,1,self_supporting\n")) { r in
            ids.append(String(decoding: r.id, as: UTF8.self))
            rows.append(WeeklyRecord(week: r.week, paidHours: r.paidHours,
                                     activity: r.activity, mentor: r.mentor, status: r.status))
        }
        XCTAssertEqual(ids, ["a"])
        XCTAssertEqual(rows, [WeeklyRecord(week: 1, paidHours: 80, activity: .ordinaryJob, mentor: true, status: .selfSupporting)])
        XCTAssertEqual(MemoryLayout<WeeklyRecord>.stride, 16, "a weekly record's size sets the analysis' memory at 1,000,000 participants")
    }
}

extension WeeklyFile {
    @discardableResult
    static func scan(path: String, _ body: (WeeklyRow) throws -> Void) throws -> (sha256: String, rows: Int) {
        try scan(path: path, followUpWeeks: 78, body)
    }
}
