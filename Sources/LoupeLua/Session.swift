import CLuaShim
import Foundation
import LoupeCore

/// How a session runs scripts.
public struct SessionOptions: Sendable {
    /// Full standard library (io, os, require, debug) instead of the sandbox.
    public var unsafe = false
    public var limits = LuaLimits()
    /// Where print() writes.
    public var output: @Sendable (String) -> Void = { print($0, terminator: "") }
    /// What sandboxed scripts may read, and where writers write.
    public var paths = PathPolicy(readable: [], output: ".")
    /// Where `require` looks for modules (the script's folder, scripts/lib).
    public var moduleFolders: [String] = []
    /// --format: a Table a chunk returns, or prints, is written in this format instead of aligned text.
    public var tableFormat: TableFormat?
    /// Told the path of every file Loupe's writers (t:write, t:plot, hits:plot) write: a run's manifest lists them.
    public var wrote: @Sendable (String) -> Void = { _ in }
    public init() {}
}

/// What one REPL entry came to.
public enum REPLOutcome: Equatable {
    /// The chunk is not complete yet: read another line and append it.
    case incomplete
    /// It ran; these are its values, as text (empty for a statement).
    case values([String])
    /// An expression ran; these are its values (the entry would be `print(entry)` in a script).
    case expression([String])
    case error(String)
}

/// A Lua state with a corpus in it: the `corpus` and `loupe` globals, the
/// sandboxed environment, and ways to run files, chunks and REPL lines.
public final class Session {
    public private(set) var corpus: Corpus
    let vm: LuaVM
    let options: SessionOptions
    private var env: Int32 = 0
    /// Registered plugins by name, in registration order.
    public private(set) var plugins: [Plugin] = []
    /// Lexicons and readers plugins registered, in registration order (Session+PluginParts.swift).
    public private(set) var lexicons: [PluginLexicon] = []
    public private(set) var readers: [PluginReader] = []
    /// The file whose plugins are being loaded (for their records).
    private(set) var loadingPluginFile = ""

    public struct Plugin: Sendable {
        public let name: String
        public let help: String
        public let file: String
        let run: Int32
    }
    var environmentRef: Int32 { env }

    public static var luaVersion: String { LuaVM.luaRelease }
    public static let loupeVersion = "0.1.0"

    public init(corpus: Corpus, options: SessionOptions = SessionOptions()) throws {
        self.corpus = corpus
        self.options = options
        vm = try LuaVM(limits: options.limits)
        vm.register(CorpusBinding.luaClass(readPolicy: options.unsafe ? nil : options.paths,
                                           plugin: { [unowned self] name in self.plugins.first { $0.name == name }?.run },
                                           lexicon: { [unowned self] name in (self.lexicons.first { $0.name == name }?.lexicon, self.lexicons.map(\.name)) }))
        vm.register(DocumentBinding.luaClass())
        vm.register(HitsBinding.luaClass())
        vm.register(ConcordanceBinding.luaClass())
        registerTables()   // Session+Tables.swift
        vm.register(ReuseLexiconBinding.lexiconClass())
        vm.register(GroupsBinding.luaClass(isCorpusMethod: { [unowned self] name in
            self.vm.classes[TypeName.corpus]?.methods.contains(name) == true || self.plugins.contains { $0.name == name }
        }))
        try buildEnvironment()
    }

