import Foundation
import LoupeCore
import LuaRuntime

/// One exercise: a Lua file in scripts/exercises/ that returns
/// {id, title, why, prompt, answer, hints, reflections, solution, check = function(answer, corpus) … end}.
/// docs/teaching.md says what each field is for.
public struct Exercise: Sendable {
    public let id: String
    public let title: String
    /// Why the question matters to a source critic.
    public let why: String
    public let prompt: String
    /// How to answer: what the script must return.
    public let answer: String
    public let hints: [String]
    /// Free-text questions for the student to think about once the answer is found
    /// (what the finding does and does not show); nobody checks them.
    public let reflections: [String]
    public let solution: String
    /// The file has a check function (a student pack's files do not: `loupe exercise pack`).
    public let isCheckable: Bool
    public let file: String
    /// The file's source, run again in a fresh checker for every check.
    let source: [UInt8]

    /// Reads an exercise file in a throw-away sandboxed session: the fields, and that `check` is a
    /// function. With `requireCheck` false a file without a check (a student pack's) loads too.
    public static func load(path: String, corpus: Corpus, options: EnvironmentOptions, requireCheck: Bool = true) throws -> Exercise {
        guard let data = FileManager.default.contents(atPath: path) else { throw ExerciseError("\(path): cannot read the exercise file") }
        let source = [UInt8](data)
        let session = try LuaEnvironment(corpus: corpus, options: options)
        let (value, functions) = try session.runForModule(source, chunkName: "@\(path)")
        guard case .record = value else { throw ExerciseError("\(path): an exercise file must return a table {id = …, title = …, prompt = …, check = function(answer, corpus) … end}") }
        func text(_ key: String, required: Bool = true) throws -> String {
            if case .string(let s)? = value[key] { return s }
            if required { throw ExerciseError("\(path): the exercise table needs \(key) = \"…\"") }
            return ""
        }
        let checkable = functions["check"] != nil
        if requireCheck && !checkable {
            throw ExerciseError("\(path): the exercise table needs check = function(answer, corpus) … end")
        }
        if !checkable, value["check"] != nil {
            throw ExerciseError("\(path): check must be a function(answer, corpus) … end, got a \(value["check"]?.typeName ?? "value")")
        }
        let id = try text("id")
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ExerciseError("\(path): id must be letters, digits, '-' or '_', got \"\(id)\"")
        }
        var hints: [String] = []
        if case .array(let items)? = value["hints"] {
            for case .string(let h) in items { hints.append(h) }
        }
        return Exercise(id: id, title: try text("title"), why: try text("why", required: false), prompt: try text("prompt"),
                        answer: try text("answer", required: false), hints: hints,
                        reflections: try reflections(value["reflections"], path: path),
                        solution: try text("solution", required: false), isCheckable: checkable, file: path, source: source)
    }

    /// reflections = {"…?", …}: a list of questions, each a non-empty string; absent means none.
    static func reflections(_ value: LuaValue?, path: String) throws -> [String] {
        let shape = "reflections must be a list of questions, such as reflections = {\"Which outlet mixes the spellings?\"}"
        switch value {
        case nil, .nil?: return []
        case .array(let items)?:
            return try items.enumerated().map { i, item in
                guard case .string(let s) = item else {
                    throw ExerciseError("\(path): \(shape); question \(i + 1) is a \(item.typeName), not a string")
                }
                guard s.contains(where: { !$0.isWhitespace }) else {
                    throw ExerciseError("\(path): \(shape); question \(i + 1) is empty")
                }
                return s
            }
        case let other?:
            throw ExerciseError("\(path): \(shape); got a \(other.typeName)\(other.typeName == "table" ? " with named fields" : "")")
        }
    }

    /// Every *.lua file of a folder, in name order; files that fail are reported, not fatal.
    public static func loadAll(folder: String, corpus: Corpus, options: EnvironmentOptions,
                               requireCheck: Bool = true) -> (exercises: [Exercise], problems: [String]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".lua") && !$0.hasPrefix(".") }.sorted()
        var out: [Exercise] = [], problems: [String] = []
        var seen: [String: String] = [:]
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                let e = try load(path: path, corpus: corpus, options: options, requireCheck: requireCheck)
                if let first = seen[e.id] { problems.append("\(path): id \"\(e.id)\" is already used by \(first); skipped"); continue }
                seen[e.id] = path
                out.append(e)
            } catch {
                problems.append("\(error)")
            }
        }
        return (out, problems)
    }
}

public struct ExerciseError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What a check says of one answer.
public struct ExerciseVerdict: Sendable {
    public var passed: Bool
    public var feedback: String
    /// The student's script failed (error, limit, wrong kind of result); feedback says how.
    public var error: String?
    public var seconds: Double
    /// The script was also run on a variant of the corpus (ExerciseVariant), so an answer written
    /// into the script fails. False when the script failed before that, or when the exercise has
    /// no variant (no solution, or no variant found where the solution's answer changes).
    public var variantChecked: Bool
    /// The variant the script was run on, e.g. "6 of 13 documents left out", when it was.
    public var variant: String?
    /// What the script returned, as a Lua literal cut to 2,000 characters (nil when it returned nothing or failed).
    public var answer: String?

    public init(passed: Bool, feedback: String, error: String? = nil, seconds: Double, variantChecked: Bool = false, variant: String? = nil) {
        self.passed = passed; self.feedback = feedback; self.error = error; self.seconds = seconds
        self.variantChecked = variantChecked; self.variant = variant
    }
}
