// SPDX-License-Identifier: GPL-3.0-or-later

/// Everything that can go wrong in the Simulation layer. Each case reads as a sentence with the
/// offending value and what to do about it (the command line adds its flag).
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotCreateDirectory(path: String, reason: String)
    case cannotWriteFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotCreateDirectory(path, reason):
            return "The output folder \(path) could not be created (\(reason)); choose a writable folder."
        case let .cannotWriteFile(path, reason):
            return "The file \(path) could not be written (\(reason)); check that the folder is writable and has space."
        }
    }
}
