import ArgumentParser
import Foundation
import LoupeCore
import LoupeLua

/// Reproducible runs: a script that writes results gets a manifest beside
/// them (docs/guide.md, "Reproducible runs"), and `loupe verify` re-runs it.
enum RunManifests {
    /// The corpus in a session for running `script` (its folder is readable).
    static func session(_ common: CommonOptions, script: String, announce: Bool = true,
                        wrote: @escaping @Sendable (String) -> Void = { _ in }) throws -> Session {
        let folder = (script as NSString).deletingLastPathComponent
        return try common.open(scriptFolder: folder.isEmpty ? "." : folder, announce: announce, wrote: wrote)
    }

    /// Runs a script file in a session; errors are reported and end in Exit.
    static func execute(_ session: Session, script: String, arguments: [String]) throws {
        guard let data = FileManager.default.contents(atPath: script) else {
            Terminal.err("loupe: cannot open script '\(script)'")
            throw Exit.usage
        }
        var code = [UInt8](data)
        if code.starts(with: [0xEF, 0xBB, 0xBF]) { code.removeFirst(3) }   // a byte-order mark, as lua.c drops it
        if code.first == UInt8(ascii: "#") { code = Array("--".utf8) + code }   // a #! line (line count kept)
        do {
            try session.run(code, chunkName: "@\(script)", scriptName: script, args: arguments)
        } catch {
            report(error)
            throw Exit.scriptError
        }
    }

    /// The manifest of a run that wrote `outputs` (paths relative to the output folder).
    static func manifest(_ common: CommonOptions, script: String, arguments: [String], corpus: Corpus, outputs: [String]) -> RunManifest {
        let scriptBytes = FileManager.default.contents(atPath: script).map { [UInt8]($0) } ?? []
        var options: [String: String] = ["memory": String(common.memory), "instructions": String(common.instructions),
                                         "unsafe": String(common.unsafe)]
        if let t = common.timeout { options["timeout"] = String(t) }
        if !common.plugin.isEmpty { options["plugin"] = common.plugin.map { PathPolicy.resolved($0) ?? $0 }.joined(separator: "\n") }
        let records = outputs.map { rel -> RunManifest.Output in
            let bytes = FileManager.default.contents(atPath: (common.out as NSString).appendingPathComponent(rel)).map { [UInt8]($0) } ?? []
            return RunManifest.Output(path: rel, bytes: bytes.count, sha256: SHA256.hex(bytes))
        }
        let time = ISO8601DateFormatter().string(from: Date())
        return RunManifest(loupe: Session.loupeVersion, lua: Session.luaVersion, script: PathPolicy.resolved(script) ?? script,
                           scriptSHA256: SHA256.hex(scriptBytes), arguments: arguments, options: options,
                           corpus: PathPolicy.resolved(corpus.root) ?? corpus.root, corpusDocuments: corpus.documents.count,
                           corpusTokens: corpus.tokenCount, corpusFingerprint: corpus.fingerprint, time: time, outputs: records)
    }

    /// Where a script's manifest goes: OUT/SCRIPTNAME.manifest.json.
    static func manifestPath(_ common: CommonOptions, script: String) -> String {
        let stem = ((script as NSString).lastPathComponent as NSString).deletingPathExtension
        return (common.out as NSString).appendingPathComponent(stem + ".manifest.json")
    }

    /// Runs a script, and when it wrote files into the output folder, writes their manifest.
    static func runRecorded(_ common: CommonOptions, script: String, arguments: [String]) throws {
        // The files Loupe's writers wrote, not whatever changed in the folder meanwhile (which
        // would take a walk of the whole folder and pick up other programs' files too).
        let log = WriteLog()
        let session = try session(common, script: script, wrote: log.add)
        let corpus = session.corpus
        try execute(session, script: script, arguments: arguments)
        let target = manifestPath(common, script: script)
        let outputs = log.paths(inside: common.out).filter { !$0.hasSuffix(".manifest.json") }
        guard !outputs.isEmpty else { return }
        let m = manifest(common, script: script, arguments: arguments, corpus: corpus, outputs: outputs)
        do {
            try TableFileWriter.write(try m.encoded(), to: target, overwrite: true)
            if !common.quiet { Terminal.err("loupe: wrote \(outputs.count) file\(outputs.count == 1 ? "" : "s"); manifest \(target)") }
        } catch {
            Terminal.err("loupe: warning: could not write the manifest \(target): \(error)")
        }
    }
}

