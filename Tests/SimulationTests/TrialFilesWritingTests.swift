// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Simulation
import XCTest

/// Files are written piece by piece, each write advancing by what it wrote (Foundation's
/// `Data.write` started a file over after 2 GiB): small pieces stand in for the 2 GiB limit.
final class TrialFilesWritingTests: XCTestCase {
    func testAFileWrittenInPiecesHoldsEveryByteOnce() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-pieces-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var state: UInt64 = 7
        let bytes = (0..<100_003).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        for piece in [1, 7, 4096, 1 << 20] {
            try TrialFiles.write(bytes, toPath: path, pieceSize: piece)
            XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: path))), bytes, "pieces of \(piece) bytes")
        }
        try TrialFiles.write([], toPath: path)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)).count, 0, "an existing file is truncated")
        XCTAssertThrowsError(try TrialFiles.write(bytes, toPath: "/nonexistent-folder/x.csv"))
    }
}
