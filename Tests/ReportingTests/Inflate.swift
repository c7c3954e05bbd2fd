// SPDX-License-Identifier: GPL-3.0-or-later

/// A DEFLATE (RFC 1951) decoder for the zlib streams (RFC 1950) inside PNG files, so the figure
/// tests read rendered pixels without zlib (Foundation on Linux has no decompression).
/// Follows Mark Adler's `puff.c`: canonical Huffman codes decoded bit by bit — slow, small, and
/// enough for test images.
enum Inflate {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The bytes of a zlib stream (2-byte header, deflate data; the Adler-32 trailer is not checked).
    static func zlib(_ bytes: [UInt8]) throws -> [UInt8] {
        guard bytes.count > 2, bytes[0] & 0x0f == 8, (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) % 31 == 0 else {
            throw Failure(description: "not a zlib stream")
        }
        return try deflate(Array(bytes[2...]))
    }

    /// The bytes of raw deflate data.
    static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
        var input = BitReader(bytes: bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 8)
        var last = false
        while !last {
            last = try input.bits(1) == 1
            switch try input.bits(2) {
            case 0: try stored(&input, into: &out)
            case 1: try codes(&input, into: &out, lengths: fixedLengths, distances: fixedDistances)
            case 2:
                let (lengths, distances) = try dynamicTables(&input)
                try codes(&input, into: &out, lengths: lengths, distances: distances)
            default: throw Failure(description: "invalid block type")
            }
        }
        return out
    }

    struct BitReader {
        let bytes: [UInt8]
        var position = 0
        var bitBuffer = 0
        var bitCount = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func bits(_ need: Int) throws -> Int {
            var value = bitBuffer
            while bitCount < need {
                guard position < bytes.count else { throw Failure(description: "out of input") }
                value |= Int(bytes[position]) << bitCount
                position += 1
                bitCount += 8
            }
            bitBuffer = value >> need
            bitCount -= need
            return value & ((1 << need) - 1)
        }

        mutating func alignToByte() {
            bitBuffer = 0
            bitCount = 0
        }
    }

    /// A canonical Huffman code: the number of codes of each length and the symbols in code order.
    struct Huffman {
        var count = [Int](repeating: 0, count: 16)
        var symbol: [Int]

        init(lengths: [Int]) {
            symbol = [Int](repeating: 0, count: lengths.count)
            for length in lengths { count[length] += 1 }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + count[length] }
            for (value, length) in lengths.enumerated() where length != 0 {
                symbol[offsets[length]] = value
                offsets[length] += 1
            }
        }

        func decode(_ input: inout BitReader) throws -> Int {
            var code = 0, first = 0, index = 0
            for length in 1...15 {
                code |= try input.bits(1)
                let n = count[length]
                if code - n < first { return symbol[index + (code - first)] }
                index += n
                first = (first + n) << 1
                code <<= 1
            }
            throw Failure(description: "invalid Huffman code")
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let fixedLengths = Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
    static let fixedDistances = Huffman(lengths: [Int](repeating: 5, count: 30))

    static func stored(_ input: inout BitReader, into out: inout [UInt8]) throws {
        input.alignToByte()
        guard input.position + 4 <= input.bytes.count else { throw Failure(description: "short stored block") }
        let b = input.bytes, p = input.position
        let length = Int(b[p]) | Int(b[p + 1]) << 8
        guard length == ~(Int(b[p + 2]) | Int(b[p + 3]) << 8) & 0xffff, p + 4 + length <= b.count else {
            throw Failure(description: "bad stored block")
        }
        out.append(contentsOf: b[(p + 4)..<(p + 4 + length)])
        input.position = p + 4 + length
    }

    static func codes(_ input: inout BitReader, into out: inout [UInt8], lengths: Huffman, distances: Huffman) throws {
        while true {
            let symbol = try lengths.decode(&input)
            if symbol < 256 {
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let k = symbol - 257
                guard k < 29 else { throw Failure(description: "bad length symbol") }
                let length = lengthBase[k] + (try input.bits(lengthExtra[k]))
                let d = try distances.decode(&input)
                guard d < 30 else { throw Failure(description: "bad distance symbol") }
                let distance = distanceBase[d] + (try input.bits(distanceExtra[d]))
                guard distance <= out.count else { throw Failure(description: "distance too far back") }
                let start = out.count - distance
                for i in 0..<length { out.append(out[start + i]) }
            }
        }
    }

    static func dynamicTables(_ input: inout BitReader) throws -> (Huffman, Huffman) {
        let literalCount = try input.bits(5) + 257
        let distanceCount = try input.bits(5) + 1
        let codeCount = try input.bits(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeCount { codeLengths[order[i]] = try input.bits(3) }
        let lengthCode = Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try lengthCode.decode(&input)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Failure(description: "repeat with no length") }
                lengths += [Int](repeating: previous, count: 3 + (try input.bits(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try input.bits(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try input.bits(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw Failure(description: "too many lengths") }
        return (Huffman(lengths: Array(lengths[..<literalCount])), Huffman(lengths: Array(lengths[literalCount...])))
    }
}
