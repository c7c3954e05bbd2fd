// SPDX-License-Identifier: GPL-3.0-or-later

/// Disclosure control of the person counts in a monitoring table row: a total and its parts
/// (`total = Σ parts`), with `CellSuppression`'s primary and secondary suppression at the
/// reporting policy's threshold. Counts of units, goals and trials are not persons and never
/// pass through here.
struct MonitoringDisclosure {
    let threshold: Int

    /// States of `total` and of each part; `impliedParts` are never printed but a reader could
    /// derive them (e.g. "not sent back" = decided − sent back).
    func row(total: Int, parts: [Int], impliedParts: Set<Int> = []) -> (total: DisclosureState, parts: [DisclosureState]) {
        let values = [total] + parts
        let implied = [false] + parts.indices.map { impliedParts.contains($0) }
        let relation = [(cell: 0, coefficient: 1)] + parts.indices.map { (cell: $0 + 1, coefficient: -1) }
        let states = CellSuppression(values: values, implied: implied, relations: [relation], threshold: threshold).solve().states
        return (states[0], Array(states.dropFirst()))
    }

    /// States of one total split two ways (e.g. cases by benefit and by contact source).
    func twoWay(total: Int, first: [Int], second: [Int]) -> (total: DisclosureState, first: [DisclosureState], second: [DisclosureState]) {
        let values = [total] + first + second
        let r1 = [(cell: 0, coefficient: 1)] + first.indices.map { (cell: $0 + 1, coefficient: -1) }
        let r2 = [(cell: 0, coefficient: 1)] + second.indices.map { (cell: $0 + 1 + first.count, coefficient: -1) }
        let states = CellSuppression(values: values, implied: values.map { _ in false }, relations: [r1, r2], threshold: threshold).solve().states
        return (states[0], Array(states[1...first.count]), Array(states[(first.count + 1)...]))
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
