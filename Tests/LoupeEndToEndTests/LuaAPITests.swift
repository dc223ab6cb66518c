import Foundation
import Testing
import LoupeTestSupport

/// The Lua API through the binary, on the bundled corpus (13 documents).
@Suite("Lua API on the bundled corpus")
struct LuaAPITests {
    func lua(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let r = try LoupeCLI.lua(code, sourceLocation: sourceLocation)
        #expect(r.status == 0, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stderr.isEmpty, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    @Test("#corpus is 13")
    func documentCount() throws {
        #expect(try lua("print(#corpus)").stdout == "13\n")
    }

    @Test("corpus[\"id\"].meta.outlet")
    func documentById() throws {
        let r = try lua(#"print(corpus["lavrov-carlson-2024"].meta.outlet)"#)
        #expect(r.stdout == "Ministry of Foreign Affairs of the Russian Federation\n")
    }

    @Test("corpus:doc(id) is the same document as corpus[id]; unknown ids give nil")
    func docMethod() throws {
        let r = try lua(#"print(corpus:doc("lavrov-carlson-2024") == corpus["lavrov-carlson-2024"], corpus:doc("nope"), corpus["nope"])"#)
        #expect(r.stdout == "true\tnil\tnil\n")
    }

    @Test("corpus[1].id is the first document in file order")
    func firstDocument() throws {
        #expect(try lua("print(corpus[1].id, corpus[13].id)").stdout
                == "chalenko-lugansk-international-work\twsws-troop-deployments-2022-02-12\n")
    }

    @Test("Indexes outside 1…#corpus give nil")
    func outOfRangeIndexes() throws {
        #expect(try lua("print(corpus[0], corpus[14], corpus[-1], corpus[1.5])").stdout == "nil\tnil\tnil\tnil\n")
    }

    @Test("for d in corpus:docs() visits all 13, in order")
    func iterateDocs() throws {
        let r = try lua("""
            local n, same = 0, true
            for d in corpus:docs() do n = n + 1; same = same and d.id == corpus[n].id end
            print(n, same)
            """)
        #expect(r.stdout == "13\ttrue\n")
    }

    @Test("corpus:count(\"nato\") equals #corpus:search(\"nato\"), and is case-insensitive")
    func countMatchesSearch() throws {
        let r = try lua("""
            local n = corpus:count("nato")
            print(n > 0, n == #corpus:search("nato"), n == corpus:count("NATO"), n == corpus:count('"Nato"'))
            """)
        #expect(r.stdout == "true\ttrue\ttrue\ttrue\n")
    }

    @Test("Phrases count; a word not in the corpus counts 0")
    func phraseCounts() throws {
        let r = try lua("""
            print(corpus:count("minsk agreements") > 0, corpus:count("minsk agreements") <= corpus:count("minsk"),
                  corpus:count("xyzzyplugh"), #corpus:search("xyzzyplugh"))
            """)
        #expect(r.stdout == "true\ttrue\t0\t0\n")
    }

    @Test("Search hits: hits[i] has doc, start, stop, text, sentence; ipairs visits #hits")
    func hitRecords() throws {
        let r = try lua("""
            local hits = corpus:search("minsk agreements")
            local h = hits[1]
            print(type(h.doc), corpus[h.doc] ~= nil, h.stop - h.start, h.text:lower(), h.sentence:lower():find("minsk agreements", 1, true) ~= nil)
            local n = 0
            for i, hit in ipairs(hits) do n = i end
            print(n == #hits, hits[#hits + 1])
            """)
        #expect(r.stdout == "string\ttrue\t1\tminsk agreements\ttrue\ntrue\tnil\n")
    }

    @Test("hits:docs() lists each document with a hit once")
    func hitsDocs() throws {
        let r = try lua("""
            local seen, distinct = {}, 0
            for _, hit in ipairs(corpus:search("nato")) do
              if not seen[hit.doc] then seen[hit.doc] = true; distinct = distinct + 1 end
            end
            local docs = corpus:search("nato"):docs()
            local ok = true
            for _, d in ipairs(docs) do ok = ok and seen[d.id] end
            print(#docs == distinct, ok)
            """)
        #expect(r.stdout == "true\ttrue\n")
    }

    @Test("kwic printed: one line per hit, the match in [brackets]")
    func kwicLines() throws {
        let r = try lua(#"print(corpus:count("minsk")) print(corpus:kwic("minsk", {width = 20}))"#)
        let lines = r.stdoutLines
        let count = try #require(Int(lines.first ?? ""), "\(r)")
        #expect(count > 0)
        let kwic = Array(lines.dropFirst())
        #expect(kwic.count == count, "one line per hit\n\(r)")
        for line in kwic {
            #expect(line.lowercased().contains("[minsk]"), "no [match] in: \(line)")
        }
    }

    @Test("kwic lines are aligned on the match")
    func kwicAligned() throws {
        let r = try lua(#"print(corpus:kwic("minsk", {width = 20}))"#)
        let columns = Set(r.stdoutLines.compactMap { line -> Int? in
            guard let i = line.firstIndex(of: "[") else { return nil }
            return line.distance(from: line.startIndex, to: i)
        })
        #expect(columns.count == 1, "the [ of each line should be in one column: \(columns)\n\(r)")
    }

    @Test("kwic entries: #k and k[i] with doc, left, match, right")
    func kwicEntries() throws {
        let r = try lua("""
            local k = corpus:kwic("minsk", {width = 20})
            print(#k == corpus:count("minsk"), type(k[1].doc), k[1].match:lower(), #k[1].left <= 80, k[#k + 1])
            """)
        #expect(r.stdout == "true\tstring\tminsk\ttrue\tnil\n")
    }

    @Test("kwic with no matches prints something, not nothing")
    func kwicNoMatches() throws {
        let r = try lua(#"print(corpus:kwic("xyzzyplugh"))"#)
        #expect(!r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test("print(corpus) shows the type and the counts")
    func printCorpus() throws {
        let r = try lua("print(corpus)")
        #expect(r.stdout.hasPrefix("Corpus"), "\(r)")
        #expect(r.stdout.contains("13 documents"), "\(r)")
        #expect(r.stdout.contains("tokens"), "\(r)")
        #expect(!r.stdout.contains("userdata"), "\(r)")
    }

    @Test("print(corpus[1]) shows the type, id and token count")
    func printDocument() throws {
        let r = try lua("print(#corpus[1]) print(corpus[1])")
        let lines = r.stdoutLines
        #expect(lines.count == 2, "\(r)")
        let tokens = try #require(Int(lines.first ?? ""), "\(r)")
        let shown = lines.last ?? ""
        #expect(shown.hasPrefix("Document"), "\(r)")
        #expect(shown.contains("chalenko-lugansk-international-work"), "\(r)")
        #expect(shown.contains(grouped(tokens) + " tokens"), "\(r)")
    }

    @Test("print(corpus:search(\"nato\")) shows the type, the number of matches and examples")
    func printHits() throws {
        let r = try lua(#"print(corpus:count("nato")) print(corpus:search("nato"))"#)
        let lines = r.stdoutLines
        let n = try #require(Int(lines.first ?? ""), "\(r)")
        let first = lines.dropFirst().first ?? ""
        #expect(first.hasPrefix("Hits"), "\(r)")
        #expect(first.contains("\(grouped(n)) matches"), "\(r)")
        #expect(first.contains("nato"), "\(r)")
        #expect(lines.count > 2, "examples should follow\n\(r)")
    }

    @Test("tostring on Loupe objects is what print shows")
    func tostringMatchesPrint() throws {
        let r = try lua("""
            print(tostring(corpus) == string.format("%s", corpus))
            print(tostring(corpus[1]):sub(1, 8))
            """)
        #expect(r.stdout == "true\nDocument\n")
    }

    @Test("#doc is its token count, the length of doc:tokens(); the tokens add up to the corpus")
    func documentLength() throws {
        let r = try lua("""
            local total, ok = 0, true
            for d in corpus:docs() do
              total = total + #d
              ok = ok and #d == #d:tokens() and #d > 0
            end
            print(ok, total == corpus:info().tokens)
            """)
        #expect(r.stdout == "true\ttrue\n")
    }

    @Test("doc:sentences(), doc:paragraphs(), doc:tokens() are non-empty tables of strings",
          arguments: ["sentences", "paragraphs", "tokens"])
    func documentParts(_ method: String) throws {
        let r = try lua("""
            for d in corpus:docs() do
              local t = d:\(method)()
              assert(type(t) == "table", d.id .. ": not a table")
              assert(#t > 0, d.id .. ": empty")
              for i, s in ipairs(t) do
                assert(type(s) == "string", d.id .. ": item " .. i .. " is a " .. type(s))
                assert(#s > 0, d.id .. ": item " .. i .. " is empty")
              end
            end
            print("ok")
            """)
        #expect(r.stdout == "ok\n", "\(r)")
    }

    @Test("Sentences and paragraphs come from the text: each is found in doc.text")
    func partsAreFromText() throws {
        let r = try lua("""
            local d = corpus["lavrov-carlson-2024"]
            local ok = true
            for _, s in ipairs(d:sentences()) do ok = ok and d.text:find(s, 1, true) ~= nil end
            for _, p in ipairs(d:paragraphs()) do ok = ok and d.text:find(p, 1, true) ~= nil end
            print(ok, #d:paragraphs() <= #d:sentences())
            """)
        #expect(r.stdout == "true\ttrue\n")
    }

    @Test("Document fields: id, title, text, meta, source")
    func documentFields() throws {
        let r = try lua("""
            local d = corpus["lavrov-carlson-2024"]
            print(d.id, type(d.title), #d.text > 1000, type(d.meta), d.meta.date, type(d.source), d.nosuchfield)
            """)
        #expect(r.stdout == "lavrov-carlson-2024\tstring\ttrue\ttable\t2024-12-06\tstring\tnil\n")
    }

    @Test("corpus:info() sums up the corpus")
    func info() throws {
        let r = try lua("local i = corpus:info() print(i.documents, i.tokens > 0, i.types > 0, type(i.fields), i.path ~= nil)")
        #expect(r.stdout == "13\ttrue\ttrue\ttable\ttrue\n")
    }

    /// 1234567 → "1,234,567", as Loupe prints counts.
    func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}

/// The sandbox by default, the full library with --unsafe.
@Suite("Sandbox")
struct SandboxTests {
    @Test("os.execute, io.popen, package, debug are nil by default")
    func sandboxed() throws {
        let r = try LoupeCLI.lua("print(os.execute, io.popen, package, debug)")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "nil\tnil\tnil\tnil\n", "\(r)")
    }

    @Test("Other ways out are closed too: os.remove, os.exit, string.dump, bytecode")
    func otherWaysOut() throws {
        let r = try LoupeCLI.lua(#"print(os.remove, os.exit, string.dump, load("\27Lua"))"#)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("nil\tnil\tnil\tnil\t"), "\(r)")
    }

    @Test("Reading outside the corpus, the script's folder and scripts/ is refused")
    func ioOutsideIsRefused() throws {
        let r = try LoupeCLI.lua("assert(io.open('/etc/passwd'))")
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.hasPrefix("loupe: (command line):1: '/etc/passwd' is outside the folders scripts may read"), "\(r)")
    }

    @Test("The sandbox keeps the harmless libraries")
    func harmlessLibraries() throws {
        let r = try LoupeCLI.lua("print(string.upper('a'), table.concat({1, 2}, ','), math.max(1, 2), utf8.char(72), type(os.time()), type(os.clock()))")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "A\t1,2\t2\tH\tnumber\tnumber\n", "\(r)")
    }

    @Test("--unsafe makes io available, and io.write keeps its place among prints")
    func unsafeHasIO() throws {
        let r = try LoupeCLI.lua("print(type(io), type(io.write), type(require), type(debug)) print('a') io.write('b\\n') print('c')",
                                 extra: ["--unsafe"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "table\tfunction\tfunction\ttable\na\nb\nc\n", "\(r)")
    }

    @Test("--unsafe with run: the script can read a file")
    func unsafeRunReadsFile() throws {
        try TempDir.with { dir in
            try dir.write("data.txt", "secret-ish")
            try dir.write("read.lua", "local f = assert(io.open('data.txt')) print(f:read('a')) f:close()")
            let r = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "--unsafe", "run", "read.lua"], cwd: dir.url)
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "secret-ish\n", "\(r)")

            // sandboxed, a file next to the script may be read; one elsewhere may not
            let sandboxed = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "run", "read.lua"], cwd: dir.url)
            #expect(sandboxed.status == 0, "\(sandboxed)")
            #expect(sandboxed.stdout == "secret-ish\n", "\(sandboxed)")
            try dir.write("far.lua", "assert(io.open('/etc/hostname'))")
            let far = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "run", "far.lua"], cwd: dir.url)
            #expect(far.status == 1, "\(far)")
            #expect(far.stderr.hasPrefix("loupe: far.lua:1: '/etc/hostname' is outside"), "\(far)")
        }
    }
}
