import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// The Lua side of variants, lexicons, reuse and boilerplate (VariantsBinding, LexiconBinding, TextReuseBinding, BoilerplateBinding),
/// in a small Lua state of its own: a corpus class with just these methods, Tables,
/// Lexicons and the `loupe.variants` / `loupe.lexicon` fields, as the session wires them.
final class SourceToolsHarness {
    let lua: LuaState
    let out = OutputBuffer()

    init(_ corpus: Corpus, files: LexiconBinding.Files = .init(policy: nil, folders: [])) throws {
        lua = try LuaState(limits: LuaLimits())
        let vm = lua.stack
        var cls = LuaClass<Corpus>(TypeName.corpus, variable: "corpus") { c in
            "Corpus: \(c.documents.count) documents" + (c.selection.map { " (\($0))" } ?? "")
        }
        cls.length = { $0.documents.count }
        cls.method("count") { corpus, call in
            call.push(.int(try corpus.search(try call.string(2)).hits.count))
            return 1
        }
        VariantsBinding.addMethods(to: &cls)
        LexiconBinding.addMethods(to: &cls)
        TextReuseBinding.addMethods(to: &cls)
        BoilerplateBinding.addMethods(to: &cls)
        lua.register(cls)
        let out = self.out
        lua.register(TableBinding.luaClass(TableBinding.Context(output: { out.text += $0 }, policy: nil, outputFolder: "/tmp", format: nil)))
        lua.register(LexiconBinding.lexiconClass())
        lua.pushGlobals()
        let g = vm.top
        vm.setField(g, "corpus") { vm.pushObject(corpus, typeName: TypeName.corpus) }
        vm.setField(g, "print") {
            vm.pushFunction("print") { call in
                let n = call.argumentCount
                out.text += (n > 0 ? (1...n).map { call.safeToString($0) } : []).joined(separator: "\t") + "\n"
                return 0
            }
        }
        vm.setField(g, "loupe") {
            vm.push(.record([]))
            VariantsBinding.install(in: vm, table: vm.top)
            LexiconBinding.install(in: vm, table: vm.top, files: files)
        }
        vm.pop()
    }

    @discardableResult
    func run(_ code: String) throws -> String {
        out.text = ""
        let vm = lua.stack
        let base = vm.top
        defer { vm.setTop(base) }
        try vm.load(code, chunkName: "=test", env: nil)
        try vm.call(nargs: 0)
        return out.text
    }

    func error(_ code: String) -> String? {
        do { try run(code); return nil } catch let e as LuaError { return e.message } catch { return "\(error)" }
    }
}

@Suite struct SourceToolsBindingTests {
    static let texts = [
        "Kiev's leaders and the Kyiv regime, allegedly. Continue reading",
        "Of course the regime in Kiev said so. Share this article",
        "Nothing about it. One two three four five six seven eight nine ten.",
        "Again: one two three four five six seven eight nine ten!",
    ]

    static func harness(files: LexiconBinding.Files = .init(policy: nil, folders: [])) throws -> SourceToolsHarness {
        try SourceToolsHarness(CorpusBuilder.corpus(texts: texts), files: files)
    }

