import Foundation
import Testing
import LoupeTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The console step (`/console`, a notebook of cells) — ON once the console page is merged:

/// What drives the browser: Debian's python3 with python3-selenium, and chromedriver
/// (`make test` installs chromium, chromium-driver and python3-selenium).
enum BrowserDriver {
    static let environment = ProcessInfo.processInfo.environment
    /// Debian's python3, which has python3-selenium (a python3 earlier on PATH, from pyenv or a venv, may not).
    static let python = environment["LOUPE_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/bin/python3"
    static let chromedriver = environment["LOUPE_CHROMEDRIVER"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/bin/chromedriver"
    static let script = LoupeCLI.repoRoot.appendingPathComponent("Tests/Browser/browser_e2e.py")

    /// What is missing, or nil.
    static var missing: String? {
        var absent: [String] = []
        if Browser.path == nil { absent.append("chromium") }
        if !FileManager.default.isExecutableFile(atPath: chromedriver) { absent.append("chromedriver (\(chromedriver))") }
        if !FileManager.default.isExecutableFile(atPath: python) { absent.append("python3 (\(python))") }
        if absent.isEmpty { return nil }
        return "\(absent.joined(separator: ", ")) not found: `make test` installs them "
            + "(apt-get install chromium chromium-driver python3-selenium); or set LOUPE_CHROMIUM, LOUPE_CHROMEDRIVER, LOUPE_PYTHON"
    }

    /// Runs the script and waits at most `timeout` seconds: its exit status and its output (stdout and stderr).
    static func run(_ arguments: [String], home: URL, timeout: TimeInterval, script: URL = BrowserDriver.script) throws
        -> (status: Int32, timedOut: Bool, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path] + arguments
        process.currentDirectoryURL = LoupeCLI.repoRoot
        var env = environment
        env["HOME"] = home.path                  // chromium's crash reports and caches stay in the test's folder
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONUNBUFFERED"] = "1"
        if env["LOUPE_CHROMIUM"] == nil, let path = Browser.path { env["LOUPE_CHROMIUM"] = path }
        env["LOUPE_CHROMEDRIVER"] = chromedriver
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let output = LockedData()
        let read = DispatchSemaphore(value: 0)
        let handle = pipe.fileHandleForReading
        try process.run()
        Thread { output.set(handle.readDataToEndOfFile()); read.signal() }.start()
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()                  // SIGTERM: the script quits chromedriver and chromium
            if exited.wait(timeout: .now() + 15) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        _ = read.wait(timeout: .now() + 10)
        return (process.terminationStatus, timedOut, String(decoding: output.get(), as: UTF8.self))
    }
}

/// `loupe serve` in a real browser: headless Chromium driven by chromedriver from
/// Tests/Browser/browser_e2e.py (python3-selenium) opens `/`, searches, clicks a concordance
/// line into the reader (its hits checked against Lua's count for that document) and runs
/// console cells, one browser session for all; the screenshots must not be blank.
@Suite("BrowserPages", .serialized)
struct BrowserPagesTests {
    static let screenshots = ["1-corpus.png", "2-search.png", "3-reader.png", "4-console.png"]

    @Test("search, the concordance, the reader and the console in headless Chromium")
    func pagesInABrowser() throws {
        if let missing = BrowserDriver.missing {
            Issue.record(Comment(rawValue: missing))    // fails, never skips: `make test` installs them
            return
        }
        try TempDir.with { dir in
            let shots = try dir.subfolder("screenshots")
            let server = try ServeCommandTests.Server(["--corpus", LoupeCLI.bundledCorpus])
            let port = try #require(server.port(), "loupe serve printed no URL:\n\(server.stderr)")
            let run = try BrowserDriver.run(["http://127.0.0.1:\(port)/", shots.path, "--steps", "a,b,c,d"],
                                            home: dir.url, timeout: 180)
            #expect(!run.timedOut, "browser_e2e.py did not finish in 180 s\n\(run.output)")
            #expect(run.status == 0, "browser_e2e.py exited \(run.status)\(run.status == 3 ? " (browser or selenium missing)" : "")\n\(run.output)\n--- server:\n\(server.stderr)")
            if let keep = BrowserDriver.environment["LOUPE_KEEP_SCREENSHOTS"], !keep.isEmpty {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: shots.path)) ?? [] {
                    try? FileManager.default.removeItem(atPath: keep + "/" + name)
                    try? FileManager.default.copyItem(atPath: shots.path + "/" + name, toPath: keep + "/" + name)
                }
            }
            if run.status == 0 {
                for name in Self.screenshots {
                    guard let data = FileManager.default.contents(atPath: shots.path + "/" + name) else {
                        Issue.record("no screenshot \(name)\n\(run.output)")
                        continue
                    }
                    let image = try PNGImage(bytes: Array(data))
                    let look = Look(image)
                    #expect(look.isAPage, "\(name) looks blank: \(look)")
                    if name == "3-reader.png" {
                        #expect(look.highlighted >= 300, "\(name): the hits' highlight (#ffe08a) hardly shows: \(look)")
                    }
                }
            }
            #expect(server.interrupt(within: 10) == 0, "loupe serve did not stop on Ctrl-C:\n\(server.stderr)")
        }
    }
}

/// A screenshot of a page, counted: ink (Ink's painted, dark, coloured), distinct colours,
/// and the reader's highlight colour (--mark, #ffe08a).
struct Look: CustomStringConvertible {
    var ink: Ink
    var colours = 0
    var highlighted = 0
    var width: Int, height: Int

    init(_ image: PNGImage) {
        ink = Ink(image)
        width = image.width
        height = image.height
        var seen = Set<Int>()
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = image.pixel(x, y)
                if seen.count < 10_000 { seen.insert(p.r << 16 | p.g << 8 | p.b) }
                if abs(p.r - 0xff) <= 6 && abs(p.g - 0xe0) <= 6 && abs(p.b - 0x8a) <= 6 { highlighted += 1 }
            }
        }
        colours = seen.count
    }

    /// Text on a page: at least 1% of the pixels inked (the corpus table is about 5%, the search and the reader
    /// over 10%), some of them dark, and many shades (anti-aliased text: a page of text has hundreds).
    var isAPage: Bool { width >= 400 && height >= 300 && ink.painted * 100 >= ink.total && ink.dark >= 1_000 && colours >= 32 }

    var description: String {
        "\(width)×\(height), painted \(ink.painted) of \(ink.total), dark \(ink.dark), coloured \(ink.coloured), "
            + "\(colours) colours, \(highlighted) highlighted"
    }
}