    private func buildEnvironment() throws {
        if options.unsafe {
            vm.pushGlobals()
        } else {
            try vm.load(sandboxPrelude, chunkName: "=sandbox", env: nil)
            vm.pushGlobals()
            vm.pushCFunction(ls_tripped)
            vm.pushCFunction(ls_hookthread)
            pushHostTable()
            try vm.call(nargs: 4, results: 1)
        }
        let t = vm.top
        let output = options.output
        vm.setField(t, "print") {
            vm.pushFunction("print") { call in
                var parts: [String] = []
                let n = call.argumentCount
                if n > 0 { for i in 1...n { parts.append(call.safeToString(i)) } }
                if call.limitTripped { throw Interrupted() }   // a __tostring hit a limit: stop, print nothing
                output(parts.joined(separator: "\t") + "\n")
                return 0
            }
        }
        vm.setField(t, "help") {
            vm.pushFunction("help") { [unowned self] call in
                output(self.help(call.optionalString(1)) + "\n")
                return 0
            }
        }
        vm.setField(t, "corpus") { vm.pushObject(corpus, typeName: TypeName.corpus) }
        vm.setField(t, "loupe") {
            vm.push(.record([("version", .string(Session.loupeVersion)), ("lua", .string(LuaVM.luaRelease))]))
            vm.setField(vm.top, "register") {
                vm.pushFunction("register") { [unowned self] call in try self.register(call) }
            }
            vm.setField(vm.top, "lexicons") {
                vm.pushFunction("loupe.lexicons") { [unowned self] call in
                    call.push(.record([]))
                    for l in self.lexicons {
                        call.pushObject(LexiconHandle(l.lexicon), typeName: TypeName.lexicon)
                        call.setField(-2, l.name)
                    }
                    return 1
                }
            }
            vm.setField(vm.top, "table") { vm.pushFunction("loupe.table", TableBinding.construct) }
            // loupe.show(...): the values as the REPL shows them, whole (what :save writes for an expression)
            vm.setField(vm.top, "show") {
                vm.pushFunction("loupe.show") { call in
                    let n = call.argumentCount
                    output((n > 0 ? try ValueRenderer.whole(call.L, 1...n) : "") + "\n")
                    return 0
                }
            }
            vm.setField(vm.top, "stats") {
                vm.newTable()
                StatsBinding.install(in: vm, table: vm.top)
            }
            ReuseLexiconBinding.install(in: vm, table: vm.top,
                                        files: .init(policy: options.unsafe ? nil : options.paths, folders: options.paths.readable))
        }
        env = vm.ref()
    }

    /// What the sandbox prelude may ask the host: readable(path), write(...), moduleFolders.
    private func pushHostTable() {
        let policy = options.paths
        let output = options.output
        vm.push(.record([("moduleFolders", .array(options.moduleFolders.map { .string($0) }))]))
        let t = vm.top
        vm.setField(t, "readable") {
            vm.pushFunction("readable") { call in
                guard let path = call.optionalString(1) else { call.push(.nil); call.push(.string("file name expected")); return 2 }
                do { call.push(.string(try policy.readablePath(path))); return 1 } catch {
                    call.push(.nil); call.push(.string("\(error)")); return 2
                }
            }
        }
        vm.setField(t, "write") {
            vm.pushFunction("io.write") { call in
                var text = ""
                let n = call.argumentCount
                if n > 0 {
                    for i in 1...n {
                        guard let s = call.optionalString(i) else { throw call.argumentError(i, "string") }
                        text += s
                    }
                }
                output(text)
                return 0
            }
        }
    }

    /// loupe.register{name = "…", help = "…", run = function(corpus, args) … end,
    /// lexicon = {…} or "file", reader = {extensions = {…}, read = function(text, path) … end}}:
    /// at least one of run, lexicon and reader. Everything is checked before anything is registered.
    private func register(_ call: LuaCall) throws -> Int32 {
        let spec = try call.table(1)
        guard case .string(let name)? = spec["name"], name.isIdentifier else {
            throw ScriptError("register: name must be a Lua identifier such as \"scare_quotes\"")
        }
        let hasRun = spec["run"] != nil
        guard hasRun || spec["lexicon"] != nil || spec["reader"] != nil else {
            throw ScriptError("register: give run = function(corpus, args), lexicon = {category = {entries…}} or a file, or reader = {extensions = {…}, read = function(text, path)}")
        }
        if hasRun {
            guard call.fieldType(1, "run") == 6 else {   // LUA_TFUNCTION
                throw ScriptError("register: run must be a function(corpus, args)")
            }
            if vm.classes[TypeName.corpus]?.methods.contains(name) == true {
                throw ScriptError("register: '\(name)' is already a corpus method")
            }
        }
        var help = ""
        if case .string(let h)? = spec["help"] { help = h }
        let lexicon = try spec["lexicon"].map { try pluginLexicon(call, $0, name: name) }
        var reader: (extensions: [String], read: Int32)?
        if let r = spec["reader"] {
            call.pushField(1, "reader")
            defer { vm.pop() }
            reader = try pluginReader(call, r, name: name)
        }
        if hasRun {
            call.pushField(1, "run")
            let ref = call.ref(-1)
            vm.pop()
            plugins.removeAll { $0.name == name }
            plugins.append(Plugin(name: name, help: help, file: loadingPluginFile, run: ref))
        }
        if let lexicon { lexicons.append(PluginLexicon(name: name, help: help, file: loadingPluginFile, lexicon: lexicon)) }
        if let reader {
            let origin = loadingPluginFile + (call.callerLine().map { ":\($0)" } ?? "")
            readers.removeAll { $0.name == name }
            readers.append(PluginReader(name: name, help: help, origin: origin, extensions: reader.extensions, read: reader.read))
        }
        return 0
    }

