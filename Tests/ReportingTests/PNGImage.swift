// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// An 8-bit RGBA or RGB, non-interlaced PNG decoded to RGBA pixels — what `rsvg-convert` writes —
/// for the figure tests.
struct PNGImage {
    let width: Int
    let height: Int
    /// Row-major RGBA bytes (alpha 255 for RGB images).
    let rgba: [UInt8]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The alpha of the pixel at (x, y).
    func alpha(x: Int, y: Int) -> UInt8 { rgba[(y * width + x) * 4 + 3] }

    /// The RGBA of the pixel at (x, y).
    func pixel(x: Int, y: Int) -> [UInt8] { Array(rgba[((y * width + x) * 4)..<((y * width + x) * 4 + 4)]) }

    init(data: [UInt8]) throws {
        guard data.count > 8, data[0..<8] == [137, 80, 78, 71, 13, 10, 26, 10] else { throw Failure(description: "not a PNG") }
        var position = 8
        var header: [UInt8] = []
        var compressed: [UInt8] = []
        while position + 8 <= data.count {
            let length = data[position..<(position + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: data[(position + 4)..<(position + 8)], as: UTF8.self)
            let body = Array(data[(position + 8)..<(position + 8 + length)])
            if type == "IHDR" { header = body }
            if type == "IDAT" { compressed += body }
            if type == "IEND" { break }
            position += 12 + length
        }
        guard header.count == 13 else { throw Failure(description: "no IHDR") }
        width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        let (depth, colour, interlace) = (header[8], header[9], header[12])
        guard depth == 8, colour == 6 || colour == 2, interlace == 0 else {
            throw Failure(description: "unsupported PNG: depth \(depth), colour type \(colour), interlace \(interlace)")
        }
        let channels = colour == 6 ? 4 : 3
        let raw = try Inflate.zlib(compressed)
        let stride = width * channels
        guard raw.count >= height * (stride + 1) else { throw Failure(description: "short image data") }
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            let target = row * stride
            for i in 0..<stride {
                let x = Int(raw[source + i])
                let a = i >= channels ? Int(pixels[target + i - channels]) : 0
                let b = row > 0 ? Int(pixels[target - stride + i]) : 0
                let c = row > 0 && i >= channels ? Int(pixels[target - stride + i - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Failure(description: "bad filter \(filter) in row \(row)")
                }
                pixels[target + i] = UInt8((x + predictor) & 0xff)
            }
        }
        if channels == 4 {
            rgba = pixels
        } else {
            var out = [UInt8]()
            out.reserveCapacity(width * height * 4)
            for i in Swift.stride(from: 0, to: pixels.count, by: 3) { out += [pixels[i], pixels[i + 1], pixels[i + 2], 255] }
            rgba = out
        }
    }
}
