import ArgumentParser
import Foundation
import LoupeCore
import LoupeLua

/// Reproducible runs: a script that writes results gets a manifest beside
/// them (docs/guide.md, "Reproducible runs"), and `loupe verify` re-runs it.
enum RunManifests {
    /// The corpus in a session for running `script` (its folder is readable).
    static func session(_ common: CommonOptions, script: String, announce: Bool = true,
                        wrote: @escaping @Sendable (String) -> Void = { _ in }) throws -> LuaEnvironment {
        let folder = (script as NSString).deletingLastPathComponent
        return try common.open(scriptFolder: folder.isEmpty ? "." : folder, announce: announce, wrote: wrote)
    }

    /// Runs a script file in a session; errors are reported and end in Exit.
    static func execute(_ session: LuaEnvironment, script: String, arguments: [String]) throws {
        guard let data = FileManager.default.contents(atPath: script) else {
            Terminal.err("loupe: cannot open script '\(script)'")
            throw Exit.usage
        }
        try execute(session, code: [UInt8](data), script: script, arguments: arguments)
    }

    /// Runs a script's bytes (read once by the caller) in a session.
    static func execute(_ session: LuaEnvironment, code bytes: [UInt8], script: String, arguments: [String]) throws {
        var code = bytes
        if code.starts(with: [0xEF, 0xBB, 0xBF]) { code.removeFirst(3) }   // a byte-order mark, as lua.c drops it
        if code.first == UInt8(ascii: "#") { code = Array("--".utf8) + code }   // a #! line (line count kept)
        do {
            try session.run(code, chunkName: "@\(script)", scriptName: script, args: arguments)
        } catch {
            report(error)
            throw Exit.scriptError
        }
    }

    /// The manifest of a run that wrote `outputs` (paths relative to the output folder). Each
    /// output's size and hash are those of the bytes this process wrote (WrittenFiles), so a
    /// run that shares the output folder with another records its own outputs, not the other's.
    static func manifest(_ common: CommonOptions, script: String, scriptBytes: [UInt8], arguments: [String], corpus: Corpus, outputs: [String]) -> RunManifest {
        var options: [String: String] = ["memory": String(common.memory), "instructions": String(common.instructions),
                                         "unsafe": String(common.unsafe)]
        if let t = common.timeout { options["timeout"] = String(t) }
        if !common.plugin.isEmpty { options["plugin"] = common.plugin.map { PathPolicy.resolved($0) ?? $0 }.joined(separator: "\n") }
        let records = outputs.map { rel -> RunManifest.Output in
            let path = (common.outputFolder as NSString).appendingPathComponent(rel)
            if let r = WrittenFiles.shared.record(for: path) { return RunManifest.Output(path: rel, bytes: r.bytes, sha256: r.sha256) }
            let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
            return RunManifest.Output(path: rel, bytes: bytes.count, sha256: SHA256.hex(bytes))
        }
        let time = ISO8601DateFormatter().string(from: Date())
        return RunManifest(loupe: LuaEnvironment.loupeVersion, lua: LuaEnvironment.luaVersion, script: PathPolicy.resolved(script) ?? script,
                           scriptSHA256: SHA256.hex(scriptBytes), arguments: arguments, options: options,
                           corpus: PathPolicy.resolved(corpus.root) ?? corpus.root, corpusDocuments: corpus.documents.count,
                           corpusTokens: corpus.tokenCount, corpusFingerprint: corpus.fingerprint, time: time, outputs: records)
    }

    /// Where a script's manifest goes: OUT/SCRIPTNAME.manifest.json.
    static func manifestPath(_ common: CommonOptions, script: String) -> String {
        let stem = ((script as NSString).lastPathComponent as NSString).deletingPathExtension
        return (common.outputFolder as NSString).appendingPathComponent(stem + ".manifest.json")
    }

    /// Runs a script, and when it wrote files into the output folder, writes their manifest.
    static func runRecorded(_ common: CommonOptions, script: String, arguments: [String]) throws {
        // The files Loupe's writers wrote, not whatever changed in the folder meanwhile (which
        // would take a walk of the whole folder and pick up other programs' files too).
        let log = WriteLog()
        WrittenFiles.shared.start()
        let scriptBytes = FileManager.default.contents(atPath: script).map { [UInt8]($0) } ?? []
        let session = try session(common, script: script, wrote: log.add)
        let corpus = session.corpus
        try execute(session, script: script, arguments: arguments)
        let target = manifestPath(common, script: script)
        let outputs = log.paths(inside: common.outputFolder).filter { !$0.hasSuffix(".manifest.json") }
        guard !outputs.isEmpty else { return }
        let m = manifest(common, script: script, scriptBytes: scriptBytes, arguments: arguments, corpus: corpus, outputs: outputs)
        do {
            try TableFileWriter.write(try m.encoded(), to: target, overwrite: true)
            if !common.quiet { Terminal.err("loupe: wrote \(outputs.count) file\(outputs.count == 1 ? "" : "s"); manifest \(target)") }
        } catch {
            Terminal.err("loupe: warning: could not write the manifest \(target): \(error)")
        }
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
