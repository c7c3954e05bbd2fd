// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring
import TrialModel

/// What the synthetic placement units are calibrated to: the 36 units of the appendix's Bilag 2
/// (name, organisation form, municipalities), the 20 units of the Defgo extract (Bilag 9), and the
/// case-flow and goal figures of the summary (`published`).
public enum PlacementUnitsModel {
    public static let summaryFile = "placement-units-summary-2006.da.txt"
    public static let appendixFile = "placement-units-appendix-2006.da.txt"
    /// The shipped data's seed (the summary's publication month, April 2006).
    public static let shippedSeed: UInt64 = 20060401
    /// The extract date: the evaluation took in data until the end of January 2006.
    public static let extractDate = CalendarDate(iso: "2006-01-31")!
    /// Defgo-net opened for registrations in 2003; cases are registered from then on.
    public static let registrationStart = CalendarDate(iso: "2003-01-01")!

    /// A unit of Bilag 2: name, form, municipalities, and whether it is in the Defgo extract (Bilag 9).
    struct UnitSpec {
        let name: String
        let form: OrganisationForm
        let municipalities: [String]
        let inExtract: Bool
    }

    static let units: [UnitSpec] = [
        .init(name: "Formidlingsenhed Horsens", form: .singleMunicipality, municipalities: ["Horsens"], inExtract: false),
        .init(name: "Formidlingsenheden i Odense Kommune", form: .singleMunicipality, municipalities: ["Odense"], inExtract: false),
        .init(name: "Jobservice Vest", form: .singleMunicipality, municipalities: ["Varde"], inExtract: true),
        .init(name: "Formidlingsenheden Kronjylland", form: .singleMunicipality, municipalities: ["Randers"], inExtract: true),
        .init(name: "Formidlingsenheden i Hillerød", form: .singleMunicipality, municipalities: ["Hillerød"], inExtract: true),
        .init(name: "JSV København", form: .singleMunicipality, municipalities: ["København"], inExtract: false),
        .init(name: "Formidlingsenhed Nord", form: .oneLargeAndSmallerMunicipalities, municipalities: ["Hjørring", "Sindal", "Hirtshals"], inExtract: true),
        .init(name: "Formidlingsenheden Salling Fjends", form: .oneLargeAndSmallerMunicipalities, municipalities: ["Skive", "Sallingsund", "Sundsøre", "Spøttrup", "Fjends"], inExtract: false),
        .init(name: "Formidlingsenheden for nydanskere i Esbjerg og på Fanø", form: .oneLargeAndSmallerMunicipalities, municipalities: ["Esbjerg", "Fanø"], inExtract: true),
        .init(name: "Formidlingscentret i Viborg", form: .oneLargeAndSmallerMunicipalities, municipalities: ["Karup", "Møldrup", "Tjele", "Viborg", "Aalestrup"], inExtract: true),
        .init(name: "Formidlingscenter Midtsjælland", form: .oneLargeAndSmallerMunicipalities, municipalities: ["Ringsted", "Sorø", "Stenlille", "Haslev"], inExtract: false),
        .init(name: "Den fælleskommunale formidlingsenhed for Holbæk, Jernløse, Svinninge og Tølløse", form: .oneLargeAndSmallerMunicipalities, municipalities: ["Holbæk", "Jernløse", "Svinninge", "Tølløse"], inExtract: true),
        .init(name: "Formidlingsenheden Østvendsyssel", form: .oneLargeAndSmallerMunicipalities, municipalities: ["Frederikshavn", "Læsø", "Sæby", "Skagen", "Dronninglund"], inExtract: false),
        .init(name: "JobCentret for Augustenborg, Broager, Sydals og Sønderborg", form: .oneLargeAndSmallerMunicipalities, municipalities: ["Augustenborg", "Broager", "Sydals", "Sønderborg"], inExtract: false),
        .init(name: "Formidlingsenhed Østlolland", form: .severalSmallMunicipalities, municipalities: ["Maribo", "Sakskøbing", "Rødby", "Holeby", "Nysted"], inExtract: false),
        .init(name: "Formidlingsenhed Jobvækst Vestlolland", form: .severalSmallMunicipalities, municipalities: ["Nakskov", "Højreby", "Ravnsborg", "Rudbjerg"], inExtract: false),
        .init(name: "Jobformidling Jammerbugten", form: .severalSmallMunicipalities, municipalities: ["Fjerritslev", "Løkken-Vrå", "Pandrup", "Åbybro", "Brovst"], inExtract: true),
        .init(name: "Formidlingsenheden Knudepunktet", form: .severalSmallMunicipalities, municipalities: ["Struer", "Vinderup", "Thyholm"], inExtract: true),
        .init(name: "jobNord", form: .severalSmallMunicipalities, municipalities: ["Helsingør", "Græsted-Gilleleje"], inExtract: true),
        .init(name: "Vesthimmerland Formidlingsenhed", form: .severalSmallMunicipalities, municipalities: ["Aars", "Farsø", "Nørager"], inExtract: true),
        .init(name: "Formidlingsenheden Østhimmerland", form: .severalSmallMunicipalities, municipalities: ["Hadsund", "Arden", "Sejflod"], inExtract: true),
        .init(name: "Det fælleskommunale Jobcenter for Gråsten og Sundeved", form: .severalSmallMunicipalities, municipalities: ["Gråsten", "Sundeved"], inExtract: true),
        .init(name: "Nordøstfyns Jobcenter", form: .severalSmallMunicipalities, municipalities: ["Munkebo", "Kerteminde", "Langeskov"], inExtract: false),
        .init(name: "Jobbutikken Kolding", form: .oneMunicipalityAndAF, municipalities: ["Kolding"], inExtract: false),
        .init(name: "Formidlingsenheden Fredericia", form: .oneMunicipalityAndAF, municipalities: ["Fredericia"], inExtract: true),
        .init(name: "Virksomhedsport Bornholm", form: .oneMunicipalityAndAF, municipalities: ["Bornholm"], inExtract: true),
        .init(name: "Virksomhedscentret i Aalborg Kommune", form: .oneMunicipalityAndAF, municipalities: ["Aalborg"], inExtract: false),
        .init(name: "Formidlingsenheden i Lyngby-Taarbæk Kommune", form: .oneMunicipalityAndAF, municipalities: ["Lyngby-Taarbæk"], inExtract: false),
        .init(name: "Formidlingsenheden ved Kalundborg Kommunes AMC", form: .severalMunicipalitiesAndAF, municipalities: ["Kalundborg", "Gørlev"], inExtract: true),
        .init(name: "Formidlingshus Odsherred", form: .severalMunicipalitiesAndAF, municipalities: ["Trundholm", "Dragsholm", "Nykøbing-Rørvig"], inExtract: true),
        .init(name: "JobØst", form: .severalMunicipalitiesAndAF, municipalities: ["Køge", "Skovbo", "Stevns", "Vallø"], inExtract: true),
        .init(name: "KomJob", form: .severalMunicipalitiesAndAF, municipalities: ["Ballerup", "Ledøje-Smørum", "Værløse"], inExtract: true),
        .init(name: "Formidlingsenheden for Ringkøbing og Holmsland", form: .severalMunicipalitiesAndAF, municipalities: ["Ringkøbing", "Holmsland"], inExtract: false),
        .init(name: "Formidlingsenheden Vestsønderjylland", form: .severalMunicipalitiesAndAF, municipalities: ["Bredebro", "Højer", "Løgumkloster", "Skærbæk", "Tønder"], inExtract: false),
        .init(name: "JobCenter Marselisborg", form: .noAuthorityAnchor, municipalities: ["Århus"], inExtract: false),
        .init(name: "Jobcenter Østdanmark", form: .noAuthorityAnchor, municipalities: ["København", "Frederiksberg"], inExtract: true),
    ]

