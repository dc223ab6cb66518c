extension PathPolicy {
    /// What a host adds to LoupeCore's refusals: how its user lifts each kind, in the
    /// host's terms. Nil parts add nothing, so LoupeCore's own messages name no flag.
    public struct Wording: Sendable, Equatable {
        /// How a trusted script is run without the read limits (`--unsafe`):
        /// "…; use \(it) for trusted scripts".
        public var unrestricted: String?
        /// How the output folder is chosen (`--out DIR`): "(set it with \(it))".
        public var outputFolder: String?
        /// How the host consents to replacing files (`run loupe with --overwrite`), besides
        /// the writer's own `overwrite`: "…; pass {overwrite = true} and \(it) to replace it".
        public var replacing: String?

        public init(unrestricted: String? = nil, outputFolder: String? = nil, replacing: String? = nil) {
            self.unrestricted = unrestricted
            self.outputFolder = outputFolder
            self.replacing = replacing
        }
    }

    /// A path a policy refused. Two refusals are equal when they refuse the same
    /// thing, however the host words them.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public enum Reason: Equatable, Sendable {
            case notReadable(String)
            case outsideOutput(String, String)
            case missingFolder(String)
            case hidden(String)
            case protected(String, String)
            case closed(String, String)
        }

        public let reason: Reason
        public private(set) var wording = Wording()

        public init(_ reason: Reason) { self.reason = reason }

        public static func notReadable(_ path: String) -> Refusal { Refusal(.notReadable(path)) }
        public static func outsideOutput(_ path: String, _ output: String) -> Refusal { Refusal(.outsideOutput(path, output)) }
        public static func missingFolder(_ path: String) -> Refusal { Refusal(.missingFolder(path)) }
        public static func hidden(_ path: String) -> Refusal { Refusal(.hidden(path)) }
        public static func protected(_ path: String, _ folder: String) -> Refusal { Refusal(.protected(path, folder)) }
        public static func closed(_ path: String, _ why: String) -> Refusal { Refusal(.closed(path, why)) }

        /// The same refusal with the host's words.
        func worded(_ wording: Wording) -> Refusal {
            var copy = self
            copy.wording = wording
            return copy
        }

        public static func == (a: Refusal, b: Refusal) -> Bool { a.reason == b.reason }

        public var description: String {
            switch reason {
            case .notReadable(let p):
                return "'\(p)' is outside the folders scripts may read (the corpus, the script's folder, scripts/)"
                    + (wording.unrestricted.map { "; use \($0) for trusted scripts" } ?? "")
            case .outsideOutput(let p, let out):
                return "'\(p)' is outside the output folder \(out)" + (wording.outputFolder.map { " (set it with \($0))" } ?? "")
            case .missingFolder(let p): return "the folder of '\(p)' does not exist in the output folder"
            case .hidden(let p): return "'\(p)' may not be read by this script (it is in the exercises folder)"
            case .protected(let p, let folder):
                return "'\(p)' is inside \(folder), which holds Loupe's inputs (the corpus, scripts/, the exercises); outputs go elsewhere"
                    + (wording.outputFolder.map { " (set \($0))" } ?? "")
            case .closed(let p, let why): return "cannot write '\(p)': \(why)"
            }
        }
    }
}
