import Foundation

/// The type table: every distinct matching form gets a dense integer id, in
/// the order the forms first occur.
///
/// The lookup goes through a byte-keyed table (`ByteInterner`), so loading
/// can intern a token's bytes without making a `String` for it; a `String`
/// is made once per distinct form, for `forms`. Two forms are the same when
/// they are canonically equivalent (as `String ==` says), so keys that are
/// not ASCII are looked up in NFC (every matching form is NFC already).
public struct Vocabulary: Sendable {
    private var table = ByteInterner()
    public private(set) var forms: [String] = []

    public init() {}

    /// `expectedForms` only sizes the table, so it rarely has to grow.
    init(expectedForms: Int) { table = ByteInterner(capacity: expectedForms) }

    public var count: Int { forms.count }

    public mutating func intern(_ form: String) -> UInt32 {
        var key = Self.key(form)
        let (id, isNew) = key.withUTF8 { table.intern($0) }
        if isNew { forms.append(form) }
        return id
    }

    public func id(of form: String) -> UInt32? {
        var raw = form
        if let id = raw.withUTF8({ table.id(of: $0) }) { return id }
        guard !form.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }   // ASCII is its own NFC
        var key = form.precomposedStringWithCanonicalMapping
        return key.withUTF8 { table.id(of: $0) }
    }

    public func form(of id: UInt32) -> String { forms[Int(id)] }

    /// Asks the cache for where `intern(matchingForm:)` will look first.
    mutating func prefetch(matchingForm bytes: UnsafeBufferPointer<UInt8>) {
        table.prefetch(hash: ByteInterner.hash(bytes).hash)
    }

    /// Interns a form that is already a matching form (so already NFC).
    mutating func intern(matchingForm bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let (id, isNew) = table.intern(bytes)
        if isNew { forms.append(String(decoding: bytes, as: UTF8.self)) }
        return id
    }

    private static func key(_ form: String) -> String {
        form.utf8.allSatisfy { $0 < 0x80 } ? form : form.precomposedStringWithCanonicalMapping
    }
}
