// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

/// A count of persons that a report set publishes — printed, or implied by what is printed
/// (a share times its N, a total minus its parts) — identified by scope and quantity.
///
/// Quantities marked *implied* are never printed: an intruder derives them (the not-randomized
/// from enrolled − randomized; those without a level from N − those with it). They take part in
/// disclosure control like printed counts, because revealing one reveals persons just as well.
public struct PublishedCount: Hashable, Sendable {
    public enum Quantity: Hashable, Sendable {
        case enrolled
        /// Implied: enrolled − Σ randomized.
        case notRandomized
        case randomized(arm: String)
        case followedUp(arm: String)
        case lost(arm: String, reason: String)
        /// Persons with a baseline covariate recorded (balance table N).
        case observed(covariate: String, arm: String)
        /// Persons at a level of a 0/1 or categorical baseline covariate (share × N).
        case withLevel(covariate: String, arm: String)
        /// Implied: observed − with the level.
        case withoutLevel(covariate: String, arm: String)
        /// Persons in an effect estimate (effects table N).
        case estimateN(id: String)
        /// Persons with a person-level 0/1 outcome (arm level × arm N), and (implied) without it.
        case withOutcome(id: String, arm: String)
        case withoutOutcome(id: String, arm: String)
        /// Persons with the outcome recorded in an arm (implied by the level's denominator).
        case outcomeObserved(id: String, arm: String)
        /// Kaplan–Meier table: persons and first events per arm.
        case survivalN(arm: String)
        case survivalEvents(arm: String)
        /// Cox table: rows and events of a hazard estimate.
        case hazardRows(id: String)
        case hazardEvents(id: String)
        case hazardPersons(id: String)
        /// Persons with the event of a step curve by the end of `week` (a Kaplan–Meier curve's
        /// first events, a cumulative-incidence curve's exits by its cause): what the curve drawn
        /// at `week` reveals (`curve`: `CurveID.key`).
        case curveEvents(curve: String, arm: String, week: Int)
        /// Implied: events of a step curve in (`from`, `to`] — the difference of two drawn steps.
        case curveEventsBetween(curve: String, arm: String, from: Int, to: Int)
        /// Persons at risk at `week` in a Kaplan–Meier figure's risk table.
        case atRisk(outcome: String, arm: String, week: Int)
        /// Implied: persons who left the risk set between two weeks of the risk table.
        case leftRiskBetween(outcome: String, arm: String, from: Int, to: Int)
        /// Persons behind a municipality's effect (site table N).
        case siteN(municipality: String)
        /// Persons behind a subgroup effect.
        case subgroupN(variable: String, level: String)
        /// A count of the flex-job tables (`PlacementTables`, `CellReport+Placement`): `table` names
        /// the table (`status_at_end`, `persons_placed`, `jobs_started`, `half_subsidy`,
        /// `created_by`, `placed_by_week`, `profile`, `employers`, `benchmark_n`, `benchmark`,
        /// `milestone`), `row` its row; `arm` "" for all arms.
        case placement(table: String, row: String, arm: String)
        /// Implied: the persons of a placement table's denominator without the row's attribute.
        case placementComplement(table: String, row: String, arm: String)

        /// Whether the quantity is derived by a reader, never printed.
        public var isImplied: Bool {
            switch self {
            case .notRandomized, .withoutLevel, .withoutOutcome, .outcomeObserved, .curveEventsBetween, .leftRiskBetween,
                 .placementComplement: return true
            default: return false
            }
        }
    }

    public let scope: CellScope
    public let quantity: Quantity

    public init(scope: CellScope, quantity: Quantity) {
        self.scope = scope
        self.quantity = quantity
    }
}
