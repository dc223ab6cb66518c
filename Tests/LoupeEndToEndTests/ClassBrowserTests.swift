import Foundation
import LoupeTestSupport
import Testing

/// A class in real browsers: `loupe serve --class` with one teacher and two students, each a
/// headless Chromium of their own, driven by Tests/Browser/class_e2e.py; the screenshots must
/// not be blank.
@Suite("ClassBrowser", .serialized)
struct ClassBrowserTests {
    static let screenshots = ["class-1-ada.png", "class-2-bob.png", "class-3-dashboard.png", "class-4-ada-attempts.png"]

    @Test("a teacher and two students in headless Chromium")
    func aClassInBrowsers() throws {
        if let missing = BrowserDriver.missing {
            Issue.record(Comment(rawValue: missing))    // fails, never skips: `make test` installs them
            return
        }
        try TempDir.with { dir in
            let shots = try dir.subfolder("screenshots")
            let server = try ServeCommandTests.Server(["--corpus", LoupeCLI.bundledCorpus, "--class", "Browser class",
                                                       "--gradebook", dir.path + "/class.sqlite"])
            let port = try #require(server.port(), "loupe serve printed no URL:\n\(server.stderr)")
            let key = try #require(server.stderr.components(separatedBy: "login?key=").dropFirst().first?.prefix(32), "\(server.stderr)")
            let run = try BrowserDriver.run(["http://127.0.0.1:\(port)/", String(key), shots.path], home: dir.url, timeout: 240,
                                            script: LoupeCLI.repoRoot.appendingPathComponent("Tests/Browser/class_e2e.py"))
            #expect(!run.timedOut, "class_e2e.py did not finish in 240 s\n\(run.output)")
            #expect(run.status == 0, "class_e2e.py exited \(run.status)\n\(run.output)\n--- server:\n\(server.stderr)")
            if run.status == 0 {
                for name in Self.screenshots {
                    let data = try #require(FileManager.default.contents(atPath: shots.path + "/" + name), "no screenshot \(name)")
                    let look = Look(try PNGImage(bytes: Array(data)))
                    #expect(look.isAPage, "\(name) looks blank: \(look)")
                }
            }
            #expect(server.interrupt(within: 10) == 0, "loupe serve did not stop on Ctrl-C:\n\(server.stderr)")
        }
    }
}
