// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import TrialModel
import Randomization
import TrialStorage

/// The store and the outcome derivations on the shipped synthetic flex-job trial (Data/flexjob).
final class ShippedDataTests: XCTestCase {
    /// A fresh store of the shipped trial `Data/<name>`, enrolled and randomized.
    func randomizedStore(_ name: String) throws -> (data: URL, trial: TrialFile, store: TrialStore) {
        let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Data/\(name)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let trial = try TrialFile.load(path: data.appendingPathComponent("trial.toml").path)
        let store = try TrialStore.open(path: dir.appendingPathComponent("effekt.sqlite").path, trial: trial, create: true)
        try store.enroll(try RosterFile.read(path: data.appendingPathComponent("roster.csv").path, trial: trial.definition))
        try store.randomize()
        return (data, trial, store)
    }

    func testFlexJobTrialThroughTheStore() throws {
        let (data, trial, store) = try randomizedStore("flexjob")
        // The shipped allocation.csv is what replaying the randomizer gives.
        let shipped = try AllocationFile.read(path: data.appendingPathComponent("allocation.csv").path)
        XCTAssertNil(shipped.firstDifference(from: try store.replayedAllocation()))
        XCTAssertNil(shipped.firstDifference(from: try store.allocationLog().map(\.assignment)))
        try store.record(weeklyPath: data.appendingPathComponent("weekly.csv").path)
        XCTAssertEqual(try store.verify(), [])
        let events = try PlacementEventFile.read(path: data.appendingPathComponent("events.csv").path)
        XCTAssertEqual(try store.recordEvents(events, displayName: "events.csv").rows, events.events.count)
        XCTAssertEqual(try store.verifyIntegrity().problems, [])
        XCTAssertEqual(try store.importLog().last?.kind, "events")

        let histories = try store.participantHistories()
        XCTAssertEqual(histories.count, 240)
        let exits = histories.map { $0.history.timeToExit(among: trial.definition.competingExits) }
        for e in exits { XCTAssertTrue((0...52).contains(e.time)) }
        // Every absorbing exit the status counts is a competing exit here (or preceded by a flex job).
        let status = try store.status()
        let absorbing = status.lostToFollowUp.filter { $0.reason == .exit(.disabilityPension) || $0.reason == .exit(.movedAway) }
            .flatMap(\.arms).reduce(0) { $0 + $1.count }
        XCTAssertLessThanOrEqual(exits.filter { $0.cause == .disabilityPension || $0.cause == .movedAway }.count, absorbing)
        XCTAssertGreaterThan(exits.filter { $0.cause == .flexJob }.count, 0)
    }

    /// JobFirst (permuted blocks, 30 strata): the store's randomization reproduces the shipped
    /// allocation.csv and blocks balance in every stratum.
    func testJobFirstAllocationReplays() throws {
        let (data, trial, store) = try randomizedStore("jobfirst")
        let log = try store.allocationLog().map(\.assignment)
        XCTAssertNil(try AllocationFile.read(path: data.appendingPathComponent("allocation.csv").path).firstDifference(from: log))
        XCTAssertEqual(try store.verify(), [])
        for (_, rows) in Dictionary(grouping: log, by: \.stratum) {
            let blocks = Dictionary(grouping: rows, by: \.block)
            for (b, members) in blocks where b < blocks.keys.max()! {
                XCTAssertEqual(members.filter { $0.arm == trial.definition.controlArm }.count * 2, members.count)
            }
        }
    }
}
