// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel

/// The words a report may hold besides its language's word list: names and symbols in either
/// language, and per language a short supplement of correct words the Debian list lacks.
///
/// Rule for adding a word: a name (person, method, software, standard) goes in `names`; a
/// correct word of the language that the list lacks (an inflection, a technical term) goes in
/// its language's supplement with the reason. Never add a word of the other language.
enum Lexicon {
    /// Names of people, methods, software and standards, used as is in both languages (a Danish
    /// genitive "Lins", "Cochrans" is accepted for each; English "Lin's" is read as "Lin").
    static let names: Set<String> = [
        // Methods named after people
        "Kaplan", "Meier", "Cox", "Lin", "Holm", "Benjamini", "Hochberg", "Aalen", "Johansen", "Greenwood",
        "Efron", "Cochran", "Hedges", "Armitage", "Fieller",
        // Standards and estimators
        "CONSORT", "WWC", "HC0", "HC1", "HC2", "HC3", "CR0", "CR1", "CR2", "SHA",
        // Software
        "Effekt", "R", "estimatr", "OpenBLAS", "LAPACKE", "Rmath", "SQLite", "GRDB",
        // Trials, data sources and currencies
        "JobFirst", "DREAM", "DKK",
    ]

    /// Statistical symbols: N (persons), p, g (Hedges' g), Q (Cochran's Q), χ² (log-rank statistic).
    /// The grades of the placement units' goal attainment (I+, I, DI, II, IO; the evaluation's own symbols).
    static let symbols: Set<String> = ["N", "p", "g", "Q", "χ²", "I", "DI", "II", "IO"]

    /// Correct words the language's Debian list lacks.
    static func supplement(_ language: ReportLanguage) -> [String] {
        switch language {
        case .danish: return danish
        case .english: return english
        }
    }

    /// Danish words missing from wdanish: inflections of listed words and technical terms of
    /// statistics and employment policy (Den Danske Ordbog / Danmarks Statistik usage).
    static let danish: [String] = [
        // Inflections of listed verbs and adjectives
        "påvises",          // passive of påvise
        "udgået",           // participle of udgå
        "observerede",      // past/plural of observere
        "konvergerede",     // past of konvergere
        "varsomt",          // neuter of varsom
        "ujusteret", "ujusterede",  // u- + justeret
        "estimerbar",       // estimere + -bar
        // Technical terms
        "estimat", "estimatet", "estimater",      // estimate (Danmarks Statistik)
        "konfidens",        // first part of konfidensinterval, konfidensbånd, konfidensniveau
        "incidens",         // kumuleret incidens (cumulative incidence)
        "eksplorativ",      // exploratory (analysis)
        "kovariat", "kovariater",                 // covariate
        "randomisering", "randomiseret", "randomiserede",  // randomization
        "hasardratio", "hasardratioer", "basishasard",     // hazard ratio, baseline hazard
        "fleksjob",         // flex job (employment policy)
        "fleksydelse",      // flex-job retirement benefit
        "løntilskud",       // wage subsidy (employment policy)
        "arbejdsprøvning",  // work trial (employment policy)
        "udsnittet",        // definite of udsnit
        "ordinært",         // neuter of ordinær ("ordinært arbejde", the Defgo registration guide)
    ]

    /// English (British) words missing from wbritish.
    static let english: [String] = [
        "randomisation",    // wbritish lists randomise, randomised but not the noun
        "covariate", "covariates",  // statistics
        "unadjusted",       // un- + adjusted
        "pre",              // pre-specified
    ]
}