    /// Loads a plugin file; a failure is returned, never fatal.
    public func loadPlugin(path: String) -> LuaError? {
        guard let data = FileManagerShim.contents(path) else {
            return LuaError(status: 1, fullText: "\(path): cannot read plugin file")
        }
        loadingPluginFile = path
        // A plugin writes only when a user's command runs it, never by being loaded.
        options.paths.gate.close("plugins cannot write files while they load (\(path)); write from the plugin's run function")
        defer { loadingPluginFile = ""; options.paths.gate.reopen() }
        do { try run(data, chunkName: "@\(path)") } catch let e as LuaError { return e } catch {
            return LuaError(status: 2, fullText: "\(error)")
        }
        return nil
    }

    /// `loupe run NAME ARGS…`: calls the plugin with the corpus and the arguments; returns what it returns, as text.
    public func runPlugin(_ name: String, args: [String], width: Int = 100) throws -> String? {
        guard let plugin = plugins.first(where: { $0.name == name }) else { return nil }
        let base = vm.top
        defer { vm.setTop(base) }
        // The call and the display of its result are one chunk for the limits.
        return try vm.asOneChunk {
            vm.pushRef(plugin.run)
            vm.pushObject(corpus, typeName: TypeName.corpus)
            vm.push(.array(args.map { .string($0) }))
            let n = try vm.call(nargs: 2, results: 1)
            guard n > 0 else { return "" }
            if let text = try formattedTable(at: vm.top) { return String(text.dropLast()) }   // --format
            return try ValueRenderer(L: vm.L, width: width, maxRows: 1_000_000).render(vm.top)
        }
    }

    /// Help for a name: a plugin's own help (and what else it registered under the name), else the API reference.
    public func help(_ name: String?) -> String {
        if let name, let p = plugins.first(where: { $0.name == name || "corpus:" + $0.name == name }) {
            let parts = pluginPartsHelp(p.name).map { "\n\n" + $0 } ?? ""
            return "corpus:\(p.name)(args)  — plugin from \(p.file)\n\n\(p.help.isEmpty ? "(no help given)" : p.help)" + parts
        }
        if let name, let parts = pluginPartsHelp(name) { return parts }
        var text = APIReference.text(for: name)
        if name == nil && !plugins.isEmpty { text += "\nPlugins: " + plugins.map { "corpus:" + $0.name }.joined(separator: ", ") }
        if name == nil { text += pluginPartsSummary }
        return text
    }

    /// Runs a chunk of source. `args` become the global `arg` (arg[0] is the
    /// chunk's name) and the chunk's `...`, as lua.c does for scripts.
    public func run(_ code: String, chunkName: String, scriptName: String? = nil, args: [String] = []) throws {
        try run(Array(code.utf8), chunkName: chunkName, scriptName: scriptName, args: args)
    }

    /// Runs a chunk given as bytes, exactly as Lua would read the file.
    public func run(_ code: [UInt8], chunkName: String, scriptName: String? = nil, args: [String] = []) throws {
        let base = vm.top
        defer { vm.setTop(base) }
        if let scriptName {
            vm.pushRef(env)
            vm.setField(vm.top, "arg") { vm.pushArgTable([scriptName] + args) }
            vm.pop()
        }
        try vm.load(code, chunkName: chunkName, env: env)
        for a in args { vm.push(.string(a)) }
        // the values are shown under the chunk's limits (a __tostring may run)
        try vm.asOneChunk {
            let n = try vm.call(nargs: Int32(args.count))
            try showReturned(n)
        }
    }

    /// What a chunk returned, shown as the REPL shows it (a Table aligned, a list of records as
    /// a table), whole, since this goes to a pipe or a file as often as to a terminal; with
    /// --format, a returned Table in that format. Nothing when it returned nothing, or only nils.
    func showReturned(_ n: Int32) throws {
        guard n > 0 else { return }
        if let text = try formattedTable(at: vm.top - n + 1) { options.output(text); return }
        let first = vm.top - n + 1
        guard (first...vm.top).contains(where: { !vm.isNil($0) }) else { return }
        options.output(try ValueRenderer.whole(vm.L, first...vm.top) + "\n")
        if let why = vm.stopReason { throw ScriptError(why + ", while showing the result") }
    }

