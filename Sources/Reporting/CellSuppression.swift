// SPDX-License-Identifier: GPL-3.0-or-later

/// Primary and secondary suppression of counts linked by linear relations, as statistical
/// offices protect tables with margins (Statistics Denmark: no published figure may reveal
/// fewer than `threshold` persons).
///
/// Cells are counts; some are *implied* (never printed, always unknown to a reader). A relation
/// `Σ cᵢ·xᵢ = 0` is something a reader knows (a total is the sum of its parts, a share's
/// numerator plus its complement is its N, a trial is the sum of its municipalities).
///
/// Rule: a count is *sensitive* when 1 ≤ value < threshold (0 reveals nobody).
/// 1. Primary: every printed sensitive count is suppressed.
/// 2. Secondary, until no sensitive count can be worked out: a reader's *propagation* is
///    simulated — any relation with one unknown left gives that unknown, which then counts as
///    known for every other relation — and when it reaches a sensitive count, the cheapest
///    non-zero printed count of the chain of relations that gave it is suppressed too (the least
///    information lost), and the propagation starts again.
///
/// The reader also uses what "< threshold" tells: such a count is at least 1 and at most
/// threshold − 1, so a relation whose unknowns are all such counts summing to their number (or to
/// their number times threshold − 1) pins every one of them.
///
/// Guarantee: after `solve`, propagation from the printed counts reaches no sensitive count
/// (`unprotected` lists any that a relation without printed counts left exposed). Systems that
/// need several relations solved *simultaneously* are not covered by propagation.
/// Complexity: O(R·k) per propagation for R relations of k terms; one propagation per round
/// of added suppressions.
/// Reference: Hundepool et al. (2012), *Statistical Disclosure Control*, ch. 4 (secondary
/// suppression); sdcTable's `protectTable` solves the same problem with LP-based methods.
struct CellSuppression {
    typealias State = DisclosureState

    let values: [Int]
    let implied: [Bool]
    let relations: [[(cell: Int, coefficient: Int)]]
    let threshold: Int
    /// What hiding each cell costs the reader (default: its value); the cheapest cell that blocks
    /// a derivation is hidden. Callers weight totals and headline counts up so that detail goes first.
    var cost: [Int]? = nil

    func isSensitive(_ cell: Int) -> Bool { values[cell] >= 1 && values[cell] < threshold }

    /// The state of every cell after primary and secondary suppression, and the sensitive cells
    /// that stay derivable (empty unless protection was impossible).
    ///
    /// Each round propagates once and handles the sensitive counts it exposed whose chains share
    /// no printed count: for each, in the order found, the cheapest printed count upstream is
    /// suppressed. The others wait for the next round, which tells whether those suppressions
    /// already broke their chains (as one at a time would, in far fewer propagations).
    func solve() -> (states: [State], unprotected: [Int]) {
        var states = values.indices.map { implied[$0] ? State.implied : (isSensitive($0) ? .primary : .shown) }
        let graph = Graph(self)
        var unprotected = Set<Int>()
        while true {
            let (derived, via) = propagate(states, graph: graph)
            let exposed = derived.filter { isSensitive($0) && !unprotected.contains($0) }
            guard !exposed.isEmpty else { return (states, unprotected.sorted()) }
            var touched = Set<Int>()
            let round = states   // chains are read as this round's propagation found them
            for cell in exposed {
                let upstream = upstreamShown(from: cell, via: via, states: round)
                // A chain that shares a printed count with one handled in this round waits for
                // the next round: the suppression made for the other may already break it.
                guard touched.isDisjoint(with: upstream) else { continue }
                touched.formUnion(upstream)
                // Suppress the cheapest printed count of the chain of relations that exposed it,
                // preferring one that the other printed counts do not give straight back.
                let useful = upstream.filter { !isRederivable($0, states: round, graph: graph) }
                if let pick = (useful.isEmpty ? upstream : useful).min(by: { (price($0), $0) < (price($1), $1) }) {
                    states[pick] = .secondary
                } else {
                    unprotected.insert(cell)
                }
            }
        }
    }

    /// The relations each cell is in (with how often), and the relations a "< threshold" bound can
    /// pin (two or more printed sensitive counts).
    struct Graph {
        let relationsOf: [[(relation: Int, count: Int)]]
        let boundCandidates: [Int]

