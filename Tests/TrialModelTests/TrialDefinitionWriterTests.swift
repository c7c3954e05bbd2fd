// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
@testable import TrialModel

/// The trial.toml writer: a definition that uses every key the loader accepts is written and
/// read back equal; `effekt init`'s commented example parses as `TrialDefinition.example`.
final class TrialDefinitionWriterTests: XCTestCase {
    /// Every key of the format, as docs/DATA-FORMATS.md lists them.
    static let everyKey = [
        "name", "description", "language", "start_date", "follow_up_weeks", "control_arm",
        "[[arms]]", "ratio", "[randomization]", "design", "strata", "block_sizes", "seed", "assumed",
        "[baseline]", "covariates", "categorical", "[[windows]]", "first_week", "last_week",
        "[[subgroups]]", "variable", "prespecified", "[outcomes]", "company_run_weeks", "competing_exits", "primary_exit",
        "[reporting]", "min_persons", "min_per_arm_per_parameter", "min_events_per_arm",
        "[labels.da]", "[labels.en]", "trial", "arms.", "benefits.", "statuses.", "variables.", "values.",
    ]

    static let full = TrialDefinition(
        name: "Every key \"quoted\" \\ trial", description: "Tab\there, line\nbreak, ø and é.", language: .danish,
        startDate: CalendarDate(year: 2005, month: 10, day: 1), followUpWeeks: 52, controlArm: "municipality",
        arms: [Arm(name: "municipality", ratio: 1), Arm(name: "other_actor", ratio: 2)],
        design: .permutedBlocks, strata: ["municipality", "benefit"], blockSizes: [3, 6], seed: 9_000_000_000_000_000_000,
        baselineCovariates: ["age", "waited_weeks"], categoricalCovariates: ["origin", "age_group"],
        windows: [OutcomeWindow(name: "8 months", weeks: 35...35), OutcomeWindow(name: "1 year", weeks: 40...52)],
        subgroups: [Subgroup(variable: "gender", prespecified: true), Subgroup(variable: "age_group", prespecified: false)],
        companyRunWeeks: 8, competingExits: [.flexJob, .disabilityPension, .movedAway], primaryExit: .flexJob,
        reporting: ReportingPolicy(minPersons: 3, minPerArmPerParameter: 12, minEventsPerArm: 20),
        labels: TrialLabels(
            danish: LabelTable(trial: "Forsøget", arms: ["municipality": "kommunen", "other_actor": "anden aktør"],
                               benefits: ["cash_benefit": "kontanthjælp"], statuses: ["flex_job": "fleksjob"],
                               variables: ["waited_weeks": "ventetid"], values: ["age_group": ["50+": "50 år og derover", "30-49": "30–49 år"]]),
            english: LabelTable(trial: "The trial", arms: ["other_actor": "other actor"], values: ["origin": ["non_western": "non-Western"]])))

    func testADefinitionWithEveryKeyIsWrittenAndReadBackEqual() throws {
        let text = Self.full.toml(header: ["a header", ""])
        let back = try TrialDefinition(toml: text, file: "trial.toml")
        XCTAssertEqual(back, Self.full, text)
        var external = Self.full
        external.design = .external
        external.assumedDesign = .permutedBlocks
        let both = text + external.toml()
        for key in Self.everyKey {
            XCTAssertTrue(both.contains("\n\(key)") || both.contains(key + " ="), "\(key) not written:\n\(both)")
        }
        XCTAssertTrue(text.hasPrefix("# a header\n#\n"))
        XCTAssertTrue(text.contains("values.age_group.\"50+\" = \"50 år og derover\""), text)
        // Writing what was read gives the same text: one canonical form.
        XCTAssertEqual(back.toml(header: ["a header", ""]), text)
    }

    /// An external design with its assumed design reads back equal too.
    func testAnExternalDesignKeepsItsAssumedDesign() throws {
        var external = Self.full
        external.design = .external
        external.assumedDesign = .permutedBlocks
        let text = external.toml()
        XCTAssertTrue(text.contains("design = \"external\"\nassumed = \"permuted_blocks\""), text)
        XCTAssertEqual(try TrialDefinition(toml: text, file: "trial.toml"), external)
    }

    func testDefaultsAreLeftOut() throws {
        let text = TrialDefinition.example.toml()
        XCTAssertFalse(text.contains("[reporting]"))
        XCTAssertFalse(text.contains("[labels"))
        XCTAssertFalse(text.contains("competing_exits"))
        XCTAssertEqual(try TrialDefinition(toml: text, file: "t.toml"), .example)
    }

    func testTheInitExampleIsTheExampleDefinitionWithComments() throws {
        XCTAssertEqual(try TrialDefinition(toml: TrialDefinition.exampleTOML, file: "trial.toml"), .example)
        XCTAssertTrue(TrialDefinition.exampleTOML.contains("seed = 20160301                         # a non-negative integer"))
    }

    func testControlCharactersAreEscaped() {
        XCTAssertEqual(TOMLText.quoted("a\u{1}b\u{7F}\"\\"), "\"a\\u0001b\\u007F\\\"\\\\\"")
        XCTAssertEqual(TOMLText.key("non_western"), "non_western")
        XCTAssertEqual(TOMLText.key("a b"), "\"a b\"")
    }
}
