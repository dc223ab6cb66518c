import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// What plugins register besides corpus methods (docs/plugins.md): lexicons used by name in
/// corpus:lookup, and readers the corpus loader calls for new file formats.
@Suite struct PluginPartsTests {
    /// A plugin file in a fresh folder (with other files beside it); returns its path.
    static func plugin(_ source: String, beside: [String: String] = [:]) throws -> String {
        let folder = try scratchOutputFolder()
        for (name, text) in beside { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        try source.write(toFile: folder + "/plugin.lua", atomically: true, encoding: .utf8)
        return folder + "/plugin.lua"
    }

    /// A path as Lua names a chunk in messages: a long one is "..." and its last 56 characters.
    static func lua(_ path: String) -> String { path.count <= 59 ? path : "..." + path.suffix(56) }

    /// Occurrences of a word in a text, counted apart from Loupe: letters-only words, any case.
    static func occurrences(_ word: String, in text: String) -> Int {
        text.lowercased().split { !$0.isLetter }.filter { $0 == word }.count
    }

    // MARK: lexicons

    @Test func aRegisteredLexiconIsUsedByName() throws {
        let h = try LuaHarness()
        let file = try Self.plugin("""
            loupe.register{name = "places", help = "Place names.",
              lexicon = {orgs = {"nato"}, cities = {"minsk", "kiev regime"}}}
            """)
        #expect(h.loadPlugin(path: file) == nil)
        let out = try h.run("""
            for _, r in ipairs(corpus:lookup("places")) do print(r.doc, r.category, r.n) end
            """)
        var expected = ""
        for (i, text) in LuaHarness.sampleTexts.enumerated() {
            // categories in alphabetical order (a table's keys), as loupe.lexicon{…} orders them
            expected += "d\(i + 1)\tcities\t\(Self.occurrences("minsk", in: text))\n"
            expected += "d\(i + 1)\torgs\t\(Self.occurrences("nato", in: text))\n"
        }
        #expect(out == expected)
        #expect(expected.contains("orgs\t2") && expected.contains("cities\t2"), "the sample texts have the words")
        // the same lexicon given as a table counts the same
        #expect(try h.run("print(#corpus:lookup('places'), corpus:lookup('places')[4].n == corpus:lookup{orgs = {'nato'}, cities = {'minsk', 'kiev regime'}}[4].n)") == "6\ttrue\n")
        #expect(try h.run("local l = loupe.lexicons() print(l.places, #l.places, l.nothing)") == "Lexicon (table): 2 categories, 3 entries: cities (2), orgs (1)\t2\tnil\n")
        #expect(h.error("corpus:lookup('place')") == "test:1: lookup: no lexicon registered as 'place' (registered: places); to read a file, give corpus:lookup(loupe.lexicon(path))")
        // a lexicon is not a corpus method, and not a command
        #expect(try h.run("print(corpus.places)") == "nil\n")
        #expect(try h.session.runPlugin("places", args: []) == nil)
        let help = h.session.help("places")
        #expect(help == "lexicon \"places\"  — plugin from \(file)\n\nPlace names.\n\ncorpus:lookup(\"places\"): 2 categories, 3 entries: cities (2), orgs (1)")
        #expect(h.session.help(nil).hasSuffix("\nLexicons (corpus:lookup(\"name\")): places"))
    }

    @Test func aLexiconFileIsFoundBesideThePluginAndReadUnderTheSandbox() throws {
        let h = try LuaHarness()
        let file = try Self.plugin("loupe.register{name = 'talk', lexicon = 'talk.yaml'}\n",
                                   beside: ["talk.yaml": "topics:\n  - nato\n  - minsk agreements\n"])
        #expect(h.loadPlugin(path: file) == nil)
        #expect(try h.run("local t = corpus:lookup('talk') print(t[1].n, t[2].n, t[3].n)")
                == "\(Self.occurrences("nato", in: LuaHarness.sampleTexts[0]))\t2\t0\n")   // d2: "Minsk agreements" once, "nato" once
        #expect(try h.run("print(loupe.lexicons().talk:table()[2].entry, loupe.lexicons().talk:table()[2].line)") == "minsk agreements\t3\n")
        // outside the plugin's folder and the readable folders, the sandbox refuses it
        let outside = try scratchOutputFolder() + "/secret.yaml"
        try "x:\n  - y\n".write(toFile: outside, atomically: true, encoding: .utf8)
        let reader = try Self.plugin("loupe.register{name = 'secret', lexicon = '\(outside)'}\n")
        #expect(h.loadPlugin(path: reader)?.message.contains("is outside the folders scripts may read") == true)
    }

