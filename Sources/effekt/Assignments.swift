// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import TrialStorage

/// `effekt assignments`: prints the allocation.
struct Assignments: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the allocation: id, stratum, block, position, arm, time.",
        discussion: """
        Example:
          $ effekt assignments --format csv
        """)

    @OptionGroup var options: TrialOptions

    @Option(name: .long, help: "table, csv or json.")
    var format: OutputFormat = .table

    func run() throws {
        let log = try options.openStore(.read).allocationLog()
        switch format {
        case .json:
            struct Row: Encodable { let id, stratum: String; let block, position: Int; let arm, time, algorithm: String }
            print(try trialJSON(log.map { Row(id: $0.assignment.participant.rawValue, stratum: $0.assignment.stratum.label,
                                              block: $0.assignment.block, position: $0.assignment.position,
                                              arm: $0.assignment.arm, time: $0.assignedAt, algorithm: $0.algorithm) }))
        case .csv, .table:
            var t = TextTable(["id", "stratum", "block", "position", "arm", "time"])
            for e in log {
                let a = e.assignment
                t.append([a.participant.rawValue, a.stratum.label, String(a.block), String(a.position), a.arm, e.assignedAt])
            }
            print(format == .csv ? t.csv : t.rendered)
        }
    }
}
