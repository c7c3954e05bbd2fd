// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring
import TrialModel

extension MonitoringReportSet {
    /// The monitoring reports as the intruder of `DisclosureAudit` reads them, in both languages:
    /// a unit's report adds up into its organisation form's (`forms/<form>.md`), a form's into
    /// the overview (`index.md`); counts are the cases, decided and sent-back columns; in the
    /// referral-by-half-year and proposed × arranged tables the percentages are shares of the
    /// row's total and add up to it; the referral mix tables end with their total row.
    /// (The time-to-placement percentages are Aalen–Johansen estimates, not shares of the row's
    /// cases, so they are not read as counts; their counts are protected by the same ledger.)
    public static func auditLayout(units: [PlacementUnit]) -> DisclosureAudit.Layout {
        let forms = Dictionary(units.map { ($0.id, $0.organisationForm.rawValue) }, uniquingKeysWith: { a, _ in a })
        var counts = Set<String>(), rowShares = [String: (total: String, parts: [String])](), totals = [String: String]()
        for language in ReportLanguage.allCases {
            let t = MonitoringTexts(language: language)
            counts.formUnion([t.text(.cases), t.text(.decided), t.text(.sentBack)])
            rowShares[t.text(.proposed)] = (t.text(.decided), [t.text(.asProposed), t.text(.otherArrangement), t.text(.sentBack)])
            rowShares[t.text(.halfYear)] = (t.text(.cases), [t.name(BenefitAtContact.cashBenefit), t.name(BenefitAtContact.sicknessBenefit),
                                                            t.name(BenefitAtContact.flexJobWaitingBenefit), t.text(.otherBenefits)])
            totals[t.text(.benefitAtContact)] = t.text(.cases)
            totals[t.text(.contactSource)] = t.text(.cases)
        }
        return DisclosureAudit.Layout(parent: { file in
            if file.hasPrefix("units/") { return forms[String(file.dropFirst(6).dropLast(3))].map { "forms/\($0).md" } }
            return file.hasPrefix("forms/") ? "index.md" : nil
        }, countColumns: counts, rowShares: rowShares, columnTotals: totals)
    }

    /// The intruder's attack on these reports (the Markdown of the overview, the forms and the
    /// units; the cooperation trials count trials, not persons): every person count it rebuilds
    /// below the threshold. Empty for a report set that protects every count.
    public static func disclosureLeaks(of files: [ReportFile], units: [PlacementUnit], threshold: Int) -> [DisclosureAudit.Leak] {
        let reports = files.filter { $0.path.hasSuffix(".md") && $0.path != "cooperation-trials.md" }.map { (name: $0.path, text: $0.contents) }
        return DisclosureAudit(threshold: threshold, layout: auditLayout(units: units)).leaks(in: reports)
    }
}
