import Foundation
import LoupeCore
import LuaRuntime

/// Source-criticism tools from Lua (docs/source-criticism.md): spelling variants,
/// lexicons, text reuse and boilerplate.
///
///   corpus:variants([groups] [, {zeros = true}])      loupe.variants.query(word), loupe.variants.list()
///   corpus:lookup(lexicon [, {kwic = true, width = 40} | {by = "entry"}])
///   loupe.lexicon(path [, {format = "yaml"|"text"|"dic"}]) or loupe.lexicon{category = {entries…}}
///   corpus:reuse{min = 8, gap = 2, max_docs = 100}
///   corpus:boilerplate{min_docs = 2, by = "outlet", chrome = true, patterns = {…}}
///   corpus:without_boilerplate{…} -> Corpus, Table
enum ReuseLexiconBinding {
    /// Which files `loupe.lexicon(path)` may read: the sandbox's read policy
    /// (nil with --unsafe), and the folders a relative path is also looked up in.
    struct Files {
        var policy: PathPolicy?
        var folders: [String]
        init(policy: PathPolicy?, folders: [String]) { self.policy = policy; self.folders = folders }
    }

    /// The lexicon a plugin registered under a name, if any, and all the registered names (for messages).
    typealias Registered = (String) -> (lexicon: Lexicon?, names: [String])

    // MARK: corpus methods

    static func addMethods(to cls: inout LuaClass<Corpus>, registered: @escaping Registered = { _ in (nil, []) }) {
        cls.method("variants") { corpus, call in
            var groups = Variants.builtIn
            var optionsAt: Int32 = 3
            switch call.value(2) {
            case .nil: break
            case .record(let pairs) where pairs.allSatisfy({ Int($0.0) == nil }):
                optionsAt = 2                       // corpus:variants{zeros = true}
            default: groups = try variantGroups(call, 2)
            }
            let o = try Options(call, optionsAt, allowed: ["zeros"])
            let zeros = try o.bool("zeros", false)
            try push(call) { try corpus.variants(groups, zeros: zeros) }
            return 1
        }
        cls.method("lookup") { corpus, call in
            let lexicon = try lexicon(call, 2, registered: registered)
            let o = try Options(call, 3, allowed: ["kwic", "width", "by"])
            let kwic = try o.bool("kwic", false)
            let by = try o.string("by", "category")
            guard by == "category" || by == "entry" else {
                throw ScriptError("\(call.name): by must be \"category\" or \"entry\", got \"\(by)\"")
            }
            if kwic {
                guard o["by"] == nil else { throw ScriptError("\(call.name): give either kwic = true or by = \"entry\", not both") }
                let width = try o.integer("width", 40)
                guard (1...500).contains(width) else { throw ScriptError("\(call.name): width must be a whole number from 1 to 500, got \(width)") }
                try push(call) { try corpus.lookupKWIC(lexicon, options: KWICOptions(left: width, right: width)) }
            } else {
                guard o["width"] == nil else { throw ScriptError("\(call.name): width goes with kwic = true") }
                try push(call) { by == "entry" ? try corpus.lookupByEntry(lexicon) : try corpus.lookup(lexicon) }
            }
            return 1
        }
        cls.method("reuse") { corpus, call in
            let o = try Options(call, 2, allowed: ["min", "gap", "max_docs"])
            let d = ReuseOptions()
            let options = ReuseOptions(minTokens: try o.integer("min", d.minTokens), maxGap: try o.integer("gap", d.maxGap),
                                       maxDocuments: try o.integer("max_docs", d.maxDocuments))
            try push(call) { try corpus.reuse(options) }
            return 1
        }
        cls.method("boilerplate") { corpus, call in
            let options = try boilerplateOptions(call, 2)
            try push(call) { try corpus.boilerplate(options) }
            return 1
        }
        cls.method("without_boilerplate") { corpus, call in
            let options = try boilerplateOptions(call, 2)
            let (clean, removed) = try analysis(call) { try corpus.withoutBoilerplate(options) }
            call.pushObject(clean, typeName: TypeName.corpus)
            call.pushObject(TableHandle(removed), typeName: TypeName.table)
            return 2
        }
    }

    // MARK: the loupe table

