// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// Every Danish text of the reports. Words are checked against Debian's Danish word list by
/// `Tests/LanguageTests`: no English terms (hasardratio, startværdi, vekselvirkning).
public struct DanishTexts: LanguageTexts {
    /// The compared arms as sentences name them.
    public let arms: ComparedArms

    public init(arms: ComparedArms = ComparedArms(treated: "indsatsgruppen", control: "kontrolgruppen")) {
        self.arms = arms
    }

    public func text(_ label: ReportLabel) -> String {
        switch label {
        case .reportTitle: return "Effektmåling"
        case .indexTitle: return "Rapporter"
        case .indexIntro: return "Rapporterne er genereret af Effekt ud fra analysens resultater. Hver rapport kan læses for sig."
        case .indexOverall: return "Hele forsøget"
        case .indexBenefits: return "Pr. ydelsestype"
        case .indexMunicipalities: return "Pr. kommune og ydelsestype"
        case .wholeTrial: return "Hele forsøget"
        case .sectionSummary: return "Sammenfatning"
        case .sectionConsort: return "Deltagerflow (CONSORT)"
        case .sectionBalance: return "Balance ved start"
        case .sectionEffects: return "Effekter"
        case .sectionCurves: return "Effekt uge for uge"
        case .sectionSurvival: return "Tid til hændelse (Kaplan–Meier)"
        case .sectionHazards: return "Hasardratioer (Cox)"
        case .sectionCumulativeIncidence: return "Kumuleret incidens ved konkurrerende afgange"
        case .sectionSubgroups: return "Undergrupper"
        case .sectionSites: return "Effekter pr. kommune"
        case .sectionMetaRegression: return "Metaregression"
        case .sectionMethods: return "Metode"
        case .sectionDisclosure: return "Diskretionering"
        case .sectionProvenance: return "Reproducerbarhed"
        case .stage: return "Trin"
        case .enrolled: return "Tilmeldt"
        case .randomized: return "Randomiseret"
        case .lostBeforeEnd: return "Udgået før opfølgningens slut"
        case .followedUp: return "Fulgt til slut"
        case .reason: return "Årsag"
        case .covariate: return "Baggrundsvariabel"
        case .arm: return "Gruppe"
        case .mean: return "Gennemsnit"
        case .standardDeviation: return "Standardafvigelse"
        case .count: return "Antal"
        case .standardizedDifference: return "Standardiseret forskel (g)"
        case .wwcCategory: return "WWC-kategori"
        case .outcome: return "Udfald"
        case .window: return "Periode"
        case .effect: return "Effekt"
        case .relativeEffect: return "Relativ effekt"
        case .confidenceInterval: return "Konfidensinterval"
        case .pValue: return "p"
        case .riPValue: return "p (randomiseringsinferens)"
        case .holmPValue: return "p (Holm)"
        case .bhPValue: return "p (Benjamini–Hochberg)"
        case .n: return "N"
        case .hazardRatio: return "Hasardratio"
        case .events: return "Hændelser"
        case .cause: return "Afgangsårsag"
        case .median: return "Median (uger)"
        case .method: return "Metode"
        case .converged: return "Konvergeret"
        case .variable: return "Variabel"
        case .level: return "Niveau"
        case .interactionPValue: return "p (interaktion)"
        case .label: return "Type"
        case .municipality: return "Kommune"
        case .moderator: return "Forklarende variabel"
        case .slope: return "Hældning"
        case .sites: return "Kommuner"
        case .correction: return "Korrektion"
        case .week: return "Uge"
        case .estimate: return "Estimat"
        case .value: return "Værdi"
        case .yes: return "ja"
        case .no: return "nej"
        case .notReached: return "ikke nået"
        case .prespecified: return "forhåndsspecificeret"
        case .exploratory: return "eksplorativ"
        case .allWeeks: return "hele perioden"
        case .overallEffect: return "Samlet effekt"
        case .wwcSatisfied: return "opfyldt (|g| ≤ 0,05)"
        case .wwcAdjustmentRequired: return "kræver justering (0,05 < |g| ≤ 0,25)"
        case .wwcNotSatisfied: return "ikke opfyldt (|g| > 0,25)"
        case .percentagePoints: return "procentpoint"
        case .hoursPerWeek: return "timer/uge"
        case .weeks: return "uger"
        case .effectAxis: return "Effekt (\(arms.treated) − \(arms.control))"
        case .survivalAxis: return "Andel uden hændelse"
        case .incidenceAxis: return "Kumuleret incidens"
        case .confidenceBand: return "Konfidensinterval"
        case .zeroLine: return "Ingen effekt"
        case .confidenceLevel: return "Konfidensniveau"
        case .regression: return "Regression"
        case .standardErrors: return "Standardfejl"
        case .survivalMethods: return "Forløbsanalyse"
        case .randomizationInference: return "Randomiseringsinferens"
        case .multiplicity: return "Mange samtidige test"
        case .software: return "Software"
        case .dataHashes: return "Datafiler"
        case .file: return "Fil"
        case .sha256: return "SHA-256"
        case .seed: return "Startværdi for lodtrækningen"
        case .effektVersion: return "Effekt-version"
        case .command: return "Kommando"
        case .degreesOfFreedom: return "frihedsgrader"
        case .generatedNote: return "Rapporten er genereret automatisk af Effekt. Alle tal stammer fra analysens resultatfil; rapporten beregner ingen statistik."
        case .logRankTest: return "Log-rank-test"
        case .heterogeneityTest: return "Test for ens effekt i alle kommuner (Cochrans Q)"
        case .noSiteEffects: return "Der er ingen kommuneeffekter i dette udsnit."
        case .sitesNotEstimated: return "Kommuner uden effekt"
        case .weeksSinceRandomization: return "Uger siden randomisering"
        case .numberAtRisk: return "Antal i risiko"
        case .censoredMark: return "Censureret"
        case .figureLeftOut: return "Figuren er udeladt: der er for få hændelser til at tegne kurven uden at afsløre små tal."
        case .analysedITT: return "Analyseret (alle randomiserede)"
        case .stageEnrolment: return "Tilmelding"
        case .stageAllocation: return "Allokering"
        case .stageFollowUp: return "Opfølgning"
        case .stageAnalysis: return "Analyse"
        case .unadjustedDifference: return "Ujusteret forskel"
        case .intervalTruncatedNote: return "Intervallet er afkortet til det mulige område for en forskel mellem to andele (−100 til 100 procentpoint)."
        case .rows: return "Rækker"
        case .persons: return "Personer"
        case .spellRowsNote: return "For risikoen for at miste løntimerne er rækkerne perioder med løntimer; en person kan have flere."
        case .keyResults: return "Hovedresultater"
        case .keyResultsIntro: return "Effekten på de vigtigste udfald i den første analyseperiode, for hele forsøget og for hver ydelsestype. Tallene i klammer er konfidensintervaller."
        case .municipalityOverview: return "Kommunerne"
        case .municipalityOverviewIntro: return "Effekten på det primære udfald i hver kommune og ydelsestype. Små kommuner har brede intervaller; se den enkelte rapport."
        case .hazardsInWords: return "Forløb"
        case .limitations: return "Forbehold"
        case .scope: return "Udsnit"
        case .unadjustedMark: return "ujusteret"
        case .sectionPlacement: return "Formidling og fleksjob"
        case .statusAtEnd: return "Status ved afslutningen"
        case .flexJobs: return "Fleksjob"
        case .jobsStarted: return "Oprettede fleksjob"
        case .personsPlaced: return "Personer i fleksjob"
        case .meanMonthsInFlexJob: return "Gennemsnitlig varighed i projektet (måneder)"
        case .halfSubsidy: return "Med halvt løntilskud"
        case .createdByProvider: return "Oprettet af den anden aktør"
        case .createdByMunicipality: return "Oprettet af kommunen"
        case .timeToFlexJob: return "Tid til fleksjob"
        case .timeToFlexJobIntro: return "Personer, hvis første fleksjob var startet senest i ugen ifølge formidlingshændelserne, og deres andel af de randomiserede."
        case .flexJobIncidenceIntro: return "Andel, der var kommet i fleksjob, efter Aalen–Johansen (kumuleret incidens fra de ugentlige statusser; fraflytning og førtidspension er konkurrerende afgange, og et forløb uden flere registreringer er censureret)."
        case .placedProfile: return "Profil af dem, der kom i fleksjob"
        case .sicknessBenefitBefore: return "Kom fra sygedagpenge før godkendelsen"
        case .waitedAtLeast78Weeks: return "Ventet mindst 78 uger"
        case .judgedFlexJobRight: return "Vurderede fleksjob som den rette løsning"
        case .employers: return "Arbejdsgivere"
        case .sector: return "Sektor"
        case .privateSector: return "Privat"
        case .publicSector: return "Offentlig"
        case .employees: return "Antal ansatte"
        case .under10Employees: return "Under 10"
        case .orMore: return "og derover"
        case .benchmarks: return "Sammenligning med landsplan"
        case .national: return "Landsplan"
        case .source: return "Kilde"
        case .month: return "Måned"
        case .share: return "Andel"
        case .costs: return "Udgifter"
        case .costsIntro: return "Beløbene er input til analysen, ikke målte udgifter."
        case .milestoneReferral: return "Fast honorar pr. henvist borger"
        case .milestoneFirstInternship: return "Bonus ved første praktik eller arbejdsprøvning"
        case .milestoneTwoMonths: return "Bonus efter 2 måneder i samme fleksjob"
        case .milestoneFourMonths: return "Bonus efter 4 måneder i samme fleksjob"
        case .citizens: return "Borgere"
        case .amount: return "Beløb"
        case .totalCost: return "Samlet udgift"
        case .costPerFlexJob: return "Udgift pr. person i fleksjob"
        case .incrementalCost: return "Merudgift pr. ekstra person i fleksjob"
        }
    }

