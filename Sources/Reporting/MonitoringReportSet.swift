// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring
import TrialModel

/// The monitoring reports of the placement units and the cooperation trials in one language:
/// `index.md` (overview) with `send-back.svg`, `units/<unit>.md` per unit, and
/// `cooperation-trials.md` with `assessments.svg`. Person counts follow the trial reports'
/// disclosure rule (`ReportingPolicy.minPersons`); counts of units, goals and trials are shown.
public struct MonitoringReportSet: Sendable {
    public let register: CaseRegister
    public let goals: [UnitGoal]
    public let assessments: [StagedAssessment]
    public let language: ReportLanguage
    public let policy: ReportingPolicy
    /// Whether the data are synthetic (the reports say so).
    public let synthetic: Bool
    /// While recording, the rows of every report go here; once solved together, the ledger
    /// gives every count its state (`MonitoringDisclosure`).
    var recorder: MonitoringDisclosureLedger.Recorder? = nil
    var ledger: MonitoringDisclosureLedger? = nil

    public init(register: CaseRegister, goals: [UnitGoal], assessments: [StagedAssessment], language: ReportLanguage,
                policy: ReportingPolicy = .standard, synthetic: Bool) {
        self.register = register
        self.goals = goals
        self.assessments = assessments
        self.language = language
        self.policy = policy
        self.synthetic = synthetic
    }

    var texts: MonitoringTexts { MonitoringTexts(language: language) }
    var style: NumberStyle { language.numberStyle }
    var disclosure: MonitoringDisclosure { disclosure(scope: "") }

    func disclosure(scope: String) -> MonitoringDisclosure {
        MonitoringDisclosure(threshold: policy.minPersons, scope: scope, recorder: recorder, ledger: ledger)
    }

    /// The person counts of every report, suppressed together: a first rendering records every
    /// table row of every report, the ledger solves them with the sums across reports (the
    /// overview = Σ forms, a form = Σ its units), and the files are rendered with its states.
    var solvedTogether: MonitoringReportSet {
        var recording = self
        recording.recorder = MonitoringDisclosureLedger.Recorder()
        _ = recording.renderedFiles()
        var solved = self
        let forms = Dictionary(register.units.map { ($0.id, $0.organisationForm.rawValue) }, uniquingKeysWith: { a, _ in a })
        solved.ledger = MonitoringDisclosureLedger(rows: recording.recorder!.rows, parent: { scope in
            if scope.hasPrefix("unit:") { return forms[String(scope.dropFirst(5))].map { "form:" + $0 } }
            return scope.hasPrefix("form:") ? "" : nil
        }, threshold: policy.minPersons)
        return solved
    }

    /// Person counts the suppression could not protect across the reports (empty for every
    /// register seen so far; `monitor report --disclosure-check` fails when not).
    public var unprotectedCounts: [String] {
        (solvedTogether.ledger?.unprotected ?? []).map { "\($0.scope.isEmpty ? "overview" : $0.scope) › \($0.table) › \($0.row) › \($0.position)" }
    }

    public func files() -> [ReportFile] { (ledger == nil ? solvedTogether : self).renderedFiles() }

    /// Every file with the ledger's states, or, without a ledger, each table row suppressed
    /// alone (the recording pass; never published).
    func renderedFiles() -> [ReportFile] {
        // The overview's chart and the forms' charts are drawn on common days (`incidenceDays`).
        let days = incidenceDays()
        var out = [ReportFile(path: "index.md", contents: overview()), ReportFile(path: "send-back.svg", contents: sendBackChart()),
                   ReportFile(path: "time-to-placement.svg", contents: incidenceChart(register.cases, days: days.overview))]
        for unit in register.units { out.append(ReportFile(path: "units/\(unit.id).md", contents: unitReport(unit))) }
        for form in formsWithCases {
            out.append(ReportFile(path: "forms/\(form.rawValue).md", contents: formReport(form)))
            out.append(ReportFile(path: "forms/\(form.rawValue)-time-to-placement.svg",
                                  contents: incidenceChart(register.cases(in: .organisationForm(form)), days: days.forms)))
        }
        if !assessments.isEmpty {
            out.append(ReportFile(path: "cooperation-trials.md", contents: cooperationReport()))
            out.append(ReportFile(path: "assessments.svg", contents: assessmentChart()))
        }
        return out
    }

