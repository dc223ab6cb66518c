import Foundation
import LoupeCore
import LuaRuntime

/// Lexicons from Lua (docs/source-criticism.md): loupe.lexicon(path [, {format = …}]) or
/// loupe.lexicon{category = {entries…}}, the Lexicon class, and corpus:lookup(lexicon [, {…}]).
enum LexiconBinding {
    /// Which files `loupe.lexicon(path)` may read: the sandbox's read policy
    /// (nil with --unsafe), and the folders a relative path is also looked up in.
    struct Files {
        var policy: PathPolicy?
        var folders: [String]
        init(policy: PathPolicy?, folders: [String]) { self.policy = policy; self.folders = folders }
    }

    /// The lexicon a plugin registered under a name, if any, and all the registered names (for messages).
    typealias Registered = (String) -> (lexicon: Lexicon?, names: [String])

    static func addMethods(to cls: inout LuaClass<Corpus>, registered: @escaping Registered = { _ in (nil, []) }) {
        cls.method("lookup") { corpus, call in
            let lexicon = try lexicon(call, 2, registered: registered)
            let o = try Options(call, 3, MethodOptions.lookup)
            let kwic = o.bool("kwic") ?? false
            let by = o.string("by") ?? "category"
            if kwic {
                guard o["by"] == nil else { throw ScriptError("\(call.name): give either kwic = true or by = \"entry\", not both") }
                let width = o.int("width") ?? 40
                try AnalysisCall.pushTable(call) { try corpus.lookupKWIC(lexicon, options: KWICOptions(left: width, right: width)) }
            } else {
                guard o["width"] == nil else { throw ScriptError("\(call.name): width goes with kwic = true") }
                try AnalysisCall.pushTable(call) { by == "entry" ? try corpus.lookupByEntry(lexicon) : try corpus.lookup(lexicon) }
            }
            return 1
        }
    }

    /// Sets `loupe.lexicon` on the table at `table`.
    static func install(in stack: LuaStack, table: Int32, files: Files) {
        stack.setField(table, "lexicon") {
            stack.pushFunction("loupe.lexicon") { call in
                let lexicon: Lexicon
                if case .string(let path) = call.value(1) {
                    let o = try Options(call, 2, MethodOptions.lexicon)
                    let format = o.string("format").flatMap(Lexicon.Format.init(rawValue:))
                    lexicon = try read(path, format: format, files: files, call: call)
                } else {
                    lexicon = try tableLexicon(call, 1)
                }
                call.pushObject(LexiconHandle(lexicon), typeName: TypeName.lexicon)
                return 1
            }
        }
    }

