import LoupeCore
import LoupeLua
import LuaRuntime

/// One analysis of `/analyse`, read from the page's parameters: which one, its settings,
/// and the Lua that computes it. The page runs exactly that Lua and shows it, so what a
/// visitor clicks is what they could type at the console (docs/browser.md, "Analyses").
struct Analysis: Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case freq, ngrams, collocates, keyness, dispersion

        var title: String {
            switch self {
            case .freq: "Word list"
            case .ngrams: "N-grams"
            case .collocates: "Collocates"
            case .keyness: "Keywords"
            case .dispersion: "Dispersion"
            }
        }
    }

    var kind: Kind
    /// The settings as given (for the form), by parameter name.
    var settings: [String: String]
    /// The REPL entries that compute it, run in order in one environment.
    var lua: [String]

    static let collocationMeasures = ["logdice", "mi", "mi3", "t", "z", "ll_signed", "dice", "log_ratio",
                                      "deltap_collocate_given_node", "deltap_node_given_collocate"]
    static let keynessMeasures = (Measure.keynessSignificance + Measure.keynessEffect).map(\.name)
    static let stopLists = ["", "en", "ru", "none"]

    /// nil when the page is asked for no analysis (`kind` absent): the forms alone.
    init?(_ p: QueryParameters, corpus: Corpus) throws(RequestError) {
        guard let name = p["kind"], !name.isEmpty else { return nil }
        guard let kind = Kind(rawValue: name) else {
            throw .badRequest("'kind' must be one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name.prefix(40))'")
        }
        self.kind = kind
        var s: [String: String] = [:]
        var options: [String] = []
        func integer(_ name: String, _ fallback: Int, _ range: ClosedRange<Int>) throws(RequestError) {
            let n = try p.integer(name, default: fallback, in: range)
            s[name] = String(n)
            if n != fallback { options.append("\(name) = \(n)") }
        }
        func choice(_ name: String, _ allowed: [String], _ fallback: String) throws(RequestError) -> String {
            let v = p[name] ?? ""
            guard v.isEmpty || allowed.contains(v) else {
                throw .badRequest("'\(name)' must be one of \(allowed.filter { !$0.isEmpty }.joined(separator: ", ")), got '\(v.prefix(40))'")
            }
            s[name] = v.isEmpty ? fallback : v
            return v.isEmpty ? fallback : v
        }
        func stop(default fallback: String) throws(RequestError) {
            let v = try choice("stop", Self.stopLists, fallback)
            if v != fallback { options.append("stop = " + (v == "none" ? "false" : Self.string(v))) }
        }
        func query() throws(RequestError) -> String {
            guard let q = try p.query() else { throw .badRequest("\(kind.title) needs a query: type one in the box") }
            s["q"] = q
            return q
        }
        func table(_ items: [String]) -> String { items.isEmpty ? "" : "{" + items.joined(separator: ", ") + "}" }

        switch kind {
        case .freq:
            try integer("min", 1, 0...1_000_000)
            try stop(default: "")
            lua = ["corpus:freq" + (options.isEmpty ? "()" : table(options))]
        case .ngrams:
            try integer("n", 2, 2...8)
            try integer("min", 2, 0...1_000_000)
            let within = try choice("within", ["sentence", "document"], "sentence")
            if within != "sentence" { options.append("within = \"document\"") }
            lua = ["corpus:ngrams" + (options.isEmpty ? "()" : table(options))]
        case .collocates:
            let q = try query()
            try integer("window", 5, 0...50)
            let measure = try choice("measure", Self.collocationMeasures, "logdice")
            if measure != "logdice" { options.append("measure = \(Self.string(measure))") }
            try integer("min", 2, 0...1_000_000)
            try stop(default: "")
            lua = ["corpus:collocates(\(Self.string(q))" + (options.isEmpty ? "" : ", " + table(options)) + ")"]
        case .keyness:
            let fields = Pages.columns(corpus)
            guard let field = p["field"], !field.isEmpty else { throw .badRequest("Keywords need a field: choose one, such as outlet") }
            guard fields.contains(field) else {
                throw .badRequest("there is no field '\(field.prefix(60))' in this corpus; there are: \(fields.joined(separator: ", "))")
            }
            s["field"] = field
            guard let value = p["value"], !value.isEmpty else { throw .badRequest("Keywords need a value of \(field): the documents to study") }
            s["value"] = value
            let reference = p["ref"] ?? ""
            s["ref"] = reference
            let measure = try choice("measure", Self.keynessMeasures, "ll")
            if measure != "ll" { options.append("measure = \(Self.string(measure))") }
            try integer("min", 5, 0...1_000_000)
            let focus = "corpus:where" + Self.selection(field, value, corpus)
            let ref = reference.isEmpty ? "corpus" : "corpus:where" + Self.selection(field, reference, corpus)
            lua = ["\(focus):keyness(\(ref)" + (options.isEmpty ? "" : ", " + table(options)) + ")"]
        case .dispersion:
            let q = try query()
            let parts = p["parts"] ?? ""
            var partsOption = ""
            if !parts.isEmpty && parts != "documents" {
                let n = try p.integer("parts", default: 10, in: 1...1_000)
                partsOption = ", {parts = \(n)}"
                s["parts"] = String(n)
            }
            lua = ["corpus:dispersion(\(Self.string(q))\(partsOption))", "corpus:search(\(Self.string(q))):plot{}"]
        }
        settings = s
    }

    /// `{field = "value"}` for `corpus:where`, the value a number when the documents hold it as one.
    static func selection(_ field: String, _ value: String, _ corpus: Corpus) -> String {
        let key = field.isIdentifier ? field : "[\(string(field))]"
        let typed = corpus.documents.lazy.compactMap { $0.meta[field] }.first { $0.description == value }
        let literal: String
        switch typed {
        case .int(let i)?: literal = String(i)
        case .double(let d)?: literal = "\(d)"
        case .bool(let b)?: literal = b ? "true" : "false"
        default: literal = string(value)
        }
        return "{\(key) = \(literal)}"
    }

    /// A Lua string literal holding `s` exactly: quotes, backslashes and control bytes escaped.
    static func string(_ s: String) -> String { LuaValue.quoted(s) }

    /// The parameters that ask for this analysis again (for links and downloads).
    var parameters: [(String, String)] {
        [("kind", kind.rawValue)] + settings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
