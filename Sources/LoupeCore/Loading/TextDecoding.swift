import Foundation

/// Turns a file's bytes into text, or says why it cannot.
enum TextDecoding {
    enum Encoding: Equatable {
        case utf8
        case utf16(bigEndian: Bool, byteOrderMark: Bool)

        /// "UTF-16 LE (byte-order mark)", for the warning that names it.
        var name: String {
            guard case .utf16(let be, let bom) = self else { return "UTF-8" }
            return "UTF-16 \(be ? "BE" : "LE") (\(bom ? "byte-order mark" : "no byte-order mark; every other byte is NUL"))"
        }
    }

    /// A file's text and what was done to make it.
    struct Decoded {
        var text: String
        /// First line with bytes that were not valid UTF-8 (or UTF-16), replaced by U+FFFD.
        var invalidLine: Int?
        /// First line holding a NUL that did not make the file binary (after the first 8 KiB).
        var nulLine: Int?
        /// Lone CRs (classic Mac line ends) were turned into LF.
        var loneCR = false
        var encoding = Encoding.utf8
    }

    enum Outcome {
        case text(Decoded)
        case binary
        case empty
    }

    /// How much of the start of a file a NUL makes it binary.
    static let binaryWindow = 8192

    /// The text of the file open at `fd`, read straight into a string's own
    /// storage: no `Data` in between, and no copy of the bytes kept to learn
    /// whether decoding replaced any (a U+FFFD in the text that the file did
    /// not hold says so; a file that holds one goes the general way).
    /// nil when the file cannot be read; `fd` is not a regular file is the caller's check.
    /// `loneCR`: turn a CR that no LF follows into LF (same length, so offsets hold).
    static func read(fd: FileSystem.Descriptor, loneCR: Bool = true) -> Outcome? {
        guard let (kind, size) = FileSystem.status(fd), kind == .regularFile else { return nil }
        guard size > 0, size < Int(Int32.max) else {
            return readWhole(fd: fd, loneCR: loneCR)   // empty or huge: the general way
        }
        enum Read { case text, binary, blank, failed, otherWay }
        var what = Read.text
        var kept = 0
        var nulAt: Int?
        var crs = false
        let text = String(unsafeUninitializedCapacity: size) { buffer in
            guard let base = buffer.baseAddress else { what = .failed; return 0 }
            var got = 0
            while got < size, case .success(let n) = FileSystem.read(fd, into: UnsafeMutableRawBufferPointer(start: base + got, count: size - got)), n > 0 {
                got += n
            }
            if got != size { what = .failed; return 0 }   // shrank while read: the general way
            let start: Int
            switch screen(UnsafeBufferPointer(start: base, count: got)) {
            case .binary: what = .binary; return 0
            case .blank: what = .blank; return 0
            case .utf16: what = .otherWay; return 0
            case .text(let bodyStart): start = bodyStart
            }
            let body = base + start, count = got - start
            if Self.containsReplacementCharacter(UnsafeBufferPointer(start: body, count: count)) { what = .otherWay; return 0 }
            if body != base { memmove(base, body, count) }
            let bytes = UnsafeMutableBufferPointer(start: base, count: count)
            if loneCR { crs = replaceLoneCRs(bytes) }
            nulAt = firstNUL(UnsafeBufferPointer(bytes), from: binaryWindow)
            kept = count
            return count
        }
        switch what {
        case .binary: return .binary
        case .blank: return .empty
        case .failed, .otherWay: return readWhole(fd: fd, loneCR: loneCR)
        case .text:
            // Repair writes U+FFFD, which the bytes did not hold: the text was
            // repaired exactly when it holds one (mostly it is also longer, but
            // three bytes of a four-byte sequence become three bytes). Only
            // then is the file read again, to find the first bad line.
            var text = text
            let repaired = text.utf8.count != kept
                || text.withUTF8 { Self.containsReplacementCharacter($0) }
            if repaired { return readWhole(fd: fd, loneCR: loneCR) }
            var decoded = Decoded(text: text, loneCR: crs)
            if let nulAt { decoded.nulLine = text.withUTF8 { lineOf(nulAt, in: $0) } }
            return .text(decoded)
        }
    }

