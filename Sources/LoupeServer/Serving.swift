import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the server could not run (its port taken, say).
public struct ServeFailure: Error, CustomStringConvertible {
    public let description: String
}

extension LoupeServer {
    /// Runs the server until Ctrl-C or SIGTERM, then stops it cleanly: the calling thread
    /// waits for the signal (see `Signals`). `onRunning` is told the port once it listens.
    /// Throws `ServeFailure` when it cannot listen.
    /// `onStopping` is told how many evaluations are still running or waiting when a stop begins.
    public func runUntilSignalled(onRunning: @escaping @Sendable (Int) -> Void, onStopping: (Int) -> Void = { _ in }) throws {
        Signals.blockTermination()   // before any thread starts: they inherit it
        let waiter = pthread_self()
        let failure = Locked<String?>(nil)
        let finished = DispatchSemaphore(value: 0)
        let app = application(onRunning: onRunning)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: app.logger))
        Task.detached {
            do { try await group.run() } catch { failure.withLock { $0 = Self.describe(error) } }
            finished.signal()
            if failure.withLock({ $0 }) != nil { pthread_kill(waiter, SIGTERM) }   // wake the waiting thread
        }
        _ = Signals.waitForTermination()
        if let why = failure.withLock({ $0 }) { stop(); throw ServeFailure(description: why) }
        Task.detached { await group.triggerGracefulShutdown() }
        // Requests still running (an evaluation until its limit) are answered first, for at
        // most `shutdownSeconds`; a second Ctrl-C stops at once.
        let (queued, running) = luaPool.load
        if queued + running > 0 { onStopping(queued + running) }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(Self.shutdownSeconds * 1e9)
        while finished.wait(timeout: .now()) == .timedOut {
            if DispatchTime.now().uptimeNanoseconds > deadline || Signals.waitForTermination(seconds: 0.05) != nil { break }
        }
        stop()
    }

    /// How long a stop waits for running requests.
    static var shutdownSeconds: Double { 10 }

    private static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("Address already in use") || text.contains("EADDRINUSE") { return "the port is in use (choose another with --port)" }
        if text.contains("Permission denied") || text.contains("EACCES") { return "not allowed to listen there (ports below 1024 need root; choose another with --port)" }
        return text
    }

    /// The URLs a person can open: the bound address, or for 0.0.0.0 (every interface)
    /// localhost and each of this machine's IPv4 addresses.
    public static func urls(host: String, port: Int) -> (local: String, others: [String]) {
        let wildcard = host == "0.0.0.0" || host == "::" || host == "[::]"
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let local = "http://\(wildcard ? "127.0.0.1" : shown):\(port)/"
        guard wildcard else { return (local, []) }
        return (local, interfaceAddresses().map { "http://\($0):\(port)/" })
    }

    /// This machine's IPv4 addresses other than loopback.
    static func interfaceAddresses() -> [String] {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var found: [String] = []
        var p = first
        while let a = p {
            defer { p = a.pointee.ifa_next }
            guard let sa = a.pointee.ifa_addr, sa.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let length = socklen_t(MemoryLayout<sockaddr_in>.size)
            guard getnameinfo(sa, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !text.hasPrefix("127."), !found.contains(text) { found.append(text) }
        }
        return found
    }
}
