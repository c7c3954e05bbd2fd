// SPDX-License-Identifier: GPL-3.0-or-later

/// The statistical disclosure rule the ministry's reports follow.
///
/// Rule: a cell that describes fewer than `threshold` (5) people is shown as "<5".
/// - A count of people (CONSORT, balance N, events, status counts) from 1 to 4 is suppressed;
///   0 is shown, since it describes nobody.
/// - A mean, share or estimate based on fewer than 5 people (its N is 0–4) is suppressed,
///   together with its confidence interval and p-values. An estimate comparing the arms of a
///   scope counts as based on the smaller of its N and the scope's smallest randomized arm
///   (`CellReport.basis`), so arms of 1–4 people never show a mean or an effect.
/// - A curve (Kaplan–Meier, cumulative incidence) for an arm of fewer than 5 people is not drawn.
/// - A drawn curve is coarsened so that no step rests on fewer than 5 events, with censor marks
///   only at drawn steps; numbers at risk of 1–4 print as "<5" (`coarsened`, `countText`).
///
/// There is no secondary (complementary) suppression: a hidden count can sometimes be worked
/// out from the others (randomized − followed up − other losses). The rule is printed in every
/// report and the index.
public enum DisclosureControl {
    /// The smallest number of people a shown number may describe.
    public static let threshold = 5
    /// What a suppressed cell shows.
    public static let suppressed = "<5"

    /// True when a count of people must be hidden (1 ≤ count < 5).
    public static func hidesCount(_ count: Int) -> Bool { count > 0 && count < threshold }

    /// True when a statistic based on `n` people must be hidden (n < 5).
    public static func hidesEstimate(basedOn n: Int) -> Bool { n < threshold }
}
