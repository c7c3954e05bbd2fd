// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import Mustache
import TrialModel
import TrialStorage

/// The caseworkers' web form: log in with the API token (kept, sealed with the time of login, in
/// an HttpOnly, SameSite=Strict session cookie that lasts `FormSession.lifetime`), enrol, see the
/// arm and the receipt, log out. Each form carries a CSRF token bound to the session
/// (`ServedTrial.csrfToken`); a post without it is refused. Every request is in the access log
/// like the API's.
extension EnrolmentAPI {
    static let sessionCookie = "effekt_session"

    func loginPage(_ request: Request) async -> Response {
        let text = WebFormText.of(Self.language(request))
        var context: [String: Any] = ["text": text]
        if Self.queryFlag(request, "expired") { context["problem"] = text.sessionExpired }
        if Self.queryFlag(request, "out") { context["notice"] = text.loggedOut }
        return logged(request, user: "-", outcome: "form", Self.html(.ok, WebFormPage.logIn.render(context)))
    }

    func logIn(_ request: Request) async -> Response {
        let text = WebFormText.of(Self.language(request))
        let fields = await Self.formFields(request)
        let token = fields["token"] ?? ""
        switch authorize(token: token, role: .caseworker) {
        case let .refused(_, user, outcome):
            return logged(request, user: user, outcome: outcome,
                          Self.html(.unauthorized, WebFormPage.logIn.render(["text": text, "problem": text.tokenRefused])))
        case let .granted(user):
            var headers: HTTPFields = [.location: "/form/enrol?lang=\(text.language)"]
            let cookie = trial.sessionCookieValue(token: token, issued: Self.now())
            headers[.setCookie] = "\(Self.sessionCookie)=\(cookie); Path=/form; Max-Age=\(FormSession.lifetime); HttpOnly; SameSite=Strict"
            return logged(request, user: user?.name ?? "-", outcome: "logged_in", Response(status: .seeOther, headers: headers))
        }
    }

    func enrolPage(_ request: Request) async -> Response {
        let text = WebFormText.of(Self.language(request))
        let (user, token): (ServiceUser, String)
        switch sessionUser(request) {
        case let .failure(why): return logged(request, user: "-", outcome: why.rawValue, Self.redirectToLogIn(text, why))
        case let .success(s): (user, token) = s
        }
        return logged(request, user: user.name, outcome: "form", Self.html(.ok, enrolForm(text, user: user, token: token, problem: nil)))
    }

    func enrolThroughForm(_ request: Request) async -> Response {
        let text = WebFormText.of(Self.language(request))
        let fields = await Self.formFields(request)
        let (user, token): (ServiceUser, String)
        switch sessionUser(request) {
        case let .failure(why): return logged(request, user: "-", outcome: why.rawValue, Self.redirectToLogIn(text, why))
        case let .success(s): (user, token) = s
        }
        guard let csrf = fields["csrf"], csrf == trial.csrfToken(tokenSHA256: APIToken.digest(token)) else {
            return logged(request, user: user.name, outcome: "csrf_refused",
                          Self.html(.forbidden, WebFormPage.refused.render(["text": text, "problem": text.csrfRefused])))
        }
        var covariates = [String: String]()
        for (k, v) in fields where k.hasPrefix("field_") { covariates[String(k.dropFirst(6))] = v }
        let form = EnrolmentForm(cpr: fields["cpr"] ?? "", benefit: fields["benefit"] ?? "", enrolledOn: fields["enrolled_on"] ?? "",
                                 covariates: covariates)
        do {
            let answer = try enrol(form, by: user, request: request)
            let page: String
            if let a = answer.assignment {
                // Logged with the enrolment, in its transaction.
                return Self.html(answer.status, WebFormPage.receipt.render(["text": text, "assignment": a, "csrf": csrf]))
            } else {
                let problem = switch answer.logOutcome {
                case "closed": text.closed
                case "invalid_cpr": text.invalidCPR
                case "invalid_roster": text.invalidValue + " " + answer.message
                default: text.cannotEnrol
                }
                page = WebFormPage.refused.render(["text": text, "problem": problem])
            }
            return logged(request, user: user.name, outcome: answer.logOutcome, Self.html(answer.status, page))
        } catch {
            return logged(request, user: user.name, outcome: "store_error",
                          Self.html(.serviceUnavailable, WebFormPage.refused.render(["text": text, "problem": text.storeError])))
        }
    }

