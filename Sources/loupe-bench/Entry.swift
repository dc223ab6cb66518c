import ArgumentParser
import Foundation

/// `loupe-bench`: the team's benchmark (docs/performance.md), a tool of its own so that it is
/// not in every user's `loupe --help`. `make bench` runs it through scripts/bench.sh.
@main
enum BenchMain {
    static func main() {
        do {
            var command = try Bench.parseAsRoot()
            try command.run()
        } catch let e as Exit {
            exit(e.status)
        } catch {
            let code = Bench.exitCode(for: error)
            if code == .success { print(Bench.fullMessage(for: error)); exit(0) }
            Terminal.err(Bench.fullMessage(for: error))
            exit(2)
        }
        exit(0)
    }
}

/// Results to stdout, progress and messages to stderr (stdout flushed first, to keep their order).
enum Terminal {
    static func out(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }
    static func err(_ s: String) {
        FileHandle.standardError.write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
    }
}

/// Ends the program with a status after its message has been printed.
struct Exit: Error {
    let status: Int32
    static let usage = Exit(status: 2)
}
