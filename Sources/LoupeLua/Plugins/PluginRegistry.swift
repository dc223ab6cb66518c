import Foundation
import LoupeCore
import LuaRuntime

/// The plugins of a run (docs/plugins.md), loaded before any corpus: corpus methods,
/// lexicons used by name in corpus:lookup("name"), and readers for files of formats
/// Loupe does not know, which the corpus loader then calls. Its files run once here,
/// in a state of its own with no corpus, where everything they register is checked;
/// each LuaEnvironment runs them again for its own copies of their functions.
public final class PluginRegistry {
    /// A corpus method: `corpus:NAME(args)`, `loupe run NAME ARGS…`.
    public struct Plugin: Sendable {
        public let name: String
        public let help: String
        public let file: String
    }

    public struct PluginLexicon: Sendable {
        public let name: String
        public let help: String
        public let file: String
        public let lexicon: Lexicon
    }

    public struct PluginReader: Sendable {
        public let name: String
        public let help: String
        /// The plugin file and the line of its loupe.register call, for warnings.
        public let origin: String
        /// Lowercase, without the dot.
        public let extensions: [String]
        /// A registry reference to the read function, in the loading state.
        let read: Int32
    }

    /// Why a reader could not read a file; the loader makes it that file's warning.
    struct ReaderFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Registered corpus methods, lexicons and readers, in registration order.
    public private(set) var plugins: [Plugin] = []
    public private(set) var lexicons: [PluginLexicon] = []
    public private(set) var readers: [PluginReader] = []
    /// The files that loaded, with their bytes as read then: environments run these.
    private(set) var sources: [(path: String, code: [UInt8])] = []
    /// The state the files ran in, which runs the readers.
    private var loader: LuaEnvironment?
    /// For an environment's own registrations: that environment, which runs their readers.
    private weak var borrowedLoader: LuaEnvironment?
    private let options: EnvironmentOptions
    /// The file whose plugins are being loaded (for their records).
    private var loadingFile = ""

    /// No plugins yet; `options` are the run's (limits, sandbox, folders) for loading them.
    public init(options: EnvironmentOptions = EnvironmentOptions()) { self.options = options }

    /// What `environment`'s own scripts register (their readers run in it).
    init(options: EnvironmentOptions, borrowing environment: LuaEnvironment) {
        self.options = options
        borrowedLoader = environment
    }

    /// Loads plugin files in order; a file that fails is left out and its error returned
    /// with it (never fatal).
    public static func load(files: [String], options: EnvironmentOptions) -> (registry: PluginRegistry, failures: [(file: String, error: LuaError)]) {
        let registry = PluginRegistry(options: options)
        let failures = files.compactMap { file in registry.load(file).map { (file: file, error: $0) } }
        return (registry, failures)
    }

    /// Runs one plugin file in the loading state, writing closed; a failure is returned,
    /// and nothing it registered before failing is kept.
    public func load(_ path: String) -> LuaError? {
        guard let data = FileManager.default.contents(atPath: path) else {
            return LuaError(status: 1, fullText: "\(path): cannot read plugin file")
        }
        let loader: LuaEnvironment
        do { loader = try loadingEnvironment() } catch { return LuaError(status: 1, fullText: "cannot start Lua for plugins: \(error)") }
        let code = [UInt8](data)
        loadingFile = path
        // A plugin writes only when a user's command runs it, never by being loaded.
        options.paths.gate.close("plugins cannot write files while they load (\(path)); write from the plugin's run function")
        defer { loadingFile = ""; options.paths.gate.reopen() }
        let before = (plugins, lexicons, readers)
        do {
            try loader.run(code, chunkName: "@\(path)")
        } catch {
            (plugins, lexicons, readers) = before
            return error as? LuaError ?? LuaError(status: 2, fullText: "\(error)")
        }
        sources.append((path, code))
        return nil
    }