    @Test func variants() throws {
        let h = try Self.harness()
        #expect(try h.run("local t = corpus:variants() print(#t, t[1].doc, t[1].group, t[1].form, t[1].n, t[2].form, t[2].n, t[2].possessive)")
                == "4\tdoc1\tKyiv/Kiev\tKyiv\t1\tKiev\t1\t1\n")
        #expect(try h.run("print(#corpus:variants{zeros = true})") == "\(4 * Variants.list().rowCount)\n")
        #expect(try h.run("local t = corpus:variants{{'kiev', 'kyiv'}} print(#t, t[1].group, t[1].form)") == "4\tkiev/kyiv\tkiev\n")
        #expect(try h.run("local t = corpus:variants({'kiev', 'kyiv', name = 'Kyiv'}, {zeros = true}) print(#t, t[1].group, t[7].doc)")
                == "8\tKyiv\tdoc4\n")
        #expect(try h.run("local q = loupe.variants.query('Kiev') print(q, corpus:count(q), loupe.variants.query('nato'))")
                == "kyiv|kiev|kyiv's|kiev's\t3\tnil\n")
        #expect(try h.run("print(loupe.variants.query('kiev', {{'kiev', 'kyiv'}}))") == "kiev|kyiv|kiev's|kyiv's\n")
        #expect(try h.run("local t = loupe.variants.list() print(t[1].group, t[1].form, t[1].position, t[2].position)") == "Kyiv/Kiev\tKyiv\t1\t2\n")
        #expect(h.error("corpus:variants{{1, 2}}")?.contains("each group is a list of spellings") == true)
        #expect(h.error("corpus:variants({'a', 'b'}, {bogus = 1})")?.contains("unknown option 'bogus'") == true)
        #expect(h.error("corpus:variants{'kiev', '--'}") == "test:1: variants: variant '--' has no letters or digits")
    }

    @Test func lexiconsFromTablesAndLookup() throws {
        let h = try Self.harness()
        let setup = "lex = loupe.lexicon{loaded = {'regime', 'kiev regime'}, hedges = 'allegedly', certainty = {'of course'}}\n"
        #expect(try h.run(setup + "print(#lex, table.concat(lex:categories(), ','), lex)")
                == "3\tcertainty,hedges,loaded\tLexicon (table): 3 categories, 4 entries: certainty (1), hedges (1), loaded (2)\n")
        #expect(try h.run(setup + "local t = corpus:lookup(lex) print(#t, t[3].doc, t[3].category, t[3].n, t[4].category, t[4].n)")
                == "12\tdoc1\tloaded\t1\tcertainty\t1\n")
        #expect(try h.run(setup + "local k = corpus:lookup(lex, {kwic = true, width = 10}) print(#k, k[1].entry, k[1].match, k[1].right, k[2].entry)")
                == "4\tregime\tregime\t, allegedl\tallegedly\n")
        #expect(try h.run(setup + "local e = corpus:lookup(lex, {by = 'entry'}) print(#e, e[1].entry, e[1].n)") == "4\tallegedly\t1\n")
        #expect(try h.run(setup + "local t = lex:table() print(#t, t[1].category, t[1].entry, t[1].line)") == "4\tcertainty\tof course\tnil\n")
        #expect(h.error("corpus:lookup('file.yaml')") == "test:1: lookup: no lexicon registered as 'file.yaml'; to read a file, give corpus:lookup(loupe.lexicon(path))")
        #expect(h.error(setup + "corpus:lookup(lex, {kwic = true, by = 'entry'})")?.contains("not both") == true)
        #expect(h.error(setup + "corpus:lookup(lex, {width = 3})")?.contains("width goes with kwic") == true)
        #expect(h.error("loupe.lexicon{x = {'(bad'}}")?.hasPrefix("test:1: loupe.lexicon: entry '(bad' of category 'x' is not a valid query") == true)
        #expect(h.error("loupe.lexicon{'regime'}")?.contains("maps category names") == true)
        #expect(h.error("loupe.lexicon{x = {1}}")?.contains("must be strings") == true)
    }

    @Test func lexiconFilesAreFoundAndCheckedByTheReadPolicy() throws {
        let inside = try LexiconTempFolder(), outside = try LexiconTempFolder()
        try inside.write("lexicons/l.yaml", "loaded:\n  - regime\nhedges:\n  - allegedly\n")
        try inside.write("lexicons/l.dic", "%\n1\tloaded\n%\nregim*\t1\n")
        try inside.write("lexicons/bad.yaml", "loaded:\n  - regime\n  - \"open\n")
        try outside.write("secret.yaml", "loaded:\n  - regime\n")
        let policy = PathPolicy(readable: [inside.path], output: inside.path)
        let h = try Self.harness(files: .init(policy: policy, folders: [inside.path]))
        #expect(try h.run("local lex = loupe.lexicon('lexicons/l.yaml') print(#lex, corpus:lookup(lex)[1].n)") == "2\t1\n")
        #expect(try h.run("print(#loupe.lexicon('\(inside.path)/lexicons/l.dic'))") == "1\n")
        #expect(h.error("loupe.lexicon('lexicons/l.yaml', {format = 'text'})")?.contains("an entry before any '# category' heading") == true)
        #expect(h.error("loupe.lexicon('lexicons/l.yaml', {format = 'xml'})")?.contains("format must be") == true)
        #expect(h.error("loupe.lexicon('lexicons/bad.yaml')") ==
                "test:1: loupe.lexicon: \(inside.path)/lexicons/bad.yaml:3: entry '\"open' of category 'loaded' is not a valid query: unclosed double quote at column 1")
        #expect(h.error("loupe.lexicon('\(outside.path)/secret.yaml')")?.contains("outside the folders scripts may read") == true)
        #expect(h.error("loupe.lexicon('nope.yaml')")?.hasPrefix("test:1: loupe.lexicon: cannot find 'nope.yaml'") == true)
        // --unsafe: no policy, any file.
        let free = try Self.harness(files: .init(policy: nil, folders: []))
        #expect(try free.run("print(#loupe.lexicon('\(outside.path)/secret.yaml'))") == "1\n")
    }

    @Test func reuseAndBoilerplate() throws {
        let h = try Self.harness()
        #expect(try h.run("local t = corpus:reuse() print(#t, t[1].doc_a, t[1].start_a, t[1].doc_b, t[1].tokens, t[1].text)")
                == "1\tdoc3\t4\tdoc4\t10\tOne two three four five six seven eight nine ten\n")
        #expect(try h.run("print(#corpus:reuse{min = 11}, #corpus:reuse{min = 4, gap = 0, max_docs = 2})") == "0\t1\n")
        #expect(h.error("corpus:reuse{min = 1}") == "test:1: reuse: min must be a whole number from 2 to 1000, got 1")
        #expect(h.error("corpus:reuse{minimum = 1}")?.contains("unknown option 'minimum'") == true)
        // Each document is one line: "…allegedly. Continue reading" is not a line of its own, so no chrome.
        #expect(try h.run("print(#corpus:boilerplate())") == "0\n")
        #expect(try h.run("print(#corpus:boilerplate{patterns = {'continue reading$', 'share this'}})") == "2\n")
        #expect(try h.run("local c, t = corpus:without_boilerplate{patterns = 'share this', by = false} print(#c, #t, t[1].doc, c)")
                == "4\t1\tdoc2\tCorpus: 4 documents (boilerplate removed: 1 line)\n")
        #expect(h.error("corpus:boilerplate{by = 3}")?.contains("by must be a field name or false") == true)
        #expect(h.error("corpus:boilerplate{min_docs = 1}") == "test:1: boilerplate: min_docs must be a whole number 2 or more, got 1")
        #expect(h.error("corpus:boilerplate{patterns = {'('}}")?.contains("is not a valid regular expression") == true)
    }
}

/// A temporary folder for lexicon files, removed when released.
final class LexiconTempFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-lexicon-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func write(_ name: String, _ text: String) throws {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    }
}
