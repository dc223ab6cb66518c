import Foundation
import LoupeCore
import LuaRuntime

/// The corpus analyses from Lua (docs/statistics.md, "Analyses"): corpus:freq{…},
/// :ngrams{…}, :collocates(q, {…}), :keyness(reference, {…}), :dispersion(q, {…}).
/// Each converts its arguments, calls LoupeCore and pushes Tables.
enum AnalysisBinding {
    /// Adds the five methods. `readPolicy` is what a sandboxed script may read
    /// (keyness's frequency-list files); nil with --unsafe (any path).
    static func addAnalyses(to cls: inout LuaClass<Corpus>, readPolicy: PathPolicy?) {
        cls.method("freq") { corpus, call in
            let o = try Options(call, 2, MethodOptions.freq)
            let stop = stopWords(o, default: [])
            let min = o.int("min") ?? 1
            try AnalysisCall.pushTable(call, { try corpus.freq(min: min, stop: stop) })
            return 1
        }
        cls.method("ngrams") { corpus, call in
            let o = try Options(call, 2, MethodOptions.ngrams)
            let n = o.int("n") ?? 2, min = o.int("min") ?? 2
            let within = o.string("within").flatMap(Corpus.NGramScope.init(rawValue:)) ?? .sentence
            try AnalysisCall.pushTable(call, { try corpus.ngrams(n: n, min: min, within: within) })
            return 1
        }
        cls.method("collocates") { corpus, call in
            let q = try Arguments.query(call, 2)
            let o = try Options(call, 3, MethodOptions.collocates)
            let window = o.int("window") ?? 5
            let left = o.int("left") ?? window, right = o.int("right") ?? window
            let measure = try Self.measure(o), min = o.int("min") ?? 2
            // by default the function words of English and Russian are left out of the rows:
            // by logDice they would rank first (and, the, in, of), telling nothing of the node
            let stop = stopWords(o, default: StopWords.english + StopWords.russian)
            let hits = try corpus.evaluate(q.node).hits
            try AnalysisCall.pushTable(call, { try corpus.collocates(hits: hits, left: left, right: right, measure: measure, min: min, stop: stop) })
            return 1
        }
        cls.method("keyness") { corpus, call in
            let o = try Options(call, 3, MethodOptions.keyness)
            let measureName = o.string("measure") ?? "ll", min = o.int("min") ?? 5
            guard let measure = Measure(name: measureName) else {
                throw ScriptError("\(call.name): unknown keyness measure \"\(measureName)\"; one of \((Measure.keynessSignificance + Measure.keynessEffect).map(\.name).joined(separator: ", "))")
            }
            let reference = try self.reference(call, 2, total: o["total"].flatMap { _ in o.int("total") }, policy: readPolicy)
            try AnalysisCall.pushTable(call, { try corpus.keyness(reference: reference, measure: measure, min: min) })
            return 1
        }
        cls.method("dispersion") { corpus, call in
            let q = try Arguments.query(call, 2)
            let o = try Options(call, 3, MethodOptions.dispersion)
            let parts: DispersionParts = o.int("parts").map { .equal($0) } ?? .documents
            let hits = try corpus.evaluate(q.node).hits
            let result = try AnalysisCall.run(call) { try corpus.dispersion(hits: hits, parts: parts) }
            call.pushObject(TableHandle(result.summary), typeName: TypeName.table)
            call.pushObject(TableHandle(result.parts), typeName: TypeName.table)
            return 2
        }
    }

    /// keyness's reference: a corpus, a frequency-list file (read through the
    /// sandbox's read check), or a Lua table {form = count, …}.
    static func reference(_ call: LuaStack, _ i: Int32, total: Int?, policy: PathPolicy?) throws -> FrequencyList {
        if let other = call.object(i, Corpus.self, typeName: TypeName.corpus) {
            guard total == nil else { throw ScriptError("\(call.name): total is for a reference given as a table of counts") }
            return FrequencyList(corpus: other)
        }
        if case .string(let path) = call.value(i) {
            guard total == nil else { throw ScriptError("\(call.name): total is for a reference given as a table of counts; in a file write a line \"# total: N\"") }
            guard FileManager.default.fileExists(atPath: path) else { throw ScriptError("\(call.name): cannot read '\(path)': no such file") }
            let real: String
            if let policy {
                do { real = try policy.readablePath(path) } catch { throw ScriptError("\(call.name): \(error)") }
            } else {
                real = path
            }
            return try AnalysisCall.run(call) { try FrequencyListReader.read(path: real, name: path) }
        }
        switch call.value(i) {
        case .record(let pairs):
            var counts: [String: Int] = [:]
            var sum = 0
            for (word, v) in pairs {
                let n: Int
                switch v {
                // Checked here, where the number comes in: range, whole, not NaN or infinite.
                case .int(let k) where k >= 0 && k <= FrequencyList.largestCount: n = k
                case .number(let d) where d >= 0 && d == d.rounded() && d <= Double(FrequencyList.largestCount): n = Int(d)
                default: throw ScriptError("\(call.name): the count of \"\(word)\" must be a whole number 0 or more and at most \(FrequencyList.largestCount), got \(Arguments.describe(v))")
                }
                let (s, overflow) = sum.addingReportingOverflow(n)
                guard !overflow else { throw ScriptError("\(call.name): the counts are too large") }
                sum = s
                if n > 0 { counts[Folding.matchingForm(word), default: 0] += n }
            }
            guard sum <= FrequencyList.largestCount else { throw ScriptError("\(call.name): the counts add up to more than \(FrequencyList.largestCount)") }
            let size = total ?? sum
            if let total, total < 0 || total > FrequencyList.largestCount {
                throw ScriptError("\(call.name): total must be a whole number from 1 to \(FrequencyList.largestCount), got \(total)")
            }
            guard size >= sum else { throw ScriptError("\(call.name): total (\(size)) is smaller than the sum of the counts (\(sum))") }
            guard size > 0 else { throw ScriptError("\(call.name): the reference is empty") }
            return FrequencyList(counts: counts, total: size)
        case .array(let items) where items.isEmpty:
            throw ScriptError("\(call.name): the reference is empty")
        default:
            throw call.argumentError(i, "Corpus, file name or table of counts")
        }
    }

    /// `measure`: a measure's name (any case), else an error listing the names.
    static func measure(_ o: Options) throws -> Measure {
        let name = o.string("measure") ?? "logdice"
        guard let m = Measure(name: name) else {
            throw ScriptError("\(o.call.name): unknown measure \"\(name)\"; one of \(Measure.allCases.map(\.name).joined(separator: ", "))")
        }
        return m
    }

    /// `stop` (checked by the schema): a built-in list's name ("en", "ru"), a list of words, or false for none.
    static func stopWords(_ o: Options, default fallback: [String]) -> [String] {
        switch o["stop"] {
        case .string(let name)?: return StopWords.list(named: name) ?? []
        case .array?: return o.strings("stop") ?? []
        case .bool(false)?: return []
        default: return fallback
        }
    }
}
