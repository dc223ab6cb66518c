import CLuaShim
import LoupeCore

/// How a session runs scripts.
public struct SessionOptions: Sendable {
    /// Full standard library (io, os, require, debug) instead of the sandbox.
    public var unsafe = false
    public var limits = LuaLimits()
    /// Where print() writes.
    public var output: @Sendable (String) -> Void = { print($0, terminator: "") }
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
    var environmentRef: Int32 { env }

    public static var luaVersion: String { LuaVM.luaRelease }
    public static let loupeVersion = "0.1.0"

    public init(corpus: Corpus, options: SessionOptions = SessionOptions()) throws {
        self.corpus = corpus
        self.options = options
        vm = try LuaVM(limits: options.limits)
        vm.register(CorpusBinding.luaClass())
        vm.register(DocumentBinding.luaClass())
        vm.register(HitsBinding.luaClass())
        vm.register(ConcordanceBinding.luaClass())
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
            try vm.call(nargs: 3, results: 1)
        }
        let t = vm.top
        let output = options.output
        vm.setField(t, "print") {
            vm.pushFunction("print") { call in
                var parts: [String] = []
                let n = call.argumentCount
                if n > 0 { for i in 1...n { parts.append(call.safeToString(i)) } }
                output(parts.joined(separator: "\t") + "\n")
                return 0
            }
        }
        vm.setField(t, "help") {
            vm.pushFunction("help") { call in
                output(APIReference.text(for: call.optionalString(1)) + "\n")
                return 0
            }
        }
        vm.setField(t, "corpus") { vm.pushObject(corpus, typeName: TypeName.corpus) }
        vm.setField(t, "loupe") {
            vm.push(.record([("version", .string(Session.loupeVersion)), ("lua", .string(LuaVM.luaRelease))]))
        }
        env = vm.ref()
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
        try vm.call(nargs: Int32(args.count), results: 0)
    }

    /// One REPL entry, as lua.c evaluates it: first as `return <entry>;` so an
    /// expression prints its values; otherwise as a statement; `.incomplete`
    /// while the syntax error is at the end of the input.
    ///
    /// Values are shown as the REPL shows them (tables readably, cut to `width`).
    /// A top-level `local` declaration becomes a global of the session, so a
    /// name typed at one prompt is still there at the next.
    public func evaluate(_ entry: String, width: Int = 100) -> REPLOutcome {
        let base = vm.top
        defer { vm.setTop(base) }
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
            if n > 0 { for i in (vm.top - n + 1)...vm.top { values.append(renderer.render(i)) } }
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
