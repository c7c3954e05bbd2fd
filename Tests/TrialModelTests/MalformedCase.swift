// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// One malformed input and what its refusal must say: every fragment (file, line, column,
/// value, rule) must appear in the message. `text` may hold `\xNN` escapes for raw bytes.
struct MalformedCase {
    let name: String
    let text: String
    let fragments: [String]

    init(_ name: String, _ text: String, _ fragments: [String]) {
        self.name = name
        self.text = text
        self.fragments = fragments
    }

    /// The file's bytes: `text` as UTF-8 with each `\xNN` replaced by the byte NN.
    var bytes: [UInt8] {
        let utf8 = Array(text.utf8)
        var out = [UInt8](), i = 0
        while i < utf8.count {
            if utf8[i] == 92, i + 3 < utf8.count, utf8[i + 1] == 120,
               let v = UInt8(String(decoding: utf8[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 4
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return out
    }
}

/// A folder of malformed files, and the check that each is refused with the right sentence.
class MalformedInputTestCase: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-malformed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// The fixture trial (Tests/Fixtures/trial/trial.toml): start 2016-03-01, 8 weeks, strata
    /// municipality and benefit, numeric covariates age and female.
    static let fixtureTrialPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/trial/trial.toml").path

    /// Writes each case to `fileName`, runs `read` on it, and fails unless it throws a
    /// `TrialModelError` whose message holds every fragment. Returns the number of cases run.
    @discardableResult
    func assertRefused(_ cases: [MalformedCase], as fileName: String, by read: (String) throws -> Void,
                       file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        for c in cases {
            let path = dir.appendingPathComponent(fileName).path
            try? FileManager.default.removeItem(atPath: path)
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(c.bytes)), c.name, file: file, line: line)
            do {
                try read(path)
                XCTFail("\(c.name): accepted", file: file, line: line)
            } catch let e as TrialModelError {
                let message = e.description
                for f in c.fragments where !message.contains(f) {
                    XCTFail("\(c.name): '\(f)' not in: \(message)", file: file, line: line)
                }
                XCTAssertLessThan(message.count, 600, "\(c.name): message too long", file: file, line: line)
            } catch {
                XCTFail("\(c.name): not a TrialModelError: \(error)", file: file, line: line)
            }
        }
        return cases.count
    }
}
