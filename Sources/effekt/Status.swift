// SPDX-License-Identifier: GPL-3.0-or-later
import TrialModel
import ArgumentParser
import TrialStorage

/// `effekt status`: CONSORT counts.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "CONSORT counts: enrolled, randomized per arm and stratum, followed up per week, lost to follow-up.",
        discussion: """
        --format csv prints every count as one long table with the columns measure, level, arm, \
        count (measure: enrolled, awaiting_randomization, randomized, followed_up, \
        lost_to_follow_up; level: total, a stratum, a week or a reason; arm: an arm or all).

        Example:
          $ effekt status --format csv
        """)

    @OptionGroup var options: TrialOptions

    @Option(name: .long, help: "table, csv (one long table) or json.")
    var format: OutputFormat = .table

    func run() throws {
        let s = try options.openStore(.read).status()
        switch format {
        case .json: print(try trialJSON(s))
        case .csv: print(Self.longTable(s).csv)
        case .table: print(Self.text(s))
        }
    }

    /// Every count of `s` as rows `measure, level, arm, count`.
    static func longTable(_ s: TrialStatus) -> TextTable {
        var t = TextTable(["measure", "level", "arm", "count"])
        t.append(["enrolled", "total", "all", String(s.enrolled)])
        t.append(["awaiting_randomization", "total", "all", String(s.awaitingRandomization)])
        func append(_ measure: String, _ level: String, _ arms: [ArmCount]) {
            for a in arms { t.append([measure, level, a.arm, String(a.count)]) }
        }
        append("randomized", "total", s.arms)
        for st in s.strata { append("randomized", st.stratum, st.arms) }
        for wk in s.followedUp { append("followed_up", String(wk.week), wk.arms) }
        for r in s.lostToFollowUp { append("lost_to_follow_up", r.reason.rawValue, r.arms) }
        return t
    }

    /// The counts as text tables.
    static func text(_ s: TrialStatus) -> String {
        let arms = s.arms.map(\.arm)
        var out = ["Trial: \(s.trial)", "Enrolled: \(s.enrolled)", "Randomized: \(s.randomized)  (awaiting randomization: \(s.awaitingRandomization))", ""]
        var a = TextTable(["", "total"] + arms)
        a.append(["randomized", String(s.randomized)] + s.arms.map { String($0.count) })
        for st in s.strata { a.append([st.stratum, String(st.arms.reduce(0) { $0 + $1.count })] + st.arms.map { String($0.count) }) }
        out.append(a.rendered)
        out.append("")
        out.append("Followed up (participants with a record), \(s.weeklyRecords) weekly records:")
        var w = TextTable(["week"] + arms)
        for wk in s.followedUp { w.append([String(wk.week)] + wk.arms.map { String($0.count) }) }
        out.append(w.rendered)
        out.append("")
        out.append("Lost to follow-up before week \(s.followUpWeeks):")
        var l = TextTable(["reason"] + arms)
        for r in s.lostToFollowUp { l.append([r.reason.rawValue] + r.arms.map { String($0.count) }) }
        out.append(s.lostToFollowUp.isEmpty ? "none" : l.rendered)
        return out.joined(separator: "\n")
    }
}