    // MARK: - Overview

    func overview() -> String {
        let t = texts
        var doc = MarkdownDocument()
        doc.heading(t.text(.overviewTitle), level: 1)
        doc.paragraph(t.text(.overviewIntro) + (synthetic ? " " + t.text(.syntheticNote) : ""))
        doc.heading(t.text(.sectionUnits), level: 2)
        let withCases = Set(register.cases.map(\.unit))
        let summary = GoalSummary(goals: goals, units: register.units)
        var rows = [[String]]()
        for form in OrganisationForm.allCases {
            let units = register.units.filter { $0.organisationForm == form }
            guard !units.isEmpty else { continue }
            let counts = summary.byOrganisationForm.first { $0.form == form }?.counts
            rows.append([t.name(form), style.integer(units.count), style.integer(units.filter { withCases.contains($0.id) }.count),
                         style.integer(counts?.total ?? 0)] + GoalGrade.allCases.map { style.integer(counts?.count($0) ?? 0) })
        }
        doc.table(header: [t.text(.organisationForm), t.text(.units), t.text(.unitsWithCases), t.text(.goals)] + GoalGrade.allCases.map(\.rawValue),
                  rows: rows, rightAligned: Set(1...(3 + GoalGrade.allCases.count)))
        caseSections(&doc, register.cases, scope: "", chart: true, incidenceChart: "time-to-placement.svg")
        doc.heading(t.text(.sectionGoals), level: 2)
        doc.table(header: [t.text(.goalType), t.text(.goals)] + GoalGrade.allCases.map(\.rawValue) + [t.text(.preliminary)],
                  rows: summary.byType.map { type, c in [t.name(type), style.integer(c.total)] + c.byGrade.map(style.integer) + [style.integer(c.preliminary)] },
                  rightAligned: Set(1...(2 + GoalGrade.allCases.count)))
        doc.heading(t.text(.sectionFormReports), level: 2)
        doc.list(formsWithCases.map { MarkdownDocument.link(t.name($0), to: "forms/\($0.rawValue).md") })
        doc.heading(t.text(.sectionUnitReports), level: 2)
        doc.list(register.units.map { MarkdownDocument.link($0.name, to: "units/\($0.id).md") })
        if !assessments.isEmpty { doc.list([MarkdownDocument.link(t.text(.cooperationTitle), to: "cooperation-trials.md")]) }
        methods(&doc)
        return doc.text
    }

    func methods(_ doc: inout MarkdownDocument) {
        let t = texts
        doc.heading(t.text(.sectionMethods), level: 2)
        doc.paragraph(t.text(.gradeRule))
        doc.paragraph(t.text(.timeMethod) + " " + t.text(.trendMethod))
        doc.heading(t.text(.sectionDisclosure), level: 2)
        doc.paragraph(t.disclosureRule(policy.minPersons) + " " + t.text(.suppressedNote))
    }

