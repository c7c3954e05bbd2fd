// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import ProgrammeMonitoring

/// Descriptive summaries of staged assessments, worked by hand.
final class AssessmentSummaryTests: XCTestCase {
    func testLevelsChangesAndOrdering() {
        func a(_ t: String, _ area: EvaluationArea, _ p: AssessmentPoint, _ l: Int) -> StagedAssessment {
            StagedAssessment(trial: t, area: area, point: p, level: AssessmentLevel(rawValue: l)!)
        }
        let rows = [
            a("t1", .jointActivation, .baseline, 1), a("t1", .jointActivation, .final, 2),
            a("t2", .jointActivation, .baseline, 2), a("t2", .jointActivation, .final, 2),
            a("t3", .jointActivation, .baseline, 2),                                     // no final: not paired
            a("t1", .jointCompanyContact, .baseline, 1), a("t1", .jointCompanyContact, .midway, 3), a("t1", .jointCompanyContact, .final, 5),
            a("t2", .jointCompanyContact, .baseline, 2), a("t2", .jointCompanyContact, .final, 4),
        ]
        let s = AssessmentSummary(rows)
        XCTAssertEqual(s.trialCount, 3)
        XCTAssertEqual(s.areas.map(\.area), [.jointCompanyContact, .jointActivation])   // declaration order
        let activation = s.areas[1]
        XCTAssertEqual(activation.count[.baseline], 3)
        XCTAssertEqual(activation.levels[.baseline], [1, 2, 0, 0, 0])
        XCTAssertEqual(activation.median[.baseline], 2)
        XCTAssertEqual(activation.mean[.baseline]!, 5.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(activation.pairedCount, 2)
        XCTAssertEqual(activation.meanChange, 0.5)
        XCTAssertEqual([activation.movedUp, activation.unchanged, activation.movedDown], [1, 1, 0])
        let contact = s.areas[0]
        XCTAssertEqual(contact.meanChange, 3)                  // (4 + 2) / 2
        XCTAssertEqual(contact.median[.final], 4.5)
        XCTAssertEqual(contact.count[.midway], 1)
        XCTAssertEqual(s.byChange.map(\.area), [.jointCompanyContact, .jointActivation])
    }
}