    /// The state plugin files run in: sandboxed as the run's scripts are, with no corpus.
    private func loadingEnvironment() throws -> LuaEnvironment {
        if let loader { return loader }
        let made = try LuaEnvironment(CorpusBuilder().build(root: ""), options: options, plugins: PluginRegistry(), corpusGlobal: false)
        made.registering = self
        loader = made
        return made
    }

    /// loupe.register{name = "…", help = "…", run = function(corpus, args) … end,
    /// lexicon = {…} or "file", reader = {extensions = {…}, read = function(text, path) … end}}:
    /// at least one of run, lexicon and reader. Everything is checked before anything is registered.
    func register(_ call: LuaStack) throws -> Int32 {
        let spec = try call.table(1)
        guard case .string(let name)? = spec["name"], name.isIdentifier else {
            throw ScriptError("register: name must be a Lua identifier such as \"scare_quotes\"")
        }
        let hasRun = spec["run"] != nil
        guard hasRun || spec["lexicon"] != nil || spec["reader"] != nil else {
            throw ScriptError("register: give run = function(corpus, args), lexicon = {category = {entries…}} or a file, or reader = {extensions = {…}, read = function(text, path)}")
        }
        if hasRun {
            call.pushField(1, "run")
            let isFunction = call.isFunction(-1)
            call.pop()
            guard isFunction else { throw ScriptError("register: run must be a function(corpus, args)") }
            if CorpusBinding.methodNames.contains(name) {
                throw ScriptError("register: '\(name)' is already a corpus method")
            }
        }
        var help = ""
        if case .string(let h)? = spec["help"] { help = h }
        let lexicon = try spec["lexicon"].map { try pluginLexicon(call, $0, name: name) }
        var reader: (extensions: [String], read: Int32)?
        if let r = spec["reader"] {
            call.pushField(1, "reader")
            defer { call.pop() }
            reader = try pluginReader(call, r, name: name)
        }
        if hasRun {
            plugins.removeAll { $0.name == name }
            plugins.append(Plugin(name: name, help: help, file: loadingFile))
        }
        if let lexicon { lexicons.append(PluginLexicon(name: name, help: help, file: loadingFile, lexicon: lexicon)) }
        if let reader {
            let origin = loadingFile + (call.callerLine().map { ":\($0)" } ?? "")
            readers.removeAll { $0.name == name }
            readers.append(PluginReader(name: name, help: help, origin: origin, extensions: reader.extensions, read: reader.read))
        }
        return 0
    }

    // MARK: registering

    /// `lexicon = {category = {entries…}}` or `lexicon = "file"` (beside the plugin first,
    /// then where loupe.lexicon looks; the plugin's own folder may be read).
    func pluginLexicon(_ call: LuaStack, _ value: LuaValue, name: String) throws -> Lexicon {
        if let other = lexicons.first(where: { $0.name == name }) {
            throw ScriptError("register: a lexicon named '\(name)' is already registered (by \(other.file))")
        }
        let path: String
        switch value {
        case .string(let p): path = p
        case .record, .array: return try LexiconBinding.tableLexicon(value, call: call)
        default: throw ScriptError("register: lexicon must be a table {category = {entries…}} or a file name, got \(Arguments.describe(value))")
        }
        let folder = (loadingFile as NSString).deletingLastPathComponent
        let beside = (folder.isEmpty ? "." : folder) + "/" + path
        let start = !path.hasPrefix("/") && FileManager.default.fileExists(atPath: beside) ? beside : path
        let policy = options.unsafe ? nil : PathPolicy(readable: options.paths.readable + [folder.isEmpty ? "." : folder],
                                                       output: options.paths.output, hidden: options.paths.hidden,
                                                       wording: options.paths.wording)
        return try LexiconBinding.read(start, format: nil, files: .init(policy: policy, folders: options.paths.readable), call: call)
    }