/// `loupe verify MANIFEST`: runs the script again, as it was run, and compares every output.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-run the script of a run manifest and check that every output is identical.",
        discussion: "Exit status: 0 when the corpus, the script and every output are the same, 1 when anything differs, 2 on a usage error.")

    @Argument(help: ArgumentHelp("A manifest written beside a run's outputs.", valueName: "file.manifest.json")) var manifest: String
    @Option(name: .long, help: ArgumentHelp("Use this corpus folder instead of the one recorded.", valueName: "path")) var corpus: String?
    @Flag(name: .long, help: "Print only the verdict.") var quiet = false

    func run() throws {
        guard let data = FileManager.default.contents(atPath: manifest) else {
            Terminal.err("loupe: cannot read manifest '\(manifest)'")
            throw Exit.usage
        }
        let m: RunManifest
        do { m = try RunManifest.decode(data) } catch {
            Terminal.err("loupe: \(manifest) is not a Loupe run manifest: \(error)")
            throw Exit.usage
        }
        let scratch = NSTemporaryDirectory() + "loupe-verify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        var args = ["--quiet", "--corpus", corpus ?? m.corpus, "--out", scratch, "--memory", m.options["memory"] ?? "4096",
                    "--instructions", m.options["instructions"] ?? "0"]
        if let t = m.options["timeout"] { args += ["--timeout", t] }
        if m.options["unsafe"] == "true" { args.append("--unsafe") }
        for p in (m.options["plugin"] ?? "").split(separator: "\n") { args += ["--plugin", String(p)] }
        let common: CommonOptions
        do { common = try CommonOptions.parse(args) } catch {
            Terminal.err("loupe: the manifest's options are not valid: \(error)")
            throw Exit.usage
        }
        var same = true
        var lines: [String] = []
        let session = try RunManifests.session(common, script: m.script, announce: false)
        let loaded = session.corpus
        if loaded.fingerprint != m.corpusFingerprint {
            same = false
            lines.append("corpus    DIFFERENT  \(loaded.root): \(loaded.documents.count) documents, \(loaded.tokenCount) tokens (recorded: \(m.corpusDocuments) documents, \(m.corpusTokens) tokens)")
        } else {
            lines.append("corpus    identical  \(loaded.root)")
        }
        let scriptBytes = FileManager.default.contents(atPath: m.script).map { [UInt8]($0) }
        guard let scriptBytes else {
            Terminal.err("loupe: the script \(m.script) is gone")
            throw Exit.scriptError
        }
        if SHA256.hex(scriptBytes) != m.scriptSHA256 { same = false; lines.append("script    DIFFERENT  \(m.script)") }
        else { lines.append("script    identical  \(m.script)") }

        try RunManifests.execute(session, script: m.script, arguments: m.arguments)
        for o in m.outputs {
            let path = (scratch as NSString).appendingPathComponent(o.path)
            guard let bytes = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) else {
                same = false; lines.append("output    MISSING    \(o.path)"); continue
            }
            if SHA256.hex(bytes) == o.sha256 { lines.append("output    identical  \(o.path)") }
            else { same = false; lines.append("output    DIFFERENT  \(o.path) (\(bytes.count) bytes, recorded \(o.bytes))") }
        }
        let recorded = Set(m.outputs.map(\.path))
        for extra in FolderSnapshot(scratch).files.keys.sorted() where !recorded.contains(extra) && !extra.hasSuffix(".manifest.json") {
            same = false; lines.append("output    NEW        \(extra)")
        }
        if !quiet { Terminal.out(lines.joined(separator: "\n") + "\n") }
        Terminal.out(same ? "verified: every output is identical (run of \(m.time))\n" : "not verified: the run differs from the one of \(m.time)\n")
        if !same { throw Exit.scriptError }
    }
}

/// The paths a run's writers wrote, for its manifest.
final class WriteLog: @unchecked Sendable {
    private let lock = NSLock()
    private var written: [String] = []

    func add(_ path: String) { lock.lock(); written.append(path); lock.unlock() }

    /// Those inside `folder`, relative to it, each once, in path order (files written elsewhere
    /// with --unsafe cannot be re-made by `loupe verify` in a scratch folder, so they are left out).
    func paths(inside folder: String) -> [String] {
        lock.lock(); defer { lock.unlock() }
        guard let root = PathPolicy.resolved(folder) else { return [] }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let relative = written.compactMap { path -> String? in
            let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
            guard let real = PathPolicy.resolved(absolute), real.hasPrefix(prefix) else { return nil }
            return String(real.dropFirst(prefix.count))
        }
        return Array(Set(relative)).sorted()
    }
}
