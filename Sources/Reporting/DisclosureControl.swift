// SPDX-License-Identifier: GPL-3.0-or-later

/// The statistical disclosure rule the ministry's reports follow (Statistics Denmark's practice:
/// no published number may reveal fewer than `min_persons` persons, 5 unless `[reporting]` says
/// otherwise).
///
/// - **Counts of persons** (CONSORT, balance N, events, effect N, site and subgroup N): a count of
///   1 … `min_persons` − 1 prints as "< 5" (primary suppression); 0 describes nobody and prints.
///   Counts that would let a reader work out a hidden one — from a total and the other parts,
///   from a share times its N, from the whole trial minus its municipalities — print as ".."
///   (secondary suppression, `DisclosureLedger` over all reports of a set at once).
/// - **Statistics** (means, shares, effects, intervals, p-values, medians, hazard ratios) based on
///   an arm of fewer than `min_persons` people print as ".."; so does a share of persons whose
///   numerator or complement is hidden, and a difference that would reveal it.
/// - **Curves**: an arm of fewer than `min_persons` people is not drawn; Kaplan–Meier and
///   cumulative-incidence steps are coarsened so that no drawn step stands for fewer events.
/// - Counts of organisations (municipalities, units, trials) are not persons and are shown.
public enum DisclosureControl {
    /// The default smallest number of people a shown number may describe.
    public static let threshold = 5
    /// What a suppressed statistic (mean, share, estimate, interval, p-value) shows.
    public static let suppressedStatistic = ".."
    /// What a sensitive count shows: "< 5".
    public static func suppressedCount(threshold: Int = threshold) -> String { "< \(threshold)" }

    /// True when a count of people must be hidden (1 ≤ count < threshold).
    public static func hidesCount(_ count: Int, threshold: Int = threshold) -> Bool { count > 0 && count < threshold }

}
