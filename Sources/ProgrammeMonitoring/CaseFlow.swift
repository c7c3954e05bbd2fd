// SPDX-License-Identifier: GPL-3.0-or-later

/// Which cases an analysis covers.
public enum CaseScope: Hashable, Sendable, CustomStringConvertible {
    case overall
    case organisationForm(OrganisationForm)
    case unit(String)

    public var description: String {
        switch self {
        case .overall: return "overall"
        case .organisationForm(let f): return "organisation_form=\(f.rawValue)"
        case .unit(let u): return "unit=\(u)"
        }
    }
}

extension CaseRegister {
    /// The cases in a scope, in file order.
    public func cases(in scope: CaseScope) -> [RegisteredCase] {
        switch scope {
        case .overall: return cases
        case .unit(let id): return cases.filter { $0.unit == id }
        case .organisationForm(let form):
            let ids = Set(units.filter { $0.organisationForm == form }.map(\.id))
            return cases.filter { ids.contains($0.unit) }
        }
    }

    /// The half-years of contact present in the register, in order.
    public var periods: [HalfYear] { Array(Set(cases.map(\.period))).sorted() }
}

/// The case flow of a set of cases: referral mix, the proposed × arranged table with row
/// percentages and send-back rates, and send-back rates by half-year.
///
/// Row percentages are over the *decided* cases of the row (an arrangement or a send-back is
/// registered); cases still open or interrupted for other reasons are counted beside the table.
/// Complexity: O(cases).
public struct CaseFlow: Sendable {
    /// One row of the proposed × arranged table.
    public struct Row: Sendable {
        public let proposed: Intervention
        /// All cases with this proposal.
        public let cases: Int
        /// Cases with an arrangement or a send-back.
        public let decided: Int
        /// Cases by arranged code (sent_back included), only codes with cases.
        public let arranged: [Intervention: Int]
        /// Still `in_placement` or `authority_reconsidering`.
        public let open: Int
        /// Interrupted without a send-back (moved, ill, died …).
        public let interruptedOtherwise: Int

        /// `arranged[code] / decided` (NaN with no decided case).
        public func rowShare(_ code: Intervention) -> Double { decided == 0 ? .nan : Double(arranged[code] ?? 0) / Double(decided) }
        /// Send-backs among the decided cases.
        public var sendBackRate: Double { rowShare(.sentBack) }
        /// Arranged as proposed among the decided cases.
        public var asProposedRate: Double { rowShare(proposed) }
    }

    public let scope: CaseScope
    public let caseCount: Int
    public let byBenefit: [BenefitAtContact: Int]
    public let bySource: [ContactSource: Int]
    /// Rows for every proposed code with cases, in declaration order.
    public let rows: [Row]
    /// Per half-year of contact: decided cases and send-backs among them.
    public let periods: [(period: HalfYear, decided: Int, sentBack: Int)]
    /// Per half-year of contact: all cases and their benefits at contact.
    public let referralPeriods: [(period: HalfYear, cases: Int, byBenefit: [BenefitAtContact: Int])]

    public init(_ cases: [RegisteredCase], scope: CaseScope) {
        self.scope = scope
        caseCount = cases.count
        var benefit = [BenefitAtContact: Int](), source = [ContactSource: Int]()
        for c in cases { benefit[c.benefit, default: 0] += 1; source[c.contactSource, default: 0] += 1 }
        byBenefit = benefit
        bySource = source
        rows = Intervention.proposable.compactMap { p in
            let mine = cases.filter { $0.proposed == p }
            guard !mine.isEmpty else { return nil }
            var arranged = [Intervention: Int]()
            for c in mine { if let a = c.arranged { arranged[a, default: 0] += 1 } }
            return Row(proposed: p, cases: mine.count, decided: mine.filter { $0.arranged != nil }.count, arranged: arranged,
                       open: mine.filter { !$0.status.isFinal }.count,
                       interruptedOtherwise: mine.filter { $0.status == .interrupted && $0.arranged != .sentBack }.count)
        }
        var byPeriod = [HalfYear: (Int, Int)]()
        for c in cases where c.arranged != nil {
            var v = byPeriod[c.period] ?? (0, 0)
            v.0 += 1
            if c.arranged == .sentBack { v.1 += 1 }
            byPeriod[c.period] = v
        }
        periods = byPeriod.keys.sorted().map { ($0, byPeriod[$0]!.0, byPeriod[$0]!.1) }
        var referrals = [HalfYear: [BenefitAtContact: Int]]()
        for c in cases { referrals[c.period, default: [:]][c.benefit, default: 0] += 1 }
        referralPeriods = referrals.keys.sorted().map { p in (p, referrals[p]!.values.reduce(0, +), referrals[p]!) }
    }

    /// Share of cases with this benefit at contact.
    public func share(_ b: BenefitAtContact) -> Double { caseCount == 0 ? .nan : Double(byBenefit[b] ?? 0) / Double(caseCount) }
    /// Share of cases from this contact source.
    public func share(_ s: ContactSource) -> Double { caseCount == 0 ? .nan : Double(bySource[s] ?? 0) / Double(caseCount) }

    /// The row of a proposed intervention, if it has cases.
    public func row(_ proposed: Intervention) -> Row? { rows.first { $0.proposed == proposed } }

    /// Send-backs among all decided cases.
    public var sendBackRate: Double {
        let d = rows.reduce(0) { $0 + $1.decided }, s = rows.reduce(0) { $0 + ($1.arranged[.sentBack] ?? 0) }
        return d == 0 ? .nan : Double(s) / Double(d)
    }

    /// Trend in the share of referrals on a benefit over half-years (Cochran–Armitage); nil as
    /// for `sendBackTrend`.
    public func benefitTrend(_ b: BenefitAtContact) -> TrendTest? {
        TrendTest(scores: referralPeriods.map { Double($0.period.index) }, events: referralPeriods.map { $0.byBenefit[b] ?? 0 },
                  totals: referralPeriods.map(\.cases))
    }

    /// Trend in the send-back rate over half-years (Cochran–Armitage); nil with fewer than two
    /// half-years holding decided cases or no variation.
    public var sendBackTrend: TrendTest? {
        TrendTest(scores: periods.map { Double($0.period.index) }, events: periods.map(\.sentBack), totals: periods.map(\.decided))
    }
}
