import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time and resource readings for the benchmark: a monotonic wall clock, this
/// process's CPU time and peak resident set (getrusage), the load average.
enum Clock {
    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// User + system CPU seconds of this process (all its threads).
    static func cpuSelf() -> Double { cpu(usage(false)) }

    /// User + system CPU seconds of the children that have been waited for.
    static func cpuChildren() -> Double { cpu(usage(true)) }

    /// This process's peak resident set so far, in bytes.
    static func peakRSSSelf() -> Int { maxRSSBytes(usage(false)) }

    static func cpu(_ u: rusage) -> Double {
        Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
            + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
    }

    /// ru_maxrss is in KiB on Linux, in bytes on macOS.
    static func maxRSSBytes(_ u: rusage) -> Int {
        #if os(Linux)
        return Int(u.ru_maxrss) * 1024
        #else
        return Int(u.ru_maxrss)
        #endif
    }

    /// The 1-, 5- and 15-minute load averages, formatted.
    static func loadAverage() -> String {
        var l = [Double](repeating: 0, count: 3)
        guard getloadavg(&l, 3) == 3 else { return "unknown" }
        return l.map { String(format: "%.2f", $0) }.joined(separator: " ")
    }

    private static func usage(_ children: Bool) -> rusage {
        var u = rusage()
        #if os(Linux)
        _ = getrusage(__rusage_who_t((children ? RUSAGE_CHILDREN : RUSAGE_SELF).rawValue), &u)
        #else
        _ = getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &u)
        #endif
        return u
    }
}
