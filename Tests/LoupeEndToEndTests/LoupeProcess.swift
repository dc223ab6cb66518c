import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LoupeTestSupport

/// What one run of the built `loupe` binary came to.
struct Outcome: Sendable, CustomStringConvertible {
    var arguments: [String]
    /// The exit status, or the signal number when `signaled`.
    var status: Int32
    /// Ended by a signal (a crash, or the kill after a timeout) rather than exit().
    var signaled: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String

    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }

    /// Lines of stderr that are load warnings.
    var warnings: [String] { stderrLines.filter { $0.hasPrefix("loupe: warning: ") } }
    /// The load summary lines ("loupe: loaded …").
    var summaries: [String] { stderrLines.filter { $0.hasPrefix("loupe: loaded ") } }

    var description: String {
        "loupe \(arguments.joined(separator: " ")) → \(signaled ? "signal" : "status") \(status)\(timedOut ? " (timed out)" : "")\n"
            + "--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)"
    }
}

/// Runs the `loupe` executable that `swift build` / `swift test` put next to the test bundle.
enum LoupeCLI {
    /// The repository root: Tests/LoupeEndToEndTests/LoupeProcess.swift, up three.
    /// The version Package.swift writes (`let loupeVersion = "…"`), the one place it is set.
    static func packageVersion() throws -> String {
        let manifest = try String(contentsOf: repoRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        guard let r = manifest.range(of: #"let loupeVersion = "[^"]+""#, options: .regularExpression) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return String(manifest[r].dropFirst("let loupeVersion = \"".count).dropLast())
    }

    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled corpus (13 documents).
    static var bundledCorpus: String { repoRoot.appendingPathComponent("corpus").path }

    /// $LOUPE_BIN, else `loupe` beside the running test executable.
    static let binary = executable("loupe", environment: "LOUPE_BIN")
    /// The benchmark, a tool of its own (not in `loupe --help`): $LOUPE_BENCH_BIN, else `loupe-bench` beside the tests.
    static let benchBinary = executable("loupe-bench", environment: "LOUPE_BENCH_BIN")

    static func executable(_ name: String, environment variable: String) -> Result<String, BinaryNotFound> {
        let fm = FileManager.default
        func isExecutableFile(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue && fm.isExecutableFile(atPath: path)
        }
        if let explicit = ProcessInfo.processInfo.environment[variable], !explicit.isEmpty {
            return isExecutableFile(explicit) ? .success(explicit) : .failure(BinaryNotFound(looked: ["$\(variable)=\(explicit)"]))
        }
        var dirs: [URL] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dirs.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            dirs.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        // On Darwin the test executable sits inside LoupePackageTests.xctest/Contents/MacOS.
        var candidates: [String] = []
        for dir in dirs {
            var d = dir
            for _ in 0..<4 {
                candidates.append(d.appendingPathComponent(name).path)
                d = d.deletingLastPathComponent()
            }
        }
        if let found = candidates.first(where: isExecutableFile) { return .success(found) }
        return .failure(BinaryNotFound(looked: candidates))
    }

    struct BinaryNotFound: Error, CustomStringConvertible {
        var looked: [String]
        var description: String {
            "cannot find the built `loupe` executable (looked at: \(looked.joined(separator: ", "))). "
                + "Build it first (`swift build --scratch-path .build-e2e`) or set LOUPE_BIN to its path."
        }
    }

    /// Writing to a pipe whose reader has gone must not kill the test process.
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// Runs `loupe ARGS…` and waits for it, at most `timeout` seconds (then kills it and records an issue).
    /// The working directory is a fresh, empty temporary folder unless `cwd` is given; LOUPE_CORPUS is
    /// removed from the environment unless `environment` sets it; stdin is a pipe holding `stdin`.
    static func run(
        _ arguments: [String],
        stdin: String = "",
        cwd: URL? = nil,
        environment: [String: String] = [:],
        timeout: TimeInterval = 60,
        bench: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Outcome {
        _ = ignoreSIGPIPE
        let path = try (bench ? benchBinary : binary).get()
        let scratch = cwd == nil ? try TempDir() : nil
        defer { scratch?.remove() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = cwd ?? scratch!.url
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LOUPE_CORPUS")
        env["HOME"] = (cwd ?? scratch!.url).path          // no history or dotfiles of the real user
        env.removeValue(forKey: "XDG_STATE_HOME")
        for (k, v) in environment { env[k] = v }
        process.environment = env

        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }

        let outData = LockedData(), errData = LockedData()
        let readers = DispatchGroup()
        for (pipe, sink) in [(output, outData), (errors, errData)] {
            let handle = pipe.fileHandleForReading
            readers.enter()
            // A thread of its own, not the global queue: a blocking read there can
            // starve other suites' timers on a small machine.
            Thread {
                sink.set(handle.readDataToEndOfFile())
                readers.leave()
            }.start()
        }

        try process.run()
        let writer = input.fileHandleForWriting
        let bytes = Data(stdin.utf8)
        Thread {
            if !bytes.isEmpty { try? writer.write(contentsOf: bytes) }
            try? writer.close()
        }.start()

        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        if readers.wait(timeout: .now() + 10) == .timedOut {
            Issue.record("loupe's output pipes stayed open after it exited: \(arguments)", sourceLocation: sourceLocation)
        }

        let outcome = Outcome(
            arguments: arguments,
            status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut,
            stdout: String(decoding: outData.get(), as: UTF8.self),
            stderr: String(decoding: errData.get(), as: UTF8.self))
        if timedOut {
            Issue.record("loupe did not finish within \(Int(timeout)) s and was killed\n\(outcome)", sourceLocation: sourceLocation)
        } else if outcome.signaled {
            Issue.record("loupe crashed (signal \(outcome.status))\n\(outcome)", sourceLocation: sourceLocation)
        }
        return outcome
    }

    /// `loupe --corpus <bundled> --quiet -e CODE`.
    static func lua(_ code: String, corpus: String = bundledCorpus, extra: [String] = [],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        try run(["--corpus", corpus, "--quiet"] + extra + ["-e", code], sourceLocation: sourceLocation)
    }
}

/// Data filled in by a reader thread, read after it has finished.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}

