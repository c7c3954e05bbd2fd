// SPDX-License-Identifier: GPL-3.0-or-later
import XCTest
import Hummingbird
import HummingbirdTesting
import EnrolmentService
import TrialStorage

/// The web form in process (Scripts/browser-test drives it in chromium): log in, the CSRF rule,
/// enrol, log out, and sessions that end — after `FormSession.lifetime`, when forged, when the
/// token is revoked — each request in the access log.
final class WebFormTests: XCTestCase {
    var dir: URL!
    var served: ServedTrial!
    var token = ""

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-form-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: EnrolmentAPITests.fixture, to: dir.appendingPathComponent("trial.toml"))
        served = try ServedTrial.open(trialPath: dir.appendingPathComponent("trial.toml").path,
                                      storePath: dir.appendingPathComponent("effekt.sqlite").path)
        token = APIToken.draw()
        try served.store.addUser(name: "aalborg", role: .caseworker, municipality: "Aalborg", tokenSHA256: APIToken.digest(token))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    struct Page: Sendable {
        let status: Int
        let headers: HTTPFields
        let body: String
        /// The value of the hidden `csrf` input, if the page has one.
        var csrf: String? {
            guard let r = body.range(of: #"name="csrf" value=""#) else { return nil }
            return String(body[r.upperBound...].prefix { $0 != "\"" })
        }
        /// The session cookie's value set by this answer, if any.
        var sessionCookie: String? {
            guard let c = headers[.setCookie], c.hasPrefix("effekt_session=") else { return nil }
            return String(c.dropFirst("effekt_session=".count).prefix { $0 != ";" })
        }
    }

    func withForm(_ body: @Sendable @escaping (_ call: @Sendable (HTTPRequest.Method, String, String?, String?) async throws -> Page) async throws -> Void) async throws {
        let app = Application(router: EnrolmentAPI(trial: served).router())
        try await app.test(.router) { client in
            try await body { method, uri, cookie, form in
                var headers: HTTPFields = [:]
                if let cookie { headers[.cookie] = "effekt_session=\(cookie)" }
                if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
                return try await client.execute(uri: uri, method: method, headers: headers, body: form.map { ByteBuffer(string: $0) }) { r in
                    Page(status: Int(r.status.code), headers: r.headers, body: String(buffer: r.body))
                }
            }
        }
    }

    func testLogInEnrolAndLogOut() async throws {
        let token = self.token
        try await withForm { call in
            let refused = try await call(.post, "/form/login?lang=en", nil, "token=effekt_nonsense")
            XCTAssertEqual(refused.status, 401)
            XCTAssertTrue(refused.body.contains("not valid for a caseworker"))
            let login = try await call(.post, "/form/login?lang=en", nil, "token=\(token)")
            XCTAssertEqual(login.status, 303)
            let cookie = try XCTUnwrap(login.sessionCookie)
            let attributes = login.headers[.setCookie] ?? ""
            for a in ["HttpOnly", "SameSite=Strict", "Path=/form", "Max-Age=\(FormSession.lifetime)"] { XCTAssertTrue(attributes.contains(a), attributes) }
            XCTAssertFalse(cookie.hasSuffix(token), "the cookie is the sealed session, not the bare token")
            let form = try await call(.get, "/form/enrol?lang=en", cookie, nil)
            XCTAssertEqual(form.status, 200)
            let csrf = try XCTUnwrap(form.csrf)
            let fields = "cpr=010190-1234&benefit=cash_benefit&enrolled_on=2026-03-02&field_age=41"
            let forged = try await call(.post, "/form/enrol?lang=en", cookie, fields + "&csrf=00")
            XCTAssertEqual(forged.status, 403)
            let enrolled = try await call(.post, "/form/enrol?lang=en", cookie, fields + "&csrf=\(csrf)")
            XCTAssertEqual(enrolled.status, 201)
            XCTAssertTrue(enrolled.body.contains(#"id="arm""#) && enrolled.body.contains(#"id="logout""#))
            let noCSRF = try await call(.post, "/form/logout?lang=en", cookie, "")
            XCTAssertEqual(noCSRF.status, 403, "another site cannot log a caseworker out")
            let out = try await call(.post, "/form/logout?lang=en", cookie, "csrf=\(csrf)")
            XCTAssertEqual(out.status, 303)
            XCTAssertEqual(out.headers[.location], "/form?lang=en&out=1")
            XCTAssertTrue((out.headers[.setCookie] ?? "").contains("Max-Age=0"))
            let loginPage = try await call(.get, "/form?lang=en&out=1", nil, nil)
            XCTAssertTrue(loginPage.body.contains("You are logged out."))
        }
        XCTAssertEqual(try served.store.participants().count, 1)
        let outcomes = try served.store.accessLog().map(\.outcome)
        for o in ["unknown_token", "logged_in", "form", "csrf_refused", "logged_out"] { XCTAssertTrue(outcomes.contains(o), o) }
        XCTAssertEqual(TrialStore.brokenAccessEntries(try served.store.accessLog()), [])
    }

    /// A session older than the lifetime, one whose time or MAC was changed, and one whose token
    /// was revoked all lead back to the login page; only the first says it expired.
    func testSessionsEnd() async throws {
        let now = Int(Date().timeIntervalSince1970)
        let old = served.sessionCookieValue(token: token, issued: now - FormSession.lifetime - 1)
        let fresh = served.sessionCookieValue(token: token, issued: now - FormSession.lifetime + 60)
        let parts = fresh.split(separator: ".")
        let moved = "\(now).\(parts[1]).\(parts[2])"
        let store = served.store
        try await withForm { call in
            let expired = try await call(.get, "/form/enrol?lang=da", old, nil)
            XCTAssertEqual(expired.status, 303)
            XCTAssertEqual(expired.headers[.location], "/form?lang=da&expired=1")
            let open = try await call(.get, "/form/enrol", fresh, nil)
            XCTAssertEqual(open.status, 200)
            let forged = try await call(.get, "/form/enrol", moved, nil)
            XCTAssertEqual(forged.headers[.location], "/form?lang=da", "a changed time breaks the seal")
            let bare = try await call(.get, "/form/enrol", "effekt_" + String(repeating: "0", count: 64), nil)
            XCTAssertEqual(bare.status, 303, "a bare token is no session")
            try store.revokeUser(name: "aalborg")
            let revoked = try await call(.get, "/form/enrol", fresh, nil)
            XCTAssertEqual(revoked.status, 303, "revoking the token ends its sessions")
            let page = try await call(.get, "/form?lang=da&expired=1", nil, nil)
            XCTAssertTrue(page.body.contains("Log ind igen"))
        }
        let outcomes = try served.store.accessLog().map(\.outcome)
        XCTAssertEqual(outcomes.filter { $0 == "session_expired" }.count, 1)
        XCTAssertEqual(outcomes.filter { $0 == "no_session" }.count, 3)
    }

    func testSealedSessionsOpenOnlyUnchangedAndInTime() {
        let key = String(repeating: "ab", count: 32)
        let s = FormSession(token: "effekt_" + String(repeating: "1", count: 64), issued: 1_780_000_000)
        let cookie = s.sealed(keyHex: key)
        XCTAssertEqual(FormSession.open(cookie, keyHex: key, now: s.issued + FormSession.lifetime), .success(s))
        XCTAssertEqual(FormSession.open(cookie, keyHex: key, now: s.issued + FormSession.lifetime + 1), .failure(.expired))
        XCTAssertEqual(FormSession.open(cookie, keyHex: key, now: s.issued - 61), .failure(.expired))
        XCTAssertEqual(FormSession.open(cookie, keyHex: String(repeating: "cd", count: 32), now: s.issued), .failure(.malformed))
        XCTAssertEqual(FormSession.open(cookie + "0", keyHex: key, now: s.issued), .failure(.malformed))
        XCTAssertEqual(FormSession.open("x.y", keyHex: key, now: s.issued), .failure(.malformed))
        XCTAssertEqual(FormSession.open("", keyHex: key, now: s.issued), .failure(.malformed))
    }
}
