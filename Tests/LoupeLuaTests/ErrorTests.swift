import Testing
@testable import LoupeLua
@testable import LuaRuntime

@Suite struct ErrorTests {
    @Test func badArgumentsBecomeLuaErrorsAtTheCallersLine() throws {
        let h = try LuaHarness()
        #expect(h.error("\n\ncorpus:count()") == "test:3: bad argument #1 to 'count' (query string or Query expected, got no value)")
        #expect(h.error("corpus:count({})") == "test:1: bad argument #1 to 'count' (query string or Query expected, got table)")
        #expect(h.error("corpus:kwic('nato', {width = 'x'})") == "test:1: kwic: width must be a whole number from 1 to 500 (0 to 50 with unit = \"tokens\"), got \"x\"")
        #expect(h.error("corpus:kwic('nato', {width = 0})") == "test:1: kwic: width must be a whole number from 1 to 500, got 0")
    }

    /// The user audit: kwic{widht = 3} and tokens{offset = true} were ignored (the default ran
    /// silently). Every options table is read by one reader, which names the nearest key.
    @Test func aMisspeltOptionIsAnErrorThatNamesTheNearestKey() throws {
        let h = try LuaHarness()
        #expect(h.error("corpus:kwic('nato', {widht = 3})") == "test:1: kwic: unknown option 'widht'; did you mean width? (options: width, left, right, unit, sort)")
        #expect(h.error("corpus:search('nato'):kwic{rigth = 3}")?.contains("did you mean right?") == true)
        #expect(h.error("corpus:collocates('nato', {windwo = 3})")?.contains("unknown option 'windwo'; did you mean window?") == true)
        #expect(h.error("corpus[1]:tokens{offset = true}")?.contains("did you mean offsets?") == true)
        #expect(h.error("corpus:freq{mni = 2}")?.contains("did you mean min?") == true)
        #expect(h.error("corpus:quotes{unclosd = true}")?.contains("did you mean unclosed?") == true)
        #expect(h.error("loupe.table({{a = 1}}, {column = {'a'}})")?.contains("did you mean columns?") == true)
        #expect(h.error("loupe.table{{a = 1}}:plot{titel = 'x'}")?.contains("did you mean title?") == true)
        // far from every key: no guess, but the keys there are
        #expect(h.error("corpus:kwic('nato', {zzz = 3})") == "test:1: kwic: unknown option 'zzz' (options: width, left, right, unit, sort)")
        #expect(h.error("corpus:kwic('nato', {3})")?.contains("options must be a table such as") == true)
    }

    /// The user audit: filter{outlt = "RT"} gave 0 documents and count_by("outlt") one row
    /// "(none)". A field no document has is an error that lists the fields there are.
    @Test func aFieldNoDocumentHasIsAnError() throws {
        let h = try LuaHarness()
        let fields = "(fields: date, outlet, id, title)"
        #expect(h.error("corpus:filter{outlt = 'Even News'}") == "test:1: filter: no document has a field 'outlt'; did you mean outlet? \(fields)")
        #expect(h.error("corpus:search('nato'):count_by('outlt')") == "test:1: count_by: no document has a field 'outlt'; did you mean outlet? \(fields)")
        #expect(h.error("corpus:group('colour')") == "test:1: group: no document has a field 'colour' \(fields)")
        #expect(try h.run("print(#corpus:filter{outlet = 'Even News'}, #corpus:filter{id = 'd1'})") == "2\t1\n")
        // a count per group is `n`, as everywhere else
        #expect(try h.run("print(corpus:group('outlet'):count('nato'):sort('n', 'desc')[1].n)") == "2\n")
    }

    @Test func editDistanceByHandAndItsLaws() {
        #expect(Spelling.editDistance("widht", "width") == 1)       // a swap of neighbours
        #expect(Spelling.editDistance("kitten", "sitting") == 3)
        #expect(Spelling.editDistance("", "abc") == 3)
        #expect(Spelling.nearest("wdith", in: ["width", "left"]) == "width")
        #expect(Spelling.nearest("ab", in: ["xy", "min"]) == nil, "two edits of two letters is no slip")
        let words = ["min", "max", "window", "width", "left", "right", "measure", "stop", "unit", "sort", "", "a"]
        for a in words {
            #expect(Spelling.editDistance(a, a) == 0)
            for b in words {
                let d = Spelling.editDistance(a, b)
                #expect(d == Spelling.editDistance(b, a))
                #expect(d <= max(a.count, b.count) && d >= abs(a.count - b.count))
            }
        }
    }

