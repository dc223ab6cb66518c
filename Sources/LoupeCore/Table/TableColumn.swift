/// One column of a Table. Most columns are an array of values; a column of millions of
/// short texts or counts made at once (an n-gram table) is kept compact instead — the
/// texts one after another in one byte buffer, the counts as 32-bit integers — so a row
/// costs no `String` and no enum until somebody reads it.
public struct TableColumn: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    enum Storage: Sendable {
        case values([TableValue])
        /// Text i is bytes[ends[i - 1] ..< ends[i]] (from 0 for the first).
        case texts(bytes: [UInt8], ends: [Int])
        case integers([Int32])
        /// n-grams as packed keys: each key holds n ranks (see PackedForms), spelled out when read.
        case packed(keys: [UInt64], forms: PackedForms)
    }
    private(set) var storage: Storage

    public init(_ values: [TableValue]) { storage = .values(values) }
    public init(arrayLiteral values: TableValue...) { storage = .values(values) }

    /// Texts given as UTF-8 one after another, each ending at `ends[i]`.
    public static func texts(bytes: [UInt8], ends: [Int]) -> TableColumn { TableColumn(storage: .texts(bytes: bytes, ends: ends)) }

    public static func integers(_ values: [Int32]) -> TableColumn { TableColumn(storage: .integers(values)) }

    /// Texts spelled from packed keys when read: `forms.text(key)`.
    static func packed(_ keys: [UInt64], forms: PackedForms) -> TableColumn { TableColumn(storage: .packed(keys: keys, forms: forms)) }

    private init(storage: Storage) { self.storage = storage }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .values(let v): return v.count
        case .texts(_, let ends): return ends.count
        case .integers(let v): return v.count
        case .packed(let keys, _): return keys.count
        }
    }

    public subscript(i: Int) -> TableValue {
        switch storage {
        case .values(let v): return v[i]
        case .texts(let bytes, let ends):
            let start = i == 0 ? 0 : ends[i - 1]
            return .string(bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<ends[i]]), as: UTF8.self) })
        case .integers(let v): return .int(Int(v[i]))
        case .packed(let keys, let forms): return .string(forms.text(keys[i]))
        }
    }

    /// The values as an array.
    public var values: [TableValue] {
        if case .values(let v) = storage { return v }
        return Array(self)
    }

    public static func == (a: TableColumn, b: TableColumn) -> Bool { a.count == b.count && a.elementsEqual(b) }
}

/// The forms of a vocabulary in one buffer, in the order of their ranks, and how an
/// n-gram key packs its n ranks (`bits` each, the first word highest): enough to spell
/// an n-gram from its key alone, so an n-gram table need not hold millions of texts.
final class PackedForms: Sendable {
    let bytes: [UInt8]
    /// Form of rank r: bytes[offsets[r] ..< offsets[r + 1]].
    let offsets: [Int]
    let bits: Int
    let n: Int

    init(formsInRankOrder forms: [String], bits: Int, n: Int) {
        var bytes: [UInt8] = [], offsets = [0]
        offsets.reserveCapacity(forms.count + 1)
        for f in forms { bytes.append(contentsOf: f.utf8); offsets.append(bytes.count) }
        self.bytes = bytes
        self.offsets = offsets
        self.bits = bits
        self.n = n
    }

    /// The words of the key joined by single spaces.
    func text(_ key: UInt64) -> String {
        let mask = (UInt64(1) << UInt64(bits)) - 1
        var length = n - 1
        for j in 0..<n { let r = rank(key, j, mask); length += offsets[r + 1] - offsets[r] }
        return bytes.withUnsafeBufferPointer { source in
            String(unsafeUninitializedCapacity: length) { out in
                var w = 0
                for j in 0..<n {
                    if j > 0 { out[w] = 0x20; w += 1 }
                    let r = rank(key, j, mask)
                    for b in offsets[r]..<offsets[r + 1] { out[w] = source[b]; w += 1 }
                }
                return w
            }
        }
    }

    @inline(__always)
    private func rank(_ key: UInt64, _ j: Int, _ mask: UInt64) -> Int {
        Int((key >> UInt64(bits * (n - 1 - j))) & mask)
    }
}
