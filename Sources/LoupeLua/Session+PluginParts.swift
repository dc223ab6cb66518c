import Foundation
import LoupeCore

/// What a plugin may register besides a corpus method (docs/plugins.md): a
/// lexicon, used by name in corpus:lookup("name"), and a reader for files of
/// a format Loupe does not know, which the corpus loader then calls.
extension Session {
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
        let read: Int32
    }

    /// Why a reader could not read a file; the loader makes it that file's warning.
    struct ReaderFailure: Error, CustomStringConvertible {
        let description: String
    }

    // MARK: registering

    /// `lexicon = {category = {entries…}}` or `lexicon = "file"` (beside the plugin first,
    /// then where loupe.lexicon looks; the plugin's own folder may be read).
    func pluginLexicon(_ call: LuaCall, _ value: LuaValue, name: String) throws -> Lexicon {
        if let other = lexicons.first(where: { $0.name == name }) {
            throw ScriptError("register: a lexicon named '\(name)' is already registered (by \(other.file))")
        }
        let path: String
        switch value {
        case .string(let p): path = p
        case .record, .array: return try ReuseLexiconBinding.tableLexicon(value, call: call)
        default: throw ScriptError("register: lexicon must be a table {category = {entries…}} or a file name, got \(Arguments.describe(value))")
        }
        let folder = (loadingPluginFile as NSString).deletingLastPathComponent
        let beside = (folder.isEmpty ? "." : folder) + "/" + path
        let start = !path.hasPrefix("/") && FileManager.default.fileExists(atPath: beside) ? beside : path
        let policy = options.unsafe ? nil : PathPolicy(readable: options.paths.readable + [folder.isEmpty ? "." : folder],
                                                       output: options.paths.output, hidden: options.paths.hidden,
                                                       wording: options.paths.wording)
        return try ReuseLexiconBinding.read(start, format: nil, files: .init(policy: policy, folders: options.paths.readable), call: call)
    }

    /// `reader = {extensions = {"srt", …}, read = function(text, path) … end}`: the extensions
    /// it claims and a registry reference to its function (the `reader` field is on top of the stack).
    func pluginReader(_ call: LuaCall, _ value: LuaValue, name: String) throws -> (extensions: [String], read: Int32) {
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
        defer { vm.pop() }
        guard call.isFunction(-1) else { throw ScriptError("register: \(usage); read is not a function") }
        return (names, call.ref(-1))
    }

    // MARK: reading

    /// The readers, by extension, as the corpus loader takes them. They call into
    /// this session's Lua state, so they must be used on its thread, one at a time.
    public var documentReaders: [String: DocumentReader] {
        var out: [String: DocumentReader] = [:]
        for r in readers {
            let read: DocumentReader = { [weak self] text, path in
                guard let self else { throw ReaderFailure(description: "the \(r.name) reader's session has ended") }
                return try self.read(text, path: path, with: r)
            }
            for e in r.extensions { out[e] = read }
        }
        return out
    }

    /// Calls a reader under the limits (each file is a chunk of its own); an error,
    /// a limit or a result of the wrong shape is a ReaderFailure naming the reader.
    func read(_ text: String, path: String, with r: PluginReader) throws -> [DocumentDraft] {
        let base = vm.top
        defer { vm.setTop(base) }
        let who = "the \(r.name) reader (\(r.origin))"
        // Reading the corpus is part of loading: a reader writes no files.
        options.paths.gate.close("a plugin's reader cannot write files (\(r.origin))")
        defer { options.paths.gate.reopen() }
        do {
            vm.pushRef(r.read)
            vm.push(.string(text))
            vm.push(.string(path))
            try vm.call(nargs: 2, results: 1)
            return try Self.drafts(vm.value(vm.top))
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
    func pluginPartsHelp(_ name: String) -> String? {
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
    var pluginPartsSummary: String {
        var text = ""
        if !lexicons.isEmpty { text += "\nLexicons (corpus:lookup(\"name\")): " + lexicons.map(\.name).joined(separator: ", ") }
        if !readers.isEmpty {
            text += "\nReaders: " + readers.map { "\($0.name) (\($0.extensions.map { "." + $0 }.joined(separator: ", ")))" }.joined(separator: ", ")
        }
        return text
    }
}