    /// Benefit at contact, cumulative: just over half on cash benefit, sickness benefit second.
    static let benefits: [(BenefitAtContact, Double)] = [
        (.cashBenefit, 0.535), (.sicknessBenefit, 0.20), (.flexJobWaitingBenefit, 0.12), (.wage, 0.05),
        (.unemploymentInsuranceBenefit, 0.05), (.disabilityPension, 0.045),
    ]
    /// Contact source: mostly municipal referrals; AF, companies and own initiative minimal.
    static let sources: [(ContactSource, Double)] = [
        (.municipalReferral, 0.90), (.afCountyReferral, 0.04), (.ownInitiative, 0.04), (.companyRequest, 0.02),
    ]
    /// Proposed intervention: ordinary work, internship and flex job two thirds of the orders.
    static let proposals: [(Intervention, Double)] = [
        (.ordinaryWork, 0.28), (.companyInternship, 0.22), (.flexJob, 0.17), (.wageSubsidyJob, 0.07), (.workTrial, 0.06),
        (.shelteredJob, 0.04), (.jobRetention, 0.04), (.preRehabilitation, 0.03), (.individualJobTraining, 0.02),
        (.specialActivation, 0.02), (.companyRehabilitation, 0.01), (.refugeeImmigrantOffer, 0.01), (.other, 0.02), (.unknown, 0.01),
    ]

