// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import Mustache
import TrialModel
import TrialStorage

/// The caseworkers' web form: log in with the API token (kept in an HttpOnly, SameSite=Strict
/// session cookie), enrol, see the arm and the receipt. Each form carries a CSRF token bound to
/// the session (`ServedTrial.csrfToken`); a post without it is refused. Every request is in the
/// access log like the API's.
extension EnrolmentAPI {
    static let sessionCookie = "effekt_session"

    func loginPage(_ request: Request) async -> Response {
        let text = WebFormText.of(Self.language(request))
        return logged(request, user: "-", outcome: "form", Self.html(.ok, WebFormPage.logIn.render(["text": text])))
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
            headers[.setCookie] = "\(Self.sessionCookie)=\(token); Path=/form; HttpOnly; SameSite=Strict"
            return logged(request, user: user?.name ?? "-", outcome: "logged_in", Response(status: .seeOther, headers: headers))
        }
    }

    func enrolPage(_ request: Request) async -> Response {
        let text = WebFormText.of(Self.language(request))
        guard let (user, token) = sessionUser(request) else {
            return logged(request, user: "-", outcome: "no_session", Self.redirectToLogIn(text))
        }
        return logged(request, user: user.name, outcome: "form", Self.html(.ok, enrolForm(text, user: user, token: token, problem: nil)))
    }

    func enrolThroughForm(_ request: Request) async -> Response {
        let text = WebFormText.of(Self.language(request))
        let fields = await Self.formFields(request)
        guard let (user, token) = sessionUser(request) else {
            return logged(request, user: "-", outcome: "no_session", Self.redirectToLogIn(text))
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
                return Self.html(answer.status, WebFormPage.receipt.render(["text": text, "assignment": a]))
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

    // MARK: Helpers

    func enrolForm(_ text: WebFormText, user: ServiceUser, token: String, problem: String?) -> String {
        let def = trial.store.definition
        var fields = [String]()
        for c in def.strata + def.baselineCovariates + def.categoricalCovariates + def.subgroups.map(\.variable)
        where !["municipality", "benefit"].contains(c) && !fields.contains(c) { fields.append(c) }
        let today = String(TrialStore.timestamp().prefix(10))
        var context: [String: Any] = ["text": text, "municipality": user.municipality ?? "", "csrf": trial.csrfToken(tokenSHA256: APIToken.digest(token)),
                                      "benefits": BenefitType.allCases.map(\.rawValue), "today": today, "fields": fields]
        if let problem { context["problem"] = problem }
        return WebFormPage.enrol.render(context)
    }

    /// The caseworker of the session cookie, if the token is still valid.
    func sessionUser(_ request: Request) -> (ServiceUser, String)? {
        guard let token = request.cookies[Self.sessionCookie]?.value,
              case let .granted(user?) = authorize(token: token, role: .caseworker) else { return nil }
        return (user, token)
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

    static func redirectToLogIn(_ text: WebFormText) -> Response {
        Response(status: .seeOther, headers: [.location: "/form?lang=\(text.language)"])
    }

    static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }
}