    @Test func aClashOrAMalformedLexiconIsAnErrorAtTheRegisterLine() throws {
        let h = try LuaHarness()
        let first = try Self.plugin("loupe.register{name = 'words', lexicon = {a = {'nato'}}}\n")
        #expect(h.loadPlugin(path: first) == nil)
        let clash = try Self.plugin("local x = 1\nloupe.register{\n  name = 'words',\n  lexicon = {b = {'minsk'}},\n}\n")
        #expect(h.loadPlugin(path: clash)?.message == "\(Self.lua(clash)):2: register: a lexicon named 'words' is already registered (by \(first))")
        #expect(try h.run("print(loupe.lexicons().words:categories()[1])") == "a\n", "the first one stays")

        let malformed = try Self.plugin("\n\nloupe.register{name = 'bad', lexicon = {a = {'nato', '((('}}}\n")
        #expect(h.loadPlugin(path: malformed)?.message.hasPrefix("\(Self.lua(malformed)):3: register: entry '(((' of category 'a' is not a valid query") == true)
        let badFile = try Self.plugin("loupe.register{name = 'badfile', lexicon = 'lex.yaml'}\n", beside: ["lex.yaml": "a:\n  - nato\n  - (((\n"])
        let e = h.loadPlugin(path: badFile)?.message ?? ""
        #expect(e.hasPrefix("\(Self.lua(badFile)):1: register: ") && e.contains("lex.yaml:3"), "names the plugin's line and the lexicon file's: \(e)")
        let notALexicon = try Self.plugin("loupe.register{name = 'n', lexicon = {'nato'}}\n")
        #expect(h.loadPlugin(path: notALexicon)?.message.contains("a lexicon table maps category names to lists of entries") == true)
        let nothing = try Self.plugin("loupe.register{name = 'n', help = 'h'}\n")
        #expect(h.loadPlugin(path: nothing)?.message.contains("register: give run = function(corpus, args), lexicon =") == true)
        #expect(h.plugins.lexicons.map(\.name) == ["words"], "nothing of a failed registration is kept")
        #expect(h.plugins.plugins.isEmpty)
    }

    @Test func aPluginMayRegisterRunAndALexiconTogether() throws {
        let h = try LuaHarness()
        let file = try Self.plugin("""
            loupe.register{name = "both", help = "Both.", lexicon = {orgs = {"nato"}},
              run = function(corpus) return corpus:lookup("both")[1].n end}
            """)
        #expect(h.loadPlugin(path: file) == nil)
        #expect(try h.run("print(corpus:both())") == "\(Self.occurrences("nato", in: LuaHarness.sampleTexts[0]))\n")
        let help = h.session.help("both")
        #expect(help.hasPrefix("corpus:both(args)  — plugin from \(file)\n\nBoth.\n\nlexicon \"both\""), "\(help)")
    }

    // MARK: readers

    static let srtLike = """
        loupe.register{
          name = "cues",
          reader = {
            extensions = {"cue", ".CUES"},
            read = function(text, path)
              if text:find("BROKEN") then error("no cue here") end
              if text:find("LOOP") then while true do end end
              if text:find("WRONG") then return {text = "x", date = "2020"} end
              if text:find("MANY") then return {{text = "one"}, {text = "two", id = "named"}, {text = "three", meta = {n = 3}}} end
              return {text = text:upper(), title = "T " .. path, meta = {kind = "cue", n = #text, ok = true}}
            end,
          },
        }
        """

    @Test func aReaderGivesDocumentsToTheLoader() throws {
        let h = try LuaHarness()
        let file = try Self.plugin(Self.srtLike)
        #expect(h.loadPlugin(path: file) == nil)
        let readers = h.plugins.documentReaders
        #expect(Set(readers.keys) == ["cue", "cues"])
        let cue = try #require(readers["cue"]), cues = try #require(readers["cues"])
        let one = try cue("nato here", "sub/a.cue")
        #expect(one.count == 1)
        #expect(one.first?.text == "NATO HERE" && one.first?.title == "T sub/a.cue" && one.first?.id == nil)
        #expect(one.first.map { Metadata($0.meta) } == Metadata([("kind", .string("cue")), ("n", .int(9)), ("ok", .bool(true))]))
        let many = try cues("MANY", "b.cues")
        #expect(many.map(\.text) == ["one", "two", "three"] && many.map(\.id) == [nil, "named", nil])
        #expect(h.session.help(nil).hasSuffix("\nReaders: cues (.cue, .cues)"))
        #expect(h.session.help("cues") == "reader \"cues\" for .cue, .cues files  — plugin from \(file):1")
    }

