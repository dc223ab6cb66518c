import Foundation

/// Turns a file's bytes into text, or says why it cannot.
enum TextDecoding {
    enum Outcome {
        case text(String, invalidLine: Int?)   // invalid UTF-8 replaced by U+FFFD, first bad line
        case binary
        case empty
    }

    static func decode(_ data: Data) -> Outcome {
        data.withUnsafeBytes { raw in decode(raw.bindMemory(to: UInt8.self)) }
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }   // BOM
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        if let b = body.baseAddress, memchr(b, 0, min(body.count, 8192)) != nil { return .binary }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .empty }
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