    /// Ends the session: the cookie is cleared (with the form's CSRF token, so that another site
    /// cannot log a caseworker out), and the login page says so.
    func logOut(_ request: Request) async -> Response {
        let text = WebFormText.of(Self.language(request))
        let fields = await Self.formFields(request)
        let cleared = "\(Self.sessionCookie)=; Path=/form; Max-Age=0; HttpOnly; SameSite=Strict"
        guard case let .success((user, token)) = sessionUser(request) else {
            var r = Self.redirectToLogIn(text, nil)
            r.headers[.setCookie] = cleared
            return logged(request, user: "-", outcome: "no_session", r)
        }
        guard fields["csrf"] == trial.csrfToken(tokenSHA256: APIToken.digest(token)) else {
            return logged(request, user: user.name, outcome: "csrf_refused",
                          Self.html(.forbidden, WebFormPage.refused.render(["text": text, "problem": text.csrfRefused])))
        }
        var r = Response(status: .seeOther, headers: [.location: "/form?lang=\(text.language)&out=1"])
        r.headers[.setCookie] = cleared
        return logged(request, user: user.name, outcome: "logged_out", r)
    }

    // MARK: Helpers

    func enrolForm(_ text: WebFormText, user: ServiceUser, token: String, problem: String?) -> String {
        let def = trial.store.definition
        var fields = [String]()
        for c in def.strata + def.baselineCovariates + def.categoricalCovariates + def.subgroups.map(\.variable)
        where !["municipality", "benefit"].contains(c) && !fields.contains(c) { fields.append(c) }
        let today = String(TrialStore.timestamp().prefix(10))
        var context: [String: Any] = ["text": text, "municipality": user.municipality ?? "", "user": user.name, "csrf": trial.csrfToken(tokenSHA256: APIToken.digest(token)),
                                      "benefits": BenefitType.allCases.map(\.rawValue), "today": today, "fields": fields]
        if let problem { context["problem"] = problem }
        return WebFormPage.enrol.render(context)
    }

    /// Why a request has no session, as the access log names it.
    enum NoSession: String, Error {
        /// No cookie, a changed or forged one, or a token no longer valid for a caseworker.
        case noSession = "no_session"
        case expired = "session_expired"
    }

    /// The caseworker of the session cookie and their token, if the session is sealed by this
    /// trial, younger than `FormSession.lifetime` and its token still valid.
    func sessionUser(_ request: Request) -> Result<(ServiceUser, String), NoSession> {
        guard let cookie = request.cookies[Self.sessionCookie]?.value, !cookie.isEmpty else { return .failure(.noSession) }
        switch trial.session(cookie: cookie, now: Self.now()) {
        case .failure(.expired): return .failure(.expired)
        case .failure(.malformed): return .failure(.noSession)
        case let .success(session):
            guard case let .granted(user?) = authorize(token: session.token, role: .caseworker) else { return .failure(.noSession) }
            return .success((user, session.token))
        }
    }

    static func now() -> Int { Int(Date().timeIntervalSince1970) }

    static func queryFlag(_ request: Request, _ name: String) -> Bool {
        (request.uri.query ?? "").split(separator: "&").contains { $0 == "\(name)=1" }
    }

    func logged(_ request: Request, user: String, outcome: String, _ response: Response) -> Response {
        _ = try? trial.store.logAccess(user: user, method: request.method.rawValue, path: request.uri.path,
                                       status: response.status.code, outcome: outcome)
        return response
    }

    static func language(_ request: Request) -> WebFormLanguage {
        for pair in (request.uri.query ?? "").split(separator: "&") where pair.hasPrefix("lang=") {
            if let l = WebFormLanguage(rawValue: String(pair.dropFirst(5))) { return l }
        }
        return .da
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    static func formFields(_ request: Request) async -> [String: String] {
        guard let body = try? await request.body.collect(upTo: maximumBody) else { return [:] }
        var out = [String: String]()
        for pair in String(buffer: body).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if kv.count == 2 { out[kv[0]] = kv[1] }
        }
        return out
    }

    static func redirectToLogIn(_ text: WebFormText, _ why: NoSession?) -> Response {
        Response(status: .seeOther, headers: [.location: "/form?lang=\(text.language)" + (why == .expired ? "&expired=1" : "")])
    }

    static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }
}