    /// Referral mix, proposed × arranged, send-backs by half-year and time to placement of `cases`.
    func caseSections(_ doc: inout MarkdownDocument, _ cases: [RegisteredCase], scope: String, chart: Bool, incidenceChart: String? = nil) {
        let t = texts
        let disclosure = disclosure(scope: scope)
        let flow = CaseFlow(cases, scope: .overall)
        doc.heading(t.text(.sectionReferrals), level: 2)
        let benefits = BenefitAtContact.allCases.map { flow.byBenefit[$0] ?? 0 }, sources = ContactSource.allCases.map { flow.bySource[$0] ?? 0 }
        let mix = disclosure.twoWay("referrals", "all", total: flow.caseCount, first: benefits, second: sources)
        let total = flow.caseCount
        func shareRows<C>(_ codes: [C], _ counts: [Int], _ states: [DisclosureState], _ name: (C) -> String) -> [[String]] {
            zip(codes, zip(counts, states)).map { code, v in
                [name(code), disclosure.count(v.0, v.1, style: style), disclosure.share(Double(v.0) / Double(max(total, 1)), v.1, style: style)]
            } + [[t.text(.cases), disclosure.count(total, mix.total, style: style), ""]]
        }
        doc.table(header: [t.text(.benefitAtContact), t.text(.cases), t.text(.share)],
                  rows: shareRows(BenefitAtContact.allCases, benefits, mix.first, t.name), rightAligned: [1, 2])
        doc.table(header: [t.text(.contactSource), t.text(.cases), t.text(.share)],
                  rows: shareRows(ContactSource.allCases, sources, mix.second, t.name), rightAligned: [1, 2])

        referralPeriods(&doc, flow, disclosure)

        doc.heading(t.text(.sectionArrangements), level: 2)
        var rows = [[String]]()
        for r in flow.rows where r.decided > 0 {
            let asProposed = r.arranged[r.proposed] ?? 0, sentBack = r.proposed == .sentBack ? 0 : (r.arranged[.sentBack] ?? 0)
            let other = r.decided - asProposed - sentBack
            let s = disclosure.row("arrangements", r.proposed.rawValue, total: r.decided, parts: [asProposed, other, sentBack])
            let d = Double(r.decided)
            rows.append([t.name(r.proposed), disclosure.count(r.decided, s.total, style: style),
                         disclosure.share(Double(asProposed) / d, s.parts[0], style: style), disclosure.share(Double(other) / d, s.parts[1], style: style),
                         disclosure.share(Double(sentBack) / d, s.parts[2], style: style)])
        }
        doc.table(header: [t.text(.proposed), t.text(.decided), t.text(.asProposed), t.text(.otherArrangement), t.text(.sentBack)],
                  rows: rows, rightAligned: [1, 2, 3, 4])

        doc.heading(t.text(.sectionSendBacks), level: 2)
        doc.table(header: [t.text(.halfYear), t.text(.decided), t.text(.sentBack), t.text(.share)], rows: flow.periods.map { p in
            let s = disclosure.row("send-backs", p.period.description, total: p.decided, parts: [p.sentBack, p.decided - p.sentBack], impliedParts: [1])
            return [t.name(p.period), disclosure.count(p.decided, s.total, style: style), disclosure.count(p.sentBack, s.parts[0], style: style),
                    disclosure.share(Double(p.sentBack) / Double(p.decided), s.parts[0], style: style)]
        }, rightAligned: [1, 2, 3])
        if let trend = flow.sendBackTrend {
            doc.paragraph("Cochran–Armitage: " + t.text(.sentBack) + " " + style.signedDecimal(trend.slope * 100, digits: 2)
                          + " " + t.text(.pointsPerHalfYear) + ", χ² = " + style.decimal(trend.chiSquare, digits: 2) + ", " + style.pClause(trend.pValue) + ".")
        }
        if chart { doc.image(path: "send-back.svg", alt: t.text(.sectionSendBacks)) }

        doc.heading(t.text(.sectionTimeToPlacement), level: 2)
        let ttp = register.latestDate.flatMap { try? TimeToPlacement(cases, extractDate: $0, minimumCases: policy.minPersons) }
        // Groups left out of the table (too few cases, no exit) still add up into the other
        // reports' rows: recorded unprinted, so that the sums across reports stay complete.
        let drawn = Set(ttp?.groups.map(\.proposed) ?? [])
        for (proposed, mine) in Dictionary(grouping: cases, by: \.proposed) where !drawn.contains(proposed) {
            let exits = RegisteredCase.Exit.allCases.map { k in mine.filter { $0.exit?.kind == k }.count }
            disclosure.unprinted("time-to-placement", proposed.rawValue, total: mine.count, parts: exits + [mine.count - exits.reduce(0, +)])
        }
        guard let ttp else {
            doc.paragraph(t.text(.noCases))
            return
        }
        doc.table(header: [t.text(.proposed), t.text(.cases), t.text(.placed), t.text(.sentBack), t.text(.interrupted), t.text(.medianDays)],
                  rows: ttp.groups.map { g in
                      let mine = cases.filter { $0.proposed == g.proposed }
                      let exits = RegisteredCase.Exit.allCases.map { k in mine.filter { $0.exit?.kind == k }.count }
                      let s = disclosure.row("time-to-placement", g.proposed.rawValue, total: mine.count, parts: exits + [mine.count - exits.reduce(0, +)], impliedParts: [3])
                      return [t.name(g.proposed), disclosure.count(mine.count, s.total, style: style)]
                          + (0..<3).map { disclosure.share(g.finalIncidence[$0], s.parts[$0], style: style) }
                          + [g.medianDaysToPlacement.map { style.integer(Int($0)) } ?? t.text(.notReached)]
                  }, rightAligned: [1, 2, 3, 4, 5])
        if let incidenceChart {
            doc.image(path: incidenceChart, alt: t.text(.sectionTimeToPlacement))
            doc.paragraph(t.incidenceChartNote(policy.minPersons))
        }
    }

