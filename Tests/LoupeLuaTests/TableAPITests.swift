import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// Tables from Lua: loupe.table, indexing, every method, errors, t:write and --format.
@Suite struct TableAPITests {
    static let rows = """
        t = loupe.table{ {word = "nato", n = 69, outlet = "RT"}, {word = "kiev", n = 12, outlet = "TASS"},
                         {word = "minsk", n = 40, outlet = "RT"}, {word = "kyiv", outlet = "BBC"} }
        """

    func harness() throws -> LuaHarness {
        let h = try LuaHarness()
        try h.run(Self.rows)
        return h
    }

    /// A session over the small corpus whose writers write into `out`, optionally with --format.
    func session(out: String, format: TableFormat? = nil, unsafe: Bool = false) throws -> (LuaEnvironment, OutputBuffer) {
        var b = CorpusBuilder()
        b.add(RawDocument(id: "d1", title: "One", text: "NATO and nato.", meta: Metadata(),
                          source: DocumentSource(file: "d1.txt", firstLine: 1, lastLine: 1)))
        let buffer = OutputBuffer()
        var options = EnvironmentOptions()
        options.output = { buffer.text += $0 }
        options.paths = PathPolicy(readable: [], output: out, mayReplace: true)   // --overwrite: the script decides
        options.tableFormat = format
        options.unsafe = unsafe
        return (try LuaEnvironment(corpus: b.build(root: "mem"), options: options), buffer)
    }

