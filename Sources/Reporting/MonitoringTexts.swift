// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring
import TrialModel

/// A fixed text of the monitoring reports (placement units, cooperation trials).
public enum MonitoringLabel: CaseIterable, Sendable {
    case overviewTitle, overviewIntro, syntheticNote, unitTitle, cooperationTitle
    case sectionUnits, sectionReferrals, sectionArrangements, sectionSendBacks, sectionTimeToPlacement, sectionGoals
    case sectionUnitReports, sectionFormReports, sectionMethods, sectionDisclosure, sectionAssessments
    case organisationForm, units, unitsWithCases, cases, goals, benefitAtContact, contactSource, share
    case proposed, decided, open, sentBack, asProposed, otherArrangement, halfYear, placed, interrupted, medianDays, notReached
    case goal, goalType, target, revisedTarget, achieved, attainment, grade, preliminary, yes, no
    case area, baseline, midway, final, meanChange, movedUp, unchanged, movedDown, trials
    case municipalities, supportPeriod, approach, noCases
    case sectionAssessorNotes, trial, assessmentPoint, note, noAssessorNotes
    case sendBackAxis, gradeRule, timeMethod, trendMethod, descriptiveOnly, scaleNote, suppressedNote, medianLevelNote, levelAxis, otherBenefits, pointsPerHalfYear, incidenceAxis, daysSinceContact
}

/// The Danish and English texts of the monitoring reports and the names of the monitoring codes.
/// Every case has both texts (the compiler checks it); `Tests/LanguageTests` checks the words.
public struct MonitoringTexts: Sendable {
    public let language: ReportLanguage
    public init(language: ReportLanguage) { self.language = language }

    private func pick(_ da: String, _ en: String) -> String { language == .danish ? da : en }

