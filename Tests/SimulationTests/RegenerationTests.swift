// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
@testable import Simulation

/// The shipped data sets are exactly what `effekt simulate <trial> --seed <shipped seed>` writes.
final class RegenerationTests: XCTestCase {
    /// Regenerates each shipped trial into a temporary folder with the library call the command
    /// makes, and compares every file byte for byte with `Data/<trial>/`.
    func testShippedDataRegenerateByteForByte() throws {
        for kind in SyntheticTrialKind.allCases {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-regen-\(kind.rawValue)-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: out) }
            try ShippedData.simulated(kind).files.write(to: out)
            let names = try FileManager.default.contentsOfDirectory(atPath: ShippedData.folder(kind).path).sorted()
            XCTAssertEqual(names, ShippedData.simulated(kind).files.files.map(\.name).sorted(), "Data/\(kind.rawValue) holds other files")
            for name in names {
                let shipped = try Data(contentsOf: ShippedData.folder(kind).appendingPathComponent(name))
                let regenerated = try Data(contentsOf: out.appendingPathComponent(name))
                XCTAssert(shipped == regenerated, "Data/\(kind.rawValue)/\(name) differs from the regenerated file")
            }
        }
    }

    /// Every CSV and the trial file say they are synthetic on their first line.
    func testEveryFileSaysSynthetic() throws {
        for kind in SyntheticTrialKind.allCases {
            for file in ShippedData.simulated(kind).files.files {
                let text = String(decoding: file.bytes.prefix(400), as: UTF8.self)
                if file.name.hasSuffix(".csv") || file.name.hasSuffix(".toml") {
                    XCTAssert(text.hasPrefix("# SYNTHETIC DATA — "), "\(kind.rawValue)/\(file.name) does not open with the synthetic-data line")
                } else {
                    XCTAssert(text.contains("SYNTHETIC DATA"), "\(kind.rawValue)/\(file.name) does not say it is synthetic")
                }
            }
        }
    }

    /// Writing where no folder can be made fails with a sentence naming the path.
    func testUnwritableOutputIsReported() {
        let out = URL(fileURLWithPath: "/proc/effekt-cannot-write-here/flexjob")
        XCTAssertThrowsError(try SyntheticTrialKind.flexjob.simulate(seed: 1).files.write(to: out)) { error in
            guard case let .cannotCreateDirectory(path, _)? = error as? SimulationError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, out.path)
            XCTAssert("\(error)".contains(out.path))
        }
    }

    /// A different seed gives different data; the same seed the same bytes.
    func testSeedDeterminesOutput() {
        let a = SyntheticTrialKind.flexjob.simulate(seed: 7), b = SyntheticTrialKind.flexjob.simulate(seed: 7)
        let c = SyntheticTrialKind.flexjob.simulate(seed: 8)
        XCTAssertEqual(a.files.bytes(of: "weekly.csv"), b.files.bytes(of: "weekly.csv"))
        XCTAssertNotEqual(a.files.bytes(of: "weekly.csv"), c.files.bytes(of: "weekly.csv"))
    }
}
