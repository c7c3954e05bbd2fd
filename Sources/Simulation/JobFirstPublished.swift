// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

extension JobFirstModel {
    /// The published figures the synthetic JobFirst trial is calibrated to (published.csv).
    public static let published: [PublishedFigure] = {
        let fig11 = "\(sourceFile): Figur 1-1"
        let ch1 = "\(sourceFile): chapter 1 Resultater"
        let ch2 = "\(sourceFile): chapter 2 (Figur 2-1 and following)"
        let ch3 = "\(sourceFile): chapter 3 (after Figur 3-1)"
        return [
            PublishedFigure("kh_treated_n", "Cash-benefit recipients in JobFirst", published: "1847", unit: .count, population: "cash_benefit", estimand: .countRandomized(.treated), source: fig11),
            PublishedFigure("kh_control_n", "Cash-benefit recipients in the control group", published: "1880", unit: .count, population: "cash_benefit", estimand: .countRandomized(.control), source: fig11),
            PublishedFigure("rf_treated_n", "Resource-programme participants in JobFirst", published: "560", unit: .count, population: "resource_programme", estimand: .countRandomized(.treated), source: fig11),
            PublishedFigure("rf_control_n", "Resource-programme participants in the control group", published: "569", unit: .count, population: "resource_programme", estimand: .countRandomized(.control), source: fig11),
            PublishedFigure("municipalities_n", "Participating municipalities (job centres)", published: "15", unit: .count, population: "all", estimand: .countMunicipalities, source: fig11),
            PublishedFigure("kh_prior_weeks_employed", "Weeks employed in the last 3 years (mean)", published: "2.0", unit: .weeks, population: "cash_benefit", estimand: .baselineMean(column: "prior_weeks_employed"), source: ch1),
            PublishedFigure("rf_prior_weeks_employed", "Weeks employed in the last 3 years (mean)", published: "2.9", unit: .weeks, population: "resource_programme", estimand: .baselineMean(column: "prior_weeks_employed"), source: ch1),
            PublishedFigure("kh_prior_weeks_self_supporting", "Weeks self-supporting in the last 3 years (mean)", published: "4.6", unit: .weeks, population: "cash_benefit", estimand: .baselineMean(column: "prior_weeks_self_supporting"), source: ch1),
            PublishedFigure("rf_prior_weeks_self_supporting", "Weeks self-supporting in the last 3 years (mean)", published: "4.8", unit: .weeks, population: "resource_programme", estimand: .baselineMean(column: "prior_weeks_self_supporting"), source: ch1),
            PublishedFigure("rf_prior_weeks_sick", "Weeks registered sick in the last 3 years (mean)", published: "24.2", unit: .weeks, population: "resource_programme", estimand: .baselineMean(column: "prior_weeks_sick"), source: ch1),
            PublishedFigure("kh_share_paid_hours_w78_treated", "Share with ordinary paid hours about 1.5 years after start (weeks 66-78): JobFirst (a little over 19 %)", published: "19", unit: .percent, population: "cash_benefit", estimand: .treatedMean(.init(outcome: "any_paid_hours", firstWeek: 66, lastWeek: 78)), source: ch1),
            PublishedFigure("kh_share_paid_hours_w78_control", "Share with ordinary paid hours about 1.5 years after start (weeks 66-78): control (a little under 12 %)", published: "12", unit: .percent, population: "cash_benefit", estimand: .controlMean(.init(outcome: "any_paid_hours", firstWeek: 66, lastWeek: 78)), source: ch1),
            PublishedFigure("kh_share_paid_hours_w78_effect", "Effect on the share with ordinary paid hours (weeks 66-78); significant", published: "8", unit: .percentagePoints, population: "cash_benefit", estimand: .effect(.init(outcome: "any_paid_hours", firstWeek: 66, lastWeek: 78)), source: ch1),
            PublishedFigure("kh_hours_w78_treated", "Ordinary paid hours per week (weeks 66-78): JobFirst", published: "4.6", unit: .hoursPerWeek, population: "cash_benefit", estimand: .treatedMean(.init(outcome: "paid_hours", firstWeek: 66, lastWeek: 78)), source: ch1),
            PublishedFigure("kh_hours_w78_control", "Ordinary paid hours per week (weeks 66-78): control", published: "2.75", unit: .hoursPerWeek, population: "cash_benefit", estimand: .controlMean(.init(outcome: "paid_hours", firstWeek: 66, lastWeek: 78)), source: ch1),
            PublishedFigure("kh_hours_w78_effect", "Effect on ordinary paid hours per week (weeks 66-78); derived as 4.6 - 2.75; significant", published: "1.85", unit: .hoursPerWeek, population: "cash_benefit", estimand: .effect(.init(outcome: "paid_hours", firstWeek: 66, lastWeek: 78)), source: ch1),
            PublishedFigure("rf_hours_w78_effect", "Effect on ordinary paid hours per week in resource programmes (weeks 66-78): slightly higher; not significant (0 = no detectable difference)", published: "0", unit: .hoursPerWeek, population: "resource_programme", estimand: .effect(.init(outcome: "paid_hours", firstWeek: 66, lastWeek: 78)), source: ch1),
            PublishedFigure("kh_hours_w78_relative_effect", "Ordinary paid hours relative to control (about 67 % more); significant", published: "67", unit: .percent, population: "cash_benefit", estimand: .relativeEffect(.init(outcome: "paid_hours", firstWeek: 66, lastWeek: 78)), source: ch2),
            PublishedFigure("company_run_13_treated_w78", "Completed 13 consecutive weeks of company-directed activity within 1.5 years: JobFirst", published: "64", unit: .percent, population: "all", estimand: .treatedShareCompanyRunByWeek(78), source: ch1),
            PublishedFigure("company_run_13_effect_w78", "Completed 13 consecutive weeks of company-directed activity: difference to control (close to 30 points)", published: "30", unit: .percentagePoints, population: "all", estimand: .effect(.init(outcome: "company_run", firstWeek: 66, lastWeek: 78)), source: ch1),
            PublishedFigure("company_run_13_treated_w26", "Completed 13 consecutive weeks of company-directed activity after 26 weeks: JobFirst (a little under one in three)", published: "33", unit: .percent, population: "all", estimand: .treatedShareCompanyRunByWeek(26), source: ch3),
            PublishedFigure("hazard_ratio_losing_hours", "Hazard of losing ordinary hours: JobFirst vs control (23 % less likely)", published: "0.77", unit: .hazardRatio, population: "all", estimand: .hazardRatio(id: "losing_paid_hours"), source: ch2),
            PublishedFigure("kh_effect_max_municipality", "Largest job-centre effect on the share with ordinary hours (a little over 20 points; the smallest none)", published: "20", unit: .percentagePoints, population: "cash_benefit", estimand: .maxSiteEffect(.init(outcome: "any_paid_hours", firstWeek: 66, lastWeek: 78)), source: ch2),
        ]
    }()
}