    public func text(_ label: MonitoringLabel) -> String {
        switch label {
        case .overviewTitle: return pick("Formidlingsenhederne: overvågning", "Placement units: monitoring")
        case .overviewIntro: return pick("Sager, tilbagevisninger, tid til formidling og målopfyldelse for formidlingsenhederne. Tallene er beskrivende.",
                                         "Cases, send-backs, time to placement and goal attainment of the placement units. The figures are descriptive.")
        case .syntheticNote: return pick("Data er syntetiske: de er trukket af Effekt og tilpasset de offentliggjorte tal, ikke rigtige sager.",
                                         "The data are synthetic: drawn by Effekt to match the published figures, not real cases.")
        case .unitTitle: return pick("Formidlingsenhed", "Placement unit")
        case .cooperationTitle: return pick("Samarbejdsforsøgene mellem AF og kommuner: trinvise vurderinger", "Cooperation trials of AF and municipalities: staged assessments")
        case .sectionUnits: return pick("Enheder efter organisering", "Units by organisation form")
        case .sectionReferrals: return pick("Henvisninger", "Referrals")
        case .sectionArrangements: return pick("Foreslået og foranstaltet indsats", "Proposed and arranged intervention")
        case .sectionSendBacks: return pick("Tilbagevisninger pr. halvår", "Send-backs by half-year")
        case .sectionTimeToPlacement: return pick("Tid fra henvendelse til formidling", "Time from contact to placement")
        case .sectionGoals: return pick("Målopfyldelse", "Goal attainment")
        case .sectionUnitReports: return pick("Rapporter pr. enhed", "Reports by unit")
        case .sectionFormReports: return pick("Rapporter pr. organisering", "Reports by organisation form")
        case .sectionMethods: return pick("Metode", "Method")
        case .sectionDisclosure: return pick("Diskretion", "Disclosure control")
        case .sectionAssessments: return pick("Niveau pr. område", "Level by area")
        case .organisationForm: return pick("Organisering", "Organisation form")
        case .units: return pick("Enheder", "Units")
        case .unitsWithCases: return pick("Enheder med sager", "Units with cases")
        case .cases: return pick("Sager", "Cases")
        case .goals: return pick("Mål", "Goals")
        case .benefitAtContact: return pick("Ydelse ved henvendelse", "Benefit at contact")
        case .contactSource: return pick("Henvendelse", "Contact source")
        case .share: return pick("Andel", "Share")
        case .proposed: return pick("Foreslået indsats", "Proposed intervention")
        case .decided: return pick("Afgjorte sager", "Decided cases")
        case .open: return pick("Åbne sager", "Open cases")
        case .sentBack: return pick("Tilbagevist", "Sent back")
        case .asProposed: return pick("Som foreslået", "As proposed")
        case .otherArrangement: return pick("Anden indsats", "Other intervention")
        case .halfYear: return pick("Halvår", "Half-year")
        case .placed: return pick("Formidlet", "Placed")
        case .interrupted: return pick("Afbrudt", "Interrupted")
        case .medianDays: return pick("Median antal dage til formidling", "Median days to placement")
        case .notReached: return pick("ikke nået", "not reached")
        case .goal: return pick("Mål", "Goal")
        case .goalType: return pick("Måltype", "Goal type")
        case .target: return pick("Måltal", "Target")
        case .revisedTarget: return pick("Revideret måltal", "Revised target")
        case .achieved: return pick("Opnået", "Achieved")
        case .attainment: return pick("Opfyldelse", "Attainment")
        case .grade: return pick("Grad", "Grade")
        case .preliminary: return pick("Foreløbig", "Preliminary")
        case .yes: return pick("ja", "yes")
        case .no: return pick("nej", "no")
        case .area: return pick("Område", "Area")
        case .sectionAssessorNotes: return pick("Bedømmerens bemærkninger", "Assessor notes")
        case .trial: return pick("Forsøg", "Trial")
        case .assessmentPoint: return pick("Tidspunkt", "Point")
        case .note: return pick("Bemærkning", "Note")
        case .noAssessorNotes: return pick("Der er ingen bemærkninger fra bedømmeren.", "The assessor recorded no notes.")
        case .baseline: return pick("Start", "Baseline")
        case .midway: return pick("Forår 2005", "Spring 2005")
        case .final: return pick("Slut", "Final")
        case .meanChange: return pick("Gennemsnitlig ændring", "Mean change")
        case .movedUp: return pick("Op", "Up")
        case .unchanged: return pick("Uændret", "Unchanged")
        case .movedDown: return pick("Ned", "Down")
        case .trials: return pick("Forsøg", "Trials")
        case .municipalities: return pick("Kommuner", "Municipalities")
        case .supportPeriod: return pick("Støtteperiode", "Support period")
        case .approach: return pick("Tilgang", "Approach")
        case .noCases: return pick("Enheden har ingen registrerede sager.", "The unit has no registered cases.")
        case .sendBackAxis: return pick("Andel tilbagevist (%)", "Share sent back (%)")
        case .gradeRule: return pick("Grad: I+ opfyldt med mindst 150 %; I opfyldt med 90 % op til 150 %; DI delvis opfyldt med 50 % op til 90 %; II ikke opfyldt (under 50 %); IO ikke opgjort eller målt anderledes. Graden af opfyldelse er opnået divideret med måltal (det reviderede, hvis der er et), for ventetid måltal divideret med opnået.",
                                     "Grade: I+ met at 150 % or more; I met at 90 % up to 150 %; DI partly met at 50 % up to 90 %; II not met (below 50 %); IO not stated or measured differently. Attainment is achieved divided by target (the revised one when there is one), for waiting time target divided by achieved.")
        case .timeMethod: return pick("Tid til formidling er kumuleret incidens (Aalen–Johansen) med tilbagevisning og afbrydelse som konkurrerende afgange; åbne sager er censureret ved udtrækkets dato.",
                                      "Time to placement is cumulative incidence (Aalen–Johansen) with send-back and interruption as competing events; open cases are censored at the extract date.")
        case .trendMethod: return pick("Udviklingen i andelen tilbagevist over halvår er testet med Cochran–Armitage-testen for trend.",
                                       "The trend in the share sent back over half-years is tested with the Cochran–Armitage test for trend.")
        case .medianLevelNote: return pick("Tabellen viser medianen af niveauerne ved hvert tidspunkt.", "The table shows the median level at each point.")
        case .incidenceAxis: return pick("Andel formidlet (kumuleret incidens)", "Share placed (cumulative incidence)")
        case .daysSinceContact: return pick("Dage efter henvendelse", "Days after contact")
        case .otherBenefits: return pick("Andre ydelser", "Other benefits")
        case .pointsPerHalfYear: return pick("procentpoint pr. halvår", "percentage points per half-year")
        case .levelAxis: return pick("Gennemsnitligt niveau til slut (1 til 5)", "Mean level at the final assessment (1 to 5)")
        case .descriptiveOnly: return pick("Tallene er beskrivende: de 12 forsøg er alle forsøg, ikke en stikprøve, de er ikke fordelt ved lodtrækning, og med 12 forsøg ville en test have meget lille styrke.",
                                           "The figures are descriptive: the 12 trials are all the trials, not a sample, they were not assigned at random, and with 12 trials a test would have very little power.")
        case .scaleNote: return pick("Niveauerne 1 til 5 er ordnede kategorier (1 ikke begyndt, 5 fuldt etableret); en ændring er en forskel i niveauer.",
                                     "Levels 1 to 5 are ordered categories (1 not started, 5 fully established); a change is a difference in levels.")
        case .suppressedNote: return pick("„..“: skjult af hensyn til diskretion.", "“..”: hidden for disclosure control.")
        }
    }

