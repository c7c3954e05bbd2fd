// SPDX-License-Identifier: GPL-3.0-or-later

/// Why a randomized participant is not followed up to the last week — the one definition that
/// the store's status (`effekt status`), the analysis's CONSORT flow and the reports share.
///
/// Rule (`init(lastWeek:lastStatus:followUpWeeks:)`): a participant with a record for the last
/// follow-up week is followed up (nil), whatever that week's status; otherwise the last record's
/// absorbing exit (`BenefitStatus.absorbingExits`) is the reason, else the records end early; a
/// participant without any record has `noWeeklyRecords`.
public enum LossReason: Hashable, Sendable, CustomStringConvertible {
    /// The last record is an absorbing exit (disability pension, moved away).
    case exit(BenefitStatus)
    /// Records stop before the last follow-up week without an exit.
    case recordsEndEarly
    /// No weekly record at all.
    case noWeeklyRecords

    /// Every reason in report order: the exits, then the two without one.
    public static let allCases: [LossReason] = BenefitStatus.absorbingExits.map(LossReason.exit) + [.recordsEndEarly, .noWeeklyRecords]

    /// The reason a participant whose last record is (`lastWeek`, `lastStatus`) is lost; nil
    /// when followed up to week `followUpWeeks`.
    public init?(lastWeek: Int?, lastStatus: BenefitStatus?, followUpWeeks: Int) {
        guard let lastWeek else { self = .noWeeklyRecords; return }
        if lastWeek >= followUpWeeks { return nil }
        if let lastStatus, lastStatus.isAbsorbingExit { self = .exit(lastStatus) } else { self = .recordsEndEarly }
    }

    /// The code in files and JSON: the exit's status code, `records_end_early`, `no_weekly_records`.
    public var rawValue: String {
        switch self {
        case .exit(let status): return status.rawValue
        case .recordsEndEarly: return "records_end_early"
        case .noWeeklyRecords: return "no_weekly_records"
        }
    }

    public init?(rawValue: String) {
        guard let reason = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = reason
    }

    public var description: String { rawValue }
}

extension LossReason: Codable {
    public init(from decoder: Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        guard let reason = LossReason(rawValue: code) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Unknown loss reason '\(code)'."))
        }
        self = reason
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
