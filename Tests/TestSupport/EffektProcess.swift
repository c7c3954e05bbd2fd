// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest

/// The built `effekt` binary, for tests that run it as a user would (test support, not shipped).
///
/// `swift build --build-tests` (what `Scripts/test` runs) puts the binary beside the test runner
/// in `.build/<triple>/debug/`; `.build/debug/effekt` is the fallback.
public enum EffektProcess {
    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Where the binary is: beside the running test bundle, else `.build/debug/effekt`.
    public static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("effekt")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/effekt")
    }

    /// Whether the binary has been built.
    public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    /// Fails the calling test when the binary is missing: a command-line or end-to-end test never
    /// passes by skipping. Call it from `setUpWithError`.
    public static func requireBuilt(file: StaticString = #filePath, line: UInt = #line) throws {
        guard isBuilt else {
            XCTFail("The effekt binary is not built at \(binary.path); run `swift build --build-tests` first.",
                    file: file, line: line)
            throw MissingBinary(path: binary.path)
        }
    }

    /// The error `requireBuilt` throws to stop a test whose binary is missing.
    public struct MissingBinary: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "The effekt binary is not built at \(path)." }
    }

    /// What one run printed and how it ended.
    public struct Outcome: Sendable {
        public let status: Int32
        public let out: String
        public let err: String
    }

    /// Runs `effekt arguments…` to the end (in `directory` when given, with `environment` added to
    /// this process's environment) and captures its output.
    public static func run(_ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, out: String(decoding: o, as: UTF8.self),
                       err: String(decoding: e, as: UTF8.self))
    }
}
