/// Which Unicode scalars make up tokens (DESIGN.md §5).
///
/// A word character is a letter (L*), a decimal digit (Nd), or a mark (M*)
/// that directly follows a word character. A joiner is kept inside a token
/// only when it stands alone between two word characters: apostrophes U+0027
/// and U+2019, hyphens U+002D, U+2010, U+2011.
enum CharacterClass {
    /// ASCII bytes that are word characters: A–Z, a–z, 0–9.
    static let asciiWord: [Bool] = (0..<128).map { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    enum Kind { case word, mark, other }

    /// Letters and decimal digits are `.word`; marks are `.mark`, because a mark
    /// only belongs to a token when it continues one (a variation selector after
    /// an emoji, or a combining accent after a space, is not a token).
    @inline(__always)
    static func kind(_ scalar: Unicode.Scalar) -> Kind {
        if scalar.value < 0x80 { return asciiWord[Int(scalar.value)] ? .word : .other }
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
