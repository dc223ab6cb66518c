import Foundation
import LoupeCore
import LuaRuntime

/// A sandboxed Lua state bound to a corpus: the `corpus` and `loupe` globals, the
/// plugins' corpus methods, and ways to run files and chunks. Cheap to create, so a
/// host makes one per user (a REPL, a script, each visitor of a server) over one
/// shared, read-only corpus. Not thread-safe: use one environment from one thread at a time.
public final class LuaEnvironment {
    /// The corpus `corpus` refers to.
    public private(set) var corpus: Corpus
    let lua: LuaState
    let options: EnvironmentOptions
    /// The plugins this environment's `corpus:NAME(…)` calls (and help lists).
    public let plugins: PluginRegistry
    /// A registry reference to the table chunks get as _ENV.
    private(set) var environmentRef: Int32 = 0
    /// Registry references to the plugins' run functions in this state, by plugin name.
    var pluginRuns: [String: Int32] = [:]
    /// Set while a PluginRegistry loads its files in this environment: `loupe.register` records there.
    weak var registering: PluginRegistry?
    /// Set while this environment runs the registry's plugin files again.
    private var rerunningPlugins = false
    /// What this environment's own scripts registered with loupe.register: theirs alone, never shared.
    lazy var ownPlugins: PluginRegistry = PluginRegistry(options: options, borrowing: self)

    public static var luaVersion: String { LuaState.release }
    public static let loupeVersion = BuildInfo.version

    var stack: LuaStack { lua.stack }

    /// An environment over `corpus` with `plugins`' corpus methods (their files run again
    /// in this state, with writing closed, so their functions are this state's own).
    public convenience init(corpus: Corpus, options: EnvironmentOptions = EnvironmentOptions(), plugins: PluginRegistry = PluginRegistry()) throws {
        try self.init(corpus, options: options, plugins: plugins, corpusGlobal: true)
        rerunningPlugins = true
        defer { rerunningPlugins = false }
        for source in plugins.sources {
            options.paths.gate.close("plugins cannot write files while they load (\(source.path)); write from the plugin's run function")
            defer { options.paths.gate.reopen() }
            try? run(source.code, chunkName: "@\(source.path)")   // it loaded once in the registry; a second failure leaves its method out
        }
    }

    /// `corpusGlobal` false: no `corpus` global (where a PluginRegistry loads plugins, before any corpus).
    init(_ corpus: Corpus, options: EnvironmentOptions, plugins: PluginRegistry, corpusGlobal: Bool) throws {
        self.corpus = corpus
        self.options = options
        self.plugins = plugins
        lua = try LuaState(limits: options.limits)
        lua.register(CorpusBinding.luaClass(readPolicy: options.unsafe ? nil : options.paths,
                                            plugin: { [unowned self] name in self.pluginRuns[name] },
                                            lexicon: { [unowned self] name in (self.lexicons.last { $0.name == name }?.lexicon, self.lexicons.map(\.name)) }))
        lua.register(DocumentBinding.luaClass(show: showContext))
        lua.register(HitsBinding.luaClass(show: showContext))
        lua.register(ConcordanceBinding.luaClass())
        lua.register(TableBinding.luaClass(tableContext))
        lua.register(TableGroupingBinding.luaClass())
        lua.register(LexiconBinding.lexiconClass())
        lua.register(QueryBinding.luaClass())
        lua.register(GroupsBinding.luaClass(isCorpusMethod: { [unowned self] name in
            self.lua.classes[TypeName.corpus]?.methods.contains(name) == true || self.pluginRuns[name] != nil
        }))
        try buildGlobals(corpusGlobal: corpusGlobal)
    }

