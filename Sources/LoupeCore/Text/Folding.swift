import Foundation

/// The matching form of a token: what queries and counts compare
/// (docs/text.md, "Matching form"; docs/design.md §5).
///
/// Each scalar is replaced by its Unicode lowercase mapping; U+2019 becomes `'`;
/// U+2010 and U+2011 become `-`; final sigma ς becomes σ (as case folding does);
/// the result is put in NFC. ASCII tokens take a fast path that only lowercases.
public enum Folding {
    public static func matchingForm(_ surface: Substring) -> String {
        var ascii = true
        for b in surface.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return asciiLowercased(surface.utf8) }
        var out = String.UnicodeScalarView()
        for s in surface.unicodeScalars {
            switch s.value {
            case 0x2019: out.append("'")
            case 0x2010, 0x2011: out.append("-")
            case 0x03C2: out.append("\u{03C3}")
            default:
                if s.properties.changesWhenLowercased {
                    out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
                } else {
                    out.append(s)
                }
            }
        }
        let folded = String(out)
        return folded.precomposedStringWithCanonicalMapping
    }

    public static func matchingForm(_ surface: String) -> String {
        matchingForm(surface[...])
    }

    /// The matching form of a token whose only non-ASCII characters are `’`,
    /// U+2010 and U+2011 (most tokens of most text), written to `out`, which
    /// has room for `surface.count` bytes; its length, or nil when the token
    /// needs the full Unicode path above. Such a form is ASCII, so already NFC.
    static func simpleMatchingForm(_ surface: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int? {
        var i = 0, n = 0
        while i < surface.count {
            let b = surface[i]
            if b < 0x80 {
                out[n] = (b &- 0x41) < 26 ? b | 0x20 : b
                i += 1; n += 1
                continue
            }
            // U+2019 is E2 80 99; U+2010 and U+2011 are E2 80 90 and E2 80 91.
            guard b == 0xE2, i + 2 < surface.count, surface[i + 1] == 0x80 else { return nil }
            switch surface[i + 2] {
            case 0x99: out[n] = 0x27
            case 0x90, 0x91: out[n] = 0x2D
            default: return nil
            }
            i += 3; n += 1
        }
        return n
    }

    /// The high bit of each byte of eight ASCII bytes that is 'A'...'Z', and
    /// of each that is 'a'...'z'. (The high bit of b + k is set exactly when
    /// b >= 0x80 - k, and an ASCII byte cannot carry into the next.)
    @inline(__always)
    static func asciiCapitals(_ w: UInt64) -> UInt64 {
        (w &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(w &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
    }

    @inline(__always)
    static func asciiSmalls(_ w: UInt64) -> UInt64 {
        (w &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(w &+ 0x0505_0505_0505_0505) & 0x8080_8080_8080_8080
    }

    static func asciiLowercased<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(unsafeUninitializedCapacity: bytes.count) { buf in
            var i = 0
            for b in bytes {
                buf[i] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                i += 1
            }
            return i
        }
    }
}
