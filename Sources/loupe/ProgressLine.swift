import CLineEditor
import Foundation
import LoupeCore
#if canImport(Glibc)
import Glibc
#endif

/// A progress line on stderr while a corpus loads: only on a terminal, only
/// once the load has taken a second, redrawn five times a second, and erased
/// when the load ends so the summary line stands alone.
final class ProgressLine: @unchecked Sendable {
    private let progress: LoadProgress
    private let thread: Thread?
    private let done = NSCondition()
    private var finished = false

    init(_ progress: LoadProgress, enabled: Bool) {
        self.progress = progress
        guard enabled, isatty(2) != 0 else { thread = nil; return }
        let box = Box()
        let t = Thread { box.line?.run() }
        thread = t
        box.line = self
        t.start()
    }

    private final class Box: @unchecked Sendable { weak var line: ProgressLine? }

    private func run() {
        done.lock()
        var shown = false
        if !finished { _ = done.wait(until: Date().addingTimeInterval(1)) }
        while !finished {
            Self.write("\r\u{1B}[Kloupe: loading corpus: \(progress.line)")
            shown = true
            _ = done.wait(until: Date().addingTimeInterval(0.2))
        }
        if shown { Self.write("\r\u{1B}[K") }
        done.unlock()
    }

    /// Ends the line (waits until it is erased).
    func finish() {
        guard thread != nil else { return }
        done.lock()
        finished = true
        done.signal()
        done.unlock()
        while thread?.isFinished == false { usleep(1000) }
    }

    private static func write(_ s: String) {
        var s = s
        s.withUTF8 { b in b.withMemoryRebound(to: CChar.self) { le_write_err($0.baseAddress, $0.count) } }
    }
}
