// SPDX-License-Identifier: GPL-3.0-or-later
import Regression
import TrialAnalysis
import TrialModel

extension DanishTexts {
    public func effectMethod(_ method: EffectMethod) -> String {
        let se = standardErrorName(method.standardErrors)
        switch method.estimator {
        case .lin:
            return "Lins kovariatjustering" + (method.strata ? " med faste effekter for strata" : "") + ", \(se)"
        case .stratifiedDifferenceInMeans:
            return "forskel i gennemsnit inden for strata, vægtet med antal personer i hvert stratum (ujusteret), \(se)"
        case .differenceInMeans:
            return "forskel i gennemsnit (ujusteret), \(se)"
        }
    }

    public func hazardModel(_ model: HazardModel) -> String {
        switch model {
        case .cox: return "Cox-model"
        case .coxStratified: return "Cox-model med separat basishasard pr. stratum"
        case .coxSpellsClustered: return "Cox-model på perioder med løntimer, robuste standardfejl pr. person"
        case .causeSpecificCox: return "årsagsspecifik Cox-model"
        case .causeSpecificCoxStratified: return "årsagsspecifik Cox-model med separat basishasard pr. stratum"
        }
    }

    public func notEstimable(_ reason: NotEstimableReason, policy: ReportingPolicy) -> String {
        let why: String
        switch reason {
        case .emptyArm: why = "en af grupperne er tom"
        case .tooFewPersons: why = "færre end \(policy.minPersons) personer i en af grupperne"
        case .tooFewEvents: why = "færre end \(policy.minEventsPerArm) hændelser i en af grupperne"
        case .noEvents: why = "ingen hændelser"
        case .noVariation: why = "udfaldet varierer ikke"
        case .nonConvergence: why = "modellen konvergerede ikke"
        case .infiniteEstimate: why = "estimatet er uendeligt, fordi hændelserne kun findes i den ene gruppe"
        case .undefinedStandardError: why = "standardfejlen kan ikke beregnes"
        case .noCompleteRows: why = "ingen deltagere har udfaldet registreret"
        case .degenerateData: why = "data giver ikke grundlag for modellen"
        }
        return "ikke estimerbar (\(why))"
    }

    public func correction(_ correction: MetaRegressionCorrection) -> String {
        switch correction {
        case .splitControl: return "delt kontrolgruppe"
        }
    }

    public func fallbackSentence(_ method: EffectMethod, policy: ReportingPolicy) -> String {
        switch method.fallback {
        case .tooFewPerParameter?:
            return "Udsnittet er for lille til kovariatjustering (mindst \(policy.minPerArmPerParameter) personer pr. gruppe pr. "
                + "justeringsparameter, her \(method.adjustmentParameters) parametre); effekterne er derfor ujusterede forskelle i gennemsnit"
                + (method.strata ? ", vægtet over strata." : ".")
        case .adjustmentNotEstimable?:
            return "Kovariatjusteringen kunne ikke beregnes i dette udsnit; effekterne er ujusterede forskelle i gennemsnit"
                + (method.strata ? ", vægtet over strata." : ".")
        case nil: return ""
        }
    }

