// SPDX-License-Identifier: GPL-3.0-or-later

extension KaplanMeier {
    /// The median of a step curve and of its two confidence bands, as R's `quantile.survfit`.
    ///
    /// Formula: on the distribution `F = 1 − S` (censoring steps removed), the quantile is the
    /// midpoint of the first times where `F ≥ ½ − tol` and `F ≥ ½ + tol` (`tol = √ε`), so a curve
    /// that is exactly ½ on an interval gets the middle of that interval. The lower limit of the
    /// median comes from the lower band, the upper limit from the upper band.
    /// Complexity: O(T).
    static func medianWithInterval(times: [Double], survival: [Double], lower: [Double],
                                   upper: [Double]) -> (Double, Double, Double) {
        (quantile(times: times, survival: survival), quantile(times: times, survival: lower),
         quantile(times: times, survival: upper))
    }

    /// The `p = ½` quantile of one curve (`findq` of R's survival).
    static func quantile(times: [Double], survival: [Double], p: Double = 0.5) -> Double {
        let tol = Double.ulpOfOne.squareRoot()
        // x = (0, times), y = (0, 1 − S); drop NaN points, then repeated y values (keep the first).
        var x: [Double] = [0], y: [Double] = [0]
        for (t, s) in zip(times, survival) where !s.isNaN {
            let f = 1 - s
            if f == y[y.count - 1] { continue }
            x.append(t)
            y.append(f)
        }
        // Duplicates are removed against any earlier value, as R's `duplicated`.
        guard let maxY = y.max(), maxY >= p else { return .nan }
        let xmax = times.last ?? 0
        func firstIndex(atLeast target: Double) -> Int? { y.firstIndex { $0 >= target } }
        guard let i1 = firstIndex(atLeast: p - tol) else { return .nan }
        if Swift.abs(p - y[y.count - 1]) < tol { return (x[i1] + xmax) / 2 }
        guard let i2 = firstIndex(atLeast: p + tol) else { return .nan }
        return (x[i1] + x[i2]) / 2
    }
}
