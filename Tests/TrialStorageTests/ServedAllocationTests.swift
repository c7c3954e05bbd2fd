// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import GRDB
import Randomization
import TrialModel
import TrialStorage

/// A served trial (seed = "secret"): assignments drawn one at a time on arrival are the
/// permuted-block sequence of the secret seed; commit → close → reveal → verify; a tampered
/// seed or assignment is caught.
final class ServedAllocationTests: XCTestCase {
    var dir: URL!
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/served/trial.toml")

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-served-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture, to: dir.appendingPathComponent("trial.toml"))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// A store with the commitment of `secret` and `n` participants enrolled one at a time over
    /// 3 municipalities × 2 benefits (seeded, so the interleaving of strata is irregular).
    func servedStore(_ secret: AllocationSecret, n: Int) throws -> (TrialStore, [ServedAssignment]) {
        let file = try TrialFile.load(path: path("trial.toml"))
        let store = try TrialStore.open(path: path("effekt.sqlite"), trial: file, create: true)
        try store.recordCommitment(secret.commitment)
        let randomizer = try StratifiedRandomizer(trial: file.definition, seed: secret.seed)
        var g = SeededGenerator(seed: 99)
        var made = [ServedAssignment]()
        for i in 1...n {
            let m = ["Aalborg", "Odense", "Vejle"][g.uniform(below: 3)], b = ["cash_benefit", "resource_programme"][g.uniform(below: 2)]
            let csv = path("row\(i).csv")
            try "id,municipality,benefit,enrolled_on,age\nP\(i),\(m),\(b),2026-02-0\(1 + i % 9),\(20 + i % 40)\n".write(toFile: csv, atomically: true, encoding: .utf8)
            let roster = try RosterFile.read(path: csv, trial: file.definition)
            guard case let .enrolled(a) = try store.enrolServed(roster, source: "test", randomizer: randomizer) else { throw CancellationError() }
            made.append(a)
        }
        return (store, made)
    }

    func testSecretSeedParsesAndRandomizeRefuses() throws {
        let d = try TrialFile.load(path: path("trial.toml")).definition
        XCTAssertTrue(d.seedIsSecret)
        XCTAssertEqual(d.seed, 7, "seed holds the inference seed of a served trial")
        XCTAssertThrowsError(try StratifiedRandomizer(trial: d)) { XCTAssertEqual($0 as? RandomizationError, .seedIsSecret) }
        XCTAssertTrue(d.toml().contains("seed = \"secret\""))
    }

    func testServedAssignmentsFollowEachStratumsBlockSequence() throws {
        let secret = AllocationSecret(seed: 123_456_789, nonce: String(repeating: "ab", count: 16), pseudonymKey: String(repeating: "0", count: 64))
        let (_, made) = try servedStore(secret, n: 120)
        let randomizer = try StratifiedRandomizer(trial: try TrialFile.load(path: path("trial.toml")).definition, seed: secret.seed)
        for (stratum, group) in Dictionary(grouping: made, by: \.stratum) {
            let slots = randomizer.blockSlots(stratum: Stratum(label: stratum), count: group.count)
            XCTAssertEqual(group.map(\.arm), slots.map(\.arm), stratum)
            XCTAssertEqual(group.map { [$0.block, $0.position] }, slots.map { [$0.block, $0.position] }, "no gap or duplicate in \(stratum)")
        }
    }

    func testCommitCloseRevealVerify() throws {
        let secret = AllocationSecret.draw()
        let (store, _) = try servedStore(secret, n: 40)
        XCTAssertNil(try store.verifyServed(), "nothing to replay before the reveal")
        XCTAssertEqual(try store.verifyChainOnly(), [])
        XCTAssertThrowsError(try store.recordReveal(seed: secret.seed, nonce: secret.nonce)) { XCTAssertEqual($0 as? TrialStoreError, .enrolmentOpen) }
        try store.closeEnrolment()
        // A wrong seed (or nonce) is refused: it does not give the commitment.
        XCTAssertThrowsError(try store.recordReveal(seed: secret.seed &+ 1, nonce: secret.nonce)) {
            guard case .revealDiffers = $0 as? TrialStoreError else { return XCTFail("\($0)") }
        }
        try store.recordReveal(seed: secret.seed, nonce: secret.nonce)
        XCTAssertEqual(try store.verifyServed(), [])
    }

    func testTamperedRevealedSeedIsCaught() throws {
        let secret = AllocationSecret.draw()
        let (store, _) = try servedStore(secret, n: 20)
        try store.closeEnrolment()
        try store.recordReveal(seed: secret.seed, nonce: secret.nonce)
        try raw("DROP TRIGGER service_reveal_no_update; UPDATE service_reveal SET seed = '\(secret.seed &+ 1)'")
        let problems = try XCTUnwrap(try store.verifyServed())
        guard case .commitmentDiffers = problems.first else { return XCTFail("\(problems)") }
    }

    func testTamperedAssignmentIsCaughtEvenWithARebuiltChain() throws {
        let secret = AllocationSecret.draw()
        let (store, made) = try servedStore(secret, n: 30)
        try store.closeEnrolment()
        try store.recordReveal(seed: secret.seed, nonce: secret.nonce)
        // The forger flips one arm and recomputes every hash after it, so the chain holds; the
        // replay from the revealed seed still disagrees.
        let victim = made[10]
        let flipped = victim.arm == "control" ? "treatment" : "control"
        try raw("DROP TRIGGER allocation_log_no_update; DROP TRIGGER randomization_run_no_update")
        let q = try DatabaseQueue(path: path("effekt.sqlite"))
        try q.write { db in
            try db.execute(sql: "UPDATE allocation_log SET arm = ? WHERE participant = ?", arguments: [flipped, victim.participant])
            var previous = AllocationLog.genesisHash
            for e in try Row.fetchAll(db, sql: "SELECT sequence, run, participant, stratum, block, position, arm, assigned_at, algorithm FROM allocation_log ORDER BY sequence") {
                let a = Assignment(participant: ParticipantID(e[2] as String), stratum: Stratum(label: e[3]), block: e[4], position: e[5], arm: e[6])
                let h = AllocationLogEntry.chainHash(previous: previous, sequence: e[0], run: e[1], assignment: a, assignedAt: e[7], algorithm: e[8])
                try db.execute(sql: "UPDATE allocation_log SET previous_hash = ?, hash = ? WHERE sequence = ?", arguments: [previous, h, e[0] as Int])
                try db.execute(sql: "UPDATE randomization_run SET head_hash = ? WHERE run = ?", arguments: [h, e[1] as Int])
                previous = h
            }
        }
        let problems = try XCTUnwrap(try store.verifyServed())
        XCTAssertEqual(problems.count, 1, "\(problems)")
        guard case let .replayDiffers(p, _, logged, _) = problems.first else { return XCTFail("\(problems)") }
        XCTAssertEqual(p.rawValue, victim.participant)
        XCTAssertEqual(logged.arm, flipped)
    }

    func testCommitmentIsSHA256OfVersionAlgorithmSeedAndNonce() {
        // Independent computation: printf 'effekt-commitment-1\neffekt-blocks-1\n42\n000102030405060708090a0b0c0d0e0f' | sha256sum
        XCTAssertEqual(AllocationSecret.commitment(seed: 42, nonce: "000102030405060708090a0b0c0d0e0f"), Self.referenceCommitment)
    }
    static let referenceCommitment = "96b460f218399a81a5a55eb4ff07ac470240167429f063144d41339f8943e78d"

    func raw(_ sql: String) throws {
        let q = try DatabaseQueue(path: path("effekt.sqlite"))
        try q.write { db in try db.execute(sql: sql) }
    }
}