    public func benefitName(_ code: String) -> String? {
        switch code {
        case "cash_benefit": return "kontanthjælp"
        case "resource_programme": return "ressourceforløb"
        case "flexjob_waiting_benefit": return "ledighedsydelse"
        default: return nil
        }
    }

    public func outcomeName(_ outcome: OutcomeKind, companyRunWeeks: Int) -> String {
        switch outcome {
        case .anyPaidHours: return "Andel med ordinære løntimer"
        case .paidHours: return "Ordinære løntimer pr. uge"
        case .companyRun:
            return companyRunWeeks == 1 ? "1 uge med virksomhedsrettet indsats"
                : "\(companyRunWeeks) sammenhængende uger med virksomhedsrettet indsats"
        case .timeToPaidHours: return "Tid til første ordinære løntimer"
        case .losingPaidHours: return "Risiko for at miste løntimerne igen"
        case .timeToFlexJob: return "Tid til fleksjob"
        case .flexJob: return "Andel i fleksjob"
        }
    }

    public func statusName(_ code: String) -> String? {
        switch code {
        case "on_benefit": return "på ydelse"
        case "self_supporting": return "selvforsørgende"
        case "flex_job": return "fleksjob"
        case "flexjob_waiting_benefit": return "ledighedsydelse"
        case "disability_pension": return "førtidspension"
        case "moved_away", "moved": return "fraflyttet"
        case "cash_benefit": return "kontanthjælp"
        case "flexjob_retirement_benefit": return "fleksydelse"
        case "records_end_early": return "registreringer stopper før tid"
        case "no_weekly_records": return "ingen ugentlige registreringer"
        case "sickness_benefit": return "sygedagpenge"
        case "died", "death": return "død"
        case "withdrew", "withdrawn": return "trukket sig"
        default: return nil
        }
    }