    /// `read(fd:)` the general way: the whole file from its start into memory, then decoded.
    static func readWhole(fd: FileSystem.Descriptor, loneCR: Bool) -> Outcome? {
        guard FileSystem.rewind(fd) else { return nil }
        var bytes: [UInt8] = []
        if let size = FileSystem.status(fd)?.size, size > 0 { bytes.reserveCapacity(size) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            guard case .success(let n) = chunk.withUnsafeMutableBytes({ FileSystem.read(fd, into: $0) }) else { return nil }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes.withUnsafeBufferPointer { decode($0, loneCR: loneCR) }
    }

    static func decode(_ data: Data, loneCR: Bool = true) -> Outcome {
        data.withUnsafeBytes { raw in decode(raw.bindMemory(to: UInt8.self), loneCR: loneCR) }
    }

    /// Whether the bytes hold U+FFFD (EF BF BD): memchr finds the rare 0xEF.
    static func containsReplacementCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i < bytes.count, let p = memchr(base + i, 0xEF, bytes.count - i) {
            let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            if at + 2 < bytes.count, base[at + 1] == 0xBF, base[at + 2] == 0xBD { return true }
            i = at + 1
        }
        return false
    }

    /// Turns every CR that no LF follows into LF, in place; whether there was one.
    /// memchr skips to each CR, so a file without CRs costs one fast pass.
    static func replaceLoneCRs(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = 0, found = false
        while i < bytes.count, let p = memchr(base + i, 0x0D, bytes.count - i) {
            let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            if at + 1 == bytes.count || base[at + 1] != 0x0A { base[at] = 0x0A; found = true }
            i = at + 1
        }
        return found
    }

