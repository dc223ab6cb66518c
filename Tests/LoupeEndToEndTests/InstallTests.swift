import Foundation
import LoupeTestSupport
import Testing

/// `make install`'s files (scripts/install.sh, with the binary the tests built): the installed
/// loupe finds its bundled corpus from any folder; the man page renders; the completions
/// complete; `make uninstall` removes exactly what was installed.
@Suite(.serialized) struct InstallTests {
    /// Runs a command, waits, returns its status and output (stdout and stderr).
    static func sh(_ command: String, cwd: URL = LoupeCLI.repoRoot, environment: [String: String] = [:]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LOUPE_CORPUS")
        env.removeValue(forKey: "LOUPE_HOME")
        env.merge(environment) { $1 }
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func installedLoupeRunsFromAnyFolderAndUninstallRemovesExactlyItsFiles() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let destdir = dir.path + "/stage", prefix = "/usr/local"
        let root = destdir + prefix
        // a file that was there before, in a folder Loupe also uses: uninstall must leave it
        try FileManager.default.createDirectory(atPath: root + "/share/man/man1", withIntermediateDirectories: true)
        try "other\n".write(toFile: root + "/share/man/man1/other.1", atomically: true, encoding: .utf8)
        let binary = try LoupeCLI.binary.get()
        let (status, output) = try Self.sh("bash scripts/install.sh '\(binary)' '\(destdir)' \(prefix)")
        #expect(status == 0, "\(output)")
        let installed = try String(contentsOfFile: root + "/share/loupe/installed-files", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(!installed.contains { $0.hasSuffix(".sh") }, "the team's shell scripts stay in the checkout")
        for f in ["bin/loupe", "share/loupe/corpus/lavrov-carlson-2024.txt", "share/loupe/scripts/quotes.lua",
                  "share/loupe/scripts/lexicons/loaded-labels.yaml", "share/loupe/scripts/plugins/srt_reader.lua", "share/loupe/scripts/exercises/01-nato-count.lua",
                  "share/doc/loupe/guide.md", "share/doc/loupe/classroom.md", "share/man/man1/loupe.1",
                  "share/bash-completion/completions/loupe", "share/zsh/site-functions/_loupe", "share/fish/vendor_completions.d/loupe.fish"] {
            #expect(installed.contains(f), "\(f) is installed")
            #expect(FileManager.default.fileExists(atPath: root + "/" + f), "\(f) exists")
        }
        let corpusFiles = try FileManager.default.subpathsOfDirectory(atPath: LoupeCLI.repoRoot.appendingPathComponent("corpus").path)
            .filter { !$0.hasPrefix(".") && !$0.contains("/.") }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: LoupeCLI.repoRoot.appendingPathComponent("corpus/" + $0).path, isDirectory: &d) && !d.boolValue }
        #expect(installed.filter { $0.hasPrefix("share/loupe/corpus/") }.count == corpusFiles.count, "every file of the corpus")

        // the installed binary, started from an empty folder, opens the installed corpus
        let elsewhere = try dir.subfolder("elsewhere")
        let (ran, said) = try Self.sh("'\(root)/bin/loupe' -e 'print(corpus:count(\"nato\"))'", cwd: elsewhere.url)
        #expect(ran == 0 && said.hasSuffix("69\n"), "\(said)")
        #expect(said.contains("from \(root)/share/loupe/corpus"), "it says which corpus it opened: \(said)")
        let (listed, exercises) = try Self.sh("'\(root)/bin/loupe' exercise list", cwd: elsewhere.url)
        #expect(listed == 0 && exercises.contains("nato-count"), "\(exercises)")

        // man renders the page; bash completes `loupe exe` to exercise
        let (manned, page) = try Self.sh("MANWIDTH=80 man -l '\(root)/share/man/man1/loupe.1'")
        #expect(manned == 0 && page.contains("loupe exercise check") && page.contains("LOUPE_CORPUS"), "\(page.prefix(500))")
        let (completed, words) = try Self.sh("""
            . '\(root)/share/bash-completion/completions/loupe'
            COMP_WORDS=(loupe exe); COMP_CWORD=1; COMP_LINE='loupe exe'; COMP_POINT=9
            _loupe >/dev/null 2>&1 || true; printf '%s\\n' "${COMPREPLY[@]}"
            """, environment: ["PATH": root + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
        #expect(completed == 0 && words.split(separator: "\n").contains("exercise"), "\(words)")

        // uninstall: every installed file gone, Loupe's folders gone, the other file kept
        let (removed, log) = try Self.sh("bash scripts/uninstall.sh '\(destdir)' \(prefix)")
        #expect(removed == 0, "\(log)")
        let left = (try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? []
        let leftFiles = left.filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: root + "/" + $0, isDirectory: &d) && !d.boolValue }
        #expect(leftFiles == ["share/man/man1/other.1"], "\(leftFiles)")
        #expect(!FileManager.default.fileExists(atPath: root + "/share/loupe"))
        #expect(!FileManager.default.fileExists(atPath: root + "/share/doc/loupe"))
        let (again, complaint) = try Self.sh("bash scripts/uninstall.sh '\(destdir)' \(prefix)")
        #expect(again == 2 && complaint.contains("Loupe is not installed under"), "\(complaint)")
    }

    @Test func installRefusesARelativePrefixOrAMissingBinary() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let (relative, said) = try Self.sh("bash scripts/install.sh '\(try LoupeCLI.binary.get())' '\(dir.path)' usr/local")
        #expect(relative == 2 && said.contains("PREFIX must be an absolute path"), "\(said)")
        let (missing, told) = try Self.sh("bash scripts/install.sh /nonexistent/loupe '\(dir.path)' /usr")
        #expect(missing == 2 && told.contains("is not an executable"), "\(told)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) == [], "nothing written")
    }
}
