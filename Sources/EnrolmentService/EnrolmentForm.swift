// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TrialModel

/// One enrolment as a caseworker sends it (JSON or the web form): the person's CPR number,
/// benefit, enrolment date and baseline values. The municipality is the caseworker's.
public struct EnrolmentForm: Sendable, Equatable {
    public var cpr: String
    public var benefit: String
    public var enrolledOn: String
    /// Roster columns besides id, municipality, benefit and enrolled_on (strata, covariates).
    public var covariates: [String: String]

    public init(cpr: String, benefit: String, enrolledOn: String, covariates: [String: String]) {
        self.cpr = cpr
        self.benefit = benefit
        self.enrolledOn = enrolledOn
        self.covariates = covariates
    }

    /// Reads `{"cpr": …, "benefit": …, "enrolled_on": …, "covariates": {name: text or number}}`.
    public static func decode(json data: Data) -> EnrolmentForm? {
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cpr = top["cpr"] as? String, let benefit = top["benefit"] as? String,
              let date = top["enrolled_on"] as? String else { return nil }
        var covariates = [String: String]()
        for (k, v) in (top["covariates"] as? [String: Any]) ?? [:] {
            switch v {
            case let s as String: covariates[k] = s
            case let n as NSNumber: covariates[k] = n.stringValue
            case is NSNull: covariates[k] = ""
            default: return nil
            }
        }
        return EnrolmentForm(cpr: cpr, benefit: benefit, enrolledOn: date, covariates: covariates)
    }

    /// The form as a one-row roster checked exactly as `effekt enroll` checks a roster.csv
    /// (`RosterFile.parse`, the rules of `RosterFile.read`), with `participant` as id and
    /// `municipality`. Errors name the file `request`, line 2 and the column. The row is made in
    /// memory and holds the pseudonym, never the CPR number.
    public func roster(participant: String, municipality: String, trial: TrialDefinition) throws -> RosterFile {
        let names = covariates.keys.sorted()
        let header = ["id", "municipality", "benefit", "enrolled_on"] + names
        let row = [participant, municipality, benefit, enrolledOn] + names.map { covariates[$0]! }
        let text = [header, row].map { $0.map(EnrolmentForm.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
        return try RosterFile.parse(bytes: Array(text.utf8), trial: trial, displayName: "request")
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