    /// `reader = {extensions = {"srt", …}, read = function(text, path) … end}`: the extensions
    /// it claims and a registry reference to its function (the `reader` field is on top of the stack).
    func pluginReader(_ call: LuaStack, _ value: LuaValue, name: String) throws -> (extensions: [String], read: Int32) {
        let usage = "reader must be a table {extensions = {\"srt\"}, read = function(text, path) … end}"
        guard case .record(let pairs) = value else { throw ScriptError("register: \(usage), got \(Arguments.describe(value))") }
        for (k, _) in pairs where k != "extensions" && k != "read" {
            throw ScriptError("register: unknown reader field '\(k)'; \(usage)")
        }
        var names: [String]
        switch value["extensions"] {
        case .string(let s)?: names = [s]
        case .array(let items)? where !items.isEmpty:
            names = try items.map {
                guard case .string(let s) = $0 else { throw ScriptError("register: reader extensions must be strings such as \"srt\", got \(Arguments.describe($0))") }
                return s
            }
        default: throw ScriptError("register: \(usage); extensions is missing or empty")
        }
        // Each name is checked as given, so a refusal quotes what the plugin wrote ("../x", not "./x").
        for given in names {
            let e = given.hasPrefix(".") ? String(given.dropFirst()) : given
            guard !e.isEmpty, !e.contains("/"), !e.contains("."), !e.contains("\0") else {
                throw ScriptError("register: '\(given)' is not a file extension such as \"srt\"")
            }
        }
        names = names.map { ($0.hasPrefix(".") ? String($0.dropFirst()) : $0).lowercased() }
        var seen = Set<String>()
        for e in names {
            guard !CorpusLoader.builtInExtensions.contains(e) else {
                throw ScriptError("register: .\(e) files are read by Loupe itself (\(CorpusLoader.builtInExtensions.map { "." + $0 }.joined(separator: ", "))); a reader is for other formats")
            }
            if let other = readers.first(where: { $0.extensions.contains(e) && $0.name != name }) {
                throw ScriptError("register: .\(e) files already have a reader, '\(other.name)' (\(other.origin))")
            }
            guard seen.insert(e).inserted else { throw ScriptError("register: extension '\(e)' is given twice") }
        }
        call.pushField(-1, "read")
        defer { call.pop() }
        guard call.isFunction(-1) else { throw ScriptError("register: \(usage); read is not a function") }
        return (names, call.ref(-1))
    }

    // MARK: reading

    /// The readers, by extension, as the corpus loader takes them. They call into
    /// the loading state, so they must be used on one thread, one at a time.
    public var documentReaders: [String: DocumentReader] {
        var out: [String: DocumentReader] = [:]
        for r in readers {
            let read: DocumentReader = { [weak self] text, path in
                guard let self else { throw ReaderFailure(description: "the \(r.name) reader's plugins are gone") }
                return try self.read(text, path: path, with: r)
            }
            for e in r.extensions { out[e] = read }
        }
        return out
    }

    /// Calls a reader under the limits (each file is a chunk of its own); an error,
    /// a limit or a result of the wrong shape is a ReaderFailure naming the reader.
    func read(_ text: String, path: String, with r: PluginReader) throws -> [DocumentDraft] {
        guard let loader = loader ?? borrowedLoader else { throw ReaderFailure(description: "the \(r.name) reader was not loaded") }
        let s = loader.stack
        let base = s.top
        defer { s.setTop(base) }
        let who = "the \(r.name) reader (\(r.origin))"
        // Reading the corpus is part of loading: a reader writes no files.
        options.paths.gate.close("a plugin's reader cannot write files (\(r.origin))")
        defer { options.paths.gate.reopen() }
        do {
            s.pushRef(r.read)
            s.push(.string(text))
            s.push(.string(path))
            try s.call(nargs: 2, results: 1)
            return try Self.drafts(s.value(s.top))
        } catch let e as LuaError {
            throw ReaderFailure(description: "\(who) failed: \(e.message)")
        } catch let e as ScriptError {
            throw ReaderFailure(description: "\(who) returned \(e.message)")
        }
    }

