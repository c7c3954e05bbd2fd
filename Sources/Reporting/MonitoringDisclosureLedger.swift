// SPDX-License-Identifier: GPL-3.0-or-later
import ProgrammeMonitoring

/// The person counts of a whole monitoring report set — the overview, every organisation form's
/// report and every unit's — suppressed together, so that no count hidden in one report can be
/// worked out from the others.
///
/// Cells: every count a table row of `MonitoringReportSet.caseSections` publishes or implies
/// (a total and its parts; printed, or read from a share of the row's total), keyed by scope,
/// table, row and position. Relations: within a row, total = Σ parts (twice for a total split two
/// ways); across reports, for the same table, row and position, the overview = Σ organisation
/// forms with cases and a form = Σ its units. A row a report leaves out counts 0 there (the case
/// flow leaves out only empty rows), except in the time-to-placement table, which leaves out
/// small groups: there every proposal with cases is recorded, unprinted rows as implied.
/// `CellSuppression` then solves the whole set at `threshold`, hiding detail (a unit's count)
/// before totals (a form's, the overview's).
///
/// Complexity: one rendering pass to record the cells, then `CellSuppression` on all of them.
struct MonitoringDisclosureLedger: Sendable {
    /// A cell: the report scope ("" overall, "form:<form>", "unit:<unit>"), the table, the row
    /// and the position in the row (0 the total, then the parts).
    struct Key: Hashable, Sendable {
        let scope: String
        let table: String
        let row: String
        let position: Int
    }

    let states: [Key: DisclosureState]
    /// Sensitive counts the rule could not protect (empty when every count is protected).
    let unprotected: [Key]

    /// One recorded row: its cells (total first), which are never printed, and its relations
    /// as lists of (position, coefficient).
    struct RecordedRow {
        let scope: String
        let table: String
        let row: String
        let values: [Int]
        let implied: [Bool]
        let relations: [[(position: Int, coefficient: Int)]]
    }

    /// Rows recorded while rendering (a reference, shared by the renderings of every scope).
    final class Recorder: @unchecked Sendable {
        var rows = [RecordedRow]()
    }

    /// Solves the recorded rows together; `parent` gives the scope a scope adds up into.
    init(rows: [RecordedRow], parent: (String) -> String?, threshold: Int) {
        var index = [Key: Int](), keys = [Key](), values = [Int](), implied = [Bool](), cost = [Int]()
        var relations = [[(cell: Int, coefficient: Int)]]()
        for r in rows {
            var cells = [Int]()
            for (p, v) in r.values.enumerated() {
                let key = Key(scope: r.scope, table: r.table, row: r.row, position: p)
                if let i = index[key] { cells.append(i); continue }
                index[key] = keys.count
                cells.append(keys.count)
                keys.append(key)
                values.append(v)
                implied.append(r.implied[p])
                // Detail before totals: a unit's count is cheapest to hide, the overview's dearest.
                let level = r.scope.hasPrefix("unit:") ? 1 : r.scope.hasPrefix("form:") ? 40 : 1_600
                cost.append(max(v, 1) * level * (p == 0 ? 20 : 1))
            }
            for rel in r.relations { relations.append(rel.map { (cells[$0.position], $0.coefficient) }) }
        }
        // Across reports: a parent cell = Σ the same cell of its children (a missing child cell is 0).
        var children = [Key: [Int]]()
        for (i, key) in keys.enumerated() {
            guard let p = parent(key.scope) else { continue }
            children[Key(scope: p, table: key.table, row: key.row, position: key.position), default: []].append(i)
        }
        for (parentKey, parts) in children {
            guard let total = index[parentKey] else { continue }
            relations.append([(total, 1)] + parts.map { ($0, -1) })
        }
        let solved = CellSuppression(values: values, implied: implied, relations: relations, threshold: threshold, cost: cost).solve()
        var states = [Key: DisclosureState]()
        for (key, i) in index { states[key] = solved.states[i] }
        self.states = states
        unprotected = solved.unprotected.map { keys[$0] }
    }
}
