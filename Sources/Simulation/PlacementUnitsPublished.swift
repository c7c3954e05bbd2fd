// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring
import TrialModel

extension PlacementUnitsModel {
    /// The published figures the synthetic placement units are calibrated to and reproduced
    /// against (published.csv). A verbal figure keeps its Danish wording; `published` is our
    /// numeric reading of it and `tolerance` how far we read the wording to reach.
    public static let published: [MonitoringFigure] = {
        let s = summaryFile, a = appendixFile
        let intro = "\(s): 36 formidlingsenheder over 5 år", bilag2 = "\(a): Bilag 2"
        let defgo = "\(s): Måling af formidlingsvirksomheden", goals = "\(s): Mål og resultater"
        func count(_ id: String, _ d: String, _ da: String, _ n: String, _ e: MonitoringEstimand, _ src: String) -> MonitoringFigure {
            MonitoringFigure(id, d, wordingDanish: da, published: n, tolerance: "0", unit: .count, estimand: e, source: src)
        }
        func percent(_ id: String, _ d: String, _ da: String, _ n: String, _ tol: String, _ e: MonitoringEstimand, _ src: String) -> MonitoringFigure {
            MonitoringFigure(id, d, wordingDanish: da, published: n, tolerance: tol, unit: .percent, estimand: e, source: src)
        }
        return [
            count("units_n", "Placement units funded", "i alt 36 formidlingsenheder", "36", .countUnits, intro),
            count("units_single_municipality", "Units run by one municipality", "Enkeltkommunale organiseringer (6 enheder)", "6", .countUnitsInForm("single_municipality"), bilag2),
            count("units_one_large_and_smaller", "Units of one large and smaller municipalities", "Én stor kommune og en eller flere mindre kommuner (8 enheder)", "8", .countUnitsInForm("one_large_and_smaller_municipalities"), bilag2),
            count("units_several_small", "Units of several small municipalities", "Flere mindre kommuner (9 enheder)", "9", .countUnitsInForm("several_small_municipalities"), bilag2),
            count("units_one_municipality_af", "Units of one municipality and AF", "Én kommune og AF (5 enheder)", "5", .countUnitsInForm("one_municipality_and_af"), bilag2),
            count("units_several_municipalities_af", "Units of several municipalities and AF", "Flere kommuner og AF (6 enheder)", "6", .countUnitsInForm("several_municipalities_and_af"), bilag2),
            count("units_no_authority_anchor", "Units without an authority anchor", "Organiseringer uden forankring i en myndighedspart (2 enheder)", "2", .countUnitsInForm("no_authority_anchor"), bilag2),
            MonitoringFigure("support_years", "Support period per unit (years)", wordingDanish: "Den økonomiske støtte gjaldt som udgangspunkt i to år",
                             published: "2", tolerance: "0.01", unit: .count, estimand: .meanSupportYears, source: intro),
            count("units_in_extract", "Units in the Defgo extract", "20 formidlingsenheders indberetninger i Defgo-net", "20", .countUnitsWithCases, defgo),
            percent("cash_benefit_share", "Referred citizens on cash benefit at contact (just over half)", "Godt halvdelen af de henviste personer har modtaget kontant- eller starthjælp",
                    "53", "3", .benefitShare("cash_benefit"), defgo),
            MonitoringFigure("waiting_benefit_trend", "Share of referrals on flex-job waiting benefit rising (percentage points per half-year)",
                             wordingDanish: "Andelen af henviste personer på ledighedsydelse er steget", published: "1", tolerance: "1",
                             unit: .percentagePoints, estimand: .benefitTrendSlope("flex_job_waiting_benefit"), source: defgo),
            MonitoringFigure("cash_benefit_trend", "Share of referrals on cash benefit falling slightly (percentage points per half-year)",
                             wordingDanish: "andelen af personer på kontanthjælp er aftaget svagt", published: "-0.5", tolerance: "0.5",
                             unit: .percentagePoints, estimand: .benefitTrendSlope("cash_benefit"), source: defgo),
            count("sickness_benefit_rank", "Sickness-benefit recipients are the second largest group", "sygedagpengemodtagere har været den næststørste gruppe",
                  "2", .benefitRank("sickness_benefit"), defgo),
            percent("municipal_referral_share", "Referred by the participating municipalities (mostly; others minimal)", "primært beskæftiget sig med personer henviste fra de deltagende kommuner",
                    "90", "7", .sourceShare("municipal_referral"), defgo),
            percent("three_main_orders_share", "Orders for ordinary work, internship or flex job (two thirds)", "To tredjedel af de bestilte formidlinger",
                    "66.7", "4", .proposedShare(["ordinary_work", "company_internship", "flex_job"]), defgo),
            percent("ordinary_work_as_proposed", "Ordinary work ordered and arranged (just over half)", "godt halvdelen af tilfældene",
                    "53", "3", .arrangedShare(proposed: "ordinary_work", arranged: ["ordinary_work"]), defgo),
            percent("ordinary_work_sent_back", "Ordinary work ordered, sent back (about 20 %)", "Graden af tilbagevisiteringer har ligget på cirka 20 procent",
                    "20", "3", .arrangedShare(proposed: "ordinary_work", arranged: ["sent_back"]), defgo),
            percent("internship_as_proposed", "Internship ordered and arranged (a little under half)", "lykkedes at foranstalte virksomhedspraktikken i knap halvdelen af tilfældene",
                    "46", "4", .arrangedShare(proposed: "company_internship", arranged: ["company_internship"]), defgo),
            percent("internship_ordinary_or_flex", "Internship ordered, ordinary work or flex job arranged instead (15 %)", "I 15 procent af tilfældene er der dog formidlet ordinært arbejde eller fleksjob i stedet for",
                    "15", "1", .arrangedShare(proposed: "company_internship", arranged: ["ordinary_work", "flex_job"]), defgo),
            percent("internship_sent_back", "Internship ordered, sent back (over 20 %)", "Tilbagevisiteringsgraden har ligget på over 20 procent",
                    "23", "3", .arrangedShare(proposed: "company_internship", arranged: ["sent_back"]), defgo),
            percent("flex_job_as_proposed", "Flex job ordered and arranged (in most cases)", "I de fleste tilfælde er det lykkedes formidlingsenhederne at honorere bestillinger af fleksjob",
                    "75", "15", .arrangedShare(proposed: "flex_job", arranged: ["flex_job"]), defgo),
            percent("flex_job_sent_back", "Flex job ordered, sent back (relatively low)", "Andelen af tilbagevisiteringer på det område har her været relativt lavt",
                    "10", "5", .arrangedShare(proposed: "flex_job", arranged: ["sent_back"]), defgo),
            MonitoringFigure("flex_vs_ordinary_as_proposed", "Flex jobs arranged as ordered more often than ordinary work (percentage points)",
                             wordingDanish: "mere effektive i at formidle fleksjob end ordinært arbejde", published: "15", tolerance: "15",
                             unit: .percentagePoints, estimand: .asProposedDifference("flex_job", "ordinary_work"), source: defgo),
            MonitoringFigure("send_back_trend", "Send-back share rising over the two years (percentage points per half-year)",
                             wordingDanish: "andelen af tilbagevisiteringer faktisk været stigende", published: "1.5", tolerance: "1.5",
                             unit: .percentagePoints, estimand: .sendBackTrendSlope, source: defgo),
            MonitoringFigure("placement_days_flex_vs_ordinary", "Days from contact to placement, flex job vs ordinary work (about equal; ratio of medians)",
                             wordingDanish: "Tiden fra første henvendelse til konkret videreformidling har været nogenlunde lige lang", published: "1", tolerance: "0.2",
                             unit: .count, estimand: .placementDaysRatio("flex_job", "ordinary_work"), source: defgo),
            percent("flex_job_goals_met", "Flex-job goals met (generally met)", "Generelt er det lykkedes formidlingsenhederne at indfri de mål, der vedrører antal etablerede fleksjob",
                    "75", "20", .goalShareMet("flex_jobs"), goals),
            percent("ordinary_job_goals_met", "Ordinary-job goals met (mixed, often below)", "Resultaterne har været mere blandede og ofte under det forventede niveau",
                    "45", "20", .goalShareMet("ordinary_jobs"), goals),
            percent("cash_benefit_reduction_goals_met", "Goals to reduce cash-benefit recipients met (generally not)", "det generelt ikke lykkedes formidlingsenhederne at indfri de mål",
                    "15", "15", .goalShareMet("fewer_cash_benefit_recipients"), goals),
        ]
    }()
}

extension PlacementUnitsSimulator {
    /// units.csv, cases.csv, goals.csv and published.csv, each labelled synthetic.
    public func files() -> TrialFiles {
        let (units, cases, goals) = simulate()
        let label = "SYNTHETIC DATA — not real units or people. Generated by `effekt monitor simulate placement-units --seed \(seed)`, calibrated to the published figures in published.csv (see README.md)."
        return TrialFiles(files: [
            ("units.csv", Array(MonitoringCSVText.units(units, comment: label).utf8)),
            ("cases.csv", Array(MonitoringCSVText.cases(cases, comment: label).utf8)),
            ("goals.csv", Array(MonitoringCSVText.goals(goals, comment: label).utf8)),
            ("published.csv", Array(MonitoringCSVText.figures(PlacementUnitsModel.published, comment: label).utf8)),
        ])
    }
}
