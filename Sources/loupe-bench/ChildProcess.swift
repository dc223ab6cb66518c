import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One finished child process: its wall time, the peak resident set of it and
/// the descendants it waited for (wait4's rusage), its exit status and output.
struct ChildRun {
    var wall: Double
    var peakRSS: Int
    var status: Int32
    var stdout: String
    var stderr: String
    var othersBusy: Double?

    var succeeded: Bool { status == 0 }

    /// The value of a `key=value` line of the output, if there is one.
    func value(_ key: String) -> String? {
        for line in stdout.split(separator: "\n") where line.hasPrefix(key + "=") {
            return String(line.dropFirst(key.count + 1))
        }
        return nil
    }

    /// The last non-empty line of stderr, to say why a run failed.
    var reason: String {
        let last = stderr.split(separator: "\n").last.map(String.init) ?? ""
        return last.isEmpty ? "exit status \(status)" : last
    }
}

/// Runs shell command lines (`/bin/sh -c`) as the benchmark's other tools.
enum ChildProcess {
    /// GNU time, when installed: it measures the peak RSS of the command's tree.
    static let gnuTime: String? = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time" : nil

    /// Runs `command` and waits for it. Only setup failures (no pipe, no spawn) throw.
    ///
    /// The peak RSS is GNU time's %M for `sh -c command`: wait4's own figure would
    /// not do, because a child spawned from this process starts its peak at this
    /// process's resident set (Linux carries the old memory's high-water mark over
    /// exec). Without /usr/bin/time it is that upper bound.
    static func run(_ command: String) throws -> ChildRun {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw BenchError("cannot make a pipe: \(String(cString: strerror(errno)))") }
        let stem = NSTemporaryDirectory() + "loupe-bench-\(getpid())"
        let errPath = stem + "-stderr.txt", rssPath = stem + "-rss.txt"
        defer { unlink(errPath); unlink(rssPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[1])
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let words = (gnuTime.map { [$0, "-f", "%M", "-o", rssPath] } ?? []) + ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { word in word.withCString { strdup($0) } }
        defer { argv.forEach { free($0) } }
        let load = OtherLoad()
        let start = Clock.now()
        var pid = pid_t()
        let spawned = (argv + [nil]).withUnsafeBufferPointer { p -> Int32 in
            guard let base = p.baseAddress, let program = base.pointee else { return ENOMEM }
            return posix_spawn(&pid, program, &actions, nil, base, environ)
        }
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw BenchError("cannot start \(words[0]): \(String(cString: strerror(spawned)))")
        }
        let out = readAll(fds[0])
        close(fds[0])
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Clock.now() - start
        let exited = status & 0x7f == 0
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let timed = (try? String(contentsOfFile: rssPath, encoding: .utf8))?
            .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return ChildRun(wall: wall, peakRSS: timed.map { $0 * 1024 } ?? Clock.maxRSSBytes(usage),
                        status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                        stdout: String(decoding: out, as: UTF8.self), stderr: err, othersBusy: load.cores())
    }

    /// Reads a descriptor to its end, keeping at most the first MiB.
    private static func readAll(_ fd: Int32) -> [UInt8] {
        var kept: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if kept.count < 1 << 20 { kept += buffer[0..<n] }
        }
        return kept
    }

    /// `s` quoted for the shell.
    static func quote(_ s: String) -> String {
        if !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,+".contains($0)) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A command line from words, each quoted as needed.
    static func line(_ words: [String]) -> String { words.map(quote).joined(separator: " ") }

    /// The full path of an executable found on $PATH, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// A benchmark setup problem (not a tool's failure, which is reported in the table).
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
