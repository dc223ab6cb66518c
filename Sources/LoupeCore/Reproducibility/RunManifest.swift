import Foundation

/// What a script run wrote, and everything needed to run it again: written
/// beside the outputs as NAME.manifest.json; `loupe verify` re-runs it and
/// compares every output byte for byte.
public struct RunManifest: Codable, Equatable, Sendable {
    public struct Output: Codable, Equatable, Sendable {
        /// Relative to the output folder.
        public var path: String
        public var bytes: Int
        public var sha256: String
        public init(path: String, bytes: Int, sha256: String) { self.path = path; self.bytes = bytes; self.sha256 = sha256 }
    }

    public var loupe: String
    public var lua: String
    public var script: String
    public var scriptSHA256: String
    public var arguments: [String]
    /// The options that change what a script computes or may do.
    public var options: [String: String]
    public var corpus: String
    public var corpusDocuments: Int
    public var corpusTokens: Int
    public var corpusFingerprint: String
    /// When the run ended, UTC, ISO 8601.
    public var time: String
    public var outputs: [Output]

    public init(loupe: String, lua: String, script: String, scriptSHA256: String, arguments: [String], options: [String: String],
                corpus: String, corpusDocuments: Int, corpusTokens: Int, corpusFingerprint: String, time: String, outputs: [Output]) {
        self.loupe = loupe; self.lua = lua; self.script = script; self.scriptSHA256 = scriptSHA256; self.arguments = arguments
        self.options = options; self.corpus = corpus; self.corpusDocuments = corpusDocuments; self.corpusTokens = corpusTokens
        self.corpusFingerprint = corpusFingerprint; self.time = time; self.outputs = outputs
    }

    enum CodingKeys: String, CodingKey {
        case loupe, lua, script, scriptSHA256 = "script_sha256", arguments, options, corpus
        case corpusDocuments = "corpus_documents", corpusTokens = "corpus_tokens", corpusFingerprint = "corpus_fingerprint", time, outputs
    }

    public func encoded() throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try e.encode(self)) + [0x0A]
    }

    public static func decode(_ data: Data) throws -> RunManifest { try JSONDecoder().decode(RunManifest.self, from: data) }
}

/// The files under a folder with their sizes and modification times: `loupe verify`
/// uses it to find files a re-run wrote in its scratch folder that the manifest lacks.
public struct FolderSnapshot: Sendable {
    public let root: String
    public private(set) var files: [String: String] = [:]   // relative path -> "size:mtime:inode"

    public init(_ root: String) {
        self.root = root
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root) else { return }
        while let rel = walker.nextObject() as? String {
            let path = (root as NSString).appendingPathComponent(rel)
            guard let a = try? fm.attributesOfItem(atPath: path), a[.type] as? FileAttributeType == .typeRegular else { continue }
            let size = (a[.size] as? NSNumber)?.intValue ?? -1
            let time = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let inode = (a[.systemFileNumber] as? NSNumber)?.intValue ?? 0
            files[rel] = "\(size):\(time):\(inode)"
        }
    }

}
