import ArgumentParser
import Foundation
import LoupeCore
import LoupeLua

/// `loupe verify MANIFEST`: runs the script again, as it was run, and compares every output.
///
/// A manifest is data someone sends with their results, so it never chooses how the script
/// runs (docs/teaching.md, "Reproducible runs"): the sandbox, the limits and the plugins are
/// those of verify's own command line, whatever the manifest recorded; every path it names
/// (script, corpus, outputs) must lie inside the manifest's folder or be given on the command
/// line, else verify refuses with status 2 before running anything; a script whose hash
/// differs is reported and never run; outputs are read only inside verify's scratch folder.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-run the script of a run manifest and check that every output is identical.",
        discussion: """
        The manifest only says what to compare: the script runs sandboxed, with verify's own limits and \
        plugins. The script and the corpus are taken from the manifest's folder only; when they are \
        elsewhere, give them with --script and --corpus. \
        Exit status: 0 when the corpus, the script and every output are the same, 1 when anything differs, \
        2 on a usage error or a manifest naming a path outside its folder.
        """)

    @Argument(help: ArgumentHelp("A manifest written beside a run's outputs.", valueName: "file.manifest.json")) var manifest: String
    @Option(name: .long, help: ArgumentHelp("The corpus folder to run on (default: the recorded one, only if it is inside the manifest's folder).", valueName: "path")) var corpus: String?
    @Option(name: .long, help: ArgumentHelp("The script to run (default: the recorded one if it is inside the manifest's folder).", valueName: "file.lua")) var script: String?
    @Flag(name: .long, help: "Print only the verdict.") var quiet = false
    @Flag(name: .long, help: "Run the script unsandboxed (full io, os). Only for a script you trust; the manifest cannot ask for this.") var unsafe = false
    @Option(name: .long, help: ArgumentHelp("Stop the script after this many seconds (default 600; 0 = none).", valueName: "seconds")) var timeout: Double?
    @Option(name: .long, help: ArgumentHelp("Lua memory limit in MiB (default 4096; 0 = none).", valueName: "MiB")) var memory: Int?
    @Option(name: .long, help: ArgumentHelp("Stop the script after this many Lua VM instructions (default: no limit).", valueName: "count")) var instructions: Int64?
    @Option(name: .long, help: ArgumentHelp("Load a plugin file (may be given more than once); the manifest's plugins are not loaded.", valueName: "file.lua")) var plugin: [String] = []

    /// A manifest is a small JSON file; anything else (a FIFO, /dev/zero, a huge file) is refused unread.
    static let largestManifest = 64 << 20

    func run() throws {
        var st = stat()
        guard stat(manifest, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) <= Self.largestManifest,
              let data = FileManager.default.contents(atPath: manifest) else {
            Terminal.err("loupe: cannot read manifest '\(manifest)' (not a readable file of at most 64 MiB)")
            throw Exit.usage
        }
        let m: RunManifest
        do { m = try RunManifest.decode(data) } catch {
            Terminal.err("loupe: \(manifest) is not a Loupe run manifest: \(error)")
            throw Exit.usage
        }
        let plan = try VerifyPlan(m, manifest: manifest, script: script, corpus: corpus)
        let time = VerifyPlan.shown(m.time)   // the manifest's text never reaches the terminal raw

        // The sandbox and limits come from this command line only; say what the manifest asked for.
        if unsafe {
            Terminal.err("loupe: WARNING: --unsafe: the script \(plan.script) runs with the full standard library; it can read, change and run anything you can")
        } else if m.options["unsafe"] == "true" {
            Terminal.err("loupe: the run was recorded with --unsafe; verify runs it sandboxed (pass --unsafe to verify only if you trust the script)")
        }
        if plugin.isEmpty, let recorded = m.options["plugin"], !recorded.isEmpty {
            Terminal.err("loupe: the run loaded plugins that verify does not load from a manifest; pass them with --plugin FILE")
        }

        let scratch = try ScratchFolder(prefix: "loupe-verify")
        defer { scratch.remove() }
        var args = ["--quiet", "--corpus", plan.corpus, "--out", scratch.path, "--overwrite"]
        if let timeout { args += ["--timeout", String(timeout)] }
        if let memory { args += ["--memory", String(memory)] }
        if let instructions { args += ["--instructions", String(instructions)] }
        if unsafe { args.append("--unsafe") }
        for p in plugin { args += ["--plugin", p] }
        let common: CommonOptions
        do { common = try CommonOptions.parse(args) } catch {
            Terminal.err("loupe: \(CommonOptions.message(for: error))")
            throw Exit.usage
        }

        var same = true
        var lines: [String] = []
        let session = try RunManifests.session(common, script: plan.script, announce: false)
        let loaded = session.corpus
        if loaded.fingerprint != m.corpusFingerprint {
            same = false
            lines.append("corpus    DIFFERENT  \(loaded.root): \(loaded.documents.count) documents, \(loaded.tokenCount) tokens (recorded: \(m.corpusDocuments) documents, \(m.corpusTokens) tokens)")
        } else {
            lines.append("corpus    identical  \(loaded.root)")
        }
        guard let scriptBytes = FileManager.default.contents(atPath: plan.script).map({ [UInt8]($0) }) else {
            Terminal.err("loupe: cannot read the script \(plan.script)")
            throw Exit.usage
        }
        if SHA256.hex(scriptBytes) != m.scriptSHA256 {
            // Never run a script other than the one recorded: it is not the run being verified.
            lines.append("script    DIFFERENT  \(plan.script) (not run)")
            if !quiet { Terminal.out(lines.joined(separator: "\n") + "\n") }
            Terminal.out("not verified: the script differs from the one of the run of \(time), so it was not run\n")
            throw Exit.scriptError
        }
        lines.append("script    identical  \(plan.script)")

        // The bytes just hashed are the bytes run (the file could change in between).
        do {
            try RunManifests.execute(session, code: scriptBytes, script: plan.script, arguments: m.arguments)
        } catch {
            // the error is on stderr; what was compared before it still goes to stdout
            if !quiet { Terminal.out(lines.joined(separator: "\n") + "\n") }
            Terminal.out("not verified: the script failed where the run of \(time) succeeded\n")
            throw error
        }
        for o in m.outputs {
            guard let bytes = scratch.regularFile(o.path) else {
                same = false; lines.append("output    MISSING    \(VerifyPlan.shown(o.path))"); continue
            }
            if SHA256.hex(bytes) == o.sha256 { lines.append("output    identical  \(VerifyPlan.shown(o.path))") }
            else { same = false; lines.append("output    DIFFERENT  \(VerifyPlan.shown(o.path)) (\(bytes.count) bytes, recorded \(o.bytes))") }
        }
        let recorded = Set(m.outputs.map(\.path))
        for extra in FolderSnapshot(scratch.path).files.keys.sorted() where !recorded.contains(extra) && !extra.hasSuffix(".manifest.json") {
            same = false; lines.append("output    NEW        \(VerifyPlan.shown(extra))")
        }
        if !quiet { Terminal.out(lines.joined(separator: "\n") + "\n") }
        Terminal.out(same ? "verified: every output is identical (run of \(time))\n" : "not verified: the run differs from the one of \(time)\n")
        if !same { throw Exit.scriptError }
    }
}