    @Test func aFailingReaderIsAnErrorNamingThePluginLineAndTheSessionGoesOn() throws {
        let h = try LuaHarness(limits: LuaLimits(instructions: 1_000_000))
        let file = try Self.plugin(Self.srtLike)
        #expect(h.loadPlugin(path: file) == nil)
        let read = try #require(h.plugins.documentReaders["cue"])
        func failure(_ text: String) -> String {
            do { _ = try read(text, "x.cue"); return "no error" } catch { return "\(error)" }
        }
        #expect(failure("BROKEN") == "the cues reader (\(file):1) failed: \(Self.lua(file)):6: no cue here")
        #expect(failure("LOOP").hasPrefix("the cues reader (\(file):1) failed: instruction limit"), "\(failure("LOOP"))")
        #expect(failure("WRONG") == "the cues reader (\(file):1) returned an unknown field 'date' in a document; a document has text, title, id and meta (other fields go in meta)")
        #expect(try read("fine", "y.cue").first?.text == "FINE", "a limit in one file does not stop the next")
        #expect(try h.run("print(#corpus)") == "3\n")
    }

    @Test func readerResultsOfTheWrongShapeAreRefused() throws {
        func refusal(_ value: LuaValue) -> String? {
            do { _ = try PluginRegistry.drafts(value); return nil } catch { return "\(error)" }
        }
        #expect(refusal(.nil)?.contains("it must return a document {text = …, title = …, meta = {…}} or a list of them") == true)
        #expect(refusal(.record([("title", .string("t"))])) == "a document without text; a document is a table {text = …}")
        #expect(refusal(.array([.record([("text", .string("a"))]), .string("b")]))?.contains("as document 2") == true)
        #expect(refusal(.record([("text", .string("a")), ("meta", .record([("x", .array([.int(1)]))]))]))?.hasPrefix("meta.x = ") == true)
        #expect(refusal(.record([("text", .int(1))]))?.hasPrefix("text = 1 in a document") == true)
        #expect(try PluginRegistry.drafts(.array([])).isEmpty)
        #expect(try PluginRegistry.drafts(.record([("text", .string("a")), ("id", .int(7)), ("meta", .array([]))])).first?.id == "7")
    }

    @Test func readersAreRefusedForBuiltInOrClaimedExtensions() throws {
        let h = try LuaHarness()
        let txt = try Self.plugin("loupe.register{name = 'mine', reader = {extensions = {'TXT'}, read = function() end}}\n")
        #expect(h.loadPlugin(path: txt)?.message.contains("register: .txt files are read by Loupe itself") == true)
        let noFunction = try Self.plugin("loupe.register{name = 'nf', reader = {extensions = 'abc'}}\n")
        #expect(h.loadPlugin(path: noFunction)?.message.contains("read is not a function") == true)
        let noExtensions = try Self.plugin("loupe.register{name = 'ne', reader = {read = function() end}}\n")
        #expect(h.loadPlugin(path: noExtensions)?.message.contains("extensions is missing or empty") == true)
        let first = try Self.plugin(Self.srtLike)
        #expect(h.loadPlugin(path: first) == nil)
        let second = try Self.plugin("\nloupe.register{name = 'other', reader = {extensions = {'cue'}, read = function() end}}\n")
        #expect(h.loadPlugin(path: second)?.message == "\(Self.lua(second)):2: register: .cue files already have a reader, 'cues' (\(first):1)")
        #expect(h.plugins.readers.map(\.name) == ["cues"])
    }

    /// Red-team unclear message 10: the refusal quoted "./x" for "../x" (it cut the first dot).
    @Test func aBadExtensionIsQuotedAsGiven() throws {
        let h = try LuaHarness()
        for given in ["../x", ".a.b", "x/y", "."] {
            let file = try Self.plugin("loupe.register{name = 'bad', reader = {extensions = {'\(given)'}, read = function() end}}\n")
            let message = h.loadPlugin(path: file)?.message ?? ""
            #expect(message.hasSuffix("register: '\(given)' is not a file extension such as \"srt\""), "\(message)")
        }
        #expect(h.plugins.readers.isEmpty)
    }
}
