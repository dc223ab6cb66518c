import Foundation
import Testing
import LoupeTestSupport

/// `loupe verify` with a manifest someone sent (red-team F2, F3, F16, F17): the manifest never
/// loosens the sandbox or the limits, names no path outside its folder, and a script whose
/// hash differs is not run.
@Suite("verify trusts no manifest")
struct VerifySafetyTests {
    /// A recorded run in DIR/run/: the script s.lua beside its manifest and output.
    static func recordedRun(_ dir: TempDir, script: String = "loupe.table{{n = corpus:count('nato')}}:write('n.csv')\n") throws -> String {
        try dir.write("run/s.lua", script)
        let r = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "--quiet", "--out", "run", "run/s.lua"], cwd: dir.url)
        #expect(r.status == 0, "\(r)")
        return dir.path + "/run/s.manifest.json"
    }

    static func edit(_ path: String, _ change: (inout [String: Any]) -> Void) throws {
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
        change(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
    }

    static func sha256(_ text: String) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        p.standardInput = input; p.standardOutput = output
        try? p.run()
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8)); try? input.fileHandleForWriting.close()
        p.waitUntilExit()
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    @Test("F2: \"unsafe\" in a manifest runs the script sandboxed (os.execute is not there); --unsafe on verify's command line is warned")
    func unsafeInTheManifestIsIgnored() throws {
        try TempDir.with { dir in
            let script = "loupe.table{{n = 1}}:write('n.csv')\nif os.execute then os.execute('touch PWNED') end\n"
            let manifest = try Self.recordedRun(dir, script: script)
            try Self.edit(manifest) { $0["options"] = ["unsafe": "true", "memory": "1", "timeout": "0.000001", "instructions": "10"] }
            let r = try LoupeCLI.run(["verify", "--corpus", LoupeCLI.bundledCorpus, manifest], cwd: dir.url)
            #expect(r.stderr.contains("recorded with --unsafe; verify runs it sandboxed"), "\(r)")
            #expect(r.status == 0 && r.stdout.contains("verified"), "the manifest's tiny limits were not applied either: \(r)")
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/PWNED"))
            let trusted = try LoupeCLI.run(["verify", "--unsafe", "--corpus", LoupeCLI.bundledCorpus, manifest], cwd: dir.url)
            #expect(trusted.stderr.contains("WARNING: --unsafe"), "\(trusted)")
            #expect(FileManager.default.fileExists(atPath: dir.path + "/PWNED"), "asked for on the command line, it is unsafe")
        }
    }

    @Test("F3/F16: a script, corpus or output outside the manifest's folder is refused with status 2 before anything runs")
    func pathsOutsideAreRefused() throws {
        try TempDir.with { dir in
            let manifest = try Self.recordedRun(dir, script: "print('RAN')\nloupe.table{{n = 1}}:write('n.csv')\n")
            let cases: [(String, ([String: Any]) -> [String: Any])] = [
                ("output ../", { var j = $0; j["outputs"] = [["path": "../../../../../etc/passwd", "bytes": 0, "sha256": ""]]; return j }),
                ("output absolute", { var j = $0; j["outputs"] = [["path": "/etc/passwd", "bytes": 0, "sha256": ""]]; return j }),
                ("script absolute", { var j = $0; j["script"] = "/etc/passwd"; return j }),
                ("script ../", { var j = $0; j["script"] = "../outside.lua"; return j }),
                ("script link", { var j = $0; j["script"] = "link.lua"; return j }),
                ("corpus", { var j = $0; j["corpus"] = "/etc"; return j }),
            ]
            try dir.write("outside.lua", "print('RAN')\n")
            try FileManager.default.createSymbolicLink(atPath: dir.path + "/run/link.lua", withDestinationPath: dir.path + "/outside.lua")
            let original = try Data(contentsOf: URL(fileURLWithPath: manifest))
            for (name, change) in cases {
                try original.write(to: URL(fileURLWithPath: manifest))
                try Self.edit(manifest) { $0 = change($0) }
                // the corpus case gives no --corpus; the others give it, so only their own path is wrong
                let args = name == "corpus" ? ["verify", manifest] : ["verify", "--corpus", LoupeCLI.bundledCorpus, manifest]
                let r = try LoupeCLI.run(args, cwd: dir.url)
                #expect(r.status == 2 && !r.stdout.contains("RAN") && r.stderr.contains("nothing was run"), "\(name): \(r)")
                #expect(!r.stdout.contains("bytes, recorded") && !r.stderr.contains("root:"), "\(name): no size or content leaks: \(r)")
            }
            // a manifest whose script and corpus lie elsewhere is verified when the command line names them
            try original.write(to: URL(fileURLWithPath: manifest))
            try Self.edit(manifest) { $0["script"] = "/etc/passwd" }
            let named = try LoupeCLI.run(["verify", "--corpus", LoupeCLI.bundledCorpus, "--script", "run/s.lua", manifest], cwd: dir.url)
            #expect(named.status == 0 && named.stdout.contains("verified"), "\(named)")
        }
    }

    @Test("a manifest that is a device or a FIFO is refused unread; its text reaches the terminal with control characters escaped")
    func oddManifests() throws {
        try TempDir.with { dir in
            let zero = try LoupeCLI.run(["verify", "/dev/zero"], cwd: dir.url, timeout: 20)
            #expect(zero.status == 2 && zero.stderr.contains("cannot read manifest"), "\(zero)")
            #expect(mkfifo(dir.path + "/fifo.manifest.json", 0o600) == 0)
            let fifo = try LoupeCLI.run(["verify", dir.path + "/fifo.manifest.json"], cwd: dir.url, timeout: 20)
            #expect(fifo.status == 2 && fifo.stderr.contains("cannot read manifest"), "\(fifo)")
            let manifest = try Self.recordedRun(dir)
            try Self.edit(manifest) { $0["time"] = "\u{1B}]0;pwned\u{07}2026" }
            let r = try LoupeCLI.run(["verify", "--corpus", LoupeCLI.bundledCorpus, manifest], cwd: dir.url)
            #expect(r.status == 0 && !r.stdout.contains("\u{1B}") && r.stdout.contains("\\u{1b}]0;pwned\\u{7}2026"), "\(r)")
        }
    }

    @Test("a script whose hash differs is reported and never run")
    func aChangedScriptIsNotRun() throws {
        try TempDir.with { dir in
            let manifest = try Self.recordedRun(dir)
            try dir.write("run/s.lua", "print('RAN')\nloupe.table{{n = 1}}:write('n.csv')\n")
            let r = try LoupeCLI.run(["verify", "--corpus", LoupeCLI.bundledCorpus, manifest], cwd: dir.url)
            #expect(r.status == 1 && r.stdout.contains("script    DIFFERENT") && r.stdout.contains("not run"), "\(r)")
            #expect(!r.stdout.contains("RAN") && !r.stdout.contains("output "), "\(r)")
        }
    }

    @Test("F17: two runs sharing --out each record the bytes they wrote, not what is on disk at the end")
    func aManifestRecordsItsOwnRun() throws {
        try TempDir.with { dir in
            // AAA writes shared.csv, then waits until BBB has replaced it and finished.
            try dir.write("job.lua", """
                loupe.table{{who = arg[1]}}:write("shared.csv", {overwrite = true})
                if arg[1] == "AAA" then
                  local start = os.time()
                  while not io.open("bdone") and os.time() - start < 30 do end
                end
                """)
            let a = Process()
            a.executableURL = URL(fileURLWithPath: try LoupeCLI.binary.get())
            a.arguments = ["run", "--corpus", LoupeCLI.bundledCorpus, "--quiet", "--out", "out", "--overwrite", "job.lua", "AAA"]
            a.currentDirectoryURL = dir.url
            a.standardOutput = FileHandle.nullDevice; a.standardError = FileHandle.nullDevice
            try a.run()
            let deadline = Date().addingTimeInterval(30)
            while !FileManager.default.fileExists(atPath: dir.path + "/out/shared.csv") && Date() < deadline { usleep(20_000) }
            let b = try LoupeCLI.run(["run", "--corpus", LoupeCLI.bundledCorpus, "--quiet", "--out", "out", "--overwrite", "job.lua", "BBB"], cwd: dir.url)
            #expect(b.status == 0, "\(b)")
            try dir.write("bdone", "")
            a.waitUntilExit()
            #expect(a.terminationStatus == 0)
            #expect(try String(contentsOfFile: dir.path + "/out/shared.csv", encoding: .utf8) == "who\nBBB\n")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out/job.manifest.json"))) as? [String: Any]
            #expect((json?["arguments"] as? [String]) == ["AAA"])
            let output = (json?["outputs"] as? [[String: Any]])?.first
            #expect(output?["sha256"] as? String == Self.sha256("who\nAAA\n"), "\(String(describing: output))")
        }
    }
}
