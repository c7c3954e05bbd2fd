// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import ProgrammeMonitoring
import TrialStorage

/// `effekt monitor import FILE… [--store PATH]`: imports monitoring files into a monitoring store.
struct MonitorImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import units.csv, cases.csv, goals.csv or assessments.csv into a monitoring store (append-only, with an import log).",
        discussion: """
        Each file is checked whole by the same rules as every monitor command, then against the store \
        (a unit, case, goal or assessment already stored is refused; cases and goals must name stored \
        units), and written in one transaction with an entry of the store's hash-chained import log \
        (the file's SHA-256 and a digest of the rows written). A refused file leaves the store exactly \
        as it was; files given before it stay imported. Files are imported in the order units, cases, \
        goals, assessments whatever the order given. The kind is read from the file name.

        Example:
          $ effekt monitor import Data/placement-units/units.csv --store m.sqlite
        """)

    @Argument(help: ArgumentHelp("The files (named units.csv, cases.csv, goals.csv or assessments.csv, or use --kind).", valueName: "FILE"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The store (default: monitoring.sqlite beside the first file; created by the first import).", valueName: "PATH"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("The kind of every file given: units, cases, goals or assessments.", valueName: "KIND"))
    var kind: String?

    func validate() throws {
        if let kind, MonitoringFile(rawValue: kind) == nil {
            throw ValidationError("--kind takes units, cases, goals or assessments; got '\(kind.prefix(40))'.")
        }
        for f in files where kind == nil && MonitoringFile(fileName: URL(fileURLWithPath: f).lastPathComponent) == nil {
            throw ValidationError("\(f) is not named units.csv, cases.csv, goals.csv or assessments.csv; give --kind to say which it is. Nothing was imported.")
        }
    }

    func run() throws {
        let storePath = store ?? MonitoringStore.defaultPath(inFolder: URL(fileURLWithPath: files[0]).deletingLastPathComponent().path)
        let order = MonitoringFile.allCases
        let typed = files.map { f in (f, kind.flatMap(MonitoringFile.init(rawValue:)) ?? MonitoringFile(fileName: URL(fileURLWithPath: f).lastPathComponent)!) }
            .enumerated().sorted { (order.firstIndex(of: $0.element.1)!, $0.offset) < (order.firstIndex(of: $1.element.1)!, $1.offset) }.map(\.element)
        var table = TextTable(["file", "kind", "rows", "sha256", "import log entry"])
        for (file, kind) in typed {
            let entry = try MonitoringStore.importFile(kind, path: file, into: storePath)
            table.append([file, kind.rawValue, "\(entry.rows)", String(entry.fileSHA256.prefix(16)) + "…", "\(entry.entry)"])
        }
        print(table.rendered)
        let opened = try MonitoringStore.open(path: storePath, access: .read)
        print("\nImported into \(storePath). Store head: \(try opened.head())")
    }
}
