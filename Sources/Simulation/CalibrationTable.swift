// SPDX-License-Identifier: GPL-3.0-or-later
import Randomization
import TrialModel

/// The "published vs this data" table in each synthetic trial's README: plain counts over the
/// generated participant-weeks (no estimator), printed with fixed decimals.
///
/// The tests in `Tests/SimulationTests` count the same figures independently and check them
/// against the published values within sampling error; this table only reports them.
struct CalibrationTable {
    let participants: [Participant]
    let assignments: [Assignment]
    let weeks: [[SimulatedWeek]]
    private(set) var rows: [(figure: String, published: String, generated: String)] = []

    init(participants: [Participant], assignments: [Assignment], weeks: [[SimulatedWeek]]) {
        self.participants = participants
        self.assignments = assignments
        self.weeks = weeks
    }

    mutating func add(_ figure: String, published: String, _ value: Double, decimals: Int) {
        var text = TextBuffer()
        text.append(value, decimals: decimals)
        rows.append((figure, published, String(decoding: text.bytes, as: UTF8.self)))
    }

    /// Participants in `arm` (nil: all) satisfying `filter`.
    func people(_ arm: String?, _ filter: (Participant) -> Bool = { _ in true }) -> [Int] {
        participants.indices.filter { (arm == nil || assignments[$0].arm == arm) && filter(participants[$0]) }
    }

    /// Mean over people of their share of weeks with paid hours (×100) and of their mean hours,
    /// over the weeks of `window` they have rows for.
    func window(_ people: [Int], _ window: ClosedRange<Int>) -> (share: Double, hours: Double) {
        var share = 0.0, hours = 0.0, n = 0
        for i in people {
            var count = 0, withHours = 0, tenths = 0
            for r in weeks[i] where window.contains(r.week) {
                count += 1
                if r.hoursTenths > 0 { withHours += 1 }
                tenths += r.hoursTenths
            }
            if count == 0 { continue }
            n += 1
            share += 100 * Double(withHours) / Double(count)
            hours += Double(tenths) / 10 / Double(count)
        }
        return (share / Double(n), hours / Double(n))
    }

    /// Percentage of `people` who complete `length` consecutive company-directed weeks by `week`.
    func companyRun(_ people: [Int], by week: Int, length: Int = 13) -> Double {
        var done = 0
        for i in people {
            var run = 0
            for r in weeks[i] where r.week <= week {
                run = r.isCompanyDirected ? run + 1 : 0
                if run == length { done += 1; break }
            }
        }
        return 100 * Double(done) / Double(people.count)
    }

    /// Weekly rate of losing paid hours among weeks with hours followed by a recorded, non-exit week.
    func losingHoursRate(_ people: [Int]) -> Double {
        var events = 0, atRisk = 0
        for i in people {
            let rows = weeks[i]
            for k in rows.indices.dropLast() where rows[k].hoursTenths > 0 && !rows[k + 1].status.isAbsorbingExit {
                atRisk += 1
                if rows[k + 1].hoursTenths == 0 { events += 1 }
            }
        }
        return Double(events) / Double(atRisk)
    }

    /// The table in Markdown.
    var markdown: String {
        var lines = ["| figure | published | this data |", "|---|---|---|"]
        for r in rows { lines.append("| \(r.figure) | \(r.published) | \(r.generated) |") }
        return lines.joined(separator: "\n")
    }
}
