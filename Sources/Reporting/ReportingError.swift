// SPDX-License-Identifier: GPL-3.0-or-later

/// Everything that can go wrong in the Reporting layer. Each case reads as a sentence with the
/// offending value and what to do about it.
public enum ReportingError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "Cannot write the report file \(path): \(reason). Check that the output folder is writable."
        }
    }
}
