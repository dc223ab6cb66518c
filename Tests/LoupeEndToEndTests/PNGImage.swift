import Foundation

/// A PNG read into RGB pixels, enough for browser screenshots: 8-bit greyscale, grey+alpha,
/// RGB or RGBA, not interlaced. The zlib stream is inflated here (RFC 1950/1951, after Mark
/// Adler's puff.c), so the test needs nothing but Foundation.
struct PNGImage {
    let width: Int
    let height: Int
    /// width × height pixels, row by row, 3 bytes each (alpha, if any, is dropped).
    let rgb: [UInt8]

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    init(bytes: [UInt8]) throws {
        guard bytes.count > 8, bytes[0..<8].elementsEqual([137, 80, 78, 71, 13, 10, 26, 10]) else { throw Failure("not a PNG") }
        var pos = 8
        var w = 0, h = 0, depth = 0, colour = 0, interlace = 0
        var idat: [UInt8] = []
        func u32(_ p: Int) -> Int { Int(bytes[p]) << 24 | Int(bytes[p + 1]) << 16 | Int(bytes[p + 2]) << 8 | Int(bytes[p + 3]) }
        while pos + 8 <= bytes.count {
            let length = u32(pos)
            let type = String(decoding: bytes[pos + 4..<pos + 8], as: UTF8.self)
            let start = pos + 8
            guard start + length + 4 <= bytes.count else { throw Failure("truncated chunk \(type)") }
            switch type {
            case "IHDR":
                w = u32(start); h = u32(start + 4)
                depth = Int(bytes[start + 8]); colour = Int(bytes[start + 9]); interlace = Int(bytes[start + 12])
            case "IDAT": idat.append(contentsOf: bytes[start..<start + length])
            default: break
            }
            pos = start + length + 4
            if type == "IEND" { break }
        }
        let channels: Int
        switch colour {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw Failure("colour type \(colour) is not supported")
        }
        guard depth == 8, interlace == 0, w > 0, h > 0, idat.count > 2 else {
            throw Failure("unsupported PNG: depth \(depth), interlace \(interlace), \(w)×\(h)")
        }
        var inflater = Inflater(Array(idat.dropFirst(2)))      // the 2-byte zlib header
        let raw = try inflater.inflate()
        let stride = w * channels
        guard raw.count == h * (stride + 1) else { throw Failure("inflated \(raw.count) bytes, expected \(h * (stride + 1))") }
        var pixels = [UInt8](repeating: 0, count: h * stride)
        for y in 0..<h {
            let filter = raw[y * (stride + 1)]
            let line = y * (stride + 1) + 1
            for x in 0..<stride {
                let a = x >= channels ? Int(pixels[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(pixels[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(pixels[(y - 1) * stride + x - channels]) : 0
                let v = Int(raw[line + x])
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Failure("bad filter \(filter) on line \(y)")
                }
                pixels[y * stride + x] = UInt8((v + predicted) & 0xFF)
            }
        }
        var rgb = [UInt8](repeating: 0, count: w * h * 3)
        for i in 0..<(w * h) {
            switch channels {
            case 1, 2:
                let g = pixels[i * channels]
                rgb[i * 3] = g; rgb[i * 3 + 1] = g; rgb[i * 3 + 2] = g
            default:
                rgb[i * 3] = pixels[i * channels]; rgb[i * 3 + 1] = pixels[i * channels + 1]; rgb[i * 3 + 2] = pixels[i * channels + 2]
            }
        }
        width = w; height = h; self.rgb = rgb
    }

    func pixel(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int) {
        let i = (y * width + x) * 3
        return (Int(rgb[i]), Int(rgb[i + 1]), Int(rgb[i + 2]))
    }
}

/// Raw DEFLATE (RFC 1951).
struct Inflater {
    private let input: [UInt8]
    private var pos = 0
    private var bitBuffer = 0
    private var bitCount = 0
    private var out: [UInt8] = []

    init(_ input: [UInt8]) { self.input = input }

    private mutating func bits(_ n: Int) throws -> Int {
        while bitCount < n {
            guard pos < input.count else { throw PNGImage.Failure("deflate stream ends early") }
            bitBuffer |= Int(input[pos]) << bitCount
            pos += 1
            bitCount += 8
        }
        let v = bitBuffer & ((1 << n) - 1)
        bitBuffer >>= n
        bitCount -= n
        return v
    }

    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []
        init(lengths: [Int]) {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for l in 1..<15 { offsets[l + 1] = offsets[l] + counts[l] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (s, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = s
                offsets[l] += 1
            }
        }
    }

    private mutating func decode(_ h: Huffman) throws -> Int {
        var code = 0, first = 0, index = 0
        for len in 1...15 {
            code |= try bits(1)
            let count = h.counts[len]
            if code - count < first { return h.symbols[index + (code - first)] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw PNGImage.Failure("bad Huffman code")
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                   4097, 6145, 8193, 12289, 16385, 24577]
    private static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private mutating func codes(_ lit: Huffman, _ dist: Huffman) throws {
        while true {
            let s = try decode(lit)
            if s < 256 { out.append(UInt8(s)); continue }
            if s == 256 { return }
            let li = s - 257
            guard li < 29 else { throw PNGImage.Failure("bad length symbol") }
            let length = Self.lengthBase[li] + (try bits(Self.lengthExtra[li]))
            let di = try decode(dist)
            guard di < 30 else { throw PNGImage.Failure("bad distance symbol") }
            let distance = Self.distBase[di] + (try bits(Self.distExtra[di]))
            guard distance <= out.count else { throw PNGImage.Failure("distance too far back") }
            let from = out.count - distance
            for k in 0..<length { out.append(out[from + k]) }
        }
    }

    mutating func inflate() throws -> [UInt8] {
        var last = 0
        repeat {
            last = try bits(1)
            switch try bits(2) {
            case 0:
                bitBuffer = 0; bitCount = 0
                guard pos + 4 <= input.count else { throw PNGImage.Failure("stored block ends early") }
                let len = Int(input[pos]) | Int(input[pos + 1]) << 8
                pos += 4
                guard pos + len <= input.count else { throw PNGImage.Failure("stored block ends early") }
                out.append(contentsOf: input[pos..<pos + len])
                pos += len
            case 1:
                var lengths = [Int](repeating: 8, count: 288)
                for i in 144..<256 { lengths[i] = 9 }
                for i in 256..<280 { lengths[i] = 7 }
                try codes(Huffman(lengths: lengths), Huffman(lengths: [Int](repeating: 5, count: 30)))
            case 2:
                let nlen = try bits(5) + 257, ndist = try bits(5) + 1, ncode = try bits(4) + 4
                let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
                var codeLengths = [Int](repeating: 0, count: 19)
                for i in 0..<ncode { codeLengths[order[i]] = try bits(3) }
                let lencode = Huffman(lengths: codeLengths)
                var lengths: [Int] = []
                while lengths.count < nlen + ndist {
                    let sym = try decode(lencode)
                    switch sym {
                    case 0..<16: lengths.append(sym)
                    case 16:
                        guard let prev = lengths.last else { throw PNGImage.Failure("repeat with no length") }
                        lengths += [Int](repeating: prev, count: 3 + (try bits(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
                    }
                }
                guard lengths.count == nlen + ndist else { throw PNGImage.Failure("too many lengths") }
                try codes(Huffman(lengths: Array(lengths[0..<nlen])), Huffman(lengths: Array(lengths[nlen...])))
            default:
                throw PNGImage.Failure("bad block type")
            }
        } while last == 0
        return out
    }
}