/// Which script and corpus verify uses, and the outputs it may read: every path from the
/// manifest checked before anything runs. A refusal ends the program with status 2.
struct VerifyPlan {
    let script: String
    let corpus: String

    init(_ m: RunManifest, manifest: String, script given: String?, corpus givenCorpus: String?) throws {
        let folder = PathPolicy.resolved((manifest as NSString).deletingLastPathComponent.isEmpty ? "." : (manifest as NSString).deletingLastPathComponent) ?? "."
        for o in m.outputs {
            guard VerifyPlan.isPlainRelative(o.path) else {
                Terminal.err("loupe: the manifest names an output '\(VerifyPlan.shown(o.path))' outside its run's output folder; refused (nothing was run)")
                throw Exit.usage
            }
        }
        if let given {
            script = PathPolicy.resolved(given) ?? given
        } else if let inside = VerifyPlan.inside(m.script, folder) {
            script = inside
        } else {
            Terminal.err("loupe: the manifest's script '\(VerifyPlan.shown(m.script))' is outside the manifest's folder \(folder); give the script to run with --script FILE (nothing was run)")
            throw Exit.usage
        }
        if let givenCorpus {
            corpus = givenCorpus
        } else if let inside = VerifyPlan.inside(m.corpus, folder) {
            corpus = inside
        } else {
            Terminal.err("loupe: the manifest's corpus '\(VerifyPlan.shown(m.corpus))' is outside the manifest's folder \(folder); give the corpus with --corpus PATH (nothing was run)")
            throw Exit.usage
        }
    }

    /// A path relative to the output folder that stays inside it: no `/` first, no `..`, no NUL.
    static func isPlainRelative(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.utf8.contains(0) else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    /// `path` (relative paths taken in `folder`), resolved, if it exists inside `folder` (links followed).
    static func inside(_ path: String, _ folder: String) -> String? {
        guard !path.isEmpty, !path.utf8.contains(0) else { return nil }
        let candidate = path.hasPrefix("/") ? path : folder + "/" + path
        guard let real = PathPolicy.resolved(candidate), real == folder || real.hasPrefix(folder == "/" ? "/" : folder + "/") else { return nil }
        return real
    }

    /// A manifest's text shown in a message: control characters escaped, at most 200 characters.
    static func shown(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars.prefix(200) {
            out += u.value < 0x20 || u.value == 0x7F ? "\\u{\(String(u.value, radix: 16))}" : String(u)
        }
        return text.unicodeScalars.count > 200 ? out + "…" : out
    }
}