    private func buildGlobals(corpusGlobal: Bool) throws {
        let s = stack
        if options.unsafe {
            lua.pushGlobals()
        } else {
            try lua.pushSandboxEnvironment(prelude: sandboxPrelude) { s in pushHostTable(s) }
        }
        let t = s.top
        let output = options.output
        s.setField(t, "print") {
            s.pushFunction("print") { call in
                var parts: [String] = []
                let n = call.argumentCount
                if n > 0 { for i in 1...n { parts.append(call.safeToString(i)) } }
                if call.limitTripped { throw Interrupted() }   // a __tostring hit a limit: stop, print nothing
                output(parts.joined(separator: "\t") + "\n")
                return 0
            }
        }
        s.setField(t, "help") {
            s.pushFunction("help") { [unowned self] call in
                output(self.help(call.optionalString(1)) + "\n")
                return 0
            }
        }
        if corpusGlobal { s.setField(t, "corpus") { s.pushObject(corpus, typeName: TypeName.corpus) } }
        s.setField(t, "loupe") {
            s.push(.record([("version", .string(Self.loupeVersion)), ("lua", .string(LuaState.release))]))
            let loupe = s.top
            s.setField(loupe, "register") {
                s.pushFunction("register") { [unowned self] call in try self.register(call) }
            }
            s.setField(loupe, "lexicons") {
                s.pushFunction("loupe.lexicons") { [unowned self] call in
                    call.push(.record([]))
                    let table = call.top
                    for l in self.lexicons {
                        call.setField(table, l.name) { call.pushObject(LexiconHandle(l.lexicon), typeName: TypeName.lexicon) }
                    }
                    return 1
                }
            }
            s.setField(loupe, "table") { s.pushFunction("loupe.table", TableBinding.construct) }
            // loupe.show(...): the values as the REPL shows them, whole (what :save writes for an expression)
            s.setField(loupe, "show") {
                s.pushFunction("loupe.show") { call in
                    let n = call.argumentCount
                    output((n > 0 ? try ValueRenderer.whole(call, 1...n, objectText: Self.objectText) : "") + "\n")
                    return 0
                }
            }
            s.setField(loupe, "stats") {
                s.push(.record([]))
                StatsBinding.install(in: s, table: s.top)
            }
            VariantsBinding.install(in: s, table: loupe)
            QueryBinding.install(in: s, table: loupe)
            LexiconBinding.install(in: s, table: loupe,
                                   files: .init(policy: options.unsafe ? nil : options.paths, folders: options.paths.readable))
        }
        environmentRef = s.ref(-1)
        s.pop()
    }

