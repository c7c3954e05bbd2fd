// SPDX-License-Identifier: GPL-3.0-or-later

/// What the enrolment service refuses, each case a sentence with the offending value.
public enum EnrolmentServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    case listenAddress(String)

    public var description: String {
        switch self {
        case let .listenAddress(text): "The listen address '\(text)' is not HOST:PORT (e.g. 127.0.0.1:8080)."
        }
    }
}