    public func armName(_ code: String) -> String? {
        switch code.lowercased() {
        case "control": return "kontrolgruppen"
        case "treatment", "treated", "intervention": return "indsatsgruppen"
        case "jobfirst": return "JobFirst"
        case "municipality": return "kommune"
        case "other_actor": return "anden aktør"
        default: return nil
        }
    }

    public func variableName(_ code: String) -> String? {
        switch code {
        case "gender": return "køn"
        case "female": return "kvinde"
        case "age": return "alder"
        case "age_group": return "aldersgruppe"
        case "origin": return "herkomst"
        case "municipality": return "kommune"
        case "benefit": return "ydelse"
        case "prior_weeks_employed": return "uger i beskæftigelse, seneste 3 år"
        case "prior_weeks_self_supporting": return "uger selvforsørgende, seneste 3 år"
        case "prior_weeks_sick": return "uger sygemeldt, seneste 3 år"
        case "control_success_rate": return "kontrolgruppens succesrate"
        case "caseload": return "sagsstamme"
        case "internship_share": return "andel i virksomhedspraktik"
        default: return nil
        }
    }

    public func valueName(_ code: String, of variable: String) -> String? {
        switch code {
        case "female": return "kvinde"
        case "male": return "mand"
        case "danish": return "dansk"
        case "western": return "vestlig"
        case "non_western": return "ikke-vestlig"
        case "immigrant", "immigrant_or_descendant": return "indvandrer eller efterkommer"
        case "yes", "1": return text(.yes)
        case "no", "0": return text(.no)
        default: return benefitName(code)
        }
    }

    public func windowText(_ window: WeekWindow) -> String {
        window.firstWeek == window.lastWeek ? "uge \(window.firstWeek)" : "uge \(window.firstWeek)–\(window.lastWeek)"
    }

