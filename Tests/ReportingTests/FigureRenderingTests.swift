// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TestSupport
import TrialAnalysis
import TrialModel
import XCTest
@testable import Reporting

/// Every SVG of the fixture reports (`ResultsFixture`, `FigureCases`; Danish and English) is
/// well-formed, renders with `rsvg-convert` with nothing outside its canvas, and draws no two
/// series in the same style.
///
/// Outside the canvas: the SVG is rendered on a transparent page enlarged by a 20 px margin on
/// every side (its viewBox widened to match); every margin pixel must stay fully transparent,
/// while the chart's own white background makes the canvas opaque. Needs `rsvg-convert`
/// (librsvg2-bin) and a sans-serif font (fonts-dejavu-core): without them the test fails and
/// says to run Scripts/setup.
final class FigureRenderingTests: XCTestCase {
    static let margin = 20

    /// `rsvg-convert` on PATH, or nil.
    static var renderer: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The report files with an SVG path, from the fixtures in both languages.
    func figures() -> [(path: String, svg: String)] {
        var out: [(String, String)] = []
        for language in ReportLanguage.allCases {
            for results in [ResultsFixture.results(), FigureCases.results()] {
                for file in ReportSet(results: results, language: language).files() where file.path.hasSuffix(".svg") {
                    out.append(("\(language.rawValue)/\(results.trial.name)/\(file.path)", file.contents))
                }
            }
        }
        return out
    }

    func testEveryFigureIsWellFormedStaysOnItsCanvasAndStylesSeriesApart() throws {
        guard let renderer = Self.renderer else {
            return XCTFail("rsvg-convert is not installed: run Scripts/setup (installs librsvg2-bin and fonts-dejavu-core)")
        }
        let figures = figures()
        // File names are `<scope>-<kind>[-<n>-<outcome>].svg`.
        let kinds = Set(figures.map { figure in
            String(figure.path.dropLast(4).split(separator: "/").last!.split(separator: "-").dropFirst().first ?? "")
        })
        for kind in ["km", "cif", "effect", "consort", "forest"] { XCTAssertTrue(kinds.contains(kind), "no \(kind) figure among \(kinds)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, figure) in figures.enumerated() {
            XCTAssertEqual(WellFormedXML.errors(in: figure.svg), [], figure.path)
            let styles = Self.seriesStyles(figure.svg)
            XCTAssertEqual(Set(styles).count, styles.count, "\(figure.path): series share a style: \(styles)")
            let image = try render(figure.svg, renderer: renderer, in: folder, name: "\(index)")
            let escaped = Self.pixelsInMargin(image)
            XCTAssertEqual(escaped, 0, "\(figure.path): \(escaped) pixels drawn outside the canvas")
            XCTAssertEqual(image.pixel(x: Self.margin + 2, y: Self.margin + 2), [255, 255, 255, 255], "\(figure.path): canvas not white")
        }
    }

    /// The check catches a chart that draws past its canvas (and the PNG decoding is right).
    func testTextRunningOffTheCanvasIsCaught() throws {
        guard let renderer = Self.renderer else {
            return XCTFail("rsvg-convert is not installed: run Scripts/setup (installs librsvg2-bin and fonts-dejavu-core)")
        }
        var svg = SVGDocument(width: 200, height: 100, title: "t", description: "d")
        svg.text("A text far too long for a 200 px canvas", x: 150, y: 50, size: 14)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = try render(svg.text, renderer: renderer, in: folder, name: "overflow")
        XCTAssertEqual(image.width, 240)
        XCTAssertEqual(image.height, 140)
        XCTAssertGreaterThan(Self.pixelsInMargin(image), 20)
        XCTAssertEqual(image.alpha(x: 5, y: 5), 0)
        XCTAssertEqual(image.pixel(x: 30, y: 30), [255, 255, 255, 255])
    }

    /// zlib streams from Python's `zlib.compress`: a stored block, fixed Huffman codes with a
    /// back-reference ("abc" × 5).
    func testInflateReadsStoredAndFixedBlocks() throws {
        XCTAssertEqual(try Inflate.zlib([0x78, 0x01, 0x01, 0x05, 0x00, 0xfa, 0xff] + Array("hello".utf8)), Array("hello".utf8))
        XCTAssertEqual(try Inflate.zlib([0x78, 0x9c, 0x4b, 0x04, 0x00, 0x00, 0x62, 0x00, 0x62]), Array("a".utf8))
        XCTAssertEqual(try Inflate.zlib([0x78, 0xda, 0x4b, 0x4c, 0x4a, 0x4e, 0x44, 0x42, 0x00, 0x2d, 0xf5, 0x05, 0xbf]),
                       Array("abcabcabcabcabc".utf8))
        XCTAssertThrowsError(try Inflate.zlib([0x00, 0x01, 0x02]))
    }

    func testSeriesStylesAreReadFromTheSVG() {
        var svg = SVGDocument(width: 100, height: 100, title: "t", description: "d")
        svg.polyline([(0, 0), (1, 1)], stroke: .init(color: "#1f4e79", width: 2, dash: "8 4"), className: "series")
        svg.polyline([(0, 0), (1, 1)], stroke: .init(color: "#1f4e79", width: 2), className: "series")
        svg.polyline([(0, 0), (1, 1)], stroke: .init(color: "#1f4e79", width: 2))
        XCTAssertEqual(Self.seriesStyles(svg.text), ["#1f4e79 8 4", "#1f4e79 solid"])
    }

    /// Stroke colour and dash of every `class="series"` polyline.
    static func seriesStyles(_ svg: String) -> [String] {
        svg.components(separatedBy: "<polyline").dropFirst().compactMap { element in
            let tag = element.prefix { $0 != ">" }
            guard tag.contains("class=\"series\"") else { return nil }
            return "\(attribute("stroke", in: tag) ?? "none") \(attribute("stroke-dasharray", in: tag) ?? "solid")"
        }
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[start.upperBound...].prefix { $0 != "\"" })
    }

