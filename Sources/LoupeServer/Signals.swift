#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C and SIGTERM for a server whose Lua limits also use signals: the Lua shim
/// installs its own SIGINT handler while a chunk runs (to stop that chunk) and puts
/// the default back after it. So the server blocks SIGINT and SIGTERM in every
/// thread and one thread takes them with `sigwait`; a thread the shim unblocked
/// for a chunk blocks them again after it (`WorkerPool`). Linux gives a signal sent
/// to the process to the thread waiting for it, so Ctrl-C always reaches the waiter.
public enum Signals {
    static var terminationSet: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }

    /// Blocks SIGINT and SIGTERM in the calling thread (threads it starts inherit this).
    public static func blockTermination() {
        var set = terminationSet
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits until SIGINT or SIGTERM arrives (they must be blocked: `blockTermination`); returns which.
    public static func waitForTermination() -> Int32 {
        var set = terminationSet
        var signal: Int32 = 0
        while true {
            if sigwait(&set, &signal) == 0 { return signal }
        }
    }

    /// Waits at most `seconds` for SIGINT or SIGTERM; nil when none came.
    static func waitForTermination(seconds: Double) -> Int32? {
        var set = terminationSet
        var wait = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        let s = sigtimedwait(&set, nil, &wait)
        return s > 0 ? s : nil
    }
}
