// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel

/// The monitoring estimands join `Estimand`: parsed from their text, written back the same way,
/// and a bad argument refused.
final class MonitoringEstimandTests: XCTestCase {
    func testRoundTrip() {
        let texts = ["count_units", "count_units_in_form:single_municipality", "count_units_with_cases", "mean_support_years",
                     "benefit_share:cash_benefit", "benefit_rank:sickness_benefit", "source_share:municipal_referral",
                     "proposed_share:ordinary_work+company_internship+flex_job", "arranged_share:ordinary_work>sent_back",
                     "arranged_share:company_internship>ordinary_work+flex_job", "as_proposed_difference:flex_job-ordinary_work",
                     "send_back_trend_slope", "benefit_trend_slope:cash_benefit", "placement_days_ratio:flex_job/ordinary_work", "goal_share_met:flex_jobs"]
        for text in texts {
            guard case .monitoring(let m)? = Estimand(parsing: text) else { XCTFail(text); continue }
            XCTAssertEqual(m.description, text)
        }
        XCTAssertEqual(Estimand(parsing: "arranged_share:ordinary_work>sent_back"),
                       .monitoring(.arrangedShare(proposed: "ordinary_work", arranged: ["sent_back"])))
        XCTAssertTrue(MonitoringEstimand.kinds.allSatisfy(Estimand.kinds.contains))
    }

    func testBadArgumentsAreRefused() {
        for bad in ["count_units:3", "benefit_share", "benefit_share:", "arranged_share:ordinary_work", "arranged_share:>sent_back",
                    "proposed_share:a++b", "as_proposed_difference:flex_job", "placement_days_ratio:a/", "send_back_trend_slope:1",
                    "goal_share_met:a+b"] {
            XCTAssertNil(Estimand(parsing: bad), bad)
        }
    }
}
