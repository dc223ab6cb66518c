/// Which Unicode scalars make up tokens (docs/text.md, "Tokens"; docs/design.md §5).
///
/// A word character is a letter (L*), a decimal digit (Nd), or a mark (M*)
/// that directly follows a word character. A joiner is kept inside a token
/// only when it stands alone between two word characters: apostrophes U+0027
/// and U+2019, hyphens U+002D, U+2010, U+2011.
enum CharacterClass {
    /// ASCII bytes that are word characters: A–Z, a–z, 0–9.
    @inline(__always)
    static func isASCIIWord(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10
    }

    /// The end of the run of ASCII word bytes starting at `i` (`i` itself
    /// if there is none). Words average five letters, so it looks at eight
    /// bytes at once: each byte's high bit says "in a range" when computed
    /// on the low seven bits (no carry between bytes) and the byte is ASCII.
    static func asciiWordRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var i = i
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let high: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= bytes.count {
                let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let low7 = x & ~high
                let folded = low7 | 0x2020_2020_2020_2020                      // 'A'...'Z' → 'a'...'z'
                let letter = (folded &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(folded &+ 0x0505_0505_0505_0505)   // 'a'...'z'
                let digit = (low7 &+ 0x5050_5050_5050_5050) & ~(low7 &+ 0x4646_4646_4646_4646)       // '0'...'9'
                let word = (letter | digit) & ~x & high
                let run = (~word & high).trailingZeroBitCount / 8
                i += run
                if run < 8 { return i }
            }
        }
        while i < bytes.count, isASCIIWord(bytes[i]) { i += 1 }
        return i
    }

    enum Kind: UInt8 { case word, mark, other }

    /// Letters and decimal digits are `.word`; marks are `.mark`, because a mark
    /// only belongs to a token when it continues one (a variation selector after
    /// an emoji, or a combining accent after a space, is not a token).
    @inline(__always)
    static func kind(_ scalar: Unicode.Scalar) -> Kind {
        if scalar.value < 0x80 { return isASCIIWord(UInt8(scalar.value)) ? .word : .other }
        if scalar.value < 0x10000 { return bmpKinds[Int(scalar.value)] }
        return propertyKind(scalar)
    }

    /// `kind` of every scalar below U+10000, worked out once from the same
    /// Unicode properties: curly quotes and dashes are everywhere in text, and
    /// a property lookup costs far more than reading this 64 KiB table.
    /// (Surrogate code points are not scalars; they are never looked up.)
    static let bmpKinds: [Kind] = (0..<0x10000).map { v in
        Unicode.Scalar(UInt32(v)).map(propertyKind) ?? .other
    }

    static func propertyKind(_ scalar: Unicode.Scalar) -> Kind {
        if scalar.value < 0x80 { return isASCIIWord(UInt8(scalar.value)) ? .word : .other }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return .word
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        default:
            return .other
        }
    }

    @inline(__always)
    static func isJoiner(_ value: UInt32) -> Bool {
        value == 0x27 || value == 0x2D || value == 0x2019 || value == 0x2010 || value == 0x2011
    }
}