    /// Among decided cases, what is arranged for a proposal (the send-back share is the mean over
    /// the period; it rises by `sendBackRise` per half-year around the middle).
    static func arrangements(for p: Intervention) -> [(Intervention, Double)] {
        switch p {
        case .ordinaryWork: return [(.ordinaryWork, 0.53), (.sentBack, 0.20), (.companyInternship, 0.12), (.flexJob, 0.07), (.wageSubsidyJob, 0.05), (.workTrial, 0.03)]
        case .companyInternship: return [(.companyInternship, 0.46), (.sentBack, 0.23), (.ordinaryWork, 0.09), (.flexJob, 0.06), (.wageSubsidyJob, 0.08), (.workTrial, 0.08)]
        case .flexJob: return [(.flexJob, 0.76), (.sentBack, 0.09), (.shelteredJob, 0.08), (.companyInternship, 0.07)]
        case .unknown: return [(.companyInternship, 0.40), (.ordinaryWork, 0.30), (.flexJob, 0.10), (.sentBack, 0.20)]
        default: return [(p, 0.60), (.sentBack, 0.15), (.companyInternship, 0.15), (.ordinaryWork, 0.10)]
        }
    }
    /// Added to the send-back share per half-year from the middle of 2003–2005 (rising send-backs).
    static let sendBackRise = 0.03
    /// Share of cases interrupted for other reasons (moving, illness) before anything is arranged.
    static let interruptionShare = 0.06

    /// Goal types grouped by how the summary says they went: generally met, mixed, generally not met.
    static let goalOutcome: [GoalType: Double] = {
        var p = [GoalType: Double]()
        for t in [GoalType.flexJobs, .companyInternships, .retentionFlexShelteredJobs, .satisfaction, .increasedCompanyUse, .companyVisits] { p[t] = 0.78 }
        for t in [GoalType.shelteredJobs, .ordinaryJobs, .wageSubsidyJobs, .partnershipAgreements, .placements, .jobOrders, .maxWaitingTime,
                  .flexAndShelteredJobs, .retentionOrdinaryJobs, .shorterSicknessBenefitPeriods] { p[t] = 0.45 }
        for t in [GoalType.rehabilitationPlacements, .jobRetention, .fewerWaitingBenefitRecipients, .fewerCashBenefitRecipients, .companyNetwork] { p[t] = 0.15 }
        return p
    }()

    static func targetForm(_ t: GoalType) -> TargetForm {
        switch t {
        case .satisfaction: return .satisfactionPercent
        case .maxWaitingTime: return .maxWaitingDays
        case .retentionOrdinaryJobs, .retentionFlexShelteredJobs: return .retentionPercent
        case .fewerCashBenefitRecipients, .fewerWaitingBenefitRecipients, .shorterSicknessBenefitPeriods: return .reductionPercent
        case .increasedCompanyUse: return .growthPercent
        default: return .count
        }
    }
}
