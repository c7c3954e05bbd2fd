// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialAnalysis
import XCTest
@testable import Reporting
import TrialModel

/// The numbers in the reports are the numbers in the results, formatted per language; counts
/// of 1–4 and estimates on fewer than 5 people are suppressed; the summary's words follow the
/// numbers.
final class ReportContentTests: XCTestCase {
    let results = ReportSetTests.results

    func files(_ language: ReportLanguage) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ReportSet(results: results, language: language).files().map { ($0.path, $0.contents) })
    }

    /// The Markdown table rows of `text` as arrays of cell texts.
    func tableRows(_ text: String) -> [[String]] {
        text.split(separator: "\n").filter { $0.hasPrefix("| ") }.map { line in
            line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
        }
    }

    func testHeadlineRowsEqualTheResultsFormattedPerLanguage() throws {
        for language in ReportLanguage.allCases {
            let style = NumberStyle(language: language)
            let strings = language.strings
            let files = files(language)
            var checked = 0
            for cell in results.cells {
                let rows = tableRows(try XCTUnwrap(files[cell.scope.key + ".md"]))
                let smallestArm = cell.consort.randomized.map(\.count).min() ?? 0
                for estimate in cell.headline where min(estimate.n, smallestArm) >= 5 {
                    let row = try XCTUnwrap(rows.first { $0.first == strings.outcome(estimate.outcome) && $0.count > 8 },
                                            "\(cell.scope.key): no row for \(estimate.id)")
                    let share = OutcomeScale(estimate.outcome) == .share
                    let level: (Double) -> String = { share ? style.percent($0) : style.decimal($0, digits: 2) }
                    let diff: (Double) -> String = { share ? style.decimal($0 * 100, digits: 1) : style.decimal($0, digits: 2) }
                    let unit = strings[share ? .percentagePoints : .hoursPerWeek]
                    XCTAssertEqual(row[2], level(estimate.controlMean))
                    XCTAssertEqual(row[3], level(estimate.treatedMean))
                    // Column 4 is the unadjusted difference (absent in this fixture), then the effect and its interval.
                    XCTAssertEqual(row[5], "+\(diff(estimate.effect)) \(unit)")
                    XCTAssertEqual(row[6], "[\(diff(estimate.confLow)); \(diff(estimate.confHigh))]")
                    XCTAssertTrue(row.contains(style.pValue(estimate.pValue)))
                    if let ri = estimate.riPValue { XCTAssertTrue(row.contains(style.pValue(ri))) }
                    XCTAssertEqual(row.last, style.integer(estimate.n))
                    checked += 1
                }
            }
            XCTAssertGreaterThanOrEqual(checked, 9)
        }
    }

    func testSpotNumbersInDanishAndEnglish() throws {
        let da = files(.danish), en = files(.english)
        let cashDa = try XCTUnwrap(da["cash_benefit.md"]), cashEn = try XCTUnwrap(en["cash_benefit.md"])
        XCTAssertTrue(cashDa.contains("| 11,8 % | 19,2 % | – | +7,4 procentpoint | [5,1; 9,7] |"))
        XCTAssertTrue(cashEn.contains("| 11.8 % | 19.2 % | – | +7.4 percentage points | [5.1; 9.7] |"))
        XCTAssertTrue(cashDa.contains("| Randomiseret | 1.880 | 1.847 |"), cashDa.split(separator: "\n").filter { $0.contains("Randomiseret |") }.joined())
        XCTAssertTrue(cashEn.contains("| Randomised | 1,880 | 1,847 |"))
        XCTAssertTrue(cashDa.contains("| 0,77 | [0,64; 0,92] | 0,005 | 1.210 | 820 | 602 |"))
        XCTAssertTrue(cashDa.contains("| Aarhus | 6,2 % | +20,5 procentpoint | [14,6; 26,4] | < 0,001 |"))
        XCTAssertTrue(cashDa.contains("| Kontrolgruppens succesrate | -0,812 | [-1,224; -0,401] | 0,001 | 3 | delt kontrolgruppe |"))
        XCTAssertTrue(cashDa.contains("Q = 23,41, frihedsgrader = 2, p < 0,001"))
        XCTAssertTrue(cashDa.contains("| 4,6 (9,2) | 1.880 |"))
        XCTAssertTrue(da["overall.md"]!.contains("| Tilmeldt | 4.856 |"))
        XCTAssertTrue(da["overall-consort.svg"]!.contains("N = 4.856"))
        XCTAssertTrue(en["overall-consort.svg"]!.contains("N = 4,856"))
        XCTAssertTrue(da["overall-forest.svg"]!.contains("+20,5 [14,6; 26,4]"))
        XCTAssertTrue(da["overall-forest.svg"]!.contains("+6,5 [4,3; 8,8]"))   // the overall headline row
        XCTAssertTrue(da["overall.md"]!.contains("| 2,41 | 3,87 | – | +1,46 timer/uge | [0,90; 2,02] |"))
        // Footer: hashes, seed, version and the exact command.
        for text in [cashDa, cashEn] {
            XCTAssertTrue(text.contains("| `roster.csv` | `ab12cd34ef56` |"))
            XCTAssertTrue(text.contains("`20160301`"))
            XCTAssertTrue(text.contains("`0.4.0`"))
            XCTAssertTrue(text.contains("```\neffekt report --lang da --out reports\n```"))
            XCTAssertTrue(text.contains("HC2") && text.contains("OpenBLAS 0.3.21"))
        }
    }

    func testCountsOfOneToFourAndSmallEstimatesAreSuppressed() throws {
        let da = files(.danish)
        let small = try XCTUnwrap(da["soroe__resource_programme.md"])
        XCTAssertTrue(small.contains("| Randomiseret | < 5 | < 5 |"))
        XCTAssertTrue(small.contains("| Tilmeldt | 7 |"))
        // The headline compares arms of 3 and 4 people: every number but N is hidden.
        let headline = try XCTUnwrap(tableRows(small).first { $0.first == "Andel med ordinære løntimer" })
        XCTAssertTrue(headline[2...].dropLast().allSatisfy { $0 == ".." || $0 == "–" }, "\(headline)")
        XCTAssertEqual(headline[2], "..")
        XCTAssertEqual(headline.last, "7")
        XCTAssertFalse(small.contains("12,8 %"))
        XCTAssertFalse(small.contains("+5,6"))
        XCTAssertFalse(da.keys.contains { $0.hasPrefix("soroe__resource_programme-km") }, "KM curves of arms under 5 are drawn")
        XCTAssertTrue(da["soroe__resource_programme-consort.svg"]!.contains("N = &lt; 5"))
        // A lost count of 3 in a large cell.
        XCTAssertTrue(da["overall.md"]!.contains("| Udgået før opfølgningens slut: fraflyttet | 31 | < 5 |"))
        // A site of 4 people and a subgroup of 3 people.
        let overall = try XCTUnwrap(da["overall.md"])
        XCTAssertTrue(overall.contains("| Sorø | .. | .. | .. | .. |"))
        XCTAssertFalse(overall.contains("+10,0"))
        XCTAssertFalse(da["overall-forest.svg"]!.contains("+10,0"))
        let subgroup = try XCTUnwrap(tableRows(overall).first { $0.first == "Caseworker_change" })
        XCTAssertEqual(subgroup[3], "..")
        XCTAssertEqual(subgroup[6], "< 5")
        XCTAssertEqual(subgroup[8], "eksplorativ")
        XCTAssertTrue(tableRows(overall).contains { $0.first == "Køn" && $0.last == "forhåndsspecificeret" })
        // The rule is documented in every report and the index.
        for (path, text) in da where path.hasSuffix(".md") {
            XCTAssertTrue(text.contains("Tal, der beskriver færre end 5 personer, vises ikke."), path)
        }
    }

    func testDanishReportsUseTheDecimalCommaAndEnglishTheDecimalPoint() {
        let englishDecimal = try! NSRegularExpression(pattern: "\\d\\.\\d{1,2}(?!\\d)")
        let danishDecimal = try! NSRegularExpression(pattern: "\\d,\\d{1,2}(?!\\d)")
        for (language, forbidden) in [(ReportLanguage.danish, englishDecimal), (.english, danishDecimal)] {
            for (path, text) in files(language) where path.hasSuffix(".md") {
                // Tables and the summary; the methods list quotes the analysis' own texts.
                let lines = text.split(separator: "\n").filter { $0.hasPrefix("| ") || $0.hasPrefix("**") }
                for line in lines where !line.contains("`") {
                    let s = String(line)
                    XCTAssertNil(forbidden.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)), "\(language) \(path): \(s)")
                }
            }
        }
        XCTAssertTrue(files(.danish)["overall.md"]!.contains("18,4 %"))
        XCTAssertTrue(files(.english)["overall.md"]!.contains("18.4 %"))
    }

    func testSummaryWordsFollowTheNumbers() throws {
        let da = files(.danish), en = files(.english)
        XCTAssertTrue(da["cash_benefit.md"]!.contains("Forskellen er klart statistisk signifikant (p < 0,001)"))
        XCTAssertTrue(en["cash_benefit.md"]!.contains("The difference is clearly statistically significant (p < 0.001)"))
        let rpDa = try XCTUnwrap(da["resource_programme.md"]), rpEn = try XCTUnwrap(en["resource_programme.md"])
        XCTAssertTrue(rpDa.contains("Forskellen er ikke statistisk signifikant (p = 0,234)"))
        XCTAssertTrue(rpDa.contains("for lille til at påvise en effekt af samme størrelse som den samlede effekt (+1,46 timer/uge)"))
        XCTAssertTrue(rpDa.contains("80 % styrke, er 0,51 timer/uge"))
        XCTAssertTrue(rpEn.contains("The difference is not statistically significant (p = 0.234)"))
        XCTAssertTrue(rpEn.contains("too small to detect an effect as large as the overall effect (+1.46 hours/week)"))
        XCTAssertTrue(da["aalborg__cash_benefit.md"]!.contains("statistisk signifikant på 5 %-niveau (p = 0,016)"))
        XCTAssertTrue(en["overall.md"]!.contains("stays significant after Holm's correction"))
        XCTAssertTrue(en["overall.md"]!.contains("The effects differ significantly between municipalities"))
        XCTAssertTrue(en["overall.md"]!.contains("hazard ratio 0.77 [0.64; 0.92]"))
        XCTAssertTrue(da["cash_benefit.md"]!.hasPrefix("# Effektmåling: JobFirst – Kontanthjælp\n"))
        XCTAssertTrue(en["aarhus__resource_programme.md"]!.hasPrefix("# Effect evaluation: JobFirst – Aarhus, resource programme\n"))
        XCTAssertTrue(da["aarhus__resource_programme.md"]!.contains("| Kontrolgruppen | fleksjob | 48 |"))
    }

    /// A municipality without a site effect is named with the reason, in each language.
    func testMunicipalitiesWithoutASiteEffectSayWhy() throws {
        let danish = try XCTUnwrap(files(.danish)["overall.md"])
        XCTAssertTrue(danish.contains("Kommuner uden effekt: Lolland ("), danish)
        let english = try XCTUnwrap(files(.english)["overall.md"])
        XCTAssertTrue(english.contains("Municipalities without an effect: Lolland ("), english)
        // A results file written before the omissions existed still reads.
        let old = #"{"outcome":"any_paid_hours","sites":[],"equalityStatistic":0,"equalityDegreesOfFreedom":0,"equalityPValue":1,"metaRegressions":[]}"#
        XCTAssertEqual(try JSONDecoder().decode(SiteHeterogeneity.self, from: Data(old.utf8)).omitted, [])
    }
}
