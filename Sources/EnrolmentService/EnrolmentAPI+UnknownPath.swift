// SPDX-License-Identifier: GPL-3.0-or-later
import Hummingbird
import TrialStorage

/// Requests no route answers (an unknown path, or a known path with another method) are logged
/// too: the access log holds every request, and a probe of the server's paths is visible in it.
struct UnknownPathLogging: RouterMiddleware {
    typealias Context = BasicRequestContext
    let api: EnrolmentAPI

    /// The routes' handlers never throw (they answer every refusal themselves and log it), so
    /// an error here is the router's "no such route": logged with the token's user when the
    /// request carries a valid one, answered as JSON with the error's status.
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let status = (error as? HTTPResponseError)?.status ?? .internalServerError
            let user = request.headers[.authorization].flatMap { header -> String? in
                guard header.hasPrefix("Bearer ") else { return nil }
                return try? api.trial.store.user(tokenSHA256: APIToken.digest(String(header.dropFirst(7))))?.name
            } ?? "-"
            let outcome = status == .notFound ? "no_such_path" : status == .methodNotAllowed ? "method_not_allowed" : "router_error"
            _ = try? api.trial.store.logAccess(user: user, method: request.method.rawValue, path: request.uri.path,
                                               status: Int(status.code), outcome: outcome)
            return EnrolmentAPI.problem(status, outcome, status == .notFound ? "There is no such path." : "The request could not be routed.")
        }
    }
}