    /// Non-transparent pixels in the margin around the canvas.
    static func pixelsInMargin(_ image: PNGImage) -> Int {
        var count = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let inside = x >= margin && x < image.width - margin && y >= margin && y < image.height - margin
                if !inside && image.alpha(x: x, y: y) != 0 { count += 1 }
            }
        }
        return count
    }

    /// The SVG rendered on a page `margin` px larger on every side, transparent outside the canvas.
    func render(_ svg: String, renderer: String, in folder: URL, name: String) throws -> PNGImage {
        let padded = try XCTUnwrap(Self.padded(svg), "no width/height/viewBox on the root element")
        let input = folder.appendingPathComponent("\(name).svg"), output = folder.appendingPathComponent("\(name).png")
        try padded.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: renderer)
        process.arguments = ["-f", "png", "-o", output.path, input.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, "rsvg-convert: \(message)")
        return try PNGImage(data: [UInt8](try Data(contentsOf: output)))
    }

    /// The root element's size and viewBox widened by `margin` on every side.
    static func padded(_ svg: String) -> String? {
        guard let root = svg.range(of: "<svg "), let end = svg[root.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = svg[root.lowerBound..<end]
        guard let width = attribute("width", in: tag).flatMap(Double.init),
              let height = attribute("height", in: tag).flatMap(Double.init),
              attribute("viewBox", in: tag) != nil else { return nil }
        let m = Double(margin)
        var newTag = String(tag)
        newTag = newTag.replacingOccurrences(of: " width=\"\(attribute("width", in: tag)!)\"", with: " width=\"\(width + 2 * m)\"")
        newTag = newTag.replacingOccurrences(of: " height=\"\(attribute("height", in: tag)!)\"", with: " height=\"\(height + 2 * m)\"")
        newTag = newTag.replacingOccurrences(of: " viewBox=\"\(attribute("viewBox", in: tag)!)\"",
                                             with: " viewBox=\"\(-m) \(-m) \(width + 2 * m) \(height + 2 * m)\"")
        return svg.replacingCharacters(in: root.lowerBound..<end, with: newTag)
    }
}
