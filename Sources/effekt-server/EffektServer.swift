// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import EnrolmentService
import Foundation
import TrialModel
import TrialStorage

/// `effekt-server`: the enrolment service and its administration (users, closing).
@main
struct EffektServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "effekt-server",
        abstract: "The enrolment service: caseworkers enrol and randomize participants on arrival, concealed and verifiable.",
        version: EffektVersion.current,
        subcommands: [Serve.self, UserCommand.self, Close.self])
}

/// `--trial` and `--store` as the `effekt` command reads them.
struct ServedTrialOptions: ParsableArguments {
    @Option(name: .long, help: "The trial definition (randomization.seed = \"secret\").")
    var trial: String = "trial.toml"

    @Option(name: .long, help: "The trial's SQLite store (default: effekt.sqlite beside the trial file).")
    var store: String?

    @Option(name: .long, help: "The secret file (default: the store's path + .secret).")
    var secret: String?

    var storePath: String { store ?? TrialStore.defaultPath(besideTrial: trial) }

    func open() throws -> ServedTrial {
        try ServedTrial.open(trialPath: trial, storePath: storePath, secretPath: secret)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the JSON API and the web form (loopback by default; put a TLS reverse proxy in front).",
        discussion: """
        The first start draws the secret seed, nonce and pseudonym key into the secret file beside \
        the store and publishes the commitment (printed, stored, and served at /api/v1/commitment).
        """)

    @OptionGroup var options: ServedTrialOptions

    @Option(name: .long, help: ArgumentHelp("Address to listen on.", valueName: "HOST:PORT"))
    var listen: String = "127.0.0.1:8080"

    func run() async throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
            throw EnrolmentServiceError.listenAddress(listen)
        }
        let served = try options.open()
        print("Commitment: \(served.commitment.commitment) (\(served.commitment.algorithm), published \(served.commitment.publishedAt))"
              + (served.newlyCommitted ? " — new: publish it now." : ""))
        print("Listening on http://\(listen)")
        try await EnrolmentAPI(trial: served).application(host: String(listen[..<colon]), port: port).runService()
    }
}

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Create, revoke and list the service's users.",
        subcommands: [AddUser.self, RevokeUser.self, ListUsers.self])
}

struct AddUser: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Create a user and print their API token once (the store keeps only its SHA-256).")

    @OptionGroup var options: ServedTrialOptions
    @Argument(help: "The user's name (unique; never reused).") var name: String
    @Option(name: .long, help: "caseworker, manager or auditor.") var role: String
    @Option(name: .long, help: "The caseworker's municipality (as in the roster's municipality column).") var municipality: String?

    func run() throws {
        guard let r = ServiceRole(rawValue: role) else {
            throw ValidationError("--role must be caseworker, manager or auditor; got '\(role)'.")
        }
        if r == .caseworker, (municipality ?? "").isEmpty { throw EnrolmentServiceError.municipalityMissing(user: name) }
        if r != .caseworker, municipality != nil { throw ValidationError("--municipality is for caseworkers only.") }
        let served = try options.open()
        let token = APIToken.draw()
        try served.store.addUser(name: name, role: r, municipality: municipality, tokenSHA256: APIToken.digest(token))
        print(token)
    }
}

struct RevokeUser: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a user's token at once (the user stays in the access log).")
    @OptionGroup var options: ServedTrialOptions
    @Argument(help: "The user's name.") var name: String

    func run() throws {
        try options.open().store.revokeUser(name: name)
        print("Revoked \(name).")
    }
}

struct ListUsers: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users (never their tokens).")
    @OptionGroup var options: ServedTrialOptions

    func run() throws {
        for u in try options.open().store.users() {
            print([u.name, u.role.rawValue, u.municipality ?? "-", u.createdAt, u.revokedAt.map { "revoked \($0)" } ?? "active"].joined(separator: "\t"))
        }
    }
}

struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Close the trial for enrolment (final). Then `effekt reveal` publishes the seed and `effekt verify` replays every assignment.")
    @OptionGroup var options: ServedTrialOptions

    func run() throws {
        let at = try options.open().store.closeEnrolment()
        print("Enrolment closed at \(at). Next: effekt reveal, then effekt verify.")
    }
}
