// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Everything `effekt analyze` estimates for one trial: the value the reports render and the
/// results JSON serialises. Reports never compute statistics; every number they print is here.
///
/// JSON keys are the snake_case forms of the property names (`JSONEncoder.KeyEncodingStrategy.convertToSnakeCase`).
public struct AnalysisResults: Codable, Sendable, Equatable {
    public var trial: TrialFacts
    /// The whole trial first, then each benefit type, then each municipality × benefit type.
    public var cells: [CellResults]
    /// How the numbers were made: estimators, SE types, software versions.
    public var methods: MethodsNote
    /// Reproducibility footer: data hashes, seed, version, the exact command.
    public var provenance: Provenance

    public init(trial: TrialFacts, cells: [CellResults], methods: MethodsNote, provenance: Provenance) {
        self.trial = trial
        self.cells = cells
        self.methods = methods
        self.provenance = provenance
    }
}

/// Facts about the trial that every report repeats.
public struct TrialFacts: Codable, Sendable, Equatable {
    public var name: String
    public var arms: [String]
    public var controlArm: String
    public var treatedArm: String
    public var followUpWeeks: Int
    public var municipalities: [String]
    public var benefits: [String]

    public init(name: String, arms: [String], controlArm: String, treatedArm: String, followUpWeeks: Int,
                municipalities: [String], benefits: [String]) {
        self.name = name
        self.arms = arms
        self.controlArm = controlArm
        self.treatedArm = treatedArm
        self.followUpWeeks = followUpWeeks
        self.municipalities = municipalities
        self.benefits = benefits
    }
}

/// Which participants a set of results describes.
public struct CellScope: Codable, Sendable, Hashable {
    public enum Level: String, Codable, Sendable { case overall, benefit, municipalityBenefit = "municipality_benefit" }
    public var level: Level
    public var benefit: String?
    public var municipality: String?

    public init(level: Level, benefit: String? = nil, municipality: String? = nil) {
        self.level = level
        self.benefit = benefit
        self.municipality = municipality
    }

    /// A stable file-name-safe key, e.g. `overall`, `cash_benefit`, `aalborg__cash_benefit`.
    public var key: String {
        switch level {
        case .overall: return "overall"
        case .benefit: return benefit ?? "benefit"
        case .municipalityBenefit: return "\(CellScope.slug(municipality ?? ""))__\(benefit ?? "")"
        }
    }

    /// Lower-case ASCII slug (æ→ae, ø→oe, å→aa; other non-alphanumerics → `_`).
    public static func slug(_ s: String) -> String {
        var out = ""
        for ch in s.lowercased() {
            switch ch {
            case "æ": out += "ae"
            case "ø": out += "oe"
            case "å": out += "aa"
            case "é": out += "e"
            default: out += ch.isASCII && (ch.isLetter || ch.isNumber) ? String(ch) : "_"
            }
        }
        return out
    }
}

/// All results for one scope.
public struct CellResults: Codable, Sendable, Equatable {
    public var scope: CellScope
    public var consort: ConsortFlow
    public var balance: [BaselineRow]
    public var headline: [EffectEstimate]
    public var curves: [EffectCurve]
    public var survivalCurves: [SurvivalCurveSet]
    public var hazards: [HazardEstimate]
    public var cumulativeIncidence: [CumulativeIncidenceSet]
    public var subgroups: [SubgroupEffect]
    /// Present in the overall and benefit-type cells: one effect per municipality.
    public var siteEffects: SiteHeterogeneity?
    /// Notes the analysis wants a reader to see (e.g. "cell too small to detect the overall effect").
    public var notes: [AnalysisNote]

    public init(scope: CellScope, consort: ConsortFlow, balance: [BaselineRow] = [], headline: [EffectEstimate] = [],
                curves: [EffectCurve] = [], survivalCurves: [SurvivalCurveSet] = [], hazards: [HazardEstimate] = [],
                cumulativeIncidence: [CumulativeIncidenceSet] = [], subgroups: [SubgroupEffect] = [],
                siteEffects: SiteHeterogeneity? = nil, notes: [AnalysisNote] = []) {
        self.scope = scope
        self.consort = consort
        self.balance = balance
        self.headline = headline
        self.curves = curves
        self.survivalCurves = survivalCurves
        self.hazards = hazards
        self.cumulativeIncidence = cumulativeIncidence
        self.subgroups = subgroups
        self.siteEffects = siteEffects
        self.notes = notes
    }
}

/// A note a report shows next to the numbers.
public struct AnalysisNote: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case underpowered          // MDE larger than the overall effect
        case nonConvergence = "non_convergence"
        case smallCell = "small_cell"
        case droppedRows = "dropped_rows"
    }
    public var kind: Kind
    /// The estimate the note is about (an `EffectEstimate.id` or `HazardEstimate.id`).
    public var subject: String
    public var value: Double?
    public init(kind: Kind, subject: String, value: Double? = nil) {
        self.kind = kind
        self.subject = subject
        self.value = value
    }
}

/// The methods section's facts.
public struct MethodsNote: Codable, Sendable, Equatable {
    public var confidenceLevel: Double
    public var regression: String
    public var standardErrors: String
    public var survival: String
    public var randomizationInference: String?
    /// The number of randomization-inference replays (nil without RI): a p-value of 0 means
    /// below 1 / `permutations`, which is how reports show it.
    public var permutations: Int?
    public var multiplicity: String
    public var software: [String]
    public init(confidenceLevel: Double, regression: String, standardErrors: String, survival: String,
                randomizationInference: String?, permutations: Int? = nil, multiplicity: String, software: [String]) {
        self.confidenceLevel = confidenceLevel
        self.regression = regression
        self.standardErrors = standardErrors
        self.survival = survival
        self.randomizationInference = randomizationInference
        self.permutations = permutations
        self.multiplicity = multiplicity
        self.software = software
    }
}

/// What a reader needs to reproduce the numbers.
public struct Provenance: Codable, Sendable, Equatable {
    /// File name → SHA-256 (hex) of the input data.
    public var dataHashes: [String: String]
    public var seed: UInt64
    public var effektVersion: String
    public var command: String
    public init(dataHashes: [String: String], seed: UInt64, effektVersion: String, command: String) {
        self.dataHashes = dataHashes
        self.seed = seed
        self.effektVersion = effektVersion
        self.command = command
    }
}

extension AnalysisResults {
    /// The encoder of the results JSON: snake_case keys, sorted, pretty-printed; every number at
    /// full double precision (Swift prints the shortest representation that round-trips).
    public static func jsonEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    /// The decoder matching `jsonEncoder()`.
    public static func jsonDecoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return d
    }
}
