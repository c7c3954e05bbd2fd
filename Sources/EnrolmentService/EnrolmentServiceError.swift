// SPDX-License-Identifier: GPL-3.0-or-later

/// What the enrolment service refuses, each case a sentence with the offending value.
public enum EnrolmentServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    case listenAddress(String)
    /// A served trial must say `seed = "secret"` in trial.toml.
    case seedNotSecret(trial: String)
    /// Permuted blocks of one size let a site predict the end of every block.
    case singleBlockSize(trial: String, size: Int)
    /// The secret file gives a commitment other than the one the store published.
    case secretDiffers(path: String, recorded: String, computed: String)
    /// The store has a commitment but its secret file is gone.
    case secretMissing(path: String, commitment: String)
    case municipalityMissing(user: String)

    public var description: String {
        switch self {
        case let .listenAddress(text):
            return "The listen address '\(text)' is not HOST:PORT (e.g. 127.0.0.1:8080)."
        case let .seedNotSecret(trial):
            return "\(trial): randomization.seed must be \"secret\" for a served trial, so that nobody who reads trial.toml can predict the allocation."
        case let .singleBlockSize(trial, size):
            return "\(trial): randomization.block_sizes has the single size \(size); a served trial needs at least two sizes so that a site cannot predict the end of a block."
        case let .secretDiffers(path, recorded, computed):
            return "The secret file \(path) gives the commitment \(computed.prefix(16))…, not the \(recorded.prefix(16))… this store published: it belongs to another trial."
        case let .secretMissing(path, commitment):
            return "The store published the commitment \(commitment.prefix(16))… but its secret file \(path) is missing; restore it from its backup (a new secret would break the commitment)."
        case let .municipalityMissing(user):
            return "The caseworker '\(user)' needs a municipality."
        }
    }
}