    /// How the time-to-placement chart hides single persons, with the threshold `n`.
    public func incidenceChartNote(_ n: Int) -> String {
        pick("Kurverne er aflæst hver 15. dag og stopper, før færre end \(n) sager er tilbage. En dag springes over, når færre end \(n) sager er formidlet siden den forrige, i oversigten eller i en organisering, så kurverne heller ikke kan trækkes fra hinanden.",
             "The curves are read every 15 days and stop before fewer than \(n) cases remain. A day is skipped when fewer than \(n) cases were placed since the one before, in the overview or in an organisation form, so that the curves cannot be subtracted from one another either.")
    }

    /// The disclosure rule for person counts with the threshold `n`.
    public func disclosureRule(_ n: Int) -> String {
        pick("Antal personer under \(n) vises som „< \(n)“, og andre tal skjules („..“) i samme række eller i en anden rapport, så de ikke kan regnes ud, heller ikke ved at trække tallene i en rapport fra tallene i en anden (en enhed, dens organisering og oversigten). Antal enheder, mål og forsøg er ikke personer og vises altid.",
             "Counts of persons below \(n) are shown as “< \(n)”, and other counts are hidden (“..”) in the same row or in another report so that they cannot be worked out, also not by subtracting the counts of one report from those of another (a unit, its organisation form and the overview). Counts of units, goals and trials are not persons and are always shown.")
    }

    /// A half-year as text: "1. halvår 2004", "first half 2004".
    public func name(_ period: HalfYear) -> String {
        language == .danish ? "\(period.half). halvår \(period.year)" : (period.half == 1 ? "first half " : "second half ") + "\(period.year)"
    }

    public func name(_ code: OrganisationForm) -> String {
        switch code {
        case .singleMunicipality: return pick("Én kommune", "One municipality")
        case .oneLargeAndSmallerMunicipalities: return pick("Én stor og mindre kommuner", "One large and smaller municipalities")
        case .severalSmallMunicipalities: return pick("Flere mindre kommuner", "Several small municipalities")
        case .oneMunicipalityAndAF: return pick("Én kommune og AF", "One municipality and AF")
        case .severalMunicipalitiesAndAF: return pick("Flere kommuner og AF", "Several municipalities and AF")
        case .noAuthorityAnchor: return pick("Uden forankring i en myndighed", "No authority anchor")
        }
    }

    public func name(_ code: UnitApproach) -> String {
        switch code {
        case .citizenDirected: return pick("Rettet mod borgere", "Directed at citizens")
        case .companyDirected: return pick("Rettet mod virksomheder", "Directed at firms")
        case .both: return pick("Borgere og virksomheder", "Citizens and firms")
        }
    }

    public func name(_ code: BenefitAtContact) -> String {
        switch code {
        case .cashBenefit: return pick("Kontanthjælp", "Cash benefit")
        case .sicknessBenefit: return pick("Sygedagpenge", "Sickness benefit")
        case .wage: return pick("Løn", "Wage")
        case .disabilityPension: return pick("Førtidspension", "Disability pension")
        case .unemploymentInsuranceBenefit: return pick("Dagpenge", "Unemployment insurance benefit")
        case .flexJobWaitingBenefit: return pick("Ledighedsydelse", "Flex-job waiting benefit")
        }
    }

    public func name(_ code: ContactSource) -> String {
        switch code {
        case .municipalReferral: return pick("Henvist af kommunen", "Municipal referral")
        case .companyRequest: return pick("Henvendelse fra virksomhed", "Request from a firm")
        case .ownInitiative: return pick("Eget initiativ", "Own initiative")
        case .afCountyReferral: return pick("Henvist af AF eller amt", "Referral by AF or county")
        }
    }

