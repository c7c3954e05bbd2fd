// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// `[labels]` in trial.toml: read per language, absent entries empty, every wrong key named.
final class TrialLabelsTests: XCTestCase {
    private let labels = """

    [labels.da]
    trial = "Eksempelforsøg"
    arms.treatment = "indsatsgruppen"
    benefits.cash_benefit = "kontanthjælp"
    statuses.moved_away = "fraflyttet"
    variables.origin = "herkomst"
    values.origin.non_western = "ikke-vestlig"
    values.gender.female = "kvinde"
    [labels.en]
    arms.control = "control group"

    """

    private func trial(_ extra: String) throws(TrialModelError) -> TrialDefinition {
        try TrialDefinition(toml: TrialDefinition.exampleTOML + extra, file: "t.toml")
    }

    private func error(_ extra: String) -> TrialModelError? {
        do { _ = try trial(extra); return nil } catch { return error }
    }

    func testLabelsAreReadPerLanguage() throws {
        let t = try trial(labels)
        XCTAssertEqual(t.labels.danish.trial, "Eksempelforsøg")
        XCTAssertEqual(t.labels.danish.arms, ["treatment": "indsatsgruppen"])
        XCTAssertEqual(t.labels.danish.benefits, ["cash_benefit": "kontanthjælp"])
        XCTAssertEqual(t.labels.danish.statuses, ["moved_away": "fraflyttet"])
        XCTAssertEqual(t.labels.danish.variables, ["origin": "herkomst"])
        XCTAssertEqual(t.labels.danish.values, ["origin": ["non_western": "ikke-vestlig"], "gender": ["female": "kvinde"]])
        XCTAssertEqual(t.labels[.english], LabelTable(arms: ["control": "control group"]))
    }

    func testNoLabelsIsTheDefault() throws {
        let t = try trial("")
        XCTAssertEqual(t.labels, .none)
        XCTAssertNil(t.labels[.danish].trial)
    }

    func testWrongKeysAreNamed() {
        XCTAssertEqual(error("\n[labels.de]\ntrial = \"x\"\n"), .unknownKey(file: "t.toml", key: "labels.de"))
        XCTAssertEqual(error("\n[labels.da]\noutcomes.company_run = \"x\"\n"), .unknownKey(file: "t.toml", key: "labels.da.outcomes"))
        XCTAssertEqual(error("\n[labels.en]\nbenefits.pension = \"x\"\n"), .unknownKey(file: "t.toml", key: "labels.en.benefits.pension"))
        XCTAssertEqual(error("\n[labels.en]\nstatuses.retired = \"x\"\n"), .unknownKey(file: "t.toml", key: "labels.en.statuses.retired"))
        XCTAssertEqual(error("\n[labels.da]\narms.placebo = 3\n"), .wrongType(file: "t.toml", key: "labels.da.arms.placebo", expected: "a string"))
        XCTAssertEqual(error("\n[labels.da]\nvalues.origin = \"x\"\n"), .wrongType(file: "t.toml", key: "labels.da.values.origin", expected: "a table"))
        for (extra, key) in [("arms.placebo = \"x\"", "labels.da.arms.placebo"),
                             ("variables.income = \"x\"", "labels.da.variables.income"),
                             ("values.income.high = \"x\"", "labels.da.values.income"),
                             ("trial = \"\"", "labels.da.trial"),
                             ("arms.control = \"\"", "labels.da.arms.control")] {
            guard case let .impossibleValue(_, named, _, _)? = error("\n[labels.da]\n\(extra)\n") else {
                XCTFail("`\(extra)` accepted"); continue
            }
            XCTAssertEqual(named, key)
        }
    }
}
