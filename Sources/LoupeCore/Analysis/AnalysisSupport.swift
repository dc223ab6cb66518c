import Foundation

/// A bad argument to an analysis (an unknown measure, n out of range, a bad
/// frequency-list line). The Lua binding prefixes the function's name.
public struct AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension TableValue {
    /// A measure's value as a cell: NaN (undefined, e.g. Juilland's D of one part) is empty.
    static func measure(_ d: Double) -> TableValue { d.isNaN ? .null : .double(d) }
}

/// Shared pieces of the analyses in this folder.
enum AnalysisSupport {
    /// Loops call `Interruption.check()` once every this many items.
    static let checkMask = 0xFFFF

    /// String order for ties: Unicode code point order, i.e. the byte order of
    /// the UTF-8 (matching forms are NFC, so this is also what `<` on String says).
    @inline(__always)
    static func less(_ a: String, _ b: String) -> Bool {
        let r = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb -> Bool in
                let n = min(pa.count, pb.count)
                if n > 0, let x = pa.baseAddress, let y = pb.baseAddress {
                    let c = memcmp(x, y, n)
                    if c != 0 { return c < 0 }
                }
                return pa.count < pb.count
            }
        }
        if let r, let r { return r }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Descending by `value`, NaN last, then ascending by `name`.
    @inline(__always)
    static func descending(_ a: Double, _ an: String, _ b: Double, _ bn: String) -> Bool {
        if a.isNaN != b.isNaN { return b.isNaN }
        if a != b, !a.isNaN { return a > b }
        return less(an, bn)
    }

    /// Matching forms of a stop list (so `NATO` and `nato` stop the same type).
    static func stopSet(_ words: [String], in vocabulary: Vocabulary) -> [Bool] {
        var stop = [Bool](repeating: false, count: vocabulary.count)
        for w in words {
            if let id = vocabulary.id(of: Folding.matchingForm(w)) { stop[Int(id)] = true }
        }
        return stop
    }

    static func checkMin(_ min: Int, _ name: String = "min") throws {
        guard min >= 0 else { throw AnalysisError("\(name) must be 0 or more, got \(min)") }
    }
}
