// SPDX-License-Identifier: GPL-3.0-or-later

/// Monthly paid hours per person (`id,month,hours`; `month` as `YYYY-MM`), as payroll registers
/// report them, and the rule that spreads them to ISO weeks.
///
/// Rule: a month's hours go to the ISO weeks in proportion to the month's weekdays (Monday to
/// Friday) that fall in each week: week w gets `hours × d(w) / D`, where `d(w)` is the number of
/// the month's weekdays in w and `D` the month's weekdays. A week that spans two months gets a
/// share of each.
public struct MonthlyHours: Sendable {
    /// Per person: (month as year × 12 + month − 1, hours, line).
    public let byPerson: [String: [(month: Int, hours: Double, line: Int)]]
    public let path: String
    public let sha256: String

    /// Reads the file; refuses, naming file, line, column and value, a month that is not
    /// `YYYY-MM`, hours that are not a finite number ≥ 0, a person and month given twice, and
    /// text that breaks the encoding. Complexity: O(rows); memory O(rows).
    public static func read(path: String, displayName: String? = nil, encoding: RegisterEncoding = .utf8) throws -> MonthlyHours {
        let name = displayName ?? path
        var out = [String: [(month: Int, hours: Double, line: Int)]]()
        var index = [String: Int](), headerSeen = false
        var seen = Set<String>()
        let (sha, _) = try CSVScanner.scan(path: path, displayName: name, strictText: encoding == .utf8) { line in
            if !headerSeen {
                headerSeen = true
                let header = (0..<line.count).map { encoding.string(line.field($0)) }
                for c in ["id", "month", "hours"] {
                    guard let i = header.firstIndex(of: c) else {
                        throw TrialModelError.missingColumn(file: name, line: line.number, column: c, header: header.joined(separator: ","))
                    }
                    index[c] = i
                }
                return
            }
            func location(_ c: String) -> SourceLocation { SourceLocation(file: name, line: line.number, column: c) }
            let id = encoding.string(line.field(index["id"]!)), monthText = encoding.string(line.field(index["month"]!))
            let parts = monthText.split(separator: "-")
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
                  (1...12).contains(m), (1900...2200).contains(y) else {
                throw TrialModelError.invalidField(location("month"), value: monthText, expected: "a month YYYY-MM")
            }
            guard let h = CSVField.decimal(line.field(index["hours"]!)), h.isFinite, h >= 0 else {
                throw TrialModelError.invalidField(location("hours"), value: encoding.string(line.field(index["hours"]!)),
                                                   expected: "a number of hours ≥ 0")
            }
            guard seen.insert("\(id)\u{1F}\(monthText)").inserted else {
                throw TrialModelError.invalidField(location("month"), value: monthText, expected: "a month not given before for \(id)")
            }
            out[id, default: []].append((y * 12 + m - 1, h, line.number))
        }
        if !headerSeen { throw TrialModelError.emptyFile(file: name) }
        return MonthlyHours(byPerson: out, path: name, sha256: sha)
    }

    /// The weekdays of a month by ISO week: (the week's Monday in days since 1970-01-01, weekdays
    /// of the month in it), and the month's weekdays in all.
    public static func weekdays(ofMonth month: Int) -> (weeks: [(monday: Int, weekdays: Int)], total: Int) {
        let year = month / 12, m = month % 12 + 1
        let first = CalendarDate(year: year, month: m, day: 1)!.daysSinceEpoch
        let next = (m == 12 ? CalendarDate(year: year + 1, month: 1, day: 1)! : CalendarDate(year: year, month: m + 1, day: 1)!).daysSinceEpoch
        var weeks = [(monday: Int, weekdays: Int)](), total = 0
        for d in first..<next where ISOWeek.weekday(d) < 5 {
            let monday = ISOWeek.monday(of: d)
            if weeks.last?.monday == monday { weeks[weeks.count - 1].weekdays += 1 } else { weeks.append((monday, 1)) }
            total += 1
        }
        return (weeks, total)
    }
}

/// How a register extract's bytes are read: strict UTF-8 (as every other input) or Latin-1
/// (ISO 8859-1, each byte one character), as older register extracts are written.
public enum RegisterEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf8"
    case latin1

    /// A field's text.
    public func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .utf8: return String(decoding: bytes, as: UTF8.self)
        case .latin1: return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        }
    }

    /// A field's bytes as UTF-8 (Latin-1 bytes ≥ 0x80 become two bytes), into `scratch`.
    @inline(__always) public func utf8(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> Bool {
        guard self == .latin1, bytes.contains(where: { $0 >= 0x80 }) else { return false }
        scratch.removeAll(keepingCapacity: true)
        for b in bytes {
            if b < 0x80 { scratch.append(b) } else { scratch.append(0xC0 | (b >> 6)); scratch.append(0x80 | (b & 0x3F)) }
        }
        return true
    }
}
