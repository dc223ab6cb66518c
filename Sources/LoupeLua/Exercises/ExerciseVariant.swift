import Foundation
import LoupeCore
import LuaRuntime

/// A variant of the corpus on which an exercise's answer is different: a script that
/// passes on the corpus must pass on the variant too, so an answer written into the
/// script (`return 73`) fails, while any script that works the answer out passes.
///
/// The candidates, tried in this order, are copies of the corpus with some documents
/// left out (every second one, from the first and from the second; every third, from
/// the first, second and third; the first half; the second half), then copies with
/// every document cut short (its first half, first third or first two thirds of
/// paragraphs kept) for answers about one document, which leaving out others cannot
/// change. Documents keep their ids, metadata and order. The variant used is the first
/// candidate on which
/// - the exercise's solution runs without an error and returns an answer that differs
///   from its answer on the corpus (and holds no NaN),
/// - the check passes the solution's answer there, and
/// - the check does not pass the solution's answer on the corpus there.
/// No variant when the exercise has no solution, or no candidate qualifies (the answer
/// does not depend on which documents there are).
public struct ExerciseVariant: Sendable {
    /// The variant, seen by the student's script and the check as `corpus`.
    public let corpus: Corpus
    /// What it is, for feedback after "a copy of the corpus with": "6 of 13 documents left out (…)".
    public let description: String

    public init(corpus: Corpus, description: String) {
        self.corpus = corpus; self.description = description
    }

    /// Every candidate for a corpus, in the order tried; each is made only when reached.
    static func candidates(of corpus: Corpus) -> [(description: String, make: () throws -> Corpus)] {
        let n = corpus.documents.count
        var out: [(String, () throws -> Corpus)] = []
        var seen = Set<[Int]>()
        func leaveOut(_ dropped: [Int], _ how: String) {
            let left = Set(dropped)
            let kept = (0..<n).filter { !left.contains($0) }
            guard !kept.isEmpty, kept.count < n, seen.insert(kept).inserted else { return }
            let text = "\(n - kept.count) of \(n) documents left out (\(how))"
            out.append((text, { try corpus.subset(kept, selection: text) }))
        }
        if n >= 2 {
            leaveOut(Array(stride(from: 0, to: n, by: 2)), "every second one, from the first")
            leaveOut(Array(stride(from: 1, to: n, by: 2)), "every second one, from the second")
            for start in 0..<3 { leaveOut(Array(stride(from: start, to: n, by: 3)), "every third one, from the \(["first", "second", "third"][start])") }
            leaveOut(Array(0..<(n / 2)), "the first half")
            leaveOut(Array((n / 2)..<n), "the second half")
        }
        for (name, kept) in [("first half", 1.0 / 2), ("first third", 1.0 / 3), ("first two thirds", 2.0 / 3)] {
            out.append(("every document cut short (only the \(name) of its paragraphs kept)", { cut(corpus, keeping: kept) }))
        }
        return out
    }

    /// The corpus with every document cut after the given share of its paragraphs (at least one).
    static func cut(_ corpus: Corpus, keeping share: Double) -> Corpus {
        var builder = CorpusBuilder()
        for d in corpus.documents {
            let paragraphs = d.paragraphs
            let keep = max(1, Int((Double(paragraphs.count) * share).rounded()))
            let bytes = Array(d.text.utf8)
            let end = keep < paragraphs.count ? min(bytes.count, paragraphs[keep - 1].byteEnd) : bytes.count
            var raw = RawDocument(id: d.id, title: d.title, text: String(decoding: bytes[..<end], as: UTF8.self),
                                  meta: d.meta, source: d.source)
            raw.titleIsGuessed = d.titleIsGuessed
            builder.add(raw)
        }
        return builder.build(root: corpus.root)
    }
}

/// Variants found, per exercise (its id and source) and corpus, shared by checkers.
/// Safe to use from several threads; the first to ask for an exercise's variant finds it.
public final class ExerciseVariants: @unchecked Sendable {
    private struct Key: Hashable {
        let id: String
        let source: [UInt8]
        let corpus: ObjectIdentifier
    }
    private let lock = NSLock()
    /// The corpus is kept with the entry, so its identifier is not reused while the entry lives.
    private var found: [Key: (corpus: Corpus, variant: ExerciseVariant?)] = [:]

    public init() {}

    func variant(for exercise: Exercise, corpus: Corpus, find: () -> ExerciseVariant?) -> ExerciseVariant? {
        let key = Key(id: exercise.id, source: exercise.source, corpus: ObjectIdentifier(corpus))
        lock.lock()
        defer { lock.unlock() }
        if let entry = found[key] { return entry.variant }
        let v = find()
        found[key] = (corpus, v)
        return v
    }
}

extension LuaValue {
    /// The value as a Lua literal that reads back as the same value: `42`, `"RT"`,
    /// `{"a", "b"}`, `{["kiev"] = 3}`. Functions and other objects become nil.
    public var luaLiteral: String {
        switch self {
        case .nil, .opaque: return "nil"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return i == Int.min ? "math.mininteger" : String(i)
        case .number(let d):
            if d.isNaN { return "(0/0)" }
            if d.isInfinite { return d > 0 ? "math.huge" : "-math.huge" }
            let s = "\(d)"
            return s.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? s : s + ".0"
        case .string(let s): return LuaValue.quoted(s)
        case .array(let items): return "{" + items.map(\.luaLiteral).joined(separator: ", ") + "}"
        case .record(let pairs):
            return "{" + pairs.map { "[\(LuaValue.quoted($0.0))] = \($0.1.luaLiteral)" }.joined(separator: ", ") + "}"
        }
    }

    /// A double-quoted Lua string: quotes, backslashes and control bytes escaped (`\n`, `\ddd`),
    /// other bytes (UTF-8 text) kept as they are.
    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), b]
            case UInt8(ascii: "\n"): out += Array("\\n".utf8)
            case UInt8(ascii: "\t"): out += Array("\\t".utf8)
            case 0..<32, 127: out += Array(("\\" + String(format: "%03d", Int(b))).utf8)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// True when a number in it is NaN (such an answer never equals itself).
    var holdsNaN: Bool {
        switch self {
        case .number(let d): return d.isNaN
        case .array(let items): return items.contains { $0.holdsNaN }
        case .record(let pairs): return pairs.contains { $0.1.holdsNaN }
        default: return false
        }
    }
}
