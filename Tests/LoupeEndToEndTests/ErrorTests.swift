import Foundation
import Testing
import LoupeTestSupport

/// Exit status 1 for script errors (message `file:line: text` and a traceback on stderr),
/// 2 for usage errors; bad input is an error, never a crash.
@Suite("Errors and exit status")
struct ErrorTests {
    let corpus = LoupeCLI.bundledCorpus

    /// Status 1, nothing crashed, stderr starts with `loupe: <prefix>` and holds a traceback.
    func expectScriptError(_ r: Outcome, startsWith prefix: String, traceback: Bool = true,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 1, "\(r)", sourceLocation: sourceLocation)
        #expect(!r.signaled, sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("loupe: " + prefix), "\(r)", sourceLocation: sourceLocation)
        if traceback {
            #expect(r.stderr.contains("\nstack traceback:\n"), "\(r)", sourceLocation: sourceLocation)
        }
    }

    // MARK: script errors (status 1)

    @Test("Runtime error in a script file: file:line: text, traceback with the calling lines")
    func runtimeErrorInScript() throws {
        try TempDir.with { dir in
            try dir.write("fail.lua", """
                local function inner()
                  local t = nil
                  return t.field
                end
                print("started")
                inner()
                """)
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "fail.lua"], cwd: dir.url)
            expectScriptError(r, startsWith: "fail.lua:3: attempt to index a nil value")
            #expect(r.stdout == "started\n", "\(r)")
            #expect(r.stderr.contains("fail.lua:6:"), "the traceback should show the calling line\n\(r)")
        }
    }

    @Test("error('text') in a script file")
    func explicitErrorInScript() throws {
        try TempDir.with { dir in
            try dir.write("e.lua", "print(1)\nerror('custom failure')\n")
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "e.lua"], cwd: dir.url)
            expectScriptError(r, startsWith: "e.lua:2: custom failure")
        }
    }

    @Test("Syntax error in a script file: file:line: text, status 1, nothing run")
    func syntaxErrorInScriptMessage() throws {
        try TempDir.with { dir in
            try dir.write("syn.lua", "print('never')\nlocal x = = 1\n")
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "syn.lua"], cwd: dir.url)
            #expect(r.status == 1, "\(r)")
            #expect(r.stdout.isEmpty, "a chunk that does not compile must not run\n\(r)")
            #expect(r.stderr.hasPrefix("loupe: syn.lua:2: "), "\(r)")
            #expect(r.stderr.contains("near '='"), "\(r)")
        }
    }

    // As lua.c: a syntax error has a position but no traceback (nothing ran), and no line runs.
    @Test("Syntax error in a script file: nothing of the script runs")
    func syntaxErrorInScriptRunsNothing() throws {
        try TempDir.with { dir in
            try dir.write("syn.lua", "print('never')\nlocal x = = 1\n")
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "syn.lua"], cwd: dir.url)
            #expect(r.status == 1, "\(r)")
            #expect(r.stderr.hasPrefix("loupe: syn.lua:2: "), "\(r)")
            #expect(!r.stdout.contains("never"), "\(r)")
        }
    }

    @Test("Runtime error in -e code names (command line)")
    func runtimeErrorInExecute() throws {
        let r = try LoupeCLI.lua("local n = nil + 1")
        expectScriptError(r, startsWith: "(command line):1: attempt to perform arithmetic")
    }

    @Test("Syntax error in -e code: status 1 and the position")
    func syntaxErrorInExecute() throws {
        let r = try LoupeCLI.lua("print(")
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.hasPrefix("loupe: (command line):1: "), "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
    }

    @Test("A later -e does not run after an earlier one fails")
    func stopsAtFirstFailingExecute() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "-e", "error('first')", "-e", "print('second')"])
        #expect(r.status == 1, "\(r)")
        #expect(!r.stdout.contains("second"), "\(r)")
    }

    @Test("Error objects that are not strings")
    func nonStringErrors() throws {
        let table = try LoupeCLI.lua("error({})")
        #expect(table.status == 1, "\(table)")
        #expect(table.stderr.contains("table"), "\(table)")
        let custom = try LoupeCLI.lua("error(setmetatable({}, {__tostring = function() return 'custom object' end}))")
        #expect(custom.status == 1, "\(custom)")
        #expect(custom.stderr.contains("custom object"), "\(custom)")
        let none = try LoupeCLI.lua("error()")
        #expect(none.status == 1, "\(none)")
    }

    @Test("Deep recursion is a stack overflow error, not a crash")
    func stackOverflow() throws {
        let r = try LoupeCLI.lua("local function f() return 1 + f() end f()")
        expectScriptError(r, startsWith: "(command line):1: stack overflow")
    }

    // MARK: errors raised by Swift functions

    @Test("corpus:count() with no argument: bad argument #1 to 'count', traceback")
    func countWithoutArgument() throws {
        let r = try LoupeCLI.lua("corpus:count()")
        expectScriptError(r, startsWith: "(command line):1: bad argument #1 to 'count'")
    }

    @Test("corpus:count(42) with a table: bad argument names the type")
    func countWithWrongType() throws {
        let r = try LoupeCLI.lua("corpus:count({})")
        expectScriptError(r, startsWith: "(command line):1: bad argument #1 to 'count'")
        #expect(r.stderr.contains("table"), "\(r)")
    }

    @Test("corpus.count('x') with a dot: the error says to use a colon")
    func countWithDot() throws {
        let r = try LoupeCLI.lua("corpus.count('x')")
        expectScriptError(r, startsWith: "(command line):1: ")
        #expect(r.stderr.contains("colon"), "\(r)")
        #expect(r.stderr.contains("corpus:count("), "\(r)")
    }

    @Test("A method called on the wrong kind of object gets the colon hint, not a crash")
    func methodOnWrongObject() throws {
        let r = try LoupeCLI.lua("corpus.count(corpus[1], 'nato')")
        expectScriptError(r, startsWith: "(command line):1: ")
        #expect(r.stderr.contains("corpus:count("), "\(r)")
    }

    @Test("Swift errors inside a script file carry the script's line and the call chain")
    func swiftErrorInScriptFile() throws {
        try TempDir.with { dir in
            try dir.write("deep.lua", "local function f()\n  return corpus:count()\nend\nf()\n")
            let r = try LoupeCLI.run(["--corpus", corpus, "--quiet", "run", "deep.lua"], cwd: dir.url)
            expectScriptError(r, startsWith: "deep.lua:2: bad argument #1 to 'count'")
            #expect(r.stderr.contains("deep.lua:4:"), "\(r)")
        }
    }

    @Test("Swift errors can be caught with pcall")
    func swiftErrorCaught() throws {
        let r = try LoupeCLI.lua("local ok, e = pcall(corpus.count, corpus) print(ok, e ~= nil) print('still here')")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "false\ttrue\nstill here\n", "\(r)")
    }

    @Test("A Swift error inside a coroutine is an error, not a crash")
    func swiftErrorInCoroutine() throws {
        let r = try LoupeCLI.lua("coroutine.wrap(function() corpus:count() end)()")
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("bad argument #1 to 'count'"), "\(r)")
    }

    // MARK: bad queries and options

    @Test("A query of only punctuation is a Lua error (status 1), not a crash",
          arguments: ["!!!", "", "   ", "—", "...", "\u{201C}\u{201D}"])
    func punctuationQuery(_ query: String) throws {
        let r = try LoupeCLI.lua("corpus:count(\(luaString(query)))")
        expectScriptError(r, startsWith: "(command line):1: ")
        #expect(r.stderr.contains("count"), "\(r)")
    }

    @Test("The same bad queries through search and kwic", arguments: ["search", "kwic"])
    func punctuationQueryOtherMethods(_ method: String) throws {
        let r = try LoupeCLI.lua("corpus:\(method)('!!!')")
        expectScriptError(r, startsWith: "(command line):1: ")
        #expect(r.stderr.contains(method), "\(r)")
    }

    @Test("An unclosed quote in a query reports the column")
    func unclosedQuoteColumn() throws {
        let r = try LoupeCLI.lua(#"corpus:count('"nato')"#)
        expectScriptError(r, startsWith: "(command line):1: ")
        #expect(r.stderr.contains("quote"), "\(r)")
        #expect(r.stderr.contains("column 1"), "\(r)")
    }

    @Test("An unclosed quote after spaces reports where the quote is")
    func unclosedQuoteColumnAfterSpaces() throws {
        let r = try LoupeCLI.lua(#"corpus:count('  "nato agreements')"#)
        expectScriptError(r, startsWith: "(command line):1: ")
        #expect(r.stderr.contains("column 3"), "\(r)")
    }

    @Test("kwic with a width that is not a number names width", arguments: [#""x""#, "0", "501", "2.5", "-3", "{}", "true"])
    func badKwicWidth(_ width: String) throws {
        let r = try LoupeCLI.lua("corpus:kwic('nato', {width = \(width)})")
        expectScriptError(r, startsWith: "(command line):1: ")
        #expect(r.stderr.contains("width"), "\(r)")
    }

    @Test("kwic widths at the ends of the range are fine", arguments: [1, 500])
    func kwicWidthBounds(_ width: Int) throws {
        let r = try LoupeCLI.lua("print(#corpus:kwic('nato', {width = \(width)}) == corpus:count('nato'))")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "true\n", "\(r)")
    }

    @Test("hits:kwic with a bad width names width too")
    func badHitsKwicWidth() throws {
        let r = try LoupeCLI.lua("corpus:search('nato'):kwic({width = 'wide'})")
        expectScriptError(r, startsWith: "(command line):1: ")
        #expect(r.stderr.contains("width"), "\(r)")
    }

    // MARK: usage errors (status 2)

    /// Status 2, nothing on stdout, stderr mentions `mention`, no script ran.
    func expectUsageError(_ r: Outcome, mentions mention: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, "\(r)", sourceLocation: sourceLocation)
        #expect(!r.signaled, sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(mention), "stderr should mention \(mention)\n\(r)", sourceLocation: sourceLocation)
    }

    @Test("Unknown flag: status 2, names the flag")
    func unknownFlag() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "--frobnicate", "-e", "print(1)"])
        expectUsageError(r, mentions: "--frobnicate")
    }

    @Test("-e without code: status 2")
    func executeWithoutCode() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "-e"])
        expectUsageError(r, mentions: "-e")
    }

    @Test("run without a script: status 2")
    func runWithoutScript() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "run"])
        expectUsageError(r, mentions: "file.lua")
    }

    @Test("Missing script file: status 2, names the path")
    func missingScript() throws {
        let r = try LoupeCLI.run(["--corpus", corpus, "run", "no-such-script.lua"])
        expectUsageError(r, mentions: "no-such-script.lua")
    }

    @Test("Script path that is a folder: status 2, names the path")
    func scriptIsFolder() throws {
        try TempDir.with { dir in
            _ = try dir.subfolder("scripts.lua")
            let r = try LoupeCLI.run(["--corpus", corpus, "run", "scripts.lua"], cwd: dir.url)
            expectUsageError(r, mentions: "scripts.lua")
        }
    }

    @Test("--corpus path that does not exist: status 2, names the path")
    func corpusMissing() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-e2e-missing-\(UUID().uuidString)").path
        let r = try LoupeCLI.run(["--corpus", missing, "-e", "print('ran')"])
        expectUsageError(r, mentions: missing)
    }

    @Test("--corpus path that is a file: status 2, names the path")
    func corpusIsFile() throws {
        try TempDir.with { dir in
            let file = try dir.write("notes.txt", "not a folder")
            let r = try LoupeCLI.run(["--corpus", file.path, "-e", "print('ran')"])
            expectUsageError(r, mentions: file.path)
        }
    }

    @Test("--corpus missing with run: status 2 before the script runs")
    func corpusMissingWithRun() throws {
        try TempDir.with { dir in
            try dir.write("s.lua", "print('ran')")
            let r = try LoupeCLI.run(["--corpus", "nowhere", "run", "s.lua"], cwd: dir.url)
            expectUsageError(r, mentions: "nowhere")
        }
    }

    @Test("LOUPE_CORPUS that does not exist: status 2, names the path")
    func environmentCorpusMissing() throws {
        let r = try LoupeCLI.run(["-e", "print('ran')"], environment: ["LOUPE_CORPUS": "/nonexistent/loupe-e2e-corpus"])
        expectUsageError(r, mentions: "/nonexistent/loupe-e2e-corpus")
    }

    @Test("Usage errors are reported even with --quiet")
    func usageErrorQuiet() throws {
        let r = try LoupeCLI.run(["--quiet", "--corpus", "/nonexistent/q", "-e", "print(1)"])
        expectUsageError(r, mentions: "/nonexistent/q")
    }
}

/// A Lua long-bracket-free string literal for arbitrary text.
func luaString(_ s: String) -> String {
    "\"" + s.unicodeScalars.map { c -> String in
        switch c {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        default: return String(c)
        }
    }.joined() + "\""
}
