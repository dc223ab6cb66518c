/// One column of a Table. Most columns are an array of values; a column of millions of
/// short texts or counts made at once (an n-gram table) is kept compact instead — the
/// texts one after another in one byte buffer, the counts as 32-bit integers, or values
/// computed from something smaller whenever a row is read — so a row costs no `String`
/// and no enum until somebody reads it.
public struct TableColumn: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    enum Storage: Sendable {
        case values([TableValue])
        /// Text i is bytes[ends[i - 1] ..< ends[i]] (from 0 for the first).
        case texts(bytes: [UInt8], ends: [Int])
        case integers([Int32])
        /// Value i is `value(i)`, made each time it is read.
        case computed(count: Int, value: @Sendable (Int) -> TableValue)
    }
    private(set) var storage: Storage

    public init(_ values: [TableValue]) { storage = .values(values) }
    public init(arrayLiteral values: TableValue...) { storage = .values(values) }

    /// Texts given as UTF-8 one after another, each ending at `ends[i]`.
    public static func texts(bytes: [UInt8], ends: [Int]) -> TableColumn { TableColumn(storage: .texts(bytes: bytes, ends: ends)) }

    public static func integers(_ values: [Int32]) -> TableColumn { TableColumn(storage: .integers(values)) }

    /// `count` values, value i made by `value(i)` whenever it is read and not kept:
    /// for a column whose values are large next to what they are made from.
    public static func computed(count: Int, _ value: @escaping @Sendable (Int) -> TableValue) -> TableColumn {
        TableColumn(storage: .computed(count: Swift.max(0, count), value: value))
    }

    private init(storage: Storage) { self.storage = storage }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .values(let v): return v.count
        case .texts(_, let ends): return ends.count
        case .integers(let v): return v.count
        case .computed(let count, _): return count
        }
    }

    public subscript(i: Int) -> TableValue {
        switch storage {
        case .values(let v): return v[i]
        case .texts(let bytes, let ends):
            let start = i == 0 ? 0 : ends[i - 1]
            return .string(bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<ends[i]]), as: UTF8.self) })
        case .integers(let v): return .int(Int(v[i]))
        case .computed(_, let value): return value(i)
        }
    }

    /// The values as an array.
    public var values: [TableValue] {
        if case .values(let v) = storage { return v }
        return Array(self)
    }

    public static func == (a: TableColumn, b: TableColumn) -> Bool { a.count == b.count && a.elementsEqual(b) }
}
