// SPDX-License-Identifier: GPL-3.0-or-later

/// Run-time failures of the trial commands, each one sentence with the offending value and what
/// to do. Thrown from `run()`, so argument-parser prints the sentence without the usage text
/// (that is only for `ValidationError`, a mistake in the arguments).
enum TrialCommandError: Error, CustomStringConvertible {
    /// `init` would overwrite an existing trial definition.
    case trialFileExists(path: String)

    var description: String {
        switch self {
        case let .trialFileExists(path):
            return "\(path) already exists; edit it, choose another --trial path, or pass --force to overwrite it."
        }
    }
}
