// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Hummingbird
import Randomization
import TrialModel
import TrialStorage

/// The enrolment service's JSON API (docs/openapi.yaml), on Hummingbird.
///
/// Every request to an endpoint is written to the store's hash-chained access log — who, what,
/// when, the status and why — refusals included. Tokens arrive as `Authorization: Bearer …`.
/// A caseworker sees only their municipality's participants: another municipality's id answers
/// 404, exactly as an id that does not exist. Enrolling a person who is enrolled already answers
/// 409 `cannot_enrol` whether the person is enrolled in the caseworker's municipality or in
/// another, so the answer never tells where.
public struct EnrolmentAPI: Sendable {
    public let trial: ServedTrial

    public init(trial: ServedTrial) { self.trial = trial }

    /// The largest request body accepted.
    static let maximumBody = 64 * 1024

    /// The API's routes (and the web form's, `EnrolmentAPI+WebForm`).
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let api = self
        router.add(middleware: UnknownPathLogging(api: api))
        router.get("/api/v1/commitment") { request, _ in await api.commitment(request) }
        router.post("/api/v1/enrolments") { request, _ in await api.enrol(request) }
        router.get("/api/v1/participants/:id") { request, context in await api.lookUp(request, id: context.parameters.get("id") ?? "") }
        router.get("/api/v1/dashboard") { request, _ in await api.dashboard(request) }
        router.get("/api/v1/export") { request, _ in await api.export(request) }
        router.get("/api/v1/access-log") { request, _ in await api.accessLog(request) }
        router.get("/form") { request, _ in await api.loginPage(request) }
        router.post("/form/login") { request, _ in await api.logIn(request) }
        router.get("/form/enrol") { request, _ in await api.enrolPage(request) }
        router.post("/form/enrol") { request, _ in await api.enrolThroughForm(request) }
        router.post("/form/logout") { request, _ in await api.logOut(request) }
        return router
    }

    /// The server on `host:port`.
    public func application(host: String, port: Int) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "effekt-server"))
    }

    // MARK: Endpoints

    func commitment(_ request: Request) async -> Response {
        await answer(request, role: nil) { _ in
            (EnrolmentAPI.json(.ok, trial.commitment), "published")
        }
    }

    func enrol(_ request: Request) async -> Response {
        let body = try? await request.body.collect(upTo: EnrolmentAPI.maximumBody)
        return await answer(request, role: .caseworker) { user in
            guard let body, let form = EnrolmentForm.decode(json: Data(body.readableBytesView)) else {
                return (EnrolmentAPI.problem(.badRequest, "malformed", "The body must be JSON with cpr, benefit, enrolled_on and covariates."), "malformed")
            }
            let answer = try enrol(form, by: user!, request: request)
            // A stored enrolment's log entry was written with it, in its transaction.
            if let a = answer.assignment { return (EnrolmentAPI.json(answer.status, a), nil) }
            return (EnrolmentAPI.problem(answer.status, answer.outcome, answer.message), answer.logOutcome)
        }
    }

    /// What an enrolment request came to, for the JSON API and the web form alike.
    struct EnrolmentAnswer {
        let status: HTTPResponse.Status
        /// The outcome the caller sees.
        let outcome: String
        /// The outcome the access log keeps (it may tell more than the caller sees).
        let logOutcome: String
        let message: String
        var assignment: ServedAssignment? = nil
    }

    /// Enrols one person for `user` (a caseworker): the JSON API and the web form share it.
    func enrol(_ form: EnrolmentForm, by user: ServiceUser, request: Request) throws -> EnrolmentAnswer {
        guard let digits = PersonPseudonym.cprDigits(form.cpr) else {
            return EnrolmentAnswer(status: .unprocessableContent, outcome: "invalid", logOutcome: "invalid_cpr",
                                   message: "cpr is not a CPR number (DDMMYYSSSS or DDMMYY-SSSS).")
        }
        let id = trial.pseudonym(cprDigits: digits)
        let roster: RosterFile
        do {
            roster = try form.roster(participant: id, municipality: user.municipality ?? "", trial: trial.store.definition)
        } catch let e as TrialModelError {
            return EnrolmentAnswer(status: .unprocessableContent, outcome: "invalid", logOutcome: "invalid_roster", message: e.description)
        }
        switch try trial.store.enrolServed(roster, source: "effekt-server:\(user.name)", randomizer: trial.randomizer,
                                          request: AccessRequest(user: user.name, method: request.method.rawValue, path: request.uri.path)) {
        case let .enrolled(a):
            return EnrolmentAnswer(status: .created, outcome: "enrolled", logOutcome: "enrolled \(a.participant)", message: "", assignment: a)
        case let .alreadyEnrolled(same):
            return EnrolmentAnswer(status: .conflict, outcome: "cannot_enrol", logOutcome: same ? "already_enrolled_here" : "already_enrolled_elsewhere",
                                   message: "This person cannot be enrolled. Contact the trial manager.")
        case .closed:
            return EnrolmentAnswer(status: .conflict, outcome: "closed", logOutcome: "closed", message: "The trial is closed for enrolment.")
        }
    }

    func lookUp(_ request: Request, id: String) async -> Response {
        await answer(request, role: .caseworker) { user in
            guard let a = try trial.store.servedAssignment(participant: id), a.municipality == user!.municipality else {
                return (EnrolmentAPI.problem(.notFound, "not_found", "No participant of yours has this id."), "not_found")
            }
            return (EnrolmentAPI.json(.ok, a), "found")
        }
    }

    func dashboard(_ request: Request) async -> Response {
        await answer(request, role: .manager) { _ in
            let counts = try trial.store.armCounts()
            let d = Dashboard(trial: trial.store.definition.name, enrolled: counts.reduce(0) { $0 + $1.participants },
                              closedAt: try trial.store.enrolmentClosedAt(), commitment: trial.commitment.commitment, counts: counts)
            return (EnrolmentAPI.json(.ok, d), "shown")
        }
    }

    func export(_ request: Request) async -> Response {
        await answer(request, role: .manager) { _ in
            (EnrolmentAPI.json(.ok, Export(assignments: try trial.store.servedAssignments())), "exported")
        }
    }

    func accessLog(_ request: Request) async -> Response {
        await answer(request, role: .auditor) { _ in
            let log = try trial.store.accessLog()
            let broken = TrialStore.brokenAccessEntries(log)
            return (EnrolmentAPI.json(.ok, AccessLogPage(entries: log, chainIntact: broken.isEmpty, brokenEntries: broken)), "read")
        }
    }

    // MARK: Access

    /// Authenticates (`role` nil: no token needed), runs `body`, and logs the request with its
    /// outcome (`body` answers a nil outcome when it has logged the request itself).
    func answer(_ request: Request, role: ServiceRole?, _ body: (ServiceUser?) async throws -> (Response, String?)) async -> Response {
        let (response, user, outcome): (Response, String, String?)
        switch authenticate(request, role: role) {
        case let .refused(r, who, why):
            (response, user, outcome) = (r, who, why)
        case let .granted(u):
            do {
                let (r, why) = try await body(u)
                (response, user, outcome) = (r, u?.name ?? "-", why)
            } catch {
                (response, user, outcome) = (EnrolmentAPI.problem(.serviceUnavailable, "store_error", "\(error)"), u?.name ?? "-", "store_error")
            }
        }
        if let outcome {
            _ = try? trial.store.logAccess(user: user, method: request.method.rawValue, path: request.uri.path,
                                           status: response.status.code, outcome: outcome)
        }
        return response
    }

    enum Authentication {
        case granted(ServiceUser?)
        case refused(Response, user: String, outcome: String)
    }

    func authenticate(_ request: Request, role: ServiceRole?) -> Authentication {
        guard let role else { return .granted(nil) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            return .refused(EnrolmentAPI.problem(.unauthorized, "no_token", "Send your API token as Authorization: Bearer …"), user: "-", outcome: "no_token")
        }
        return authorize(token: String(header.dropFirst(7)), role: role)
    }

    /// The user of `token` if active and in `role`.
    func authorize(token: String, role: ServiceRole) -> Authentication {
        guard let user = try? trial.store.user(tokenSHA256: APIToken.digest(token)) else {
            return .refused(EnrolmentAPI.problem(.unauthorized, "unknown_token", "The token is not valid."), user: "-", outcome: "unknown_token")
        }
        if user.revokedAt != nil {
            return .refused(EnrolmentAPI.problem(.unauthorized, "unknown_token", "The token is not valid."), user: user.name, outcome: "revoked_token")
        }
        guard user.role == role else {
            return .refused(EnrolmentAPI.problem(.forbidden, "wrong_role", "Your role (\(user.role.rawValue)) may not do this."), user: user.name, outcome: "wrong_role")
        }
        return .granted(user)
    }

    // MARK: Bodies

    struct Dashboard: Encodable {
        let trial: String
        let enrolled: Int
        let closedAt: String?
        let commitment: String
        let counts: [StratumArmCount]
    }

    struct Export: Encodable { let assignments: [ServedAssignment] }

    struct AccessLogPage: Encodable {
        let entries: [AccessLogEntry]
        let chainIntact: Bool
        let brokenEntries: [Int]
    }

    struct Problem: Encodable {
        let outcome: String
        let message: String
    }

    static func problem(_ status: HTTPResponse.Status, _ outcome: String, _ message: String) -> Response {
        json(status, Problem(outcome: outcome, message: message))
    }

    static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) -> Response {
        let text = (try? JSONWriter.text(value)) ?? "{}"
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
