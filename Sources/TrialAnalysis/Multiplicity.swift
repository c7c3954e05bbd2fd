// SPDX-License-Identifier: GPL-3.0-or-later

/// A multiple-testing adjustment of a family of p-values.
public enum MultiplicityAdjustment: String, Sendable, CaseIterable, Codable {
    /// Holm (1979) step-down, controlling the family-wise error rate:
    /// `p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎)` for ascending `p₍₁₎ ≤ … ≤ p₍ₘ₎`.
    /// Equivalent R call: `p.adjust(p, "holm")`.
    case holm
    /// Benjamini–Hochberg (1995) step-up, controlling the false discovery rate:
    /// `p̃₍ᵢ₎ = min_{j ≥ i} min(1, m p₍ⱼ₎ / j)`. Equivalent R call: `p.adjust(p, "BH")`.
    case benjaminiHochberg = "BH"

    /// Adjusts `pValues`; `nil` entries (not tested) are kept as `nil` and do not count in `m`,
    /// as R's `p.adjust` treats `NA`.
    ///
    /// Complexity: O(m log m).
    public func adjust(_ pValues: [Double?]) -> [Double?] {
        let tested = pValues.enumerated().compactMap { i, p in p.map { (i, $0) } }
        let m = tested.count
        guard m > 0 else { return pValues }
        var out = pValues
        switch self {
        case .holm:
            let ascending = tested.sorted { $0.1 < $1.1 }
            var running = 0.0
            for (rank, (i, p)) in ascending.enumerated() {
                running = max(running, min(1, Double(m - rank) * p))
                out[i] = running
            }
        case .benjaminiHochberg:
            let descending = tested.sorted { $0.1 > $1.1 }
            var running = 1.0
            for (k, (i, p)) in descending.enumerated() {
                let rank = m - k
                running = min(running, min(1, Double(m) * p / Double(rank)))
                out[i] = running
            }
        }
        return out
    }
}
