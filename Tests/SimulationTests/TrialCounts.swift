// SPDX-License-Identifier: GPL-3.0-or-later
import Simulation
import TrialModel

/// Plain counts over generated participant-weeks (no estimator): means of per-person values with
/// their standard errors, runs of company-directed weeks, spells of paid hours.
struct TrialCounts {
    let trial: SimulatedTrial

    /// A mean of per-person values with its standard error (sd / √n).
    struct Mean {
        let mean: Double
        let se: Double
        let n: Int
        init(_ values: [Double]) {
            let count = values.count
            let m = values.reduce(0, +) / Double(count)
            let ss = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
            n = count
            mean = m
            se = (ss / Double(count - 1)).squareRoot() / Double(count).squareRoot()
        }
        /// Difference of two independent means (self − other) and its standard error.
        func minus(_ other: Mean) -> (difference: Double, se: Double) {
            (mean - other.mean, (se * se + other.se * other.se).squareRoot())
        }
    }

    /// Indices of the participants in `arm` satisfying `filter`.
    func people(arm: String, _ filter: (Participant) -> Bool = { _ in true }) -> [Int] {
        trial.participants.indices.filter { trial.assignments[$0].arm == arm && filter(trial.participants[$0]) }
    }

    /// Per person, over the weeks of `window` they have rows for: share of weeks with paid hours
    /// (×100) and mean paid hours. People with no row in the window are left out.
    func window(_ people: [Int], _ window: ClosedRange<Int>) -> (share: Mean, hours: Mean) {
        var shares = [Double](), hours = [Double]()
        for i in people {
            let rows = trial.weeks[i].filter { window.contains($0.week) }
            if rows.isEmpty { continue }
            shares.append(100 * Double(rows.filter { $0.hoursTenths > 0 }.count) / Double(rows.count))
            hours.append(rows.reduce(0) { $0 + $1.paidHours } / Double(rows.count))
        }
        return (Mean(shares), Mean(hours))
    }

    /// The week a participant first completes `length` consecutive company-directed weeks, or nil.
    func firstRun(_ i: Int, length: Int = 13) -> Int? {
        var run = 0
        for r in trial.weeks[i] {
            run = r.isCompanyDirected ? run + 1 : 0
            if run == length { return r.week }
        }
        return nil
    }

    /// Weeks with paid hours followed by a recorded week (at risk), and those followed by a week
    /// without hours (losing hours). A week followed by an absorbing exit is censored.
    func losingHours(_ people: [Int]) -> (events: Int, atRisk: Int) {
        var events = 0, atRisk = 0
        for i in people {
            let rows = trial.weeks[i]
            for k in rows.indices.dropLast() where rows[k].hoursTenths > 0 && !rows[k + 1].status.isAbsorbingExit {
                atRisk += 1
                if rows[k + 1].hoursTenths == 0 { events += 1 }
            }
        }
        return (events, atRisk)
    }
}
