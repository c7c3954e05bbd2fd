// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import GRDB
import Hummingbird
import HummingbirdTesting
import EnrolmentService
import Randomization
import TrialModel
import TrialStorage

/// The JSON API in process: every operation of docs/openapi.yaml × every kind of caller
/// (no token, unknown token, revoked token, each role), the 404 for another municipality's
/// participant, the one answer for a person enrolled anywhere, the access log holding every
/// request including refusals, and no CPR number anywhere in the store.
final class EnrolmentAPITests: XCTestCase {
    var dir: URL!
    var served: ServedTrial!
    var tokens = [String: String]()

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/served/trial.toml")

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture, to: dir.appendingPathComponent("trial.toml"))
        served = try ServedTrial.open(trialPath: path("trial.toml"), storePath: path("effekt.sqlite"))
        for (name, role, m) in [("aalborg", ServiceRole.caseworker, "Aalborg"), ("odense", .caseworker, "Odense"),
                                ("manager", .manager, nil), ("auditor", .auditor, nil), ("revoked", .caseworker, "Aalborg")] {
            let t = APIToken.draw()
            try served.store.addUser(name: name, role: role, municipality: m, tokenSHA256: APIToken.digest(t))
            tokens[name] = t
        }
        try served.store.revokeUser(name: "revoked")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    var app: some ApplicationProtocol { Application(router: EnrolmentAPI(trial: served).router()) }

    static func enrolment(cpr: String, benefit: String = "cash_benefit", age: String = "41") -> ByteBuffer {
        ByteBuffer(string: #"{"cpr": "\#(cpr)", "benefit": "\#(benefit)", "enrolled_on": "2026-03-02", "covariates": {"age": \#(age)}}"#)
    }

    struct Reply: @unchecked Sendable {
        let status: Int
        let json: [String: Any]
        var dictionary: NSDictionary { json as NSDictionary }
    }

    /// A client that calls as one of the users set up (or nobody, or an unknown token).
    struct Caller: Sendable {
        let tokens: [String: String]
        let client: any TestClientProtocol

        func callAsFunction(_ method: HTTPRequest.Method, _ uri: String, as caller: String?, body: ByteBuffer? = nil) async throws -> Reply {
            var headers: HTTPFields = [:]
            if let caller { headers[.authorization] = "Bearer " + (tokens[caller] ?? "effekt_" + String(repeating: "0", count: 64)) }
            return try await client.execute(uri: uri, method: method, headers: headers, body: body) { r in
                XCTAssertEqual(r.headers[.contentType], "application/json; charset=utf-8", uri)
                let object = (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView))) as? [String: Any]
                return Reply(status: Int(r.status.code), json: object ?? [:])
            }
        }
    }

    /// Runs `body` against the API in process (HummingbirdTesting's router framework).
    func withAPI<T: Sendable>(_ body: @Sendable @escaping (Caller) async throws -> T) async throws -> T {
        let tokens = self.tokens
        return try await app.test(.router) { client in try await body(Caller(tokens: tokens, client: client)) }
    }

    /// Every operation × every caller: the allowed role succeeds, every other caller is refused
    /// (401 without a valid token, 403 with another role), with a status the spec documents and
    /// the keys it names; then the access log holds exactly these requests.
    func testEveryRoleAgainstEveryOperationOfTheSpec() async throws {
        let spec = try OpenAPISpec.load()
        XCTAssertEqual(spec.operations.count, 6)
        let callers: [String?] = [nil, "unknown", "revoked", "aalborg", "manager", "auditor"]
        let roleOf = ["aalborg": "caseworker", "manager": "manager", "auditor": "auditor"]
        // One participant of Aalborg to look up.
        let id = try await withAPI { call in
            try await call(.post, "/api/v1/enrolments", as: "aalborg", body: Self.enrolment(cpr: "0101901234")).json["participant"] as? String
        }
        let participant = try XCTUnwrap(id)
        let requests = try await withAPI { call in
            var requests = 1
            for op in spec.operations {
                for (k, caller) in callers.enumerated() {
                    let uri = op.path.replacingOccurrences(of: "{id}", with: participant)
                    let body = op.method == "POST" ? Self.enrolment(cpr: "02029\(k)1234") : nil
                    let reply = try await call(HTTPRequest.Method(op.method)!, uri, as: caller, body: body)
                    requests += 1
                    let expected: Int
                    if op.roles.isEmpty { expected = 200 }
                    else if let c = caller, let role = roleOf[c] { expected = op.roles.contains(role) ? op.statuses.first! : 403 }
                    else { expected = 401 }
                    XCTAssertEqual(reply.status, expected, "\(op.method) \(op.path) as \(caller ?? "nobody")")
                    XCTAssertTrue(op.statuses.contains(reply.status), "\(op.method) \(op.path): \(reply.status) is not in docs/openapi.yaml")
                    for key in op.keys[reply.status] ?? ["outcome", "message"] {
                        XCTAssertNotNil(reply.json[key], "\(op.method) \(op.path) \(reply.status): key \(key) missing")
                    }
                }
            }
            return requests
        }
        let log = try served.store.accessLog()
        XCTAssertEqual(log.count, requests, "every request is in the access log")
        XCTAssertEqual(TrialStore.brokenAccessEntries(log), [])
        XCTAssertEqual(Set(log.map(\.outcome)).intersection(["no_token", "unknown_token", "revoked_token", "wrong_role"]).count, 4)
        XCTAssertTrue(log.contains { $0.user == "revoked" && $0.status == 401 }, "a revoked user's attempts are logged under their name")
    }

    func testAnotherMunicipalitysParticipantIsNotFoundAndAPersonEnrolledAnywhereGetsOneAnswer() async throws {
        try await withAPI { call in
            let first = try await call(.post, "/api/v1/enrolments", as: "aalborg", body: Self.enrolment(cpr: "010190-1234"))
            XCTAssertEqual(first.status, 201)
            let id = try XCTUnwrap(first.json["participant"] as? String)
            let own = try await call(.get, "/api/v1/participants/\(id)", as: "aalborg")
            XCTAssertEqual(own.json["arm"] as? String, first.json["arm"] as? String)
            let other = try await call(.get, "/api/v1/participants/\(id)", as: "odense")
            let none = try await call(.get, "/api/v1/participants/P000000000000000000000000", as: "odense")
            XCTAssertEqual(other.status, 404)
            XCTAssertEqual(other.dictionary, none.dictionary, "another municipality's participant reads as no participant")
            // The same person again: from Aalborg (here) and from Odense (elsewhere): one answer.
            let here = try await call(.post, "/api/v1/enrolments", as: "aalborg", body: Self.enrolment(cpr: "0101901234", benefit: "resource_programme"))
            let elsewhere = try await call(.post, "/api/v1/enrolments", as: "odense", body: Self.enrolment(cpr: "0101901234"))
            XCTAssertEqual(here.status, 409)
            XCTAssertEqual(here.dictionary, elsewhere.dictionary)
            XCTAssertEqual(here.json["outcome"] as? String, "cannot_enrol")
            // Roster checks as `effekt enroll`: an unknown benefit code, a non-number age.
            let bad = try await call(.post, "/api/v1/enrolments", as: "odense", body: Self.enrolment(cpr: "0303901234", benefit: "lottery"))
            XCTAssertEqual(bad.status, 422)
            XCTAssertTrue((bad.json["message"] as? String ?? "").contains("request, line 2, column benefit"), "\(bad.json)")
            let notCPR = try await call(.post, "/api/v1/enrolments", as: "odense", body: Self.enrolment(cpr: "3213901234"))
            XCTAssertEqual(notCPR.status, 422)
        }
        let outcomes = try served.store.accessLog().map(\.outcome)
        XCTAssertTrue(outcomes.contains("already_enrolled_here"))
        XCTAssertTrue(outcomes.contains("already_enrolled_elsewhere"))
        XCTAssertEqual(try served.store.participants().count, 1)
    }

    /// A path no route answers is refused 404 in JSON and logged, with the caller's name when
    /// the token is valid; the chain stays intact.
    func testUnknownPathsAreLoggedToo() async throws {
        try await withAPI { call in
            let probe = try await call(.get, "/api/v1/admin", as: nil)
            XCTAssertEqual(probe.status, 404)
            XCTAssertEqual(probe.json["outcome"] as? String, "no_such_path")
            let asManager = try await call(.get, "/api/v1/participants", as: "manager")
            XCTAssertEqual(asManager.status, 404)
        }
        let log = try served.store.accessLog()
        XCTAssertEqual(log.map(\.path), ["/api/v1/admin", "/api/v1/participants"])
        XCTAssertEqual(log.map(\.user), ["-", "manager"])
        XCTAssertEqual(log.map(\.status), [404, 404])
        XCTAssertEqual(TrialStore.brokenAccessEntries(log), [])
    }

    func testClosedTrialRefusesEnrolment() async throws {
        try served.store.closeEnrolment()
        try await withAPI { call in
            let r = try await call(.post, "/api/v1/enrolments", as: "aalborg", body: Self.enrolment(cpr: "0101901234"))
            XCTAssertEqual(r.status, 409)
            XCTAssertEqual(r.json["outcome"] as? String, "closed")
        }
    }

    /// No CPR number (with or without its dash) in any table of the store, the access log included.
    func testNoPersonNumberIsStored() async throws {
        let cprs = ["0101901234", "1512884321"]
        try await withAPI { call in
            for c in cprs { _ = try await call(.post, "/api/v1/enrolments", as: "aalborg", body: Self.enrolment(cpr: c)) }
        }
        let q = try DatabaseQueue(path: path("effekt.sqlite"))
        let dump = try await q.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'").map { t in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(t)\"").map(\.description).joined(separator: "\n")
            }.joined(separator: "\n")
        }
        XCTAssertEqual(try served.store.participants().count, 2)
        for c in cprs {
            XCTAssertFalse(dump.contains(c), c)
            XCTAssertFalse(dump.contains(c.prefix(6) + "-" + c.suffix(4)), c)
        }
        XCTAssertEqual(PersonPseudonym.cprDigits("010190-1234"), "0101901234")
        XCTAssertNil(PersonPseudonym.cprDigits("0113901234"), "month 13")
    }

    /// The secret file is written once; a restart checks it against the published commitment.
    func testRestartChecksTheSecretFileAgainstTheCommitment() throws {
        let again = try ServedTrial.open(trialPath: path("trial.toml"), storePath: path("effekt.sqlite"))
        XCTAssertEqual(again.commitment, served.commitment)
        XCTAssertFalse(again.newlyCommitted)
        try FileManager.default.removeItem(atPath: path("effekt.sqlite.secret"))
        try AllocationSecret.draw().write(path: path("effekt.sqlite.secret"))
        XCTAssertThrowsError(try ServedTrial.open(trialPath: path("trial.toml"), storePath: path("effekt.sqlite"))) {
            guard case .secretDiffers = $0 as? EnrolmentServiceError else { return XCTFail("\($0)") }
        }
    }
}
