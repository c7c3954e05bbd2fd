// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Regression
import TrialModel

/// Everything `effekt analyze` estimates for one trial: the value the reports render and the
/// results JSON serialises. Reports never compute statistics; every number they print is here.
///
/// JSON keys are the snake_case forms of the property names (`JSONEncoder.KeyEncodingStrategy.convertToSnakeCase`).
public struct AnalysisResults: Codable, Sendable, Equatable {
    public let trial: TrialFacts
    /// The whole trial first, then each benefit type, then each municipality × benefit type.
    public let cells: [CellResults]
    /// How the numbers were made: estimators, SE types, software versions.
    public let methods: MethodsNote
    /// Reproducibility footer: data hashes, seed, version, the exact command.
    public let provenance: Provenance

    public init(trial: TrialFacts, cells: [CellResults], methods: MethodsNote, provenance: Provenance) {
        self.trial = trial
        self.cells = cells
        self.methods = methods
        self.provenance = provenance
    }
}

/// Facts about the trial that every report repeats.
public struct TrialFacts: Codable, Sendable, Equatable {
    public let name: String
    public let arms: [String]
    public let controlArm: String
    public let treatedArm: String
    public let followUpWeeks: Int
    public let municipalities: [String]
    public let benefits: [String]
    /// The trial's names for its codes per report language (trial.toml `[labels]`).
    public let labels: TrialLabels
    /// The run of company-directed weeks the `company_run` outcome counts (outcome names say it).
    public let companyRunWeeks: Int

    public init(name: String, arms: [String], controlArm: String, treatedArm: String, followUpWeeks: Int,
                municipalities: [String], benefits: [String], labels: TrialLabels = .none, companyRunWeeks: Int = 13) {
        self.name = name
        self.arms = arms
        self.controlArm = controlArm
        self.treatedArm = treatedArm
        self.followUpWeeks = followUpWeeks
        self.municipalities = municipalities
        self.benefits = benefits
        self.labels = labels
        self.companyRunWeeks = companyRunWeeks
    }

    private enum CodingKeys: String, CodingKey {
        case name, arms, controlArm, treatedArm, followUpWeeks, municipalities, benefits, labels, companyRunWeeks
    }

    /// Reads the facts; results files written before labels existed read with no labels and a
    /// 13-week run (the default of `outcomes.company_run_weeks`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), arms: try c.decode([String].self, forKey: .arms),
                  controlArm: try c.decode(String.self, forKey: .controlArm),
                  treatedArm: try c.decode(String.self, forKey: .treatedArm),
                  followUpWeeks: try c.decode(Int.self, forKey: .followUpWeeks),
                  municipalities: try c.decode([String].self, forKey: .municipalities),
                  benefits: try c.decode([String].self, forKey: .benefits),
                  labels: try c.decodeIfPresent(TrialLabels.self, forKey: .labels) ?? .none,
                  companyRunWeeks: try c.decodeIfPresent(Int.self, forKey: .companyRunWeeks) ?? 13)
    }
}

/// Which participants a set of results describes.
public struct CellScope: Codable, Sendable, Hashable {
    public enum Level: String, Codable, Sendable { case overall, benefit, municipalityBenefit = "municipality_benefit" }
    public let level: Level
    public let benefit: String?
    public let municipality: String?

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
    public let scope: CellScope
    public let consort: ConsortFlow
    public let balance: [BaselineRow]
    public let headline: [EffectEstimate]
    public let curves: [EffectCurve]
    public let survivalCurves: [SurvivalCurveSet]
    public let hazards: [HazardEstimate]
    public let cumulativeIncidence: [CumulativeIncidenceSet]
    public let subgroups: [SubgroupEffect]
    /// Present in the overall and benefit-type cells: one effect per municipality.
    public let siteEffects: SiteHeterogeneity?
    /// Notes the analysis wants a reader to see (e.g. "cell too small to detect the overall effect").
    public let notes: [AnalysisNote]
    /// The flex-job report's tables (placement events, benchmarks, costs); nil without events.
    public let placement: PlacementTables?

    public init(scope: CellScope, consort: ConsortFlow, balance: [BaselineRow] = [], headline: [EffectEstimate] = [],
                curves: [EffectCurve] = [], survivalCurves: [SurvivalCurveSet] = [], hazards: [HazardEstimate] = [],
                cumulativeIncidence: [CumulativeIncidenceSet] = [], subgroups: [SubgroupEffect] = [],
                siteEffects: SiteHeterogeneity? = nil, notes: [AnalysisNote] = [], placement: PlacementTables? = nil) {
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
        self.placement = placement
    }
}