    public func methodsItems(_ m: MethodsNote, levelPercent: String) -> [(label: String, text: String)] {
        var items: [(String, String)] = [
            ("Konfidensniveau", "\(levelPercent); intervaller og p-værdier bygger på t-fordelingen."),
            ("Effekter", "Alle randomiserede indgår i den gruppe, de blev trukket til, uanset om de deltog i indsatsen. "
                + "Effekten er forskellen mellem \(arms.treated) og \(arms.control), estimeret med lineær regression med Lins (2013) "
                + "kovariatjustering (baggrundsvariablerne centreret og med vekselvirkning med indsatsen) og faste effekter for strata; én faktorisering "
                + "af designet giver alle uger og perioder. Uger efter en endelig afgang tæller som 0 timer. Ved siden af hver "
                + "effekt vises den ujusterede forskel i gennemsnit."),
            ("Standardfejl", "\(standardErrorName(m.standardErrors)) (robuste over for forskellig varians, frihedsgrader som i R-pakken estimatr)."),
            ("Små udsnit", "Kovariatjustering bruges kun, når hver gruppe har mindst \(m.policy.minPerArmPerParameter) personer pr. "
                + "justeringsparameter; ellers vises den ujusterede forskel i gennemsnit vægtet over strata. En hasardratio vises "
                + "kun, når hver gruppe har mindst \(m.policy.minEventsPerArm) hændelser. Intervaller for andele afkortes til det "
                + "mulige område (−100 til 100 procentpoint)."),
            ("Forløbsanalyse", "Kaplan–Meier med Greenwoods standardfejl og log-rank-test; Cox-modeller med Efrons metode for "
                + "samtidige hændelser og separat basishasard pr. stratum; perioder med løntimer som (start, slut] med robuste "
                + "standardfejl pr. person; Aalen–Johansen-kumuleret incidens og årsagsspecifikke Cox-modeller for konkurrerende afgange."),
        ]
        if let permutations = m.permutations {
            let seed = m.inferenceSeed.map { " med startværdier fra \($0)" } ?? ""
            if let imported = m.importedAllocation {
                items.append(("Randomiseringsinferens", importedInference(imported, permutations: permutations, seed: seed)))
            } else {
                items.append(("Randomiseringsinferens", "\(permutations) gentagelser af den loggede lodtrækning (\(designName(m.design)))"
                    + "\(seed); p er andelen af gentagelser med et estimat, der numerisk er mindst lige så stort som det observerede."))
            }
        }
        if let imported = m.importedAllocation {
            items.append(("Fordeling", "Importeret: grupperne blev trukket uden for Effekt, som ikke har trukket dem og ikke kan "
                + "gentage lodtrækningen. Designet antages at have været \(assumedDesignName(imported.assumed)), som forsøgsfilen angiver."))
        }
        items.append(("Mange samtidige test", "Holm- og Benjamini–Hochberg-korrektion inden for hvert udsnits perioder og på tværs af alle "
            + "kommuner for samme ydelsestype."))
        return items
    }

    func standardErrorName(_ estimator: CovarianceEstimator) -> String {
        "\(estimator.rawValue.uppercased())-standardfejl"
    }

    func designName(_ design: DesignKind) -> String {
        switch design {
        case .permutedBlocks: return "stratificerede permuterede blokke"
        case .complete: return "fuldstændig randomisering inden for strata"
        case .external: return "trukket uden for Effekt"
        }
    }

    func assumedDesignName(_ design: AssumedDesign) -> String {
        switch design {
        case .completeWithinStrata: return "fuldstændig randomisering inden for strata (faste antal pr. gruppe i hvert stratum)"
        case .bernoulli: return "uafhængige lodtrækninger for hver person med gruppernes forhold som sandsynligheder"
        case .permutedBlocks: return "permuterede blokke inden for strata"
        }
    }

    func importedInference(_ note: ImportedAllocationNote, permutations: Int, seed: String) -> String {
        if let count = note.enumeratedAssignments {
            return "eksakt: alle \(count) fordelinger, som det antagne design kunne have trukket, er beregnet; p er sandsynligheden "
                + "for en fordeling, hvis estimat numerisk er mindst lige så stort som det observerede."
        }
        return "\(permutations) lodtrækninger fra det antagne design\(seed); p er andelen af lodtrækninger, hvis estimat "
            + "numerisk er mindst lige så stort som det observerede."
    }

    public func importedAllocationSentence(assumed: AssumedDesign, imbalance: (statistic: String, df1: Int, df2: Int, p: String)?) -> String {
        let test = imbalance.map { "En samlet test for ubalance i baggrundsvariablene mellem grupperne (hele forsøget) giver "
            + "F(\($0.df1); \($0.df2)) = \($0.statistic), \($0.p); en lille p-værdi ville så tvivl om selve randomiseringen." }
            ?? "En samlet test for ubalance kunne ikke beregnes (ingen baggrundsvariable, der varierer inden for strata)."
        return "**Fordelingen er importeret: Effekt har ikke trukket den.** Forsøgsfilen antager "
            + "\(assumedDesignName(assumed)). " + test
    }
}
