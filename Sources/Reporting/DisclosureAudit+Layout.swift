// SPDX-License-Identifier: GPL-3.0-or-later

extension DisclosureAudit {
    /// How a set of reports is laid out for the intruder: which report's counts are the sum of
    /// which reports', which columns hold counts, and which tables add up within themselves.
    public struct Layout: Sendable {
        /// The report a file adds up into (nil for the top).
        public let parent: @Sendable (String) -> String?
        /// Column headers whose whole numbers are counts of persons (beyond the trial reports').
        public let countColumns: Set<String>
        /// Tables (by their first header) whose percentages are shares of the row's `total`
        /// column; when `parts` are given they sum to it (a row's total = Σ its parts).
        public let rowShares: [String: (total: String, parts: [String])]
        /// Tables (by their first header) with a row (`totalRow`) that is the sum of the others
        /// in every count column.
        public let columnTotals: [String: String]

        public init(parent: @escaping @Sendable (String) -> String?, countColumns: Set<String> = [],
                    rowShares: [String: (total: String, parts: [String])] = [:], columnTotals: [String: String] = [:]) {
            self.parent = parent
            self.countColumns = countColumns
            self.rowShares = rowShares
            self.columnTotals = columnTotals
        }

        /// The trial reports: a municipality's report adds up into its benefit type's, a benefit
        /// type's into overall.md (`DisclosureAudit.parent`).
        public static let trialReports = Layout(parent: DisclosureAudit.parent)
    }

    /// The sums within tables that the layout names: a row's total = Σ its share columns, a
    /// total row = Σ the other rows, column by column.
    func relateWithinTables(_ tables: [String: [MarkdownTable]], into k: inout Knowledge) {
        for (file, list) in tables {
            for table in list {
                let name = table.header.first ?? ""
                if let shares = layout.rowShares[name], !shares.parts.isEmpty, table.header.contains(shares.total) {
                    for row in table.rows {
                        guard let label = row.first else { continue }
                        let key = { (column: String) in CellKey(file: file, table: name, row: label, column: column) }
                        k.relations.append((key(shares.total), shares.parts.filter(table.header.contains).map(key)))
                    }
                }
                if let totalRow = layout.columnTotals[name] {
                    let labels = table.rows.compactMap(\.first)
                    guard labels.contains(totalRow) else { continue }
                    for column in table.header.dropFirst() where layout.countColumns.contains(column) {
                        let key = { (row: String) in CellKey(file: file, table: name, row: row, column: column) }
                        k.relations.append((key(totalRow), labels.filter { $0 != totalRow }.map(key)))
                    }
                }
            }
        }
    }
}
