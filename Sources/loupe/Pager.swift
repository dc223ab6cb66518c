import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `doc:show{}` at the interactive REPL on a terminal: the text through `$PAGER` (as git
/// does: `less -FRX` when unset, so a short text just prints), or printed when it cannot start.
enum Pager {
    static func show(_ text: String) {
        Terminal.flush()
        let command = Terminal.environment("PAGER").flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRX"
        guard command != "cat", run(command, text) else { Terminal.out(text); return }
    }

    /// Runs `sh -c command` with the text on its standard input and waits for it; false when it could not start.
    private static func run(_ command: String, _ text: String) -> Bool {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let words: [String] = ["/bin/sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        close(fds[0])
        guard rc == 0 else { close(fds[1]); return false }
        // a pager quit early closes the pipe: that must not end Loupe
        let previous = signal(SIGPIPE, SIG_IGN)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes = bytes.dropFirst(n)
        }
        close(fds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        signal(SIGPIPE, previous)
        return true
    }
}