/// A note a report shows next to the numbers: a value, rendered by the report's language.
public struct AnalysisNote: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The cell's minimum detectable effect exceeds the overall effect (`value`).
        case underpowered
        /// An estimate could not be made; `reason` says why.
        case notEstimable = "not_estimable"
        /// Rows without the outcome were left out (`value` = how many).
        case droppedRows = "dropped_rows"
        /// The small-cell policy replaced Lin's adjustment by the unadjusted difference (`method` says why).
        case fallbackEstimator = "fallback_estimator"
    }
    public let kind: Kind
    /// The estimate or cell the note is about (an `EffectEstimate.id`, `HazardEstimate.id` or a scope key).
    public let subject: String
    public let value: Double?
    public let reason: NotEstimableReason?
    public init(kind: Kind, subject: String, value: Double? = nil, reason: NotEstimableReason? = nil) {
        self.kind = kind
        self.subject = subject
        self.value = value
        self.reason = reason
    }
}

/// The methods section's facts, as values: the report's language writes the prose.
public struct MethodsNote: Codable, Sendable, Equatable {
    public let confidenceLevel: Double
    /// Standard errors of the effect regressions.
    public let standardErrors: CovarianceEstimator
    /// The design randomization inference replays.
    public let design: DesignKind
    /// The number of randomization-inference replays (nil without RI): a p-value of 0 means
    /// below 1 / `permutations`, which is how reports show it.
    public let permutations: Int?
    /// The first seed of the replays (SplitMix64), when there are replays.
    public let inferenceSeed: UInt64?
    /// The small-cell and disclosure rules the analysis applied and the reports follow.
    public let policy: ReportingPolicy
    /// Software and versions (names, not prose).
    public let software: [String]
    /// Set when the allocation was drawn outside Effekt and imported.
    public let importedAllocation: ImportedAllocationNote?
    public init(confidenceLevel: Double, standardErrors: CovarianceEstimator, design: DesignKind, permutations: Int?,
                inferenceSeed: UInt64?, policy: ReportingPolicy, software: [String], importedAllocation: ImportedAllocationNote? = nil) {
        self.confidenceLevel = confidenceLevel
        self.standardErrors = standardErrors
        self.design = design
        self.permutations = permutations
        self.inferenceSeed = inferenceSeed
        self.policy = policy
        self.software = software
        self.importedAllocation = importedAllocation
    }
}

/// What a reader needs to reproduce the numbers.
public struct Provenance: Codable, Sendable, Equatable {
    /// File name → SHA-256 (hex) of the input data.
    public let dataHashes: [String: String]
    public let seed: UInt64
    public let effektVersion: String
    public let command: String
    /// The last day the data cover: the latest enrolment plus the follow-up (ISO date), when known.
    public let dataDate: String?
    /// The head of the store's import log the data were read from, and whether the store verified.
    public let storeHead: StoreHead?
    public init(dataHashes: [String: String], seed: UInt64, effektVersion: String, command: String, dataDate: String? = nil,
                storeHead: StoreHead? = nil) {
        self.dataHashes = dataHashes
        self.seed = seed
        self.effektVersion = effektVersion
        self.command = command
        self.dataDate = dataDate
        self.storeHead = storeHead
    }

    /// The same provenance with the data date set.
    public func with(dataDate: String?) -> Provenance {
        Provenance(dataHashes: dataHashes, seed: seed, effektVersion: effektVersion, command: command, dataDate: dataDate,
                   storeHead: storeHead)
    }
}

/// The store's head digest as results carry it: the SHA-256 that ends the store's import log when
/// the data were read (`effekt verify --expect-head` checks a store against it), and whether the
/// store verified then (false only for an analysis run with `--allow-unverified`).
public struct StoreHead: Codable, Sendable, Equatable {
    public let digest: String
    public let verified: Bool
    public init(digest: String, verified: Bool) {
        self.digest = digest
        self.verified = verified
    }
}

extension AnalysisResults {
    /// The results JSON (`JSONWriter`: strict JSON, non-finite numbers as `null`).
    public func jsonData() throws -> Data { try JSONWriter.data(self) }

    /// Reads a results JSON written by `jsonData()`.
    public static func decode(from data: Data) throws -> AnalysisResults {
        try JSONWriter.decode(AnalysisResults.self, from: data)
    }
}
