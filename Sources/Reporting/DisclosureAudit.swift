// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialAnalysis
import TrialModel

/// An intruder's attack on a folder of published reports: reads every Markdown table of every
/// report together and tries to rebuild a count of fewer than `threshold` persons.
///
/// Attacks, repeated until nothing new is learnt (a count rebuilt by one attack feeds the others):
/// 1. a printed count of 1 … threshold − 1 in a count column;
/// 2. a share of persons times its N (balance table): the persons with the level and without it;
/// 3. CONSORT complements: randomized − followed up − the other losses, per arm; enrolled −
///    the arms;
/// 4. differences across reports: the whole trial − Σ benefit types, a benefit type − Σ its
///    municipalities, for every count cell that the reports share (same table, row and column);
/// 5. the bounds "< 5" gives away (1 … 4): parts that are all "< 5" and must sum to their number
///    (or to 4 × it) are each 1 (or 4);
/// 6. the figures (`PublishedStepFigure`, read back from the SVG coordinates): numbers at risk
///    as counts (printed, "< 5", ".."), their differences along a row and across reports; a
///    Kaplan–Meier or cumulative-incidence step times the arm's N (N × Δlevel is at least the
///    events behind it — the level before a step is at least the share still at risk — so a
///    reading below 5 is certain); the last drawn level against the report's table (events, or
///    the last estimate); and curve levels read exactly (N × level within 0.3 of a whole number)
///    as counts at their weeks, differenced across reports and along the curve.
///
/// The audit rebuilds single counts; a sum of several hidden counts is not attacked.
/// Complexity: O(files × cells × rounds).
public struct DisclosureAudit: Sendable {
    /// One rebuilt count: where, what it is, how it was found.
    public struct Leak: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let cell: String
        public let persons: Int
        public let attack: String
        public var description: String { "\(file): \(cell) reveals \(persons) person(s) (\(attack))" }
    }

    public let threshold: Int
    /// How the reports are laid out: which report adds up into which, and which columns are
    /// counts (`DisclosureAudit+Layout.swift`; the trial reports' by default).
    public let layout: Layout

    public init(threshold: Int = DisclosureControl.threshold, layout: Layout = .trialReports) {
        self.threshold = threshold
        self.layout = layout
    }

    /// Attacks every `.md` and `.svg` file of `directory` together.
    public func leaks(inFolder directory: String) throws -> [Leak] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".md") || $0.hasSuffix(".svg") }.sorted()
        var files = [(name: String, text: String)]()
        for name in names {
            files.append((name, try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8)))
        }
        return leaks(in: files)
    }

    /// What an intruder knows: counts read exactly, counts known to be hidden ("< 5" primary,
    /// ".." secondary), counts never printed (implied), and the relations between them.
    struct Knowledge {
        var known = [CellKey: Int](), hidden = Set<CellKey>(), primary = Set<CellKey>()
        /// Never printed; the attack that reveals one if it is worked out.
        var implied = [CellKey: String]()
        var relations = [(total: CellKey, parts: [CellKey])]()
        /// The file a cell was read from, when not its report (a figure).
        var source = [CellKey: String]()
    }

    /// Attacks a set of reports given as (file name, text): Markdown reports and their SVG figures.
    public func leaks(in files: [(name: String, text: String)]) -> [Leak] {
        var k = Knowledge()
        var shares = [(key: CellKey, percent: Double, n: CellKey)]()
        var rowShares = [(key: CellKey, percent: Double, n: CellKey)]()
        var found = [Leak]()
        func leak(_ key: CellKey, _ value: Int, _ attack: String) {
            guard value >= 1 && value < threshold else { return }
            let leak = Leak(file: k.source[key] ?? key.file, cell: "\(key.table) › \(key.row) › \(key.column)", persons: value, attack: attack)
            if !found.contains(leak) { found.append(leak) }
        }
        let reports = files.filter { $0.name.hasSuffix(".md") && $0.name != "README.md" }
        var tables = [String: [MarkdownTable]]()
        for (name, text) in reports {
            tables[name] = MarkdownTable.all(in: text)
            for table in tables[name]! {
                for row in table.rows {
                    guard let label = row.first else { continue }
                    for (c, column) in table.header.enumerated().dropFirst() where c < row.count {
                        let key = CellKey(file: name, table: table.header[0], row: label, column: column)
                        let value = row[c].trimmingCharacters(in: .whitespaces)
                        if value.hasPrefix("<") && !value.contains(",") && !value.contains(".") { k.hidden.insert(key); k.primary.insert(key) }
                        else if value == DisclosureControl.suppressedStatistic { k.hidden.insert(key) }
                        else if Self.isCountColumn(column, table: table.header[0]) || layout.countColumns.contains(column), let n = Self.integer(value) {
                            k.known[key] = n
                            leak(key, n, "printed")
                        } else if let n = layout.rowShares[table.header[0]], table.header.contains(n.total), column != n.total,
                                  let p = Self.percent(value) {
                            rowShares.append((key, p, CellKey(file: name, table: table.header[0], row: label, column: n.total)))
                        } else if column.contains(":"), let p = Self.percent(value) {
                            shares.append((key, p, CellKey(file: name, table: table.header[0], row: label, column: Self.nColumn(after: column, in: table.header))))
                        }
                    }
                }
            }
        }
        let figures = files.compactMap { PublishedStepFigure.read(file: $0.name, svg: $0.text) }
        for figure in figures { readRiskTable(figure, into: &k) }
        for key in k.known.keys where Self.isFigureTable(key.table) { leak(key, k.known[key]!, "printed") }
        for found in readCurveLevels(figures, tables: tables, into: &k) { leak(found.key, found.persons, found.attack) }
        // Relations: (total, parts) among cell keys.
        let consortTables = Set(k.known.keys.map(\.table).filter(Self.isConsortTable))
        for file in Set((Array(k.known.keys) + Array(k.hidden)).map(\.file)) {
            for table in consortTables {
                let cells = (Array(k.known.keys) + Array(k.hidden)).filter { $0.file == file && $0.table == table }
                for column in Set(cells.map(\.column)) {
                    let inColumn = cells.filter { $0.column == column }
                    guard let randomized = inColumn.first(where: { Self.randomizedLabels.contains($0.row) }),
                          let followed = inColumn.first(where: { Self.followedLabels.contains($0.row) }) else { continue }
                    let lost = inColumn.filter { row in Self.lostPrefixes.contains { row.row.hasPrefix($0) } }
                    k.relations.append((randomized, [followed] + lost))
                }
            }
        }
        relateWithinTables(tables, into: &k)
        // A share of a row's total is a count once the total is printed.
        for s in rowShares {
            guard let n = k.known[s.n] else { continue }
            let with = Int((s.percent / 100 * Double(n)).rounded())
            k.known[s.key] = with
            leak(s.key, with, "share × N")
        }
        let scopes = Dictionary(grouping: reports.map(\.name), by: layout.parent)
        let all = Array(k.known.keys) + Array(k.hidden) + Array(k.implied.keys)
        let present = Set(all)
        for (parent, children) in scopes {
            guard let parent else { continue }
            for key in all where key.file == parent {
                let parts = children.map { CellKey(file: $0, table: key.table, row: key.row, column: key.column) }.filter(present.contains)
                // A report without the figure does not count 0: it is unknown.
                if Self.isFigureTable(key.table) && parts.count < children.count { continue }
                if !parts.isEmpty { k.relations.append((key, parts)) }
            }
        }
        // Share × N.
        for s in shares {
            guard let n = k.known[s.n] else { continue }
            let with = Int((s.percent / 100 * Double(n)).rounded())
            leak(s.key, with, "share × N")
            leak(s.key, n - with, "N − share × N")
        }
        // Propagate until nothing new is learnt.
        var known = k.known
        var changed = true
        while changed {
            changed = false
            // "< 5" means 1 … 4: parts that are all "< 5" and sum to their number (or 4 × it) are pinned.
            for r in k.relations {
                let unknown = r.parts.filter { known[$0] == nil }
                guard unknown.count >= 2, unknown.allSatisfy(k.primary.contains), let total = known[r.total] else { continue }
                let rest = r.parts.compactMap { known[$0] }.reduce(0, +)
                let sum = total - rest
                guard sum == unknown.count || sum == unknown.count * (threshold - 1) else { continue }
                for cell in unknown {
                    known[cell] = sum / unknown.count
                    leak(cell, sum / unknown.count, "bounds of '< \(threshold)'")
                }
                changed = true
            }
            for r in k.relations {
                let terms = [r.total] + r.parts
                let unknown = terms.filter { known[$0] == nil }
                guard unknown.count == 1, let target = unknown.first else { continue }
                let partsSum = r.parts.compactMap { known[$0] }.reduce(0, +)
                let value = target == r.total ? partsSum : (known[r.total]! - (partsSum))
                known[target] = value
                changed = true
                if let attack = k.implied[target] {
                    leak(target, value, r.parts.allSatisfy({ $0.file == r.total.file }) ? attack : "difference across reports")
                } else if k.primary.contains(target) || k.hidden.contains(target) {
                    leak(target, value, target.file == r.total.file && r.parts.allSatisfy({ $0.file == r.total.file })
                         ? "complement within the report" : "difference across reports")
                }
            }
        }
        return found.sorted { ($0.file, $0.cell) < ($1.file, $1.cell) }
    }

    struct CellKey: Hashable { let file, table, row, column: String }

    /// A label in every report language.
    static func labels(_ label: ReportLabel) -> Set<String> { Set(ReportLanguage.allCases.map { $0.strings[label] }) }
    static let countHeaders = labels(.n).union(labels(.events)).union(labels(.rows)).union(labels(.persons)).union(labels(.count))
    static let randomizedLabels = labels(.randomized)
    static let followedLabels = labels(.followedUp)
    static let lostPrefixes = Array(labels(.lostBeforeEnd))
    static let consortHeaders = labels(.stage)

    static func isConsortTable(_ header: String) -> Bool { consortHeaders.contains(header) }

    static func isCountColumn(_ column: String, table: String) -> Bool {
        if isConsortTable(table) { return true }
        return countHeaders.contains(column) || column.hasSuffix(": N")
    }

    /// The N column that goes with a share column in the balance table ("arm: Gennemsnit…" → "arm: N").
    static func nColumn(after column: String, in header: [String]) -> String {
        guard let colon = column.firstIndex(of: ":") else { return "N" }
        return String(column[..<colon]) + ": N"
    }

    /// The report a file adds up into: a municipality's → its benefit type's; a benefit type's → overall.
    static func parent(_ file: String) -> String? {
        let key = String(file.dropLast(3))
        if key == "overall" { return nil }
        if let range = key.range(of: "__") { return String(key[range.upperBound...]) + ".md" }
        return "overall.md"
    }

    /// A whole number in either language's grouping: "1.847", "1,847", "35".
    static func integer(_ text: String) -> Int? {
        let digits = text.filter { $0 != "." && $0 != "," }
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), digits.count == text.filter(\.isNumber).count,
              text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }) else { return nil }
        return Int(digits)
    }

    /// A percentage "44,4 %" or "44.4 %" (the share, 0–100).
    static func percent(_ text: String) -> Double? {
        guard text.hasSuffix(" %") else { return nil }
        return Double(text.dropLast(2).replacingOccurrences(of: ",", with: "."))
    }
}

/// A Markdown pipe table: header cells and row cells, `\|` kept inside cells.
struct MarkdownTable {
    let header: [String]
    let rows: [[String]]

    static func all(in text: String) -> [MarkdownTable] {
        var tables = [MarkdownTable](), block = [String]()
        func flush() {
            if block.count >= 2 { tables.append(MarkdownTable(header: cells(block[0]), rows: block.dropFirst(2).map(cells))) }
            block = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") { block.append(String(line)) } else { flush() }
        }
        flush()
        return tables
    }

    static func cells(_ line: String) -> [String] {
        var out = [String](), current = "", escaped = false
        for ch in line.dropFirst() {
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; current.append(ch); continue }
            if ch == "|" { out.append(current.trimmingCharacters(in: .whitespaces)); current = "" } else { current.append(ch) }
        }
        return out
    }
}
