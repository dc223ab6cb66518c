import Foundation

/// `word%d`: forms that differ from a word only by diacritics (CQP's %d flag). The key of a
/// form is its matching form decomposed (NFD) with the combining marks dropped, so café,
/// cafè and cafe share the key "cafe", and Київ's ї (і with a diaeresis) becomes і.
enum Unaccented {
    static func key(_ form: String) -> String {
        guard form.utf8.contains(where: { $0 >= 0x80 }) else { return form }   // ASCII has no diacritics
        let scalars = form.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            $0.properties.generalCategory != .nonspacingMark && $0.properties.generalCategory != .enclosingMark
        }
        return String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping
    }
}

/// The non-ASCII types of each diacritic-free key, for the vocabulary of one corpus: only
/// non-ASCII forms are decomposed (an ASCII form is its own key, found in the vocabulary),
/// once, the first time `%d` is asked for.
struct UnaccentedTable: Sendable {
    private let byKey: [String: [UInt32]]

    init(forms: [String]) {
        var byKey: [String: [UInt32]] = [:]
        for (i, f) in forms.enumerated() where f.utf8.contains(where: { $0 >= 0x80 }) {
            byKey[Unaccented.key(f), default: []].append(UInt32(i))
        }
        self.byKey = byKey
    }

    /// The non-ASCII types whose form without diacritics is `key`.
    func types(withKey key: String) -> [UInt32] { byKey[key] ?? [] }
}
