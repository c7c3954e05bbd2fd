// SPDX-License-Identifier: GPL-3.0-or-later

/// Disclosure control of the person counts in a monitoring table row: a total and its parts
/// (`total = Σ parts`), with `CellSuppression`'s primary and secondary suppression at the
/// reporting policy's threshold. Counts of units, goals and trials are not persons and never
/// pass through here.
///
/// Alone, a row is protected on its own. A report set renders twice: first with a `recorder`,
/// which collects every row of every report (scope, table, row), then with the `ledger` those
/// rows give when solved together (`MonitoringDisclosureLedger`), so that a unit's row cannot
/// be worked out from its organisation form's and the overview's.
struct MonitoringDisclosure {
    let threshold: Int
    /// The report being rendered ("" overall, "form:<form>", "unit:<unit>").
    var scope = ""
    var recorder: MonitoringDisclosureLedger.Recorder? = nil
    var ledger: MonitoringDisclosureLedger? = nil

    /// States of `total` and of each part of row `row` of table `table`; `impliedParts` are
    /// never printed but a reader could derive them (e.g. "not sent back" = decided − sent back).
    func row(_ table: String, _ row: String, total: Int, parts: [Int], impliedParts: Set<Int> = []) -> (total: DisclosureState, parts: [DisclosureState]) {
        let values = [total] + parts
        let implied = [false] + parts.indices.map { impliedParts.contains($0) }
        let relation = [(position: 0, coefficient: 1)] + parts.indices.map { (position: $0 + 1, coefficient: -1) }
        let states = solve(table, row, values: values, implied: implied, relations: [relation])
        return (states[0], Array(states.dropFirst()))
    }

    /// States of one total split two ways (e.g. cases by benefit and by contact source).
    func twoWay(_ table: String, _ row: String, total: Int, first: [Int], second: [Int])
        -> (total: DisclosureState, first: [DisclosureState], second: [DisclosureState]) {
        let values = [total] + first + second
        let r1 = [(position: 0, coefficient: 1)] + first.indices.map { (position: $0 + 1, coefficient: -1) }
        let r2 = [(position: 0, coefficient: 1)] + second.indices.map { (position: $0 + 1 + first.count, coefficient: -1) }
        let states = solve(table, row, values: values, implied: values.map { _ in false }, relations: [r1, r2])
        return (states[0], Array(states[1...first.count]), Array(states[(first.count + 1)...]))
    }

    /// Records a row that is not printed (every cell implied), so that the cross-report sums stay complete.
    func unprinted(_ table: String, _ row: String, total: Int, parts: [Int]) {
        _ = self.row(table, row, total: total, parts: parts, impliedParts: Set(parts.indices))
        if let recorder, let last = recorder.rows.popLast() {
            recorder.rows.append(.init(scope: last.scope, table: last.table, row: last.row, values: last.values,
                                       implied: last.values.map { _ in true }, relations: last.relations))
        }
    }

    /// The states from the ledger when there is one, else the row solved alone (and recorded).
    private func solve(_ table: String, _ row: String, values: [Int], implied: [Bool],
                       relations: [[(position: Int, coefficient: Int)]]) -> [DisclosureState] {
        recorder?.rows.append(.init(scope: scope, table: table, row: row, values: values, implied: implied, relations: relations))
        let alone = CellSuppression(values: values, implied: implied, relations: relations.map { $0.map { (cell: $0.position, coefficient: $0.coefficient) } },
                                    threshold: threshold).solve().states
        guard let ledger else { return alone }
        return values.indices.map { ledger.states[.init(scope: scope, table: table, row: row, position: $0)] ?? alone[$0] }
    }

    /// The printed form of a count in a state.
    func count(_ n: Int, _ state: DisclosureState, style: NumberStyle) -> String {
        switch state {
        case .shown: return style.integer(n)
        case .primary: return "< \(threshold)"
        case .secondary, .implied: return ".."
        }
    }

    /// The printed form of a share whose numerator is in `state` (a share would give the count away).
    func share(_ p: Double, _ state: DisclosureState, style: NumberStyle) -> String {
        state == .shown ? style.percent(p) : ".."
    }
}