        init(_ problem: CellSuppression) {
            var of = [[(relation: Int, count: Int)]](repeating: [], count: problem.values.count)
            for (r, relation) in problem.relations.enumerated() {
                var counts = [Int: Int]()
                for term in relation { counts[term.cell, default: 0] += 1 }
                for (cell, count) in counts.sorted(by: { $0.key < $1.key }) { of[cell].append((r, count)) }
            }
            relationsOf = of
            boundCandidates = problem.relations.indices.filter { r in
                problem.relations[r].filter { !problem.implied[$0.cell] && problem.isSensitive($0.cell) }.count >= 2
            }
        }
    }

    /// The unknown cells a reader can work out from the printed ones by solving one relation at
    /// a time, in the order found, with the relation that gave each.
    /// Complexity: O(Σ relation sizes) plus a scan of the bound candidates per pinned group.
    func propagate(_ states: [State], graph: Graph) -> (derived: [Int], via: [Int: Int]) {
        var known = states.map { $0 == .shown }
        var missing = relations.map { r in r.reduce(0) { $0 + (known[$1.cell] ? 0 : 1) } }
        var queue = relations.indices.filter { missing[$0] == 1 }
        var derived = [Int](), via = [Int: Int]()
        func learn(_ cell: Int, from r: Int) {
            known[cell] = true
            derived.append(cell)
            via[cell] = r
            for (other, count) in graph.relationsOf[cell] {
                missing[other] -= count
                if missing[other] == 1 { queue.append(other) }
            }
        }
        while true {
            while let r = queue.popLast() {
                guard missing[r] == 1, let cell = relations[r].first(where: { !known[$0.cell] })?.cell else { continue }
                learn(cell, from: r)
            }
            // A reader knows a "< threshold" count lies in 1 … threshold − 1: when a relation's
            // unknowns are all such counts on one side and their sum is k or k·(threshold − 1),
            // every one of them is pinned (all 1, or all threshold − 1).
            guard let (r, cells) = graph.boundCandidates.lazy.compactMap({ r -> (Int, [Int])? in
                guard missing[r] >= 2 else { return nil }
                let unknown = relations[r].filter { !known[$0.cell] }
                guard unknown.allSatisfy({ states[$0.cell] == .primary }),
                      Set(unknown.map { $0.coefficient > 0 }).count == 1 else { return nil }
                let sum = unknown.reduce(0) { $0 + values[$1.cell] }
                return sum == unknown.count || sum == unknown.count * (threshold - 1) ? (r, unknown.map(\.cell)) : nil
            }).first else { break }
            for cell in cells where !known[cell] { learn(cell, from: r) }
        }
        return (derived, via)
    }

    /// Whether hiding `cell` would be undone at once: a relation of it has every other term printed.
    private func isRederivable(_ cell: Int, states: [State], graph: Graph) -> Bool {
        graph.relationsOf[cell].contains { r, _ in
            relations[r].allSatisfy { $0.cell == cell || states[$0.cell] == .shown }
        }
    }

    /// The printed counts anywhere in the chain of relations that derived `cell`: hiding one of
    /// them breaks the chain.
    private func upstreamShown(from cell: Int, via: [Int: Int], states: [State]) -> Set<Int> {
        var frontier = [cell], seen = Set([cell]), candidates = Set<Int>()
        while !frontier.isEmpty {
            var next = [Int]()
            for c in frontier {
                guard let r = via[c] else { continue }
                for term in relations[r] where seen.insert(term.cell).inserted {
                    if states[term.cell] == .shown { candidates.insert(term.cell) } else { next.append(term.cell) }
                }
            }
            frontier = next
        }
        return candidates
    }

    /// The price of hiding a cell: its cost; a zero is never worth hiding (it reveals nobody and
    /// hiding it protects little), so it comes last.
    private func price(_ cell: Int) -> Int {
        values[cell] == 0 ? Int.max : (cost?[cell] ?? values[cell])
    }
}

/// How a published count is shown after disclosure control.
public enum DisclosureState: Sendable, Equatable {
    /// Printed as it is.
    case shown
    /// Sensitive (1 … threshold − 1): printed as "< threshold".
    case primary
    /// Hidden so that a sensitive count cannot be worked out from it: printed as "..".
    case secondary
    /// Never printed; a reader could only derive it.
    case implied
}
