import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `loupe serve` as a user starts it: the URL on stderr, pages over a real socket on
/// loopback, a runaway cell that does not stall a count, Ctrl-C stopping it cleanly.
@Suite(.serialized) struct ServeCommandTests {
    /// A running `loupe serve`, its stderr read as it comes.
    final class Server: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var errText = ""
        let exited = DispatchSemaphore(value: 0)

        init(_ arguments: [String]) throws {
            process.executableURL = URL(fileURLWithPath: try LoupeCLI.binary.get())
            process.arguments = ["serve", "--port", "0", "--quiet"] + arguments
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "LOUPE_CORPUS")
            process.environment = env
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            process.terminationHandler = { [exited] _ in exited.signal() }
            let handle = errors.fileHandleForReading
            try process.run()
            Thread { [self] in
                while true {
                    let d = handle.availableData
                    if d.isEmpty { break }
                    lock.lock(); errText += String(decoding: d, as: UTF8.self); lock.unlock()
                }
            }.start()
        }

        var stderr: String { lock.lock(); defer { lock.unlock() }; return errText }

        /// Waits for the "serving … at URL" line; returns the port.
        func port(within seconds: Double = 60) -> Int? {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                if let r = stderr.range(of: #"at http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                    return Int(stderr[r].split(separator: ":").last?.dropLast() ?? "")
                }
                if !process.isRunning { return nil }
                usleep(20_000)
            }
            return nil
        }

        /// Sends SIGINT; the exit status, or nil when it is still running after `seconds`.
        func interrupt(within seconds: Double) -> Int32? {
            kill(process.processIdentifier, SIGINT)
            guard exited.wait(timeout: .now() + seconds) == .success else {
                process.terminate()
                return nil
            }
            return process.terminationStatus
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    /// One HTTP/1.1 request over a socket to 127.0.0.1: the status line's code and the whole answer.
    static func request(_ port: Int, _ method: String, _ path: String, body: String = "", headers: [String] = []) -> (status: Int, text: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return (0, "no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return (0, "cannot connect") }
        let message = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
            + headers.map { $0 + "\r\n" }.joined() + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        _ = message.withCString { send(fd, $0, strlen($0), 0) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            answer += buffer[0..<n]
        }
        let text = String(decoding: answer, as: UTF8.self)
        let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, text)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    @Test func serveAnswersOnLoopbackAndCtrlCStopsIt() throws {
        let server = try Server(["--corpus", LoupeCLI.bundledCorpus, "--timeout", "2"])
        let port = try #require(server.port(), "no URL printed:\n\(server.stderr)")
        #expect(server.stderr.contains("loupe: serving 13 documents at http://127.0.0.1:\(port)/ (Ctrl-C stops)"))
        let index = Self.request(port, "GET", "/")
        #expect(index.status == 200)
        #expect(index.text.contains("Content-Security-Policy: default-src 'none'; script-src 'self'"))
        #expect(index.text.contains("Set-Cookie: loupe_visitor="))
        #expect(Self.request(port, "GET", "/static/app.js").status == 200)
        // a runaway on one connection, a count on another
        let runaway = LockedValue<(Int, String)>((0, ""))
        let done = DispatchSemaphore(value: 0)
        let start = DispatchTime.now()
        Thread { runaway.set(Self.request(port, "POST", "/api/run", body: "while true do end")); done.signal() }.start()
        usleep(200_000)
        let countStart = DispatchTime.now()
        let count = Self.request(port, "GET", "/api/count?q=nato")
        let countSeconds = Self.seconds(since: countStart)
        #expect(count.status == 200 && count.text.contains("\"count\":69"), "\(count.text)")
        #expect(countSeconds < 0.8, "\(countSeconds) s: not kept waiting for the 2 s runaway")
        #expect(done.wait(timeout: .now() + 10) == .success)
        let total = Self.seconds(since: start)
        #expect(runaway.get().1.contains("time limit exceeded"), "\(runaway.get().1)")
        #expect(total < 4, "\(total) s: about the limit")
        let status = server.interrupt(within: 5)
        #expect(status == 0, "\(server.stderr)")
        #expect(server.stderr.hasSuffix("loupe: stopped\n"), "\(server.stderr)")
    }

    @Test func allInterfacesAreAnnouncedWithAWarningAndABusyPortIsAUsageError() throws {
        let server = try Server(["--corpus", LoupeCLI.bundledCorpus, "--host", "0.0.0.0"])
        let port = try #require(server.port(), "no URL printed:\n\(server.stderr)")
        #expect(server.stderr.contains("loupe: warning: listening on every network interface"))
        #expect(Self.request(port, "GET", "/api/count?q=minsk").status == 200)
        let second = try LoupeCLI.run(["serve", "--corpus", LoupeCLI.bundledCorpus, "--quiet", "--port", String(port)], timeout: 60)
        #expect(second.status == 2, "\(second)")
        #expect(second.stderr.contains("cannot serve on 127.0.0.1:\(port): the port is in use"), "\(second)")
        #expect(server.interrupt(within: 5) == 0, "\(server.stderr)")
        let unsafe = try LoupeCLI.run(["serve", "--unsafe"], timeout: 60)
        #expect(unsafe.status == 2, "\(unsafe)")
    }
}

final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func set(_ v: Value) { lock.lock(); value = v; lock.unlock() }
    func get() -> Value { lock.lock(); defer { lock.unlock() }; return value }
}