    /// The index of the first NUL at or after `from`, if any.
    static func firstNUL(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress, from < bytes.count,
              let p = memchr(base + from, 0, bytes.count - from) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    /// The 1-based line holding byte `index` (lines end at LF).
    static func lineOf(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        1 + bytes[..<min(index, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Where a file's text begins (after a byte-order mark), or why it has none:
    /// UTF-16 (by its byte-order mark, or by the NULs of ASCII-heavy UTF-16),
    /// else a NUL in the first 8 KiB makes it binary, nothing but blanks empty.
    private enum Screening { case binary, blank, utf16(Encoding), text(start: Int) }

    private static func screen(_ bytes: UnsafeBufferPointer<UInt8>) -> Screening {
        if let encoding = utf16Encoding(bytes) { return .utf16(encoding) }
        let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        if let b = body.baseAddress, memchr(b, 0, min(body.count, binaryWindow)) != nil { return .binary }
        if isBlank(body) { return .blank }
        return .text(start: start)
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
    }

    /// UTF-16 by its byte-order mark (FF FE, FE FF; not UTF-32's FF FE 00 00), or,
    /// without one, when the first 8 KiB are pairs with one NUL side, as ASCII-heavy
    /// UTF-16 is: at least 60 % of the pairs, a tenth of that at most the other way
    /// (U+0100, U+DE00… have a NUL low byte), none all NUL, and
    /// none a control character but tab, LF, FF and CR (binary files have those).
    static func utf16Encoding(_ bytes: UnsafeBufferPointer<UInt8>) -> Encoding? {
        let n = bytes.count
        if n >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE, !(n >= 4 && bytes[2] == 0 && bytes[3] == 0) {
            return .utf16(bigEndian: false, byteOrderMark: true)
        }
        if n >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16(bigEndian: true, byteOrderMark: true) }
        guard n >= 2, n % 2 == 0, let base = bytes.baseAddress,
              memchr(base, 0, min(n, binaryWindow)) != nil else { return nil }
        var lowNUL = 0, highNUL = 0, pairs = 0   // NUL in the first / second byte of a pair
        var i = 0
        while i + 1 < min(n, binaryWindow) {
            let a = bytes[i], b = bytes[i + 1]
            if a == 0 && b == 0 { return nil }
            if a == 0 || b == 0 {
                let c = a | b
                if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0C && c != 0x0D || c == 0x7F { return nil }
                if a == 0 { lowNUL += 1 } else { highNUL += 1 }
            }
            pairs += 1
            i += 2
        }
        if highNUL * 10 >= pairs * 6, lowNUL * 10 <= highNUL { return .utf16(bigEndian: false, byteOrderMark: false) }
        if lowNUL * 10 >= pairs * 6, highNUL * 10 <= lowNUL { return .utf16(bigEndian: true, byteOrderMark: false) }
        return nil
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, loneCR: Bool = true) -> Outcome {
        let start: Int
        switch screen(bytes) {
        case .binary: return .binary
        case .blank: return .empty
        case .utf16(let encoding): return decodeUTF16(bytes, encoding, loneCR: loneCR)
        case .text(let bodyStart): start = bodyStart
        }
        let original = UnsafeBufferPointer(rebasing: bytes[start...])
        // A copy only when a lone CR is to be replaced: files here can be gigabytes.
        guard loneCR, hasLoneCR(original) else { return decodeUTF8(original, loneCRs: false) }
        var body = Array(original)
        _ = body.withUnsafeMutableBufferPointer { replaceLoneCRs($0) }
        return body.withUnsafeBufferPointer { decodeUTF8($0, loneCRs: true) }
    }

    /// UTF-8 bytes (after the byte-order mark) as text, repaired and reported.
    private static func decodeUTF8(_ body: UnsafeBufferPointer<UInt8>, loneCRs crs: Bool) -> Outcome {
        var text = String(decoding: body, as: UTF8.self)
        // Repair changes the bytes exactly when they were not valid UTF-8, so
        // the slow search for the first bad byte is only needed then.
        let repaired = text.withUTF8 { out in
            guard out.count == body.count, let a = out.baseAddress, let b = body.baseAddress else { return out.count != body.count }
            return memcmp(a, b, body.count) != 0
        }
        var decoded = Decoded(text: text, loneCR: crs)
        if repaired, let bad = firstInvalidByte(body[...]) { decoded.invalidLine = lineOf(bad, in: body) }
        if let nul = firstNUL(body, from: binaryWindow) { decoded.nulLine = lineOf(nul, in: body) }
        return .text(decoded)
    }

    /// Whether a CR that no LF follows is in the bytes.
    static func hasLoneCR(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i < bytes.count, let p = memchr(base + i, 0x0D, bytes.count - i) {
            let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            if at + 1 == bytes.count || base[at + 1] != 0x0A { return true }
            i = at + 1
        }
        return false
    }

    /// UTF-16 text as UTF-8: unpaired surrogates (and an odd last byte) become U+FFFD
    /// and are reported like invalid UTF-8; NULs are reported wherever they are.
    static func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, _ encoding: Encoding, loneCR: Bool) -> Outcome {
        guard case .utf16(let bigEndian, let bom) = encoding else { return .binary }
        let start = bom ? 2 : 0
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        var i = start
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        var scalars = String.UnicodeScalarView()
        var invalidLine: Int?, line = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1 }
                scalars.append(s)
            case .emptyInput: break loop
            case .error:
                if invalidLine == nil { invalidLine = line }
                scalars.append("\u{FFFD}")
            }
        }
        if i < bytes.count {   // an odd byte at the end
            if invalidLine == nil { invalidLine = line }
            scalars.append("\u{FFFD}")
        }
        var utf8 = Array(String(scalars).utf8)
        if utf8.withUnsafeBufferPointer({ isBlank($0) }) { return .empty }
        let crs = loneCR && utf8.withUnsafeMutableBufferPointer { replaceLoneCRs($0) }
        return utf8.withUnsafeBufferPointer { body in
            var decoded = Decoded(text: String(decoding: body, as: UTF8.self), invalidLine: invalidLine, loneCR: crs, encoding: encoding)
            if let nul = firstNUL(body, from: 0) { decoded.nulLine = lineOf(nul, in: body) }
            return .text(decoded)
        }
    }

    /// Index of the first byte that does not start a valid UTF-8 sequence.
    static func firstInvalidByte(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len: Int
            if c & 0xE0 == 0xC0 { len = 2 } else if c & 0xF0 == 0xE0 { len = 3 } else if c & 0xF8 == 0xF0 { len = 4 } else { return i }
            guard i + len <= b.endIndex else { return i }
            var one = b[i..<(i + len)].makeIterator()
            var decoder = UTF8()
            guard case .scalarValue = decoder.decode(&one) else { return i }
            i += len
        }
        return nil
    }
}
