import Foundation

/// Paragraphs are separated by blank lines: lines holding nothing but
/// whitespace (space, tab, CR, form feed, vertical tab, no-break space).
public enum Paragraphs {
    public static func spans(utf8 bytes: UnsafeBufferPointer<UInt8>, tokens: [TokenSpan]) -> [TextSpan] {
        tokens.withUnsafeBufferPointer { spans(utf8: bytes, tokens: $0) }
    }

    static func spans(utf8 bytes: UnsafeBufferPointer<UInt8>, tokens: UnsafeBufferPointer<TokenSpan>) -> [TextSpan] {
        var result: [TextSpan] = []
        var paraStart = -1, paraEnd = -1   // bytes of the current paragraph's non-blank lines
        var lineStart = 0
        let n = bytes.count
        var tokenIndex = 0

        func close() {
            guard paraStart >= 0 else { return }
            let (s, e) = trim(bytes, paraStart, paraEnd)
            while tokenIndex < tokens.count, Int(tokens[tokenIndex].start) < s { tokenIndex += 1 }
            let first = tokenIndex
            while tokenIndex < tokens.count, Int(tokens[tokenIndex].end) <= e { tokenIndex += 1 }
            result.append(TextSpan(byteStart: s, byteEnd: e, tokenStart: first, tokenEnd: tokenIndex))
            paraStart = -1
        }

        while lineStart < n {
            let lineEnd = lineBreak(bytes, from: lineStart)
            if isBlank(bytes, lineStart, lineEnd) {
                close()
            } else {
                if paraStart < 0 { paraStart = lineStart }
                paraEnd = lineEnd
            }
            lineStart = lineEnd + 1
        }
        close()
        return result
    }

    /// The index of the next "\n" from `i`, or the end (memchr: lines are long).
    static func lineBreak(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        guard let base = b.baseAddress, i < b.count, let found = memchr(base + i, 0x0A, b.count - i) else { return b.count }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    static func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var i = s
        while i < e {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0C || c == 0x0B { i += 1; continue }
            if c == 0xC2, i + 1 < e, b[i + 1] == 0xA0 { i += 2; continue }
            return false
        }
        return true
    }

    /// Trims ASCII whitespace (and no-break spaces) at both ends of [s, e).
    static func trim(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int) {
        var s = s, e = e
        while s < e {
            if b[s] == 0x20 || b[s] == 0x09 || b[s] == 0x0D || b[s] == 0x0A || b[s] == 0x0C || b[s] == 0x0B { s += 1 }
            else if b[s] == 0xC2, s + 1 < e, b[s + 1] == 0xA0 { s += 2 }
            else { break }
        }
        while e > s {
            let c = b[e - 1]
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A || c == 0x0C || c == 0x0B { e -= 1 }
            else if c == 0xA0, e - 2 >= s, b[e - 2] == 0xC2 { e -= 2 }
            else { break }
        }
        return (s, e)
    }
}
