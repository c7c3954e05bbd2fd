// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Simulation

/// The shipped `Data/<trial>/` folders and their regeneration, shared by the tests.
enum ShippedData {
    /// The repository's `Data/` folder, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data")

    static func folder(_ kind: SyntheticTrialKind) -> URL { root.appendingPathComponent(kind.rawValue) }

    /// The trial regenerated with the shipped seed (generated once per test run).
    static func simulated(_ kind: SyntheticTrialKind) -> SimulatedTrial {
        cache.withLock { store in
            if let t = store[kind] { return t }
            let t = kind.simulate(seed: kind.shippedSeed)
            store[kind] = t
            return t
        }
    }

    private static let cache = LockedCache()

    /// Data rows of a shipped CSV (comment lines and header dropped), split on commas, with the header.
    static func table(_ kind: SyntheticTrialKind, _ file: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOf: folder(kind).appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).filter { !$0.hasPrefix("#") }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (header, lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
    }
}

/// A tiny lock-protected cache (tests may run concurrently).
final class LockedCache: @unchecked Sendable {
    private let lock = NSLock()
    private var store = [SyntheticTrialKind: SimulatedTrial]()
    func withLock<T>(_ body: (inout [SyntheticTrialKind: SimulatedTrial]) -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body(&store)
    }
}
