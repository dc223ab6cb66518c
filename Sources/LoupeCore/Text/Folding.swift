import Foundation

/// The matching form of a token (DESIGN.md §5): what queries and counts compare.
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