    /// Sets `loupe.variants` ({query, list}) and `loupe.lexicon` on the table at `table`.
    static func install(in stack: LuaStack, table: Int32, files: Files) {
        stack.setField(table, "variants") {
            stack.push(.record([]))
            let t = stack.top
            stack.setField(t, "query") {
                stack.pushFunction("loupe.variants.query") { call in
                    let word = try call.string(1)
                    let groups = call.isNone(2) ? Variants.builtIn : try variantGroups(call, 2)
                    if let q = Variants.query(for: word, in: groups) { call.push(.string(q)) } else { call.push(.nil) }
                    return 1
                }
            }
            stack.setField(t, "list") {
                stack.pushFunction("loupe.variants.list") { call in
                    let groups = call.isNone(1) ? Variants.builtIn : try variantGroups(call, 1)
                    call.pushObject(TableHandle(Variants.list(groups)), typeName: TypeName.table)
                    return 1
                }
            }
        }
        stack.setField(table, "lexicon") {
            stack.pushFunction("loupe.lexicon") { call in
                let lexicon: Lexicon
                if case .string(let path) = call.value(1) {
                    let o = try Options(call, 2, allowed: ["format"])
                    var format: Lexicon.Format?
                    if let f = o["format"] {
                        guard case .string(let name) = f, let chosen = Lexicon.Format(rawValue: name == "txt" ? "text" : name) else {
                            throw ScriptError("\(call.name): format must be \"yaml\", \"text\" or \"dic\", got \(Arguments.describe(f))")
                        }
                        format = chosen
                    }
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

    // MARK: arguments

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

    /// {{"kiev", "kyiv"}, {"donbass", "donbas", name = "Donbas"}} or one group {"kiev", "kyiv"}.
    static func variantGroups(_ call: LuaStack, _ i: Int32) throws -> [VariantGroup] {
        func group(_ v: LuaValue) throws -> VariantGroup? {
            var forms: [String] = []
            var name: String?
            switch v {
            case .array(let items):
                for item in items {
                    guard case .string(let s) = item else { return nil }
                    forms.append(s)
                }
            case .record(let pairs):
                for (k, item) in pairs {
                    if k == "name" {
                        guard case .string(let s) = item else { throw ScriptError("\(call.name): a group's name must be a string") }
                        name = s
                    } else if Int(k) != nil {
                        guard case .string(let s) = item else { return nil }
                        forms.append(s)
                    } else {
                        throw ScriptError("\(call.name): a group of variants is a list of spellings with an optional name, such as {\"kyiv\", \"kiev\", name = \"Kyiv\"}; unknown key '\(k)'")
                    }
                }
            default: return nil
            }
            guard !forms.isEmpty else { throw ScriptError("\(call.name): a group of variants needs at least one spelling") }
            return VariantGroup(name: name, forms: forms)
        }
        let v = call.value(i)
        if let one = try group(v) { return [one] }                  // {"kiev", "kyiv"}
        guard case .array(let items) = v, !items.isEmpty else {
            throw ScriptError("\(call.name): give groups of spellings such as {{\"kiev\", \"kyiv\"}, {\"donbass\", \"donbas\"}}")
        }
        return try items.map { item in
            guard let g = try group(item) else {
                throw ScriptError("\(call.name): each group is a list of spellings such as {\"kiev\", \"kyiv\"}, got \(Arguments.describe(item))")
            }
            return g
        }
    }

    static func boilerplateOptions(_ call: LuaStack, _ i: Int32) throws -> BoilerplateOptions {
        let o = try Options(call, i, allowed: ["min_docs", "by", "chrome", "patterns"])
        var b = BoilerplateOptions()
        b.minDocuments = try o.integer("min_docs", b.minDocuments)
        switch o["by"] {
        case nil: break
        case .bool(false)?: b.field = nil
        case .string(let f)?: b.field = f
        case let v?: throw ScriptError("\(call.name): by must be a field name or false, got \(Arguments.describe(v))")
        }
        b.chrome = try o.bool("chrome", true)
        switch o["patterns"] {
        case nil: break
        case .string(let p)?: b.patterns = [p]
        case .array(let items)?:
            b.patterns = try items.map {
                guard case .string(let p) = $0 else { throw ScriptError("\(call.name): patterns must be strings, got \(Arguments.describe($0))") }
                return p
            }
        case let v?: throw ScriptError("\(call.name): patterns must be a list of regular expressions, got \(Arguments.describe(v))")
        }
        return b
    }

    /// Runs an analysis; argument errors from LoupeCore become script errors naming the method.
    static func analysis<T>(_ call: LuaStack, _ work: () throws -> T) throws -> T {
        do { return try work() } catch let e as AnalysisError {
            throw ScriptError("\(call.name): \(e.message)")
        } catch let e as LexiconError {
            throw ScriptError("\(call.name): \(e.description)")
        }
    }

    static func push(_ call: LuaStack, _ work: () throws -> Table) throws {
        call.pushObject(TableHandle(try analysis(call, work)), typeName: TypeName.table)
    }

    /// The options reader every binding shares (OptionsTable.swift).
    typealias Options = OptionsTable
}

/// A lexicon as scripts hold it (loupe.lexicon).
final class LexiconHandle {
    let lexicon: Lexicon
    init(_ lexicon: Lexicon) { self.lexicon = lexicon }
}

extension TypeName {
    static let lexicon = "loupe.Lexicon"
}
