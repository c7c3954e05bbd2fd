// SPDX-License-Identifier: GPL-3.0-or-later

/// The monitoring files as CSV text in the layout of docs/DATA-FORMATS.md (what the readers read
/// back): fields joined by commas, a field holding a comma or quote written as `"…"` with `""`.
public enum MonitoringCSVText {
    static func field(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s
    }

    static func table(_ comment: String?, _ columns: [String], _ rows: [[String]]) -> String {
        var out = comment.map { "# " + $0 + "\n" } ?? ""
        out += columns.joined(separator: ",") + "\n"
        for r in rows { out += r.map(field).joined(separator: ",") + "\n" }
        return out
    }

    public static func units(_ units: [PlacementUnit], comment: String? = nil) -> String {
        table(comment, PlacementUnit.columns, units.map { u in
            [u.id, u.name, u.organisationForm.rawValue, u.municipalities.joined(separator: ";"), "\(u.supportStart)", "\(u.supportEnd)", u.approach.rawValue]
        })
    }

    public static func cases(_ cases: [RegisteredCase], comment: String? = nil) -> String {
        table(comment, CaseRegister.caseColumns, cases.map { c in
            let end: String = switch c.expectedEnd {
            case nil: ""
            case .openEnded?: "open"
            case .date(let d)?: "\(d)"
            }
            return [c.id, c.unit, c.contactSource.rawValue, c.municipality, c.benefit.rawValue, c.proposed.rawValue, c.arranged?.rawValue ?? "",
                    c.history.map(\.description).joined(separator: ";"), "\(c.contactDate)", c.placementDate.map { "\($0)" } ?? "", end]
        })
    }

    public static func goals(_ goals: [UnitGoal], comment: String? = nil) -> String {
        table(comment, UnitGoal.columns, goals.map { g in
            [g.unit, g.goal, g.category.rawValue, g.type.rawValue, g.targetForm.rawValue, "\(g.target)", g.revisedTarget.map { "\($0)" } ?? "",
             g.achieved.map { "\($0)" } ?? "", g.measurement.rawValue, g.preliminary ? "yes" : "no"]
        })
    }

    public static func assessments(_ rows: [StagedAssessment], comment: String? = nil) -> String {
        table(comment, StagedAssessment.columns, rows.map { [$0.trial, $0.area.rawValue, $0.point.rawValue, "\($0.level.rawValue)", $0.note] })
    }

    public static func figures(_ figures: [MonitoringFigure], comment: String? = nil) -> String {
        table(comment, MonitoringFigure.columns, figures.map { f in
            [f.id, f.description, f.wordingDanish, "\(f.published)", "\(f.tolerance)", f.unit.rawValue, f.population, f.estimand.description, f.source]
        })
    }
}