    /// Which limit stopped a chunk is a type, not a search of the message for "--timeout"
    /// (an exercise's feedback depends on it; a script can print any text it likes).
    @Test func theLimitThatStoppedAChunkIsTyped() throws {
        func limit(_ code: String, _ limits: LuaLimits) throws -> LuaError.Limit? {
            let h = try LuaHarness(limits: limits)
            do { try h.session.run(code, chunkName: "=test"); Issue.record("\(code) ran to its end"); return nil }
            catch let e as LuaError { return e.limit }
        }
        #expect(try limit("while true do end", LuaLimits(timeMilliseconds: 200)) == .time)
        #expect(try limit("local t = {} for i = 1, 1e9 do t[i] = {} end", LuaLimits(memoryBytes: 32 << 20)) == .memory)
        #expect(try limit("local s = ('x'):rep(1e9)", LuaLimits(memoryBytes: 32 << 20)) == .memory)
        #expect(try limit("for i = 1, 1e12 do end", LuaLimits(instructions: 1_000_000)) == .instructions)
        #expect(try limit("pcall(function() while true do end end) while true do end", LuaLimits(timeMilliseconds: 200)) == .time)
        #expect(try limit("corpus:count('/(\\\\p{L}|\\\\p{Ll}|[a-z])+\\\\d/') while true do end", LuaLimits(timeMilliseconds: 200)) == .time)
        #expect(try limit("error('time limit exceeded (raise it with --timeout)')", LuaLimits(timeMilliseconds: 5000)) == nil,
                "a script's own message is no limit")
        #expect(try limit("local x = nil + 1", LuaLimits()) == nil)
    }

    @Test func callingAMethodWithADotGivesAHint() throws {
        let h = try LuaHarness()
        #expect(h.error("corpus.count('nato')") == "test:1: 'count' needs a Corpus: call it with a colon, corpus:count(...)")
    }

    @Test func malformedQueriesPointAtTheColumn() throws {
        let h = try LuaHarness()
        let msg = h.error("corpus:count('  \"nato')") ?? ""
        #expect(msg.contains("unclosed double quote at column 3"))
        #expect(h.error("corpus:count('!!!')")?.contains("has no letters or digits") == true)
        #expect(h.error("corpus:count('')")?.contains("empty query") == true)
    }

    @Test func swiftErrorsAreCatchableWithPcall() throws {
        let h = try LuaHarness()
        #expect(try h.run("print(pcall(corpus.count, corpus))") == "false\tbad argument #1 to 'count' (query string or Query expected, got no value)\n")
        #expect(try h.run("local ok, e = pcall(function() return corpus:count() end) print(ok, e)")
                == "false\ttest:1: bad argument #1 to 'count' (query string or Query expected, got no value)\n")
    }

    @Test func theStackStaysBalancedAfterManyErrors() throws {
        let h = try LuaHarness()
        let before = h.session.stack.top
        for _ in 0..<200 {
            _ = h.error("corpus:count()")
            _ = h.error("syntax error here (")
            _ = h.session.evaluate("error('x')")
        }
        try h.run("for i = 1, 10000 do pcall(corpus.count, corpus) end")
        #expect(h.session.stack.top == before)
        #expect(try h.run("print(corpus:count('nato'))") == "3\n")
    }

    @Test func errorObjectsThatAreNotStrings() throws {
        let h = try LuaHarness()
        #expect(h.error("error({})") == "(error object is a table value)")
        #expect(h.error("error(setmetatable({}, {__tostring = function() return 'custom' end}))") == "custom")
        #expect(h.error("error(setmetatable({}, {__tostring = function() error('again') end}))") != nil)
    }

    /// Lua gives an error raised inside a C function no position; Loupe adds the line
    /// of the script that called it; error(msg, 0) and error objects keep their own text.
    @Test func errorsInsideLibraryFunctionsNameTheScriptLine() throws {
        let h = try LuaHarness()
        #expect(h.error("local f = print\nfor _, x in ipairs(f) do end") == "test:2: attempt to index a function value")
        #expect(h.error("local t = {}\n\nreturn next({}, 'nokey')") == "test:3: invalid key to 'next'")
        #expect(h.error("error('as it is', 0)") == "as it is")
        #expect(h.error("error(setmetatable({}, {__tostring = function() return 'object' end}))") == "object")
        #expect(h.error("assert(false, 'assert adds the line, as stock Lua does')") == "test:1: assert adds the line, as stock Lua does")
        #expect(h.error("error('with position')") == "test:1: with position")
    }

    @Test func tracebacksAreKeptApartFromTheMessage() throws {
        let h = try LuaHarness()
        do {
            try h.session.run("local function f() error('deep') end\nf()", chunkName: "@x.lua")
            Issue.record("no error")
        } catch let e as LuaError {
            #expect(e.message == "x.lua:1: deep")
            #expect(e.traceback.hasPrefix("stack traceback:"))
            #expect(e.traceback.contains("x.lua:2"))
        }
    }

    @Test func syntaxErrorsNameChunkAndLine() throws {
        let h = try LuaHarness()
        do {
            try h.session.run("x = 1\ny = = 2", chunkName: "@bad.lua")
            Issue.record("no error")
        } catch let e as LuaError {
            #expect(e.isSyntaxError)
            #expect(e.message == "bad.lua:2: unexpected symbol near '='")
        }
    }

    @Test func tostringThatFailsDoesNotBreakPrint() throws {
        let h = try LuaHarness()
        #expect(try h.run("print(setmetatable({}, {__tostring = function() error('no') end}), 1)") == "<error in __tostring>\t1\n")
    }
}
