import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns a file's bytes into text, or says why it cannot.
enum TextDecoding {
    enum Outcome {
        case text(String, invalidLine: Int?)   // invalid UTF-8 replaced by U+FFFD, first bad line
        case binary
        case empty
    }

    /// The text of the file at `path`, read straight into a string's own
    /// storage: no `Data` in between, and no copy of the bytes kept to learn
    /// whether decoding replaced any (a U+FFFD in the text that the file did
    /// not hold says so; a file that holds one goes the general way).
    /// nil when the file cannot be read.
    /// With `folder` (an open folder's descriptor), `relative` is opened
    /// from there: the system then walks one or two names, not the whole path.
    static func read(path: String, folder: Int32 = -1, relative: String = "") -> Outcome? {
        let fd = folder >= 0 ? openat(folder, relative, O_RDONLY | O_CLOEXEC) : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0, info.st_size < Int(Int32.max) else {
            return readWhole(path: path)   // empty, special or huge: the general way
        }
        let size = Int(info.st_size)
        enum Read { case text, binary, blank, failed, ambiguous }
        var what = Read.text
        var kept = 0
        let text = String(unsafeUninitializedCapacity: size) { buffer in
            guard let base = buffer.baseAddress else { what = .failed; return 0 }
            var got = 0
            while got < size {
                let n = Glibc.read(fd, base + got, size - got)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                got += n
            }
            if got != size { what = .failed; return 0 }   // shrank while read: the general way
            let start: Int
            switch screen(UnsafeBufferPointer(start: base, count: got)) {
            case .binary: what = .binary; return 0
            case .blank: what = .blank; return 0
            case .text(let bodyStart): start = bodyStart
            }
            let body = base + start, count = got - start
            if Self.containsReplacementCharacter(UnsafeBufferPointer(start: body, count: count)) { what = .ambiguous; return 0 }
            if body != base { memmove(base, body, count) }
            kept = count
            return count
        }
        switch what {
        case .binary: return .binary
        case .blank: return .empty
        case .failed, .ambiguous: return readWhole(path: path)
        case .text:
            // Repair writes U+FFFD, which the bytes did not hold: the text was
            // repaired exactly when it holds one (mostly it is also longer, but
            // three bytes of a four-byte sequence become three bytes). Only
            // then is the file read again, to find the first bad line.
            var text = text
            let repaired = text.utf8.count != kept
                || text.withUTF8 { Self.containsReplacementCharacter($0) }
            return repaired ? readWhole(path: path) : .text(text, invalidLine: nil)
        }
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

    /// `read(path:)` the general way: the whole file into `Data`, then decoded.
    static func readWhole(path: String) -> Outcome? {
        FileManager.default.contents(atPath: path).map(decode)
    }

    static func decode(_ data: Data) -> Outcome {
        data.withUnsafeBytes { raw in decode(raw.bindMemory(to: UInt8.self)) }
    }

    /// Where a file's text begins (after a byte-order mark), or why it has none:
    /// a NUL in the first 8 KB makes it binary, nothing but blanks empty.
    private enum Screening { case binary, blank, text(start: Int) }

    private static func screen(_ bytes: UnsafeBufferPointer<UInt8>) -> Screening {
        let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        if let b = body.baseAddress, memchr(b, 0, min(body.count, 8192)) != nil { return .binary }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .blank }
        return .text(start: start)
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        let start: Int
        switch screen(bytes) {
        case .binary: return .binary
        case .blank: return .empty
        case .text(let bodyStart): start = bodyStart
        }
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        var text = String(decoding: body, as: UTF8.self)
        // Repair changes the bytes exactly when they were not valid UTF-8, so
        // the slow search for the first bad byte is only needed then.
        let repaired = text.withUTF8 { out in
            guard out.count == body.count, let a = out.baseAddress, let b = body.baseAddress else { return out.count != body.count }
            return memcmp(a, b, body.count) != 0
        }
        var invalidLine: Int?
        if repaired, let bad = firstInvalidByte(body[...]) {
            invalidLine = 1 + body[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        return .text(text, invalidLine: invalidLine)
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
