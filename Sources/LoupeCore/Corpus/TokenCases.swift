import Foundation

/// The letter case of each of a document's tokens, two bits a token, worked
/// out from its text the first time a `=Word` query asks, and kept.
///
/// Why: `=Word` must compare each candidate's surface, and a surface is only
/// in the text, found by tokenizing its 64-token stretch again (`=The` would
/// read most of the corpus again at every query). An ASCII token's surface
/// is its matching form written in one of three cases, so knowing which one
/// answers most candidates from the form alone; only the others (non-ASCII,
/// or mixed like `McCain`) are read from the text. Not at load: most sessions
/// never ask, and this costs about a tokenizer's pass. The documents of a
/// sub-corpus share the ones of the corpus it was cut from.
final class TokenCases: Sendable {
    enum Case: UInt8 {
        /// The matching form itself (also a token with no letters).
        case lower = 0
        /// The form with every letter capital (`NATO`, `A`).
        case upper = 1
        /// The form with its first byte a capital letter, the rest as in the form (`Kiev`, `I'm`).
        case title = 2
        /// Anything else: the text has to say.
        case other = 3
    }

    private let packed = Once<[UInt8]>()

    init() {}

    /// The cases of `text`'s tokens, four to a byte (token k in bits 2(k % 4) of byte k / 4).
    func of(_ text: String) -> [UInt8] { packed.get { Self.classify(text) } }

    var isDone: Bool { packed.isDone }

    static func at(_ packed: [UInt8], _ k: Int) -> Case {
        guard k >= 0, k / 4 < packed.count else { return .other }
        return Case(rawValue: (packed[k / 4] >> UInt8(2 * (k % 4))) & 3) ?? .other
    }

    static func classify(_ text: String) -> [UInt8] {
        var text = text   // shares the storage: withUTF8 does not copy a native string
        return text.withUTF8 { bytes in
            let spans = Tokenizer.spans(utf8: bytes)
            var packed = [UInt8](repeating: 0, count: (spans.count + 3) / 4)
            guard let base = bytes.baseAddress else { return packed }
            for (k, span) in spans.enumerated() {
                let start = Int(span.start), length = Int(span.end - span.start)
                let c = length <= 8 && start + 8 <= bytes.count
                    ? Self.case(packed: UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: start, as: UInt64.self)),
                                length: length)
                    : Self.case(of: UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]))
                packed[k / 4] |= c.rawValue << UInt8(2 * (k % 4))
            }
            return packed
        }
    }

    /// The case of one surface.
    static func `case`(of s: UnsafeBufferPointer<UInt8>) -> Case {
        var capitals = 0, smalls = 0, firstIsCapital = false
        for (i, b) in s.enumerated() {
            if b >= 0x80 { return .other }
            if b >= 0x41 && b <= 0x5A {
                capitals += 1
                if i == 0 { firstIsCapital = true }
            } else if b >= 0x61 && b <= 0x7A {
                smalls += 1
            }
        }
        if capitals == 0 { return .lower }
        if smalls == 0 { return .upper }
        return firstIsCapital && capitals == 1 ? .title : .other
    }

    /// `case(of:)` for a surface of one to eight bytes, from the eight bytes
    /// at its start (little-endian; those past `length` are ignored): capitals
    /// and small letters are counted a word at a time.
    static func `case`(packed word: UInt64, length: Int) -> Case {
        let w = length >= 8 ? word : word & ((1 << (8 * UInt64(length))) - 1)
        let high: UInt64 = 0x8080_8080_8080_8080
        guard w & high == 0 else { return .other }
        let capitals = Folding.asciiCapitals(w), smalls = Folding.asciiSmalls(w)
        if capitals == 0 { return .lower }
        if smalls == 0 { return .upper }
        return capitals == 0x80 ? .title : .other   // one capital, the first byte
    }

    /// The surface an ASCII matching form has in case `c` (not `.other`).
    static func surface(_ form: [UInt8], _ c: Case) -> [UInt8] {
        func capital(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
        switch c {
        case .lower, .other: return form
        case .upper: return form.map(capital)
        case .title: return form.isEmpty ? form : [capital(form[0])] + form.dropFirst()
        }
    }

    /// The cases whose surface of `form` is `word`, when `word` is ASCII (an
    /// ASCII surface equals it exactly when the bytes do); nil when it is not
    /// (a non-ASCII word may still equal an ASCII surface canonically: the
    /// Kelvin sign is a K), and then every candidate is read from the text.
    static func cases(spelling word: String, form: String) -> Set<Case>? {
        let w = Array(word.utf8), f = Array(form.utf8)
        guard w.allSatisfy({ $0 < 0x80 }), f.allSatisfy({ $0 < 0x80 }) else { return nil }
        return Set([Case.lower, .upper, .title].filter { surface(f, $0) == w })
    }
}

extension Corpus {
    /// Works out the token cases of every document holding one of `positions`
    /// (global token positions, ascending) now, on all cores, before a query
    /// that reads many, instead of one document at a time as it goes.
    func classifyTokenCases(around positions: [UInt32]) {
        let bases = documentStarts
        var pending: [Int] = []
        var doc = 0
        for p in positions {
            let p = Int(p)
            while doc + 1 < bases.count - 1, bases[doc + 1] <= p { doc += 1 }
            if pending.last != doc, !documents[doc].cases.isDone { pending.append(doc) }
        }
        guard pending.count > 1 else { return }
        let documents = self.documents, chosen = pending
        _ = Parallel.map(chosen.count) { i in
            _ = documents[chosen[i]].cases.of(documents[chosen[i]].text)
        }
    }
}