    public func name(_ code: Intervention) -> String {
        switch code {
        case .ordinaryWork: return pick("Ordinært arbejde", "Ordinary work")
        case .flexJob: return pick("Fleksjob", "Flex job")
        case .shelteredJob: return pick("Skånejob", "Sheltered job")
        case .jobRetention: return pick("Fastholdelse", "Job retention")
        case .wageSubsidyJob: return pick("Jobtræning med løntilskud", "Job training with wage subsidy")
        case .workTrial: return pick("Arbejdsprøvning", "Work trial")
        case .individualJobTraining: return pick("Individuel jobtræning", "Individual job training")
        case .specialActivation: return pick("Særligt aktiverende forløb", "Special activation")
        case .preRehabilitation: return pick("Forrevalidering", "Pre-rehabilitation")
        case .companyRehabilitation: return pick("Revalidering i virksomhed", "Rehabilitation in a firm")
        case .refugeeImmigrantOffer: return pick("Tilbud til flygtninge og indvandrere", "Offer for refugees and immigrants")
        case .companyInternship: return pick("Virksomhedspraktik", "Company internship")
        case .other: return pick("Andet", "Other")
        case .unknown: return pick("Ukendt", "Unknown")
        case .sentBack: return pick("Tilbagevist", "Sent back")
        }
    }

    public func name(_ code: GoalType) -> String {
        switch code {
        case .placements: return pick("Antal formidlinger", "Placements")
        case .increasedCompanyUse: return pick("Øget brug af virksomheder", "More use of firms")
        case .jobOrders: return pick("Antal jobordrer", "Job orders")
        case .maxWaitingTime: return pick("Største ventetid", "Maximum waiting time")
        case .satisfaction: return pick("Tilfredshed", "Satisfaction")
        case .partnershipAgreements: return pick("Partnerskabsaftaler", "Partnership agreements")
        case .companyVisits: return pick("Virksomhedsbesøg", "Firm visits")
        case .companyNetwork: return pick("Netværk af virksomheder", "Firm networks")
        case .ordinaryJobs: return pick("Ordinære job", "Ordinary jobs")
        case .flexJobs: return pick("Fleksjob", "Flex jobs")
        case .shelteredJobs: return pick("Skånejob", "Sheltered jobs")
        case .flexAndShelteredJobs: return pick("Fleksjob og skånejob", "Flex and sheltered jobs")
        case .jobRetention: return pick("Fastholdelse på samme arbejdsplads", "Retention at the same workplace")
        case .retentionOrdinaryJobs: return pick("Fastholdelse i ordinære job", "Retention in ordinary jobs")
        case .retentionFlexShelteredJobs: return pick("Fastholdelse i fleksjob og skånejob", "Retention in flex and sheltered jobs")
        case .fewerCashBenefitRecipients: return pick("Færre på kontanthjælp", "Fewer on cash benefit")
        case .shorterSicknessBenefitPeriods: return pick("Kortere perioder med sygedagpenge", "Shorter sickness-benefit periods")
        case .fewerWaitingBenefitRecipients: return pick("Færre på ledighedsydelse", "Fewer on flex-job waiting benefit")
        case .rehabilitationPlacements: return pick("Revalidering i virksomhed", "Rehabilitation in firms")
        case .wageSubsidyJobs: return pick("Job med løntilskud", "Wage-subsidy jobs")
        case .companyInternships: return pick("Virksomhedspraktik", "Company internships")
        }
    }

    public func name(_ code: AssessmentPoint) -> String {
        switch code {
        case .baseline: return text(.baseline)
        case .midway: return text(.midway)
        case .final: return text(.final)
        }
    }

    public func name(_ code: EvaluationArea) -> String {
        switch code {
        case .localBackingAndSteering: return pick("Lokal opbakning og styring", "Local backing and steering")
        case .competenceDevelopment: return pick("Kompetenceudvikling", "Competence development")
        case .analysisAndGoals: return pick("Analyser og mål", "Analyses and goals")
        case .jointReferral: return pick("Fælles visitation", "Joint referral")
        case .jointCompanyContact: return pick("Fælles kontakt til virksomheder", "Joint contact with firms")
        case .jointContactCourse: return pick("Fælles kontaktforløb", "Joint contact courses")
        case .jointActivation: return pick("Fælles aktivering", "Joint activation")
        case .jointUseOfOtherActors: return pick("Fælles brug af andre aktører", "Joint use of other actors")
        }
    }
}
