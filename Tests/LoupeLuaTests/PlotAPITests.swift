import Foundation
import Testing
import LoupeCore
@testable import LoupeLua
@testable import LuaRuntime

/// t:plot and hits:plot from Lua: files written by the writer rules, text bars, errors.
@Suite struct PlotAPITests {
    static let rows = """
        t = loupe.table({ {"RT", 69, "2022-01"}, {"TASS", 12, "2022-03-15"}, {"Kremlin", 40, "2023"}, {"BBC", 0, "2022-02"} },
                        {columns = {"outlet", "n", "date"}})
        """

    /// A session over LuaHarness's small corpus whose writers write into a fresh folder's out/;
    /// the session (as a harness) and the folder.
    func session(unsafe: Bool = false) throws -> (PlotHarness, String) {
        let base = PathPolicy.resolved(FileManager.default.temporaryDirectory.path) ?? "/tmp"
        let dir = base + "/loupe-plotapi-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        var b = CorpusBuilder()
        for (i, t) in LuaHarness.sampleTexts.enumerated() {
            b.add(RawDocument(id: "d\(i + 1)", title: "Doc \(i + 1)", text: t, meta: Metadata(),
                              source: DocumentSource(file: "d\(i + 1).txt", firstLine: 1, lastLine: 1)))
        }
        let out = OutputBuffer()
        var options = EnvironmentOptions()
        options.unsafe = unsafe
        options.output = { out.text += $0 }
        options.paths = PathPolicy(readable: [], output: dir + "/out", mayReplace: true)   // --overwrite: the script decides
        let h = PlotHarness(session: try LuaEnvironment(corpus: b.build(root: "mem"), options: options), output: out)
        try h.run(Self.rows)
        return (h, dir)
    }