    /// {text = …, title = …, id = …, meta = {…}} or a list of such tables.
    static func drafts(_ value: LuaValue) throws -> [DocumentDraft] {
        switch value {
        case .record: return [try draft(value, 1)]
        case .array(let items): return try items.enumerated().map { try draft($1, $0 + 1) }
        default: throw ScriptError("\(Arguments.describe(value)); it must return a document {text = …, title = …, meta = {…}} or a list of them")
        }
    }

    private static func draft(_ value: LuaValue, _ k: Int) throws -> DocumentDraft {
        let which = k == 1 ? "a document" : "document \(k)"
        guard case .record(let pairs) = value else { throw ScriptError("\(Arguments.describe(value)) as \(which); a document is a table {text = …}") }
        var draft = DocumentDraft(text: "")
        var hasText = false
        for (key, v) in pairs {
            switch (key, v) {
            case ("text", .string(let s)): draft.text = s; hasText = true
            case ("title", .string(let s)): draft.title = s
            case ("id", .string(let s)): draft.id = s
            case ("id", .int(let n)): draft.id = String(n)
            case ("meta", .array([])): break
            case ("meta", .record(let fields)):
                for (name, field) in fields {
                    switch field {
                    case .string(let s): draft.meta.append((name, .string(s)))
                    case .int(let n): draft.meta.append((name, .int(n)))
                    case .number(let d): draft.meta.append((name, .double(d)))
                    case .bool(let b): draft.meta.append((name, .bool(b)))
                    default: throw ScriptError("meta.\(name) = \(Arguments.describe(field)) in \(which); metadata values are strings, numbers or booleans")
                    }
                }
            case ("text", _), ("title", _), ("id", _), ("meta", _):
                throw ScriptError("\(key) = \(Arguments.describe(v)) in \(which); text and title are strings, id a string or a whole number, meta a table {field = value}")
            default:
                throw ScriptError("an unknown field '\(key)' in \(which); a document has text, title, id and meta (other fields go in meta)")
            }
        }
        guard hasText else { throw ScriptError("\(which) without text; a document is a table {text = …}") }
        return draft
    }

    // MARK: help

    /// What a plugin registered under `name` besides a corpus method, for help(name).
    func partsHelp(_ name: String) -> String? {
        var parts: [String] = []
        if let l = lexicons.first(where: { $0.name == name }) {
            let categories = l.lexicon.categories.map { "\($0.name) (\($0.entries.count))" }.joined(separator: ", ")
            var text = "lexicon \"\(l.name)\"  — plugin from \(l.file)\n\n"
            if !l.help.isEmpty { text += l.help + "\n\n" }
            text += "corpus:lookup(\"\(l.name)\"): \(l.lexicon.categories.count) categor\(l.lexicon.categories.count == 1 ? "y" : "ies"), \(l.lexicon.entryCount) entries: \(categories)"
            parts.append(text)
        }
        if let r = readers.first(where: { $0.name == name }) {
            var text = "reader \"\(r.name)\" for \(r.extensions.map { "." + $0 }.joined(separator: ", ")) files  — plugin from \(r.origin)"
            if !r.help.isEmpty { text += "\n\n" + r.help }
            parts.append(text)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    /// The lines help() adds for registered lexicons and readers.
    var partsSummary: String {
        var text = ""
        if !lexicons.isEmpty { text += "\nLexicons (corpus:lookup(\"name\")): " + lexicons.map(\.name).joined(separator: ", ") }
        if !readers.isEmpty {
            text += "\nReaders: " + readers.map { "\($0.name) (\($0.extensions.map { "." + $0 }.joined(separator: ", ")))" }.joined(separator: ", ")
        }
        return text
    }
}