    static func tempFolder() throws -> String {
        let base = PathPolicy.resolved(FileManager.default.temporaryDirectory.path) ?? "/tmp"
        let path = base + "/loupe-tableapi-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/out", withIntermediateDirectories: true)
        return path
    }

    // MARK: construction and access

    @Test func constructionLengthIndexAndColumns() throws {
        let h = try harness()
        #expect(try h.run("print(#t, t[1].word, t[1].n, t[4].n, t[5], t[0])") == "4\tnato\t69\tnil\tnil\tnil\n")
        #expect(try h.run("print(table.concat(t:columns(), ','))") == "word,n,outlet\n")
        #expect(try h.run("local u = loupe.table({ {n = 1, word = 'a'} }, {columns = {'n', 'word'}}) print(table.concat(u:columns(), ','))") == "n,word\n")
        #expect(try h.run("local u = loupe.table({ {'a', 1}, {'b', 2} }, {columns = {'w', 'n'}}) print(u[2].w, u[2].n)") == "b\t2\n")
        #expect(try h.run("print(#loupe.table{}, tostring(loupe.table{}))") == "0\t(empty table)\n")
        #expect(try h.run("local s = 0 for _, r in ipairs(t) do s = s + (r.n or 0) end print(s)") == "121\n")
        #expect(try h.run("local w = {} for r in t:rows() do w[#w+1] = r.word end print(table.concat(w, ' '))") == "nato kiev minsk kyiv\n")
        #expect(try h.run("local c = t:column('n') print(#c, c[1], c[4])") == "3\t69\tnil\n")
        #expect(try h.run("print(t == t:head(10), t == t:head(1))") == "true\tfalse\n")
    }

    @Test func constructionErrors() throws {
        let h = try harness()
        #expect(h.error("loupe.table(5)")?.contains("bad argument #1 to 'loupe.table' (table expected, got number)") == true)
        #expect(h.error("loupe.table{ {word = {}} }")?.contains("row 1, field word must be a string, number, boolean or nil") == true)
        #expect(h.error("loupe.table{ {'a'} }")?.contains("give {columns = {…}}") == true)
        #expect(h.error("loupe.table({}, {columns = {'a', 'a'}})")?.contains("listed twice") == true)
        #expect(h.error("loupe.table{ 1, 2 }")?.contains("row 1 must be a table") == true)
    }

    // MARK: operations

    @Test func sortHeadFilterWhereAddSelect() throws {
        let h = try harness()
        func words(_ expr: String) throws -> String {
            try h.run("local w = {} for r in (\(expr)):rows() do w[#w+1] = r.word end print(table.concat(w, ' '))")
        }
        #expect(try words("t:sort('n', 'desc')") == "nato minsk kiev kyiv\n")
        #expect(try words("t:sort('outlet', 'n', 'desc')") == "kyiv nato minsk kiev\n")
        #expect(try words("t:sort('outlet', 'asc', 'n')") == "kyiv minsk nato kiev\n")
        #expect(try words("t:sort('n'):head(2)") == "kiev minsk\n")
        #expect(try words("t:head()") == "nato kiev minsk kyiv\n")
        #expect(try words("t:filter(function(r) return (r.n or 0) > 20 end)") == "nato minsk\n")
        #expect(try words("t:where{outlet = 'RT'}") == "nato minsk\n")
        #expect(try words("t:where{outlet = {'TASS', 'BBC'}}") == "kiev kyiv\n")
        #expect(try words("t:where{n = 12.0, outlet = 'TASS'}") == "kiev\n")
        #expect(try h.run("local u = t:add('double', function(r) return r.n and r.n * 2 end) print(u[1].double, u[4].double, #u:columns(), #t:columns())") == "138\tnil\t4\t3\n")
        #expect(try h.run("print(t:add('k', 'x')[3].k, t:add('n', 0)[1].n)") == "x\t0\n")
        #expect(try h.run("print(table.concat(t:select('n', 'word'):columns(), ','), table.concat(t:select{'outlet'}:columns(), ','))") == "n,word\toutlet\n")
        #expect(try h.run("print(#t, t[1].word)") == "4\tnato\n", "operations leave the table unchanged")
    }

    @Test func joinAndGroup() throws {
        let h = try harness()
        try h.run("o = loupe.table{ {outlet = 'RT', country = 'RU'}, {outlet = 'TASS', country = 'RU'}, {outlet = 'BBC', country = 'UK'}, {outlet = 'RT', country = 'XX'} }")
        #expect(try h.run("local j = t:join(o, 'outlet') print(#j, table.concat(j:columns(), ','), j[1].country, j[2].country)") == "6\tword,n,outlet,country\tRU\tXX\n")
        #expect(try h.run("local j = t:join(t, 'word') print(table.concat(j:columns(), ','), j[1].n_2)") == "word,n,outlet,n_2,outlet_2\t69\n")
        #expect(try h.run("local g = t:group('outlet'):count() print(#g, g[1].outlet, g[1].n, g[3].outlet, g[3].n)") == "3\tRT\t2\tBBC\t1\n")
        #expect(try h.run("local g = t:group('outlet'):sum('n') print(g[1].n, g[2].n, g[3].n)") == "109\t12\t0\n")
        #expect(try h.run("local g = t:group('outlet'):mean('n') print(g[1].n, g[3].n)") == "54.5\tnil\n")
        #expect(try h.run("local g = t:group('outlet', 'word'):count() print(#g, table.concat(g:columns(), ','))") == "4\toutlet,word,n\n")
        #expect(try h.run("print(t:group('outlet'))").hasPrefix("Grouping: 3 groups by outlet"))
        #expect(h.error("t:group('outlet'):sum('word')")?.contains("sum: column 'word' holds the text \"nato\" in row 1; it needs numbers") == true)
    }

    @Test func errorsNameTheMethodAndTheLine() throws {
        let h = try harness()
        #expect(h.error("t:sort('nope')") == "test:1: sort: no column 'nope' (columns: word, n, outlet)")
        #expect(h.error("t:sort()")?.contains("sort: name a column") == true)
        #expect(h.error("t:head(-2)")?.contains("head: the count must be 0 or more, got -2") == true)
        #expect(h.error("t:where{nope = 1}")?.contains("no column 'nope'") == true)
        #expect(h.error("t:select('word', 'word')")?.contains("listed twice") == true)
        #expect(h.error("t:join({}, 'word')")?.contains("bad argument #1 to 'join' (Table expected, got table)") == true)
        #expect(h.error("t:join(t, 'zzz')")?.contains("no column 'zzz'") == true)
        #expect(h.error("t:filter(5)")?.contains("function expected") == true)
        #expect(h.error("t.sort('n')")?.contains("call it with a colon, t:sort(...)") == true)
        #expect(h.error("t:add('x', function(r) return {} end)")?.contains("add: the function's result for row 1 must be a string") == true)
    }

    @Test func anErrorInAFilterFunctionCarriesBothLocations() throws {
        let h = try harness()
        let message = h.error("""
            local function bad(r)
              if r.word == 'kiev' then error('boom') end
              return true
            end
            t:filter(bad)
            """)
        #expect(message == "test:5: filter: the function failed on row 2: test:2: boom")
        #expect(h.error("t:filter(function(r) return r.n + 1 end)")?.contains("row 4: test:1: attempt to perform arithmetic on a nil value") == true)
        // the session is still usable
        #expect(try h.run("print(#t)") == "4\n")
    }

    @Test func limitsReachIntoFilterFunctions() throws {
        let h = try LuaHarness(limits: LuaLimits(instructions: 200_000))
        try h.run(Self.rows)
        let message = h.error("t:filter(function(r) while true do end end)")
        #expect(message?.contains("instructions") == true, "\(message ?? "no error")")
        #expect(try h.run("print(#t)") == "4\n")
    }

    // MARK: printing

    @Test func printAndToStringShowTheAlignedTable() throws {
        let h = try harness()
        #expect(try h.run("print(t:head(2))") == "word   n  outlet\n────  ──  ──────\nnato  69  RT\nkiev  12  TASS\n")
        #expect(try h.run("t:head(2):print()") == "word   n  outlet\n────  ──  ──────\nnato  69  RT\nkiev  12  TASS\n")
        #expect(try h.run("t:print(1)") == "word   n  outlet\n────  ──  ──────\nnato  69  RT\n… 3 more rows\n")
        let long = try h.run("local rows = {} for i = 1, 30 do rows[i] = {i = i} end print(loupe.table(rows))")
        #expect(long.hasSuffix("20\n… 10 more rows\n"))
        #expect(try h.run("print(t:format('csv'))") == "word,n,outlet\nnato,69,RT\nkiev,12,TASS\nminsk,40,RT\nkyiv,,BBC\n\n")
        #expect(h.error("t:format('xls')")?.contains("unknown format") == true)
    }

    @Test func theREPLShowsATableCutToItsWidth() throws {
        let h = try harness()
        guard case .expression(let values) = h.session.evaluate("t", width: 20) else { Issue.record("not an expression"); return }
        #expect(values == ["word    n  outlet\n─────  ──  ──────\nnato   69  RT\nkiev   12  TASS\nminsk  40  RT\nkyiv       BBC"])
        guard case .expression(let narrow) = h.session.evaluate("loupe.table{ {text = string.rep('日本', 20)} }", width: 20) else { return }
        #expect(narrow.first?.split(separator: "\n").allSatisfy { TextWidth.of(String($0)) <= 20 } == true)
    }

    // MARK: hits

    @Test func hitsTableAndCountByAreTables() throws {
        let h = try LuaHarness()
        #expect(try h.run("local c = corpus:search('nato|minsk'):count_by('outlet') print(tostring(c):match('^outlet'), c:sort('n')[1].outlet)") == "outlet\tEven News\n")
        #expect(try h.run("local t = corpus:search('nato'):table() print(table.concat(t:columns(), ','), t:where{doc = 'd1'}:group('doc'):count()[1].n)") == "doc,start,stop,text,sentence\t2\n")
    }

    // MARK: write

    @Test func writeReturnsThePathAndStaysInTheOutputFolder() throws {
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (s, out) = try session(out: dir + "/out")
        try s.run("\(Self.rows)\nprint(t:write('words.csv'))", chunkName: "=test")
        #expect(out.text == dir + "/out/words.csv\n")
        #expect(FileManager.default.contents(atPath: dir + "/out/words.csv").map { String(decoding: $0, as: UTF8.self) }
                == "word,n,outlet\nnato,69,RT\nkiev,12,TASS\nminsk,40,RT\nkyiv,,BBC\n")
        func failure(_ code: String) -> String? {
            do { try s.run(code, chunkName: "=test"); return nil } catch let e as LuaError { return e.message } catch { return "\(error)" }
        }
        #expect(failure("t:write('words.csv')")?.contains("already exists; pass {overwrite = true}") == true)
        #expect(failure("t:head(1):write('words.csv', {overwrite = true})") == nil)
        #expect(FileManager.default.contents(atPath: dir + "/out/words.csv")?.count == "word,n,outlet\nnato,69,RT\n".utf8.count)
        #expect(failure("t:write('../escape.csv')")?.contains("is outside the output folder") == true)
        #expect(failure("t:write('\(dir)/escape.csv')")?.contains("is outside the output folder") == true)
        #expect(failure("t:write('words.xlsx')")?.contains("cannot tell the format") == true)
        #expect(failure("t:write('x.csv', {overwrite = 'yes'})")?.contains("overwrite must be true or false") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["out"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted() == ["words.csv"])
    }

    @Test func unsafeWritesAnywhere() throws {
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (s, out) = try session(out: dir + "/out", unsafe: true)
        try s.run("\(Self.rows)\nprint(t:write('\(dir)/outside.json'))", chunkName: "=test")
        #expect(out.text == dir + "/outside.json\n")
        #expect(FileManager.default.fileExists(atPath: dir + "/outside.json"))
    }

    // MARK: --format

    /// The user audit: corpus:kwic("minsk"):write("k.csv") was "attempt to call a nil value", and
    /// --format csv printed nothing for a returned concordance. Rows a user sees can be kept.
    @Test func concordancesAndHitsAreTablesToo() throws {
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (s, out) = try session(out: dir + "/out", format: .csv)
        try s.run("""
            local k = corpus:kwic('nato', {width = 8})
            local t = k:table()
            print(#t == #k, t[1].match, t[1].doc, t[1].start == k[1].start, t[1].left == k[1].left)
            print(k:write('k.csv'), corpus:search('nato'):write('h.tsv'))
            print(k:format('md'):match('^[^\\n]*'))
            """, chunkName: "=test")
        #expect(out.text == "true\tNATO\td1\ttrue\ttrue\n\(dir)/out/k.csv\t\(dir)/out/h.tsv\n| doc | start | stop | left | match | right |\n", "\(out.text)")
        let csv = try String(contentsOfFile: dir + "/out/k.csv", encoding: .utf8)
        #expect(csv == "doc,start,stop,left,match,right\nd1,1,1,,NATO,and nato\nd1,3,3,NATO and,nato,.\n", "\(csv)")
        let tsv = try String(contentsOfFile: dir + "/out/h.tsv", encoding: .utf8)
        #expect(tsv == "doc\tstart\tstop\ttext\tsentence\nd1\t1\t1\tNATO\tNATO and nato.\nd1\t3\t3\tnato\tNATO and nato.\n", "\(tsv)")
        out.text = ""
        try s.run("return corpus:kwic('nato', {width = 8})", chunkName: "=test")
        #expect(out.text == "doc,start,stop,left,match,right\nd1,1,1,,NATO,and nato\nd1,3,3,NATO and,nato,.\n", "\(out.text)")
        out.text = ""
        try s.run("return corpus:search('nato')", chunkName: "=test")
        #expect(out.text.hasPrefix("doc,start,stop,text,sentence\n"), "\(out.text)")
    }

    @Test func formatAppliesToPrintAndToAReturnedTable() throws {
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (s, out) = try session(out: dir + "/out", format: .csv)
        try s.run("\(Self.rows)\nprint(t:head(1))", chunkName: "=test")
        #expect(out.text == "word,n,outlet\nnato,69,RT\n")
        out.text = ""
        try s.run("return t:where{outlet = 'TASS'}", chunkName: "=test")
        #expect(out.text == "word,n,outlet\nkiev,12,TASS\n")
        out.text = ""
        try s.run("return 42", chunkName: "=test")
        #expect(out.text == "42\n", "a value that is not a Table prints as the REPL shows it")
        out.text = ""
        try s.run("t:print(2)", chunkName: "=test")
        #expect(out.text == "word,n,outlet\nnato,69,RT\nkiev,12,TASS\n")
        let (plain, plainOut) = try session(out: dir + "/out")
        try plain.run("\(Self.rows)\nreturn t", chunkName: "=test")
        #expect(plainOut.text.hasPrefix("word    n  outlet\n"), "without --format a returned Table prints aligned: \(plainOut.text)")
    }
}