    /// One REPL entry, as lua.c evaluates it: first as `return <entry>;` so an
    /// expression prints its values; otherwise as a statement; `.incomplete`
    /// while the syntax error is at the end of the input.
    ///
    /// Values are shown as the REPL shows them (tables readably, cut to `width`).
    /// A top-level `local` declaration becomes a global of the session, so a
    /// name typed at one prompt is still there at the next.
    ///
    /// The entry and the display of its values are one chunk for the limits: one
    /// deadline, one instruction budget, one Ctrl-C; a limit that trips while a
    /// value is shown stops the display with an error naming it.
    public func evaluate(_ entry: String, width: Int = 100) -> REPLOutcome {
        let base = vm.top
        defer { vm.setTop(base) }
        return vm.asOneChunk { evaluateInScope(entry, width: width) }
    }

    private func evaluateInScope(_ entry: String, width: Int) -> REPLOutcome {
        let source = Self.promotingLocals(entry.hasPrefix("=") ? String(entry.dropFirst()) : entry)   // lua.c 5.2 style "=expr"
        var isExpression = true
        do {
            do {
                try vm.load("return \(source);", chunkName: "=stdin", env: env)
            } catch {
                isExpression = false
                do {
                    try vm.load(source, chunkName: "=stdin", env: env)
                } catch let e as LuaError where e.isSyntaxError && e.message.hasSuffix("<eof>") {
                    return .incomplete
                }
            }
            let n = try vm.call(nargs: 0)
            var values: [String] = []
            let renderer = ValueRenderer(L: vm.L, width: max(20, width))
            if n > 0 { for i in (vm.top - n + 1)...vm.top { values.append(try renderer.render(i)) } }
            return isExpression ? .expression(values) : .values(values)
        } catch let e as LuaError {
            return .error(e.traceback.isEmpty ? e.message : e.message + "\n" + e.traceback)
        } catch {
            return .error("\(error)")
        }
    }

    /// `local x = 1` → `x = 1`, `local function f` → `function f`, at the start of an entry only.
    static func promotingLocals(_ entry: String) -> String {
        var rest = Substring(entry)
        let indent = rest.prefix { $0 == " " || $0 == "\t" }
        rest = rest.dropFirst(indent.count)
        guard rest.hasPrefix("local ") || rest.hasPrefix("local\t") else { return entry }
        let after = rest.dropFirst("local".count).drop { $0 == " " || $0 == "\t" }
        if after.hasPrefix("function ") { return String(indent) + String(after) }
        let declaration = after.prefix { $0 != "=" && $0 != "\n" && $0 != ";" }
        guard !declaration.contains("<"), !declaration.isEmpty,
              declaration.split(separator: ",").allSatisfy({ String($0).trimmingCharactersInSet().isIdentifier }) else { return entry }
        if after.dropFirst(declaration.count).first == "=" { return String(indent) + String(after) }
        return entry   // `local x` without a value: leave it (it would be a no-op as a global)
    }

    /// The folder Loupe's writers write into (resolved), for a host that must keep inputs out of it.
    public var outputFolder: String { options.paths.output }

    /// Swaps the corpus the `corpus` global refers to; everything else in the session stays.
    public func replaceCorpus(_ newCorpus: Corpus) {
        corpus = newCorpus
        let base = vm.top
        vm.pushRef(env)
        vm.setField(vm.top, "corpus") { vm.pushObject(newCorpus, typeName: TypeName.corpus) }
        vm.setTop(base)
    }

    /// Tab-completion candidates for the word before `cursor` (a character offset in `line`).
    /// `files` lists file names starting with a prefix (for :load, :corpus, :save).
    public func completions(line: String, cursor: Int, files: (String) -> [String] = { _ in [] }) -> [String] {
        Completion.candidates(line: line, cursor: cursor, session: self, files: files)
    }

    /// The characters that end a word for completion.
    public static var completionWordBreaks: String { Completion.wordBreaks }

    /// Names visible at the top level of the environment (for completion).
    public var globalNames: [String] {
        vm.pushRef(env)
        defer { vm.pop() }
        return vm.stringKeys(vm.top)
    }
}

/// Reading a file's bytes without Foundation's Data in the API.
enum FileManagerShim {
    static func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
