import ArgumentParser
import Foundation
import LoupeCore
import LoupeServer
import LuaRuntime

/// `loupe serve`: the corpus in a browser (docs/browser.md).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the corpus to browsers: search it, read it, and run Lua, each visitor in a sandbox of their own.",
        discussion: "Listens on 127.0.0.1 (this machine only) unless --host says otherwise. Ctrl-C stops it. See docs/browser.md.")

    @Option(name: .long, help: ArgumentHelp("The corpus folder (default: $LOUPE_CORPUS, else ./corpus, else the corpus that came with Loupe).", valueName: "path"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp("The address to listen on: 127.0.0.1 (default) for this machine only, 0.0.0.0 for every network interface (a class on one network).", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Stop each evaluation, and each query, after this many seconds (default \(Int(ServerOptions.defaultTimeout)); 0 = none).", valueName: "seconds"))
    var timeout: Double = ServerOptions.defaultTimeout

    @Option(name: .long, help: ArgumentHelp("Each visitor's Lua memory limit in MiB (default \(ServerOptions.defaultMemoryMiB); 0 = none). The corpus itself is not counted.", valueName: "MiB"))
    var memory: Int = ServerOptions.defaultMemoryMiB

    @Option(name: .long, help: ArgumentHelp("Stop each evaluation after this many Lua VM instructions (default: no limit).", valueName: "count"))
    var instructions: Int64 = 0

    @Option(name: .customLong("max-visitors"), help: ArgumentHelp("Visitors holding a Lua environment at once (default 200); past it the longest idle one is let go.", valueName: "n"))
    var maxVisitors: Int = 200

    @Option(name: .customLong("idle"), help: ArgumentHelp("Release a visitor's Lua environment after this many minutes without use (default 30).", valueName: "minutes"))
    var idleMinutes: Double = 30

    @Flag(name: .long, help: "Print no load summary or warnings.")
    var quiet = false

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if host.isEmpty || host.contains("/") || host.contains(" ") { throw ValidationError("--host must be an address such as 127.0.0.1 or 0.0.0.0") }
        if !(timeout >= 0 && timeout < 1e6) { throw ValidationError("--timeout must be a number of seconds from 0 to 1000000") }
        if memory < 0 || memory > 1 << 24 { throw ValidationError("--memory must be a number of MiB from 0 to 16777216") }
        if instructions < 0 { throw ValidationError("--instructions must not be negative") }
        if maxVisitors < 1 || maxVisitors > 100_000 { throw ValidationError("--max-visitors must be from 1 to 100000") }
        if !(idleMinutes > 0 && idleMinutes < 1e6) { throw ValidationError("--idle must be a positive number of minutes") }
    }

    func run() throws {
        let common = try CommonOptions.parse((corpus.map { ["--corpus", $0] } ?? []) + (quiet ? ["--quiet"] : []))
        let loaded = try common.openCorpus()
        var options = ServerOptions()
        options.host = host
        options.port = port
        options.limits = LuaLimits(memoryBytes: memory << 20, instructions: instructions, timeMilliseconds: Int(timeout * 1000))
        options.maxVisitors = maxVisitors
        options.idleSeconds = idleMinutes * 60
        let server = LoupeServer(corpus: loaded, options: options)
        let host = self.host
        do {
            try server.runUntilSignalled { port in
                let (local, others) = LoupeServer.urls(host: host, port: port)
                Terminal.err("loupe: serving \(loaded.documents.count) documents at \(local) (Ctrl-C stops)")
                if host == "0.0.0.0" || host == "::" {
                    Terminal.err("loupe: warning: listening on every network interface: anyone who can reach this machine can read the corpus and run sandboxed Lua")
                    for url in others { Terminal.err("loupe: give students \(url)") }
                }
                Terminal.flush()
            } onStopping: { running in
                Terminal.err("loupe: stopping: waiting for \(running) running evaluation\(running == 1 ? "" : "s") (at most \(timeout > 0 ? min(Int(timeout.rounded(.up)), 10) : 10) s; Ctrl-C again stops now)")
            }
        } catch let e as ServeFailure {
            Terminal.err("loupe: cannot serve on \(host):\(port): \(e)")
            throw Exit.usage
        }
        Terminal.err("loupe: stopped")
    }
}
