// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

final class TrialDefinitionTests: XCTestCase {
    func testExampleParses() throws {
        let t = try TrialDefinition(toml: TrialDefinition.exampleTOML, file: "trial.toml")
        XCTAssertEqual(t.arms.map(\.name), ["control", "treatment"])
        XCTAssertEqual(t.design, .permutedBlocks)
        XCTAssertEqual(t.blockSizes, [2, 4, 6])
        XCTAssertEqual(t.seed, 20_160_301)
        XCTAssertEqual(t.strata, ["municipality", "benefit"])
        XCTAssertEqual(t.windows, [OutcomeWindow(name: "1.5 years after start", weeks: 66...78)])
        XCTAssertEqual(t.startDate, CalendarDate(year: 2016, month: 3, day: 1))
        XCTAssertEqual(t.language, .english)
    }

    func testAnExternalDesignDeclaresItsAssumedDesignAndNeedsNoSeed() throws {
        let toml = TrialDefinition.exampleTOML
            .replacingOccurrences(of: "design = \"permuted_blocks\"", with: "design = \"external\"\nassumed = \"permuted_blocks\"")
        let t = try TrialDefinition(toml: toml, file: "trial.toml")
        XCTAssertEqual(t.design, .external)
        XCTAssertEqual(t.assumedDesign, .permutedBlocks)
        let withoutSeed = try TrialDefinition(toml: toml.replacingOccurrences(of: "seed = 20160301", with: ""), file: "trial.toml")
        XCTAssertEqual(withoutSeed.seed, 0)
        for name in ["complete_within_strata", "bernoulli"] {
            let other = toml.replacingOccurrences(of: "assumed = \"permuted_blocks\"", with: "assumed = \"\(name)\"")
                .replacingOccurrences(of: "block_sizes = [2, 4, 6]", with: "")
            XCTAssertEqual(try TrialDefinition(toml: other, file: "trial.toml").assumedDesign?.rawValue, name)
        }
    }

    private func error(_ edit: (String) -> String) -> TrialModelError? {
        do { _ = try TrialDefinition(toml: edit(TrialDefinition.exampleTOML), file: "t.toml"); return nil } catch { return error }
    }

    func testUnknownAndImpossibleValuesNameTheKey() {
        XCTAssertEqual(error { "colour = \"blue\"\n" + $0 }, .unknownKey(file: "t.toml", key: "colour"))
        XCTAssertEqual(error { $0.replacingOccurrences(of: "seed = 20160301", with: "seed = 1\nsed = 2") },
                       .unknownKey(file: "t.toml", key: "randomization.sed"))
        if case let .impossibleValue(_, key, value, _)? = error({ $0.replacingOccurrences(of: "ratio = 1                               #", with: "ratio = 0 #") }) {
            XCTAssertEqual(key, "arms[1].ratio"); XCTAssertEqual(value, "0")
        } else { XCTFail("ratio 0 accepted") }
        if case let .impossibleValue(_, key, value, _)? = error({ $0.replacingOccurrences(of: "[2, 4, 6]", with: "[2, 3]") }) {
            XCTAssertEqual(key, "randomization.block_sizes"); XCTAssertEqual(value, "3")
        } else { XCTFail("block size 3 accepted") }
        if case let .impossibleValue(_, key, _, _)? = error({ $0.replacingOccurrences(of: "last_week = 78", with: "last_week = 79") }) {
            XCTAssertEqual(key, "windows.first_week/last_week")
        } else { XCTFail("window outside follow-up accepted") }
        if case let .impossibleValue(_, key, _, _)? = error({ $0.replacingOccurrences(of: "control_arm = \"control\"", with: "control_arm = \"placebo\"") }) {
            XCTAssertEqual(key, "control_arm")
        } else { XCTFail("unknown control arm accepted") }
        XCTAssertEqual(error { $0.replacingOccurrences(of: "follow_up_weeks = 78", with: "follow_up_weeks = \"78\"") },
                       .wrongType(file: "t.toml", key: "follow_up_weeks", expected: "an integer"))
        XCTAssertEqual(error { $0.replacingOccurrences(of: "name = \"Example trial\"", with: "") },
                       .missingKey(file: "t.toml", key: "name"))
        if case .tomlSyntax? = error({ $0 + "\n[[arms\n" }) {} else { XCTFail("syntax error not reported") }
    }

    /// Table headers that made TOMLKit's parser abort (found by fuzz-trial-toml) are refused with
    /// their line and column; brackets inside values and multi-line strings are not headers.
    func testTableHeadersThatCrashedTheParserAreRefused() {
        let lines = TrialDefinition.exampleTOML.split(separator: "\n", omittingEmptySubsequences: false).count
        for (header, column) in [("[=]", 2), ("[#", 2), ("[ .]", 3), ("[[ #x]]", 4), ("  [\t=]", 5)] {
            XCTAssertEqual(error { $0 + "\n" + header + "\n" },
                           .tomlSyntax(file: "t.toml", line: lines + 1, column: column,
                                       message: "a table header must begin with a key (letters, digits, _ or -, or a quoted key)"), header)
        }
        for accepted in ["description = \"\"\"\n[=]\n\"\"\"", "[labels]\n\"x\" = \"y\"", "[ \"labels\" ]\nx = \"y\""] {
            let e = error { $0 + "\n" + accepted + "\n" }
            if case .tomlSyntax? = e { XCTFail("\(accepted): \(String(describing: e))") }
        }
    }
}