    /// Finds and reads a lexicon file: the path as given (relative to the current
    /// folder), else relative to each of `files.folders`; sandboxed scripts only
    /// inside the folders they may read.
    static func read(_ path: String, format: Lexicon.Format?, files: Files, call: LuaStack) throws -> Lexicon {
        var candidates = [path]
        if !path.hasPrefix("/") { candidates += files.folders.map { ($0 as NSString).appendingPathComponent(path) } }
        guard let found = candidates.first(where: { c in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: c, isDirectory: &isDir) && !isDir.boolValue
        }) else {
            throw ScriptError("\(call.name): cannot find '\(path)' (looked in the current folder\(files.folders.isEmpty ? "" : ", " + files.folders.joined(separator: ", ")))")
        }
        var real = found
        if let policy = files.policy {
            do { real = try policy.readablePath(found) } catch { throw ScriptError("\(call.name): \(error)") }
        }
        do { return try Lexicon.read(path: real, format: format, displayName: found) } catch let e as LexiconError {
            throw ScriptError("\(call.name): \(e.description)")
        }
    }

    // MARK: the Lexicon class

    static func lexiconClass() -> LuaClass<LexiconHandle> {
        var cls = LuaClass<LexiconHandle>(TypeName.lexicon, variable: "lexicon") { h in
            let l = h.lexicon
            let names = l.categories.map { "\($0.name) (\($0.entries.count))" }.joined(separator: ", ")
            return "Lexicon \(l.source): \(l.categories.count) categor\(l.categories.count == 1 ? "y" : "ies"), \(l.entryCount) entries: \(names)"
        }
        cls.length = { $0.lexicon.categories.count }
        cls.method("categories") { h, call in
            call.push(.array(h.lexicon.categories.map { .string($0.name) }))
            return 1
        }
        cls.method("table") { h, call in
            var category: [TableValue] = [], entry: [TableValue] = [], line: [TableValue] = []
            for c in h.lexicon.categories {
                for e in c.entries {
                    category.append(.string(c.name)); entry.append(.string(e.text)); line.append(e.line.map { .int($0) } ?? .null)
                }
            }
            call.pushObject(TableHandle(Table(columns: [("category", category), ("entry", entry), ("line", line)])), typeName: TypeName.table)
            return 1
        }
        return cls
    }

    /// A Lexicon object, the name of a lexicon a plugin registered, or a table
    /// {category = {entries…}} (categories then in alphabetical order).
    static func lexicon(_ call: LuaStack, _ i: Int32, registered: Registered = { _ in (nil, []) }) throws -> Lexicon {
        if let h = call.object(i, LexiconHandle.self, typeName: TypeName.lexicon) { return h.lexicon }
        if case .string(let name) = call.value(i) {
            let (found, known) = registered(name)
            if let found { return found }
            throw ScriptError("\(call.name): no lexicon registered as '\(name)'"
                              + (known.isEmpty ? "" : " (registered: \(known.joined(separator: ", ")))")
                              + "; to read a file, give corpus:lookup(loupe.lexicon(path))")
        }
        switch call.value(i) {
        case .record, .array: break
        default: throw call.argumentError(i, "Lexicon (from loupe.lexicon) or table {category = {entries…}}")
        }
        return try tableLexicon(call, i)
    }

    static func tableLexicon(_ call: LuaStack, _ i: Int32) throws -> Lexicon {
        if case .record = call.value(i) {} else if case .array = call.value(i) {} else {
            throw call.argumentError(i, "file name or table {category = {entries…}}")
        }
        return try tableLexicon(call.value(i), call: call)
    }

    /// A lexicon from a table value {category = {entries…}}; errors name `call`.
    static func tableLexicon(_ value: LuaValue, call: LuaStack) throws -> Lexicon {
        let pairs: [(String, LuaValue)]
        switch value {
        case .record(let p): pairs = p
        default:
            throw ScriptError("\(call.name): a lexicon table maps category names to lists of entries, such as {hedges = {\"allegedly\", \"reportedly\"}}")
        }
        var categories: [(name: String, entries: [String])] = []
        for (name, v) in pairs {
            guard Int(name) == nil else {
                throw ScriptError("\(call.name): a lexicon table maps category names to lists of entries, such as {hedges = {\"allegedly\", \"reportedly\"}}")
            }
            switch v {
            case .string(let s): categories.append((name, [s]))
            case .array(let items) where !items.isEmpty:
                categories.append((name, try items.map {
                    guard case .string(let s) = $0 else {
                        throw ScriptError("\(call.name): the entries of '\(name)' must be strings, got \(Arguments.describe($0))")
                    }
                    return s
                }))
            default: throw ScriptError("\(call.name): category '\(name)' needs a list of entries, got \(Arguments.describe(v))")
            }
        }
        do { return try Lexicon(categories: categories) } catch let e as LexiconError {
            throw ScriptError("\(call.name): \(e.message)")
        }
    }
}

/// A lexicon as scripts hold it (loupe.lexicon).
final class LexiconHandle {
    let lexicon: Lexicon
    init(_ lexicon: Lexicon) { self.lexicon = lexicon }
}

extension TypeName {
    static let lexicon = "loupe.Lexicon"
}
