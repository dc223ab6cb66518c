import Foundation
import Testing
import LoupeTestSupport

/// The REPL driven as a person drives it: in a real terminal (tmux), typing
/// keys and reading the screen.
final class TmuxREPL {
    let socket = "loupe-test-" + UUID().uuidString.prefix(8)
    let stateDir: TempDir

    init(stateDir: TempDir, arguments: [String] = [], environment: [String: String] = [:], width: Int = 100) throws {
        self.stateDir = stateDir
        let binary = try LoupeCLI.binary.get()
        var env = ["XDG_STATE_HOME": stateDir.path, "TERM": "xterm"]
        env.merge(environment) { $1 }
        // The test runner may itself run with NO_COLOR set; the terminal must not inherit it.
        let command = ["env", "-u", "NO_COLOR"] + env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + [binary, "--corpus", LoupeCLI.bundledCorpus] + arguments
        try tmux(["new-session", "-d", "-x", String(width), "-y", "50", "--"] + command, output: false)
        #expect(waitFor("> ", seconds: 60), "the prompt appears: \(screen())")
    }

    deinit { _ = try? tmux(["kill-server"], output: false) }

    /// Runs a tmux client. Spawned with every descriptor above 2 closed: the
    /// server it may start would otherwise inherit the test runner's descriptors
    /// and keep Foundation's Process (and pipes) from ever seeing the end.
    @discardableResult
    func tmux(_ args: [String], output: Bool = true) throws -> String {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Close-on-exec: a process another test starts meanwhile (a tmux server lives on) must
        // not inherit the pipe's writing end, or reading it would wait for that process to end.
        var fds: [Int32] = [-1, -1]
        guard (Self.pipe2.map { $0(&fds, O_CLOEXEC) } ?? pipe(&fds)) == 0 else { throw TmuxError(message: "pipe failed") }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if output { posix_spawn_file_actions_adddup2(&actions, fds[1], 1) }
        else { posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Every other descriptor closed at the spawn itself (glibc 2.34): a list taken before
        // misses those other threads open in between (the fallback).
        if let closeFrom = Self.addCloseFrom {
            _ = closeFrom(&actions, 3)
        } else {
            let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
            for fd in open where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
        let argv = (["tmux", "-L", socket] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner blocks or ignores some signals; the terminal must get them as a shell would.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ)
        close(fds[1])
        defer { close(fds[0]) }
        guard rc == 0 else { throw TmuxError(message: "cannot start tmux (\(rc))") }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: data, as: UTF8.self)
    }

    struct TmuxError: Error { let message: String }

    // glibc functions Swift's Glibc module does not declare (they need _GNU_SOURCE), or nil.
    private static func glibc<T>(_ name: String, as type: T.Type) -> T? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: type) }
    }
    private static let pipe2 = glibc("pipe2", as: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    private static let addCloseFrom = glibc("posix_spawn_file_actions_addclosefrom_np",
                                            as: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)

    func type(_ text: String) { _ = try? tmux(["send-keys", "-t", "0", "-l", text], output: false) }
    func key(_ name: String) { _ = try? tmux(["send-keys", "-t", "0", name], output: false) }
    /// Several keys in one write to the terminal (two Ctrl-C arrive back to back).
    func keys(_ names: [String]) { _ = try? tmux(["send-keys", "-t", "0"] + names, output: false) }
    /// Types text and waits until the terminal shows it (keys sent faster than
    /// the program reads them can reach it between two modes of the terminal).
    func line(_ text: String) { typed(text); key("Enter") }

    func typed(_ text: String) {
        type(text)
        _ = waitFor(String(text.suffix(20)), seconds: 5)
    }

    func screen(escapes: Bool = false) -> String {
        (try? tmux(["capture-pane", "-t", "0", "-p", "-J"] + (escapes ? ["-e"] : []))) ?? ""
    }

    /// Polls the screen until `text` is on it.
    /// (The bound is generous: only a failing test reaches it, and a machine shared with
    /// other builds is slow.)
    func waitFor(_ text: String, seconds: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if screen().contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Waits until the REPL is running `entry`: the line is on the screen, the cursor has left it
    /// with no prompt after it, and the process has since used 30 ms of CPU (a Ctrl-C that comes
    /// before the entry starts would be the prompt's, and lost).
    func waitForRunning(_ entry: String, seconds: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var taken: Int?
        while Date() < deadline {
            if let start = taken {
                if let now = cpuTicks(), now >= start + 3 { return true }
            } else {
                let lines = screen().components(separatedBy: "\n")
                if let row = lines.lastIndex(where: { $0.hasSuffix("> " + entry) }),
                   let cursor = Int(((try? tmux(["display-message", "-p", "-t", "0", "#{cursor_y}"])) ?? "")
                       .trimmingCharacters(in: .whitespacesAndNewlines)),
                   cursor > row, !lines[(row + 1)...].contains(where: { $0.hasPrefix(">") }) {
                    taken = cpuTicks()
                }
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// User and system CPU time, in clock ticks, of the program in the terminal (/proc, proc(5)).
    func cpuTicks() -> Int? {
        guard let pid = (try? tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"]))?
                .trimmingCharacters(in: .whitespacesAndNewlines),
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let name = stat.lastIndex(of: ")") else { return nil }
        // after the name: the state is field 3, utime 14, stime 15
        let fields = stat[stat.index(after: name)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// Whether the session's program has ended (tmux closes the session with it).
    func waitForExit(seconds: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? tmux(["list-sessions"]))?.isEmpty ?? true { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}

@Suite(.serialized) struct TerminalREPLTests {
    static let tmuxPresent = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

    @Test func tmuxIsInstalled() {
        #expect(Self.tmuxPresent, "tmux is needed for the terminal tests: `make deps` installs it")
    }

    @Test(.enabled(if: tmuxPresent)) func bannerExpressionsAndContinuation() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let t = try TmuxREPL(stateDir: dir)
        #expect(t.screen().contains("Loupe \(try LoupeCLI.packageVersion()) (Lua 5.4"))
        #expect(t.screen().contains("13 documents"))
        #expect(t.screen().contains(":help"))
        t.line("40 + 2")
        #expect(t.waitFor("> 40 + 2\n42\n"), "\(t.screen())")
        t.line("corpus:count(\"nato\")")
        #expect(t.waitFor("corpus:count(\"nato\")\n69\n"), "\(t.screen())")
        t.line("for i = 1, 3 do")
        #expect(t.waitFor(">> "), "\(t.screen())")
        t.line("print(i * i)")
        t.line("end")
        #expect(t.waitFor(">> end\n1\n4\n9\n"), "\(t.screen())")
        t.line("local n = 7")
        t.line("n * 6")
        #expect(t.waitFor("> n * 6\n42\n"), "\(t.screen())")
        t.line("error('oops')")
        #expect(t.waitFor("stdin:1: oops"), "\(t.screen())")
        t.line("1")
        #expect(t.waitFor("> 1\n1\n"), "the REPL goes on after an error: \(t.screen())")
    }

    @Test(.enabled(if: tmuxPresent)) func aDocumentGoesThroughThePagerWithItsHitsInReverseVideo() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let paged = dir.url.appendingPathComponent("paged.txt").path
        let t = try TmuxREPL(stateDir: dir, environment: ["PAGER": "cat > '\(paged)'"])
        t.line("corpus:doc(\"rt-genocide-denial-2022-02-18\"):show{q = \"genocide\"}")
        #expect(t.waitFor("show{q = \"genocide\"}\n> "), "the prompt comes back when the pager ends: \(t.screen())")
        let text = (try? String(contentsOfFile: paged, encoding: .utf8)) ?? ""
        #expect(text.hasPrefix("rt-genocide-denial-2022-02-18: 3 hits of \"genocide\"\n"), "\(text.prefix(200))")
        // (the title's space after "genocide" is a no-break space)
        #expect(text.contains(" 1  Russia accuses U.S. of \u{1B}[7mgenocide\u{1B}[0m\u{A0}denial\n"), "\(text.prefix(300))")
        #expect(text.components(separatedBy: "\u{1B}[7m").count - 1 == 3)
        // one hit's lines are printed on the screen, marked the same way
        t.line("corpus:search(\"genocide denial\")[1]:show{context = 1}")
        #expect(t.waitFor("rt-genocide-denial-2022-02-18, line 1\n1  Russia accuses U.S. of genocide\u{A0}denial\n2"), "\(t.screen())")
        #expect(t.screen(escapes: true).contains("of \u{1B}[7mgenocide\u{A0}denial"), "\(t.screen(escapes: true))")
    }

    @Test(.enabled(if: tmuxPresent)) func tabCompletesMethodsAndIds() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let t = try TmuxREPL(stateDir: dir)
        t.type("corpus:kw")
        t.key("Tab")
        #expect(t.waitFor("> corpus:kwic("), "\(t.screen())")
        t.typed("\"minsk\", {width = 10}).n")   // nonsense on purpose: Ctrl-C drops it
        t.key("C-c")
        #expect(t.waitFor("^C"), "\(t.screen())")
        t.type("corpus[\"lavrov-c")
        t.key("Tab")
        #expect(t.waitFor("corpus[\"lavrov-carlson-2024"), "\(t.screen())")
        t.line("\"].meta.outlet")
        #expect(t.waitFor("Ministry of Foreign Affairs of the Russian Federation"), "\(t.screen())")
    }

    @Test(.enabled(if: tmuxPresent)) func ctrlCStopsALongLoopAndTheREPLGoesOn() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let t = try TmuxREPL(stateDir: dir)
        t.line("while true do end")
        #expect(t.waitForRunning("while true do end"), "\(t.screen())")
        t.key("C-c")
        #expect(t.waitFor("interrupted"), "\(t.screen())")
        t.line("1 + 2")
        #expect(t.waitFor("> 1 + 2\n3\n"), "\(t.screen())")
        // Ctrl-C at the prompt clears the line instead of quitting
        t.typed("half a line")
        t.key("C-c")
        #expect(t.waitFor("^C\n> "), "\(t.screen())")
        t.line("2 + 2")
        #expect(t.waitFor("> 2 + 2\n4\n"), "\(t.screen())")
        // Ctrl-C at a continuation prompt drops the whole entry
        t.line("for i = 1, 2 do")
        #expect(t.waitFor(">> "), "\(t.screen())")
        t.key("C-c")
        #expect(t.waitFor("^C\n> "), "\(t.screen())")
        t.line("5 + 5")
        #expect(t.waitFor("> 5 + 5\n10\n"), "\(t.screen())")
    }

    /// A second Ctrl-C before the first has stopped the entry used to end the process,
    /// losing the session (red-team F10): in the REPL every Ctrl-C only stops the entry.
    @Test(.enabled(if: tmuxPresent)) func twoCtrlCsAtOnceNeverEndTheSession() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let t = try TmuxREPL(stateDir: dir)
        t.line("kept = 41")
        for round in 1...3 {
            t.line("while true do end")
            #expect(t.waitForRunning("while true do end"), "\(t.screen())")
            t.keys(["C-c", "C-c", "C-c"])
            t.line("kept = kept + 1")
            t.line("print('round' .. \(round) .. '=' .. kept)")
            #expect(t.waitFor("\nround\(round)=\(41 + round)\n"), "\(t.screen())")
        }
        #expect(t.screen().contains("interrupted"), "\(t.screen())")
        t.line("print(kept * 2)")
        #expect(t.waitFor("\n88\n"), "the session and its variables survived: \(t.screen())")
    }

    /// Ctrl-C during long Swift-side work (a regex that backtracks on every one of
    /// 100 word forms, seconds each) stops the entry and returns to the prompt; a
    /// second and third press while it stops do not end the REPL (red-team F8, F10).
    @Test(.enabled(if: tmuxPresent)) func ctrlCStopsLongSwiftWorkAndTheSessionSurvives() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let corpus = dir.path + "/xy"
        try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let words = (0..<100).map { _ in String((0..<25).map { _ in Bool.random(using: &generator) ? "x" : "y" }) }
        try words.joined(separator: " ").write(toFile: corpus + "/words.txt", atomically: true, encoding: .utf8)
        let t = try TmuxREPL(stateDir: dir, arguments: ["--corpus", corpus])
        t.line("kept = 7")
        t.line("print(corpus:count('/(x|y|[xy])+[a-w]/'))")
        #expect(t.waitForRunning("print(corpus:count('/(x|y|[xy])+[a-w]/'))"), "\(t.screen())")
        let started = Date()
        t.keys(["C-c", "C-c"])
        Thread.sleep(forTimeInterval: 0.2)
        t.key("C-c")
        #expect(t.waitFor("interrupted", seconds: 10), "\(t.screen())")
        #expect(Date().timeIntervalSince(started) < 5, "stopped within a few seconds of Ctrl-C")
        t.line("print('kept=' .. kept)")
        #expect(t.waitFor("\nkept=7\n"), "the session survived: \(t.screen())")
    }

    /// Text typed at the prompt reaches Lua as the UTF-8 the user typed, and the cursor
    /// moves by characters: Cyrillic, Greek, a curly apostrophe, an emoji; in a UTF-8
    /// locale and with no locale set at all (the user audit's first finding).
    @Test(.enabled(if: tmuxPresent), arguments: [["LANG": "C.UTF-8"], ["LANG": "", "LC_ALL": ""]])
    func unicodeTypedAtThePromptReachesLua(locale: [String: String]) throws {
        let dir = try TempDir(); defer { dir.remove() }
        let t = try TmuxREPL(stateDir: dir, environment: locale)
        t.line("print(\"Київ\", #\"Київ\", \"αβγ\", utf8.len(\"😀\"))")
        #expect(t.waitFor("Київ    8       αβγ     1"), "\(t.screen())")
        t.line("corpus:count(\"NATO’s\")")
        #expect(t.waitFor("> corpus:count(\"NATO’s\")\n4\n"), "\(t.screen())")
        // the cursor steps over whole characters: four Lefts from the end land before the emoji
        t.typed("print(\"Київ😀x\")")
        t.keys(["Left", "Left", "Left", "Left"])
        t.type("Ї")
        t.key("Enter")
        #expect(t.waitFor("\nКиївЇ😀x\n"), "\(t.screen())")
    }

    /// The user audit's R10: `:load` passes arguments, `:save` replays to the same output
    /// (no print(print(…))), several tables print one under the other, and `:help` lists
    /// the names in groups and the colon commands.
    @Test(.enabled(if: tmuxPresent)) func loadTakesArgumentsSaveReplaysHelpIsGrouped() throws {
        let dir = try TempDir(); defer { dir.remove() }
        try "local q = arg[1] or 'nato'\nprint('[' .. q .. ']', corpus:count(q), select('#', ...))\n"
            .write(toFile: dir.path + "/count.lua", atomically: true, encoding: .utf8)
        let t = try TmuxREPL(stateDir: dir, width: 120)
        t.line(":load \(dir.path)/count.lua \"minsk agreements\" x")
        #expect(t.waitFor("[minsk agreements]      23      2"), "\(t.screen())")
        t.line(":load \(dir.path)/count.lua")
        #expect(t.waitFor("[nato]  69      0"), "\(t.screen())")
        t.line("corpus:dispersion('minsk')")
        #expect(t.waitFor("0.5176\npart "), "the parts table starts on its own line: \(t.screen())")
        t.line("print('once')")
        t.line("y = 20")
        t.line("y + 1")
        #expect(t.waitFor("> y + 1\n21\n"), "\(t.screen())")
        t.line(":save \(dir.path)/saved.lua")
        #expect(t.waitFor("saved 4 entries"), "\(t.screen())")
        let saved = try String(contentsOfFile: dir.path + "/saved.lua", encoding: .utf8)
        #expect(saved.contains("\nprint('once')\n") && !saved.contains("print(print("), "\(saved)")
        #expect(saved.contains("\nloupe.show(y + 1)\n") && saved.contains("\nloupe.show(corpus:dispersion('minsk'))\n"), "\(saved)")
        let replay = try LoupeCLI.run(["--quiet", "--corpus", LoupeCLI.bundledCorpus, "run", dir.path + "/saved.lua"])
        #expect(replay.stdout.hasSuffix("once\n21\n") && replay.stdout.contains("0.5176\npart "), "\(replay.stdout)")
        t.line(":help")
        #expect(t.waitFor("Source criticism"), "\(t.screen())")
        #expect(t.waitFor(":load FILE.lua [ARGS…]"), "\(t.screen())")
    }

    /// :corpus cannot load a corpus from inside the output folder, where scripts write.
    @Test(.enabled(if: tmuxPresent)) func corpusCommandKeepsInputsOutOfTheOutputFolder() throws {
        let dir = try TempDir(); defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/out/docs", withIntermediateDirectories: true)
        try "A text about NATO.".write(toFile: dir.path + "/out/docs/a.txt", atomically: true, encoding: .utf8)
        let t = try TmuxREPL(stateDir: dir, arguments: ["--out", dir.path + "/out"], width: 200)
        t.line(":corpus \(dir.path)/out/docs")
        #expect(t.waitFor("is inside the output folder"), "\(t.screen())")
        t.line("print(#corpus)")
        #expect(t.waitFor("\n13\n"), "the bundled corpus is still loaded: \(t.screen())")
    }

    @Test(.enabled(if: tmuxPresent)) func historySurvivesARestart() throws {
        let dir = try TempDir(); defer { dir.remove() }
        do {
            let first = try TmuxREPL(stateDir: dir)
            first.line("marker_value = 12345")
            #expect(first.waitFor("marker_value = 12345\n> "), "\(first.screen())")
            first.key("C-d")
            #expect(first.waitForExit(), "\(first.screen())")
        }
        let history = try String(contentsOfFile: dir.path + "/loupe/history", encoding: .utf8)
        #expect(history.contains("marker_value"))
        let second = try TmuxREPL(stateDir: dir)
        second.key("Up")
        #expect(second.waitFor("> marker_value = 12345"), "\(second.screen())")
    }

    @Test(.enabled(if: tmuxPresent)) func commandsWork() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let t = try TmuxREPL(stateDir: dir)
        t.line(":help corpus:count")
        #expect(t.waitFor("corpus:count(query) -> integer"), "\(t.screen())")
        t.line("local w = 'minsk'")
        t.line("corpus:count(w)")
        t.line(":save \(dir.path)/session.lua")
        #expect(t.waitFor("saved 2 entries"), "\(t.screen())")
        let saved = try String(contentsOfFile: dir.path + "/session.lua", encoding: .utf8)
        #expect(saved.contains("local w = 'minsk'\nloupe.show(corpus:count(w))"), "\(saved)")
        t.line(":load \(dir.path)/session.lua")
        #expect(t.waitFor(":load \(dir.path)/session.lua\n39"), "\(t.screen())")
        t.line(":time corpus:count('nato')")
        #expect(t.waitFor(" s)"), "\(t.screen())")
        t.line(":corpus /nonexistent-folder")
        #expect(t.waitFor("does not exist"), "\(t.screen())")
        t.line(":quit")
        #expect(t.waitForExit(), "\(t.screen())")
    }

    @Test(.enabled(if: tmuxPresent)) func colourOnlyWithoutNO_COLOR() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let coloured = try TmuxREPL(stateDir: dir)
        coloured.line("error('red')")
        #expect(coloured.waitFor("stdin:1: red"))
        #expect(coloured.screen(escapes: true).contains("\u{1B}[31m"), "\(coloured.screen(escapes: true))")
        let plain = try TmuxREPL(stateDir: dir, environment: ["NO_COLOR": "1"])
        plain.line("error('plain')")
        #expect(plain.waitFor("stdin:1: plain"))
        #expect(!plain.screen(escapes: true).contains("\u{1B}[31m"))
    }
}
