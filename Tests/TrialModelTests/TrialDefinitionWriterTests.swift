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
        "[tariff]", "provider_arm", "currency", "fixed_fee_per_referral", "bonus_first_internship_or_work_trial",
        "bonus_flex_job_2_months", "bonus_flex_job_4_months", "control_cost_per_citizen_month",
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
        .withTariff(Tariff(providerArm: "other_actor", currency: "EUR",
                           amounts: [.referral: 1000, .firstInternshipOrWorkTrial: 2000, .flexJobTwoMonths: 3000, .flexJobFourMonths: 0],
                           controlCostPerCitizenMonth: 150))

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

extension TrialDefinition {
    func withTariff(_ t: Tariff) -> TrialDefinition { var d = self; d.tariff = t; return d }
}

/// `[tariff]`: every amount required and non-negative, the provider arm an arm other than the control.
final class TariffTests: XCTestCase {

    func testTariffIsReadWithItsAmounts() throws {
        let t = try TrialDefinition(toml: TrialDefinitionWriterTests.full.toml(), file: "trial.toml").tariff
        XCTAssertEqual(t?.amount(.firstInternshipOrWorkTrial), 2000)
        XCTAssertEqual(t?.amount(.flexJobFourMonths), 0)
        XCTAssertEqual(t?.currency, "EUR")
        XCTAssertEqual(t?.controlCostPerCitizenMonth, 150)
    }

    func testBadTariffsAreRefusedNamingTheKey() {
        let text = TrialDefinitionWriterTests.full.toml()
        let cases: [(String, String, String)] = [
            ("provider_arm = \"other_actor\"", "provider_arm = \"municipality\"", "tariff.provider_arm"),
            ("provider_arm = \"other_actor\"", "provider_arm = \"nobody\"", "tariff.provider_arm"),
            ("bonus_flex_job_2_months = 3000", "bonus_flex_job_2_months = -5", "tariff.bonus_flex_job_2_months"),
            ("bonus_flex_job_2_months = 3000", "bonus_flex_job_2_months = 3000.5", "tariff.bonus_flex_job_2_months"),
            ("bonus_flex_job_2_months = 3000\n", "", "tariff.bonus_flex_job_2_months"),
            ("currency = \"EUR\"", "currency = \"EUR\"\nbonus = 3", "tariff.bonus"),
        ]
        for (from, to, key) in cases {
            XCTAssertTrue(text.contains(from), from)
            XCTAssertThrowsError(try TrialDefinition(toml: text.replacingOccurrences(of: from, with: to), file: "trial.toml"), to) { e in
                XCTAssertTrue("\(e)".contains(key), "\(e)")
            }
        }
    }
}
