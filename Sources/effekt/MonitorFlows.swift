// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import ProgrammeMonitoring

/// `effekt monitor flows [--data DIR] [--unit U | --form F]`: the case flow of a scope.
struct MonitorFlows: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flows",
        abstract: "Case flow: referral mix, proposed × arranged (row %), send-back rates and trend, time to placement.",
        discussion: "The send-back trend is the Cochran–Armitage test over half-years of contact; time to placement is "
            + "cumulative incidence (Aalen–Johansen) with send-back and interruption as competing events.\n\n"
            + "Example:\n  $ effekt monitor flows --form several_small_municipalities")

    @OptionGroup var folder: MonitorFolder

    @Option(help: "Only this unit's cases.")
    var unit: String?

    @Option(help: "Only cases of units with this organisation form.")
    var form: String?

    func run() throws {
        let register = try folder.register()
        let scope: CaseScope
        if let unit {
            guard register.units.contains(where: { $0.id == unit }) else { throw AnalysisCommandError("No unit '\(unit)' in units.csv.") }
            scope = .unit(unit)
        } else if let form {
            guard let f = OrganisationForm(rawValue: form) else {
                throw AnalysisCommandError("Unknown organisation form '\(form)'; use one of \(OrganisationForm.spellings.joined(separator: ", ")).")
            }
            scope = .organisationForm(f)
        } else {
            scope = .overall
        }
        let cases = register.cases(in: scope)
        let flow = CaseFlow(cases, scope: scope)
        print("Scope \(scope): \(flow.caseCount) cases.\n")
        var mix = TextTable(["benefit at contact", "cases", "%"])
        for b in BenefitAtContact.allCases { mix.append([b.rawValue, "\(flow.byBenefit[b] ?? 0)", percentText(flow.share(b))]) }
        print(mix.rendered + "\n")
        var sources = TextTable(["contact source", "cases", "%"])
        for s in ContactSource.allCases { sources.append([s.rawValue, "\(flow.bySource[s] ?? 0)", percentText(flow.share(s))]) }
        print(sources.rendered + "\n")
        var byPeriod = TextTable(["half-year", "cases"] + BenefitAtContact.allCases.map { $0.rawValue + " %" })
        for p in flow.referralPeriods {
            byPeriod.append([p.period.description, "\(p.cases)"] + BenefitAtContact.allCases.map { percentText(Double(p.byBenefit[$0] ?? 0) / Double(p.cases)) })
        }
        print(byPeriod.rendered)
        for b in BenefitAtContact.allCases {
            if let trend = flow.benefitTrend(b) {
                print("Trend in \(b.rawValue) share (Cochran–Armitage): \(NumberText.fixed(trend.slope * 100, 2)) points per half-year, "
                      + "p = \(NumberText.significant(trend.pValue, 3)).")
            }
        }
        print("")
        let shown = Intervention.arrangeable.filter { a in flow.rows.contains { ($0.arranged[a] ?? 0) > 0 } }
        var table = TextTable(["proposed", "cases", "decided", "open"] + shown.map { $0.rawValue + " %" })
        for r in flow.rows { table.append([r.proposed.rawValue, "\(r.cases)", "\(r.decided)", "\(r.open)"] + shown.map { percentText(r.rowShare($0)) }) }
        print(table.rendered + "\n")
        var periods = TextTable(["half-year", "decided", "sent back", "%"])
        for p in flow.periods { periods.append([p.period.description, "\(p.decided)", "\(p.sentBack)", percentText(Double(p.sentBack) / Double(p.decided))]) }
        print(periods.rendered)
        if let trend = flow.sendBackTrend {
            print("Send-back trend (Cochran–Armitage, \(trend.groups) half-years): \(NumberText.fixed(trend.slope * 100, 2)) points per half-year, "
                  + "chi-square \(NumberText.fixed(trend.chiSquare, 2)), p = \(NumberText.significant(trend.pValue, 3)).\n")
        }
        guard let extract = register.latestDate else { return }
        let ttp = try TimeToPlacement(cases, extractDate: extract)
        var times = TextTable(["proposed", "cases", "placed %", "sent back %", "interrupted %", "median days to placement"])
        for g in ttp.groups {
            times.append([g.proposed.rawValue, "\(g.curve.observationCount)"] + g.finalIncidence.map(percentText)
                         + [g.medianDaysToPlacement.map { NumberText.fixed($0, 0) } ?? "not reached"])
        }
        print("Time from contact to placement (Aalen–Johansen; open cases censored at \(extract)):")
        print(times.rendered)
    }
}