    /// What the sandbox prelude may ask the host: readable(path), write(...), moduleFolders.
    private func pushHostTable(_ s: LuaStack) {
        let policy = options.paths
        let output = options.output
        s.push(.record([("moduleFolders", .array(options.moduleFolders.map { .string($0) }))]))
        let t = s.top
        s.setField(t, "readable") {
            s.pushFunction("readable") { call in
                guard let path = call.optionalString(1) else { call.push(.nil); call.push(.string("file name expected")); return 2 }
                do { call.push(.string(try policy.readablePath(path))); return 1 } catch {
                    call.push(.nil); call.push(.string("\(error)")); return 2
                }
            }
        }
        s.setField(t, "write") {
            s.pushFunction("io.write") { call in
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

    /// loupe.register{…}: while a registry loads plugins here, it checks and records
    /// everything there. Running the registry's files again, it keeps the run function of
    /// a plugin the registry knows (the rest was recorded when the registry loaded it).
    /// From this environment's own scripts, it registers for this environment alone.
    private func register(_ call: LuaStack) throws -> Int32 {
        if let registry = registering { return try registry.register(call) }
        guard case .string(let name)? = try call.table(1)["name"] else { return try ownPlugins.register(call) }
        if rerunningPlugins {
            guard plugins.plugins.contains(where: { $0.name == name }) else { return 0 }
        } else {
            _ = try ownPlugins.register(call)
        }
        call.pushField(1, "run")
        defer { call.pop() }
        if call.isFunction(-1) { pluginRuns[name] = call.ref(-1) }
        return 0
    }

    /// The plugins' lexicons, then those this environment's scripts registered.
    var lexicons: [PluginRegistry.PluginLexicon] { plugins.lexicons + ownPlugins.lexicons }

    /// The corpus methods plugins add here, by name (the registry's and this environment's own).
    public var pluginNames: [String] { pluginRuns.keys.sorted() }

    /// The plugins' readers and this environment's own, by extension, for loading a corpus again.
    public var documentReaders: [String: DocumentReader] {
        plugins.documentReaders.merging(ownPlugins.documentReaders) { _, own in own }
    }

    // MARK: running

    /// Runs a chunk of source. `args` become the global `arg` (arg[0] is the
    /// chunk's name) and the chunk's `...`, as lua.c does for scripts.
    public func run(_ code: String, chunkName: String, scriptName: String? = nil, args: [String] = []) throws {
        try run(Array(code.utf8), chunkName: chunkName, scriptName: scriptName, args: args)
    }

    /// Runs a chunk given as bytes, exactly as Lua would read the file.
    public func run(_ code: [UInt8], chunkName: String, scriptName: String? = nil, args: [String] = []) throws {
        let s = stack
        let base = s.top
        defer { s.setTop(base) }
        if let scriptName { setArg([scriptName] + args) }
        try s.load(code, chunkName: chunkName, env: environmentRef)
        for a in args { s.push(.string(a)) }
        // the values are shown under the chunk's limits (a __tostring may run)
        try lua.asOneChunk {
            let n = try s.call(nargs: Int32(args.count))
            try showReturned(n)
        }
    }

    /// Sets the global `arg` (lua.c's: the script's name at 0, its arguments from 1).
    func setArg(_ items: [String]) {
        let s = stack
        s.pushRef(environmentRef)
        s.setField(s.top, "arg") { s.pushArgTable(items) }
        s.pop()
    }

    /// What a chunk returned, shown as the REPL shows it (a Table aligned, a list of records as
    /// a table), whole, since this goes to a pipe or a file as often as to a terminal; with
    /// --format, a returned Table in that format. Nothing when it returned nothing, or only nils.
    func showReturned(_ n: Int32) throws {
        guard n > 0 else { return }
        let s = stack
        if let text = try formattedTable(at: s.top - n + 1) { options.output(text); return }
        let first = s.top - n + 1
        guard (first...s.top).contains(where: { !s.isNone($0) }) else { return }
        options.output(try ValueRenderer.whole(s, first...s.top, objectText: Self.objectText) + "\n")
        if let why = lua.stopReason { throw ScriptError(why + ", while showing the result") }
    }

    /// `loupe run NAME ARGS…`: calls the plugin with the corpus and the arguments; returns what it
    /// returns, as text; nil when no plugin has that name.
    public func runPlugin(_ name: String, args: [String], width: Int = 100) throws -> String? {
        guard let run = pluginRuns[name] else { return nil }
        let s = stack
        let base = s.top
        defer { s.setTop(base) }
        // The call and the display of its result are one chunk for the limits.
        return try lua.asOneChunk {
            s.pushRef(run)
            s.pushObject(corpus, typeName: TypeName.corpus)
            s.push(.array(args.map { .string($0) }))
            let n = try s.call(nargs: 2, results: 1)
            guard n > 0 else { return "" }
            if let text = try formattedTable(at: s.top) { return String(text.dropLast()) }   // --format
            return try ValueRenderer(s, width: width, maxRows: 1_000_000, objectText: Self.objectText).render(s.top)
        }
    }

    /// The folder Loupe's writers write into (resolved), for a host that must keep inputs out of it.
    public var outputFolder: String { options.paths.output }

    /// Swaps the corpus the `corpus` global refers to; everything else in the environment stays.
    public func replaceCorpus(_ newCorpus: Corpus) {
        corpus = newCorpus
        let s = stack
        let base = s.top
        s.pushRef(environmentRef)
        s.setField(s.top, "corpus") { s.pushObject(newCorpus, typeName: TypeName.corpus) }
        s.setTop(base)
    }

    /// Names visible at the top level of the environment (for completion).
    public var globalNames: [String] {
        let s = stack
        s.pushRef(environmentRef)
        defer { s.pop() }
        return s.stringKeys(s.top)
    }

    /// The most memory this environment has counted at once against its limit.
    public var memoryPeak: Int { lua.memoryPeak }
}