    public func scopeTitle(benefit: String?, municipality: String?) -> String {
        let b = (benefit ?? "").capitalizedFirst
        guard let municipality else { return b }
        return "\(municipality), \(benefit ?? "")"
    }

    public func effectSentence(outcome: String, window: String?, treated: String, control: String,
                               effect: String, interval: String, levelPercent: String) -> String {
        let when = window.map { " (\($0))" } ?? ""
        return "**\(outcome)**\(when): \(arms.treated.capitalizedFirst) \(treated), \(arms.control) \(control); "
            + "forskellen er \(effect) (\(levelPercent) konfidensinterval \(interval))."
    }

    public func significanceSentence(_ judgement: SignificanceJudgement, p: String, alphaPercent: String) -> String {
        switch judgement {
        case .strong: return "Forskellen er klart statistisk signifikant (\(p)); det er meget usandsynligt, at den skyldes tilfældigheder."
        case .significant: return "Forskellen er statistisk signifikant på \(alphaPercent)-niveau (\(p))."
        case .weak: return "Der er en svag indikation af en forskel, men den er ikke statistisk signifikant på \(alphaPercent)-niveau (\(p))."
        case .none: return "Forskellen er ikke statistisk signifikant (\(p)); den kan skyldes tilfældigheder."
        }
    }

    public func randomizationSentence(riP: String, agrees: Bool) -> String {
        agrees
            ? "Randomiseringsinferens giver samme konklusion (\(riP))."
            : "Randomiseringsinferens giver en anden konklusion (\(riP)); resultatet bør tolkes varsomt."
    }

    public func holmSentence(holmP: String, significant: Bool) -> String {
        significant
            ? "Forskellen er også signifikant efter Holm-korrektion for mange samtidige test (\(holmP))."
            : "Efter Holm-korrektion for mange samtidige test er forskellen ikke signifikant (\(holmP))."
    }

    public func underpoweredSentence(mde: String, overall: String?) -> String {
        let size = overall.map { " af samme størrelse som den samlede effekt (\($0))" } ?? ""
        return "Udsnittet er for lille til at påvise en effekt\(size): den mindste effekt, der kan påvises med 80 % styrke, er \(mde). At der ikke findes en signifikant effekt, betyder derfor ikke, at der ikke er nogen."
    }

    public func hazardSentence(outcome: String, ratio: String, interval: String, judgement: SignificanceJudgement, p: String) -> String {
        let sure = judgement.isSignificant ? "statistisk signifikant" : "ikke statistisk signifikant"
        return "**\(outcome)**: hasardratio \(ratio) \(interval) (\(arms.treated) over for \(arms.control)), \(sure) (\(p))."
    }

    public func heterogeneitySentence(statistic: String, df: String, p: String, differs: Bool) -> String {
        let verdict = differs ? "Effekterne er signifikant forskellige mellem kommunerne" : "Der er ikke signifikant forskel på effekterne mellem kommunerne"
        return "\(verdict) (Q = \(statistic), frihedsgrader = \(df), \(p))."
    }

    public func suppressedSentence(threshold: Int) -> String {
        "Nogle tal er skjult (\"< \(threshold)\" for et lille antal, \"..\" for tal, der ellers kunne afsløre det), fordi de beskriver eller afslører færre end \(threshold) personer."
    }


    public func droppedRowsSentence(subject: String, count: String) -> String {
        "\(count) rækker blev udeladt før estimationen af \(subject)."
    }

    public func smallCellSentence(subject: String) -> String {
        "Der er få deltagere bag \(subject); tallet skal tolkes varsomt."
    }

    public func noEstimatesSentence() -> String {
        "Der er ikke estimeret effekter for dette udsnit."
    }

    public func chartDescription(_ chart: ChartKind, outcome: String) -> String {
        switch chart {
        case .effectCurve: return "Effekt uge for uge på \(outcome.lowercasedFirst) med konfidensbånd og nullinje."
        case .kaplanMeier: return "Kaplan–Meier-kurver pr. gruppe for \(outcome.lowercasedFirst)."
        case .cumulativeIncidence: return "Kumuleret incidens pr. gruppe og afgangsårsag for \(outcome.lowercasedFirst)."
        case .forestPlot: return "Effekt pr. kommune på \(outcome.lowercasedFirst) med konfidensintervaller og samlet effekt."
        case .consort: return "Deltagerflow fra tilmelding over lodtrækning til opfølgning."
        }
    }
}

extension String {
    /// The string with its first character upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
    /// The string with its first character lower-cased.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