    /// The share of referrals on cash benefit, sickness benefit and waiting benefit by half-year,
    /// with the Cochran–Armitage trend of each.
    func referralPeriods(_ doc: inout MarkdownDocument, _ flow: CaseFlow, _ disclosure: MonitoringDisclosure) {
        let t = texts
        let shown: [BenefitAtContact] = [.cashBenefit, .sicknessBenefit, .flexJobWaitingBenefit]
        doc.table(header: [t.text(.halfYear), t.text(.cases)] + shown.map(t.name) + [t.text(.otherBenefits)],
                  rows: flow.referralPeriods.map { p in
                      let parts = shown.map { p.byBenefit[$0] ?? 0 }
                      let all = parts + [p.cases - parts.reduce(0, +)]
                      let s = disclosure.row("referral-periods", p.period.description, total: p.cases, parts: all)
                      return [t.name(p.period), disclosure.count(p.cases, s.total, style: style)]
                          + zip(all, s.parts).map { disclosure.share(Double($0.0) / Double(p.cases), $0.1, style: style) }
                  }, rightAligned: Set(1...(shown.count + 2)))
        let trends = shown.compactMap { b in flow.benefitTrend(b).map { (b, $0) } }
        if !trends.isEmpty {
            doc.paragraph("Cochran–Armitage: " + trends.map { b, trend in
                t.name(b) + " " + style.signedDecimal(trend.slope * 100, digits: 2) + " " + t.text(.pointsPerHalfYear) + " (" + style.pClause(trend.pValue) + ")"
            }.joined(separator: "; ") + ".")
        }
    }

    /// Organisation forms whose units have registered cases, in declaration order.
    var formsWithCases: [OrganisationForm] {
        OrganisationForm.allCases.filter { !register.cases(in: .organisationForm($0)).isEmpty }
    }

    /// The case flow of the units of one organisation form.
    func formReport(_ form: OrganisationForm) -> String {
        let t = texts
        var doc = MarkdownDocument()
        doc.heading("\(t.text(.organisationForm)): \(t.name(form))", level: 1)
        if synthetic { doc.paragraph(t.text(.syntheticNote)) }
        let units = register.units.filter { $0.organisationForm == form }
        doc.list(units.map { MarkdownDocument.link($0.name, to: "../units/\($0.id).md") })
        caseSections(&doc, register.cases(in: .organisationForm(form)), scope: "form:" + form.rawValue, chart: false,
                     incidenceChart: "\(form.rawValue)-time-to-placement.svg")
        doc.paragraph(t.text(.suppressedNote))
        return doc.text
    }

    // MARK: - Units