    struct PlotHarness {
        let session: LuaEnvironment
        let output: OutputBuffer
        @discardableResult
        func run(_ code: String) throws -> String {
            output.text = ""
            try session.run(code, chunkName: "=test")
            return output.text
        }
        func error(_ code: String) -> String? {
            do { try session.run(code, chunkName: "=test"); return nil } catch let e as LuaError { return e.message } catch { return "\(error)" }
        }
    }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func barLineAndDispersionFilesAreWrittenIntoTheOutputFolder() throws {
        let (h, dir) = try session()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try h.run("print(t:plot{kind = 'bar', x = 'outlet', y = 'n', file = 'bars.svg'})") == dir + "/out/bars.svg\n")
        let bars = try #require(contents(dir + "/out/bars.svg"))
        #expect(bars.hasPrefix("<?xml") && bars.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(bars.components(separatedBy: "class=\"bar\"").count - 1 == 4)
        #expect(bars.contains(">n by outlet</text>"))
        try h.run("t:plot{kind = 'line', x = 'date', y = 'n', title = 'N over time', file = './line.svg'}")
        let line = try #require(contents(dir + "/out/line.svg"))
        #expect(line.components(separatedBy: "class=\"point\"").count - 1 == 4)
        #expect(line.contains(">N over time</text>"))
        // hits:plot draws the dispersion of the hits: one band per document with hits
        #expect(try h.run("print(corpus:search('nato|minsk'):plot{file = 'disp.svg'})") == dir + "/out/disp.svg\n")
        let disp = try #require(contents(dir + "/out/disp.svg"))
        #expect(disp.components(separatedBy: "class=\"document\"").count - 1 == 2)
        #expect(disp.contains("Dispersion of &quot;nato|minsk&quot;"))
        // the same from a table with doc, start and tokens
        try h.run("""
            local rows = {}
            for doc in corpus:docs() do rows[#rows + 1] = {doc = doc.id, tokens = #doc} end
            local hits = corpus:search('nato'):table():join(loupe.table(rows), 'doc')
            t2 = hits:plot{kind = 'dispersion', file = 'disp2.svg'}
            """)
        let disp2 = try #require(contents(dir + "/out/disp2.svg"))
        #expect(disp2.components(separatedBy: "class=\"document\"").count - 1 == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted() == ["bars.svg", "disp.svg", "disp2.svg", "line.svg"])
    }

    @Test func overwriteAndThePathRulesAreThoseOfWrite() throws {
        let (h, dir) = try session()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try h.run("t:plot{x = 'outlet', y = 'n', file = 'p.svg'}")
        let first = contents(dir + "/out/p.svg")
        #expect(h.error("t:plot{x = 'outlet', y = 'n', file = 'p.svg', title = 'other'}")?.contains("already exists; pass {overwrite = true}") == true)
        #expect(contents(dir + "/out/p.svg") == first)
        #expect(h.error("t:plot{x = 'outlet', y = 'n', file = 'p.svg', title = 'other', overwrite = true}") == nil)
        #expect(contents(dir + "/out/p.svg")?.contains(">other</text>") == true)
        #expect(h.error("t:plot{x = 'outlet', y = 'n', file = '../escape.svg'}")?.contains("is outside the output folder") == true)
        #expect(h.error("t:plot{x = 'outlet', y = 'n', file = '\(dir)/escape.svg'}")?.contains("is outside the output folder") == true)
        #expect(h.error("t:plot{x = 'outlet', y = 'n', file = 'p.png'}")?.contains("must be named …svg") == true)
        #expect(h.error("t:plot{x = 'outlet', y = 'n', file = 'q.svg', overwrite = 'yes'}")?.contains("overwrite must be true or false") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["out"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted() == ["p.svg"])
    }

    @Test func errorsNameTheColumn() throws {
        let (h, dir) = try session()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(h.error("t:plot{x = 'outlet', y = 'count'}") == "test:1: plot: no column 'count' for y (columns: outlet, n, date)")
        #expect(h.error("t:plot{x = 'source', y = 'n', file = 'a.svg'}") == "test:1: plot: no column 'source' for x (columns: outlet, n, date)")
        #expect(h.error("t:plot{x = 'outlet', y = 'date'}") == "test:1: plot: column 'date' (y) holds \"2022-01\" in row 1; it needs numbers")
        #expect(h.error("t:plot{kind = 'line', x = 'outlet', y = 'n', file = 'a.svg'}")
                == "test:1: plot: column 'outlet' (x) holds \"RT\" in row 1; it needs numbers or dates written YYYY, YYYY-MM or YYYY-MM-DD")
        #expect(h.error("t:plot{kind = 'line', x = 'date', y = 'n', series = 'group', file = 'a.svg'}")
                == "test:1: plot: no column 'group' for series (columns: outlet, n, date)")
        #expect(h.error("loupe.table{ {a = 'x', n = 1}, {a = 'y'} }:plot{x = 'a', y = 'n'}") == "test:1: plot: column 'n' (y) is empty in row 2; it needs numbers")
        #expect(h.error("t:plot{kind = 'pie', file = 'a.svg'}")?.contains("kind must be \"bar\", \"line\" or \"dispersion\"") == true)
        #expect(h.error("t:plot{kind = 'line', x = 'date', y = 'n'}")?.contains("give file = \"name.svg\"") == true)
        #expect(h.error("t:plot{x = 'outlet', y = 'n', titel = 'oops'}")?.contains("unknown option 'titel'") == true)
        #expect(h.error("t:plot{x = 'outlet', y = 'n', width = 'wide', file = 'a.svg'}")?.contains("width must be a whole number") == true)
        #expect(h.error("t:plot{x = 'outlet', y = 'n', width = 50, file = 'a.svg'}")?.contains("plot: width must be a whole number from 200 to 10000, got 50") == true)
        #expect(h.error("t:plot{kind = 'dispersion'}") == "test:1: plot: no column 'doc' for doc (columns: outlet, n, date)")
        // hits:plot draws a dispersion plot: the options that choose another chart are not its own
        #expect(h.error("corpus:search('nato'):plot{kind = 'bar'}") == "test:1: plot: unknown option 'kind' (options: title, xlabel, ylabel, width, height, file, overwrite)")
        #expect(h.error("corpus:search('nato'):plot{file = 'x.png'}") == "test:1: plot: the file must be named …svg (a plot is written as SVG), got 'x.png'")
        #expect(h.error("corpus:search('nato'):plot{file = '../x.svg'}")?.hasPrefix("test:1: plot: '../x.svg' is outside the output folder") == true)
        #expect(h.error("loupe.table{ {w = 'a'} }:plot{}")?.contains("no column of numbers to plot") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").isEmpty)
    }

    @Test func aLineChartByMonthSumsPerMonth() throws {
        let (h, dir) = try session()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try h.run("t:plot{kind = 'line', x = 'date', y = 'n', by = 'month', file = 'monthly.svg'}")
        let svg = try #require(contents(dir + "/out/monthly.svg"))
        #expect(svg.contains(">n per month</text>"))
        // 2022-01, -02, -03 joined; 2023 (January) stands alone after ten empty months
        #expect(svg.components(separatedBy: "class=\"point\"").count - 1 == 4)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
        #expect(h.error("t:plot{kind = 'line', x = 'date', y = 'n', by = 'fortnight', file = 'a.svg'}")
                == "test:1: plot: by must be \"year\", \"month\", \"week\" or \"day\", got \"fortnight\"")
        #expect(h.error("t:plot{kind = 'bar', x = 'outlet', y = 'n', by = 'month'}") == "test:1: plot: by is for kind = \"line\"")
    }

    @Test func withoutAFileABarChartIsTextBars() throws {
        let (h, dir) = try session()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try h.run("print(t:plot{x = 'outlet', y = 'n'})")
        #expect(text == """
            n by outlet
            RT       ████████████████████████████████████████ 69
            TASS     ███████ 12
            Kremlin  ███████████████████████▎ 40
            BBC      0

            """)
        // the columns default to the first one and the first column of numbers after it
        #expect(try h.run("print(t:plot())") == text)
        // in the REPL, the returned value shows as the bars
        guard case .expression(let shown) = h.session.evaluate("t:sort('n', 'desc'):plot{title = 'by n'}") else {
            Issue.record("expected an expression"); return
        }
        #expect(shown.first?.hasPrefix("by n\nRT       ████") == true, "\(shown)")
        // hits:plot() without a file: the dispersion as text
        let disp = try h.run("print(corpus:search('nato'):plot())")
        let lines = disp.split(separator: "\n")
        #expect(lines.first == "Dispersion of \"nato\"")
        #expect(lines.count == 3 && lines[1].hasPrefix("d1  [") && lines[1].hasSuffix("]  2") && lines[2].hasSuffix("]  1"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").isEmpty)
    }
}
