// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TrialStorage

/// `effekt status`: CONSORT counts.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "CONSORT counts: enrolled, randomized per arm and stratum, followed up per week, lost to follow-up.")

    @OptionGroup var options: TrialOptions

    @Option(name: .long, help: "table or json.")
    var format: TrialOutputFormat = .table

    func validate() throws {
        if format == .csv { throw ValidationError("status prints several tables; use --format table or --format json.") }
    }

    func run() throws {
        let s = try options.openStore().status()
        if format == .json { print(try trialJSON(s)); return }
        let arms = s.arms.map(\.arm)
        var out = ["Trial: \(s.trial)", "Enrolled: \(s.enrolled)", "Randomized: \(s.randomized)  (awaiting randomization: \(s.awaitingRandomization))", ""]
        var a = TrialTextTable(["", "total"] + arms)
        a.append(["randomized", String(s.randomized)] + s.arms.map { String($0.count) })
        for st in s.strata { a.append([st.stratum, String(st.arms.reduce(0) { $0 + $1.count })] + st.arms.map { String($0.count) }) }
        out.append(a.rendered)
        out.append("")
        out.append("Followed up (participants with a record), \(s.weeklyRecords) weekly records:")
        var w = TrialTextTable(["week"] + arms)
        for wk in s.followedUp { w.append([String(wk.week)] + wk.arms.map { String($0.count) }) }
        out.append(w.rendered)
        out.append("")
        out.append("Lost to follow-up before week \(s.followUpWeeks):")
        var l = TrialTextTable(["reason"] + arms)
        for r in s.lostToFollowUp { l.append([r.reason.rawValue] + r.arms.map { String($0.count) }) }
        out.append(s.lostToFollowUp.isEmpty ? "none" : l.rendered)
        print(out.joined(separator: "\n"))
    }
}