    func unitReport(_ unit: PlacementUnit) -> String {
        let t = texts
        var doc = MarkdownDocument()
        doc.heading("\(t.text(.unitTitle)): \(unit.name)", level: 1)
        if synthetic { doc.paragraph(t.text(.syntheticNote)) }
        doc.table(header: ["", ""], rows: [
            [t.text(.organisationForm), t.name(unit.organisationForm)],
            [t.text(.municipalities), unit.municipalities.joined(separator: ", ")],
            [t.text(.supportPeriod), "\(unit.supportStart) – \(unit.supportEnd)"],
            [t.text(.approach), t.name(unit.approach)],
        ])
        doc.heading(t.text(.sectionGoals), level: 2)
        let mine = goals.filter { $0.unit == unit.id }
        doc.table(header: [t.text(.goalType), t.text(.target), t.text(.revisedTarget), t.text(.achieved), t.text(.attainment), t.text(.grade), t.text(.preliminary)],
                  rows: mine.map { g in
                      [t.name(g.type), number(g.target), g.revisedTarget.map(number) ?? "", g.achieved.map(number) ?? "",
                       g.attainment.map { $0.ratio.isFinite ? style.percent($0.ratio, digits: 0) : "∞" } ?? "", g.grade.rawValue,
                       g.preliminary ? t.text(.yes) : t.text(.no)]
                  }, rightAligned: [1, 2, 3, 4])
        let cases = register.cases(in: .unit(unit.id))
        if cases.isEmpty { doc.paragraph(t.text(.noCases)) } else { caseSections(&doc, cases, scope: "unit:" + unit.id, chart: false) }
        doc.paragraph(t.text(.gradeRule) + " " + t.text(.suppressedNote))
        return doc.text
    }

    func number(_ x: ExactDecimal) -> String {
        x.millionths % 1_000_000 == 0 ? style.integer(x.millionths / 1_000_000) : style.decimal(x.doubleValue, digits: 1)
    }

    // MARK: - Cooperation trials

    func cooperationReport() -> String {
        let t = texts
        let s = AssessmentSummary(assessments)
        var doc = MarkdownDocument()
        doc.heading(t.text(.cooperationTitle), level: 1)
        if synthetic { doc.paragraph(t.text(.syntheticNote)) }
        doc.paragraph("\(t.text(.trials)): \(style.integer(s.trialCount)). " + t.text(.descriptiveOnly) + " " + t.text(.scaleNote))
        doc.heading(t.text(.sectionAssessments), level: 2)
        doc.paragraph(t.text(.medianLevelNote))
        doc.table(header: [t.text(.area), "N", t.text(.baseline), t.text(.midway), t.text(.final), t.text(.meanChange),
                           t.text(.movedUp), t.text(.unchanged), t.text(.movedDown)],
                  rows: s.byChange.map { a in
                      [t.name(a.area), style.integer(a.pairedCount)] + AssessmentPoint.allCases.map { a.median[$0].map { style.decimal($0, digits: 1) } ?? NumberStyle.missing }
                          + [style.signedDecimal(a.meanChange, digits: 2), style.integer(a.movedUp), style.integer(a.unchanged), style.integer(a.movedDown)]
                  }, rightAligned: Set(1...8))
        doc.image(path: "assessments.svg", alt: t.text(.sectionAssessments))
        assessorNotes(&doc)
        return doc.text
    }

    /// The assessor's notes, by trial, area and point (in that order), as recorded.
    func assessorNotes(_ doc: inout MarkdownDocument) {
        let t = texts
        doc.heading(t.text(.sectionAssessorNotes), level: 2)
        let areaOrder = Dictionary(EvaluationArea.allCases.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let pointOrder = Dictionary(AssessmentPoint.allCases.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let noted = assessments.filter { !$0.note.allSatisfy(\.isWhitespace) }
            .sorted { ($0.trial, areaOrder[$0.area]!, pointOrder[$0.point]!) < ($1.trial, areaOrder[$1.area]!, pointOrder[$1.point]!) }
        guard !noted.isEmpty else {
            doc.paragraph(t.text(.noAssessorNotes))
            return
        }
        doc.table(header: [t.text(.trial), t.text(.area), t.text(.assessmentPoint), t.text(.note)],
                  rows: noted.map { [$0.trial, t.name($0.area), t.name($0.point), $0.note] })
    }
}
