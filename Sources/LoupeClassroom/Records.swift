import Foundation
import GRDB
import LoupeCore

/// A student of the class: their name as they gave it, and when they joined.
public struct Student: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var joined: Double

    init(id: Int, name: String, joined: Double) { self.id = id; self.name = name; self.joined = joined }
    init(row: Row) { id = row["id"]; name = row["name"]; joined = row["joined"] }
}

/// The teacher's choices for one exercise.
public struct ExerciseSetting: Sendable, Equatable {
    public var exercise: String
    /// Students see it and may check answers.
    public var open = true
    /// Students may ask for its hints, one at a time.
    public var hintsAllowed = true
    /// The model solution is shown this many minutes after `openedAt`; nil: never.
    public var revealAfterMinutes: Int?
    /// When the teacher last opened it (or set its reveal), seconds since 1970.
    public var openedAt: Double?

    public init(exercise: String) { self.exercise = exercise }

    init(row: Row) {
        exercise = row["exercise"]; open = row["open"]; hintsAllowed = row["hints"]
        revealAfterMinutes = row["reveal_after"]; openedAt = row["opened_at"]
    }

    /// Whether the solution may be shown at `time`.
    public func solutionShown(at time: Double) -> Bool {
        guard let minutes = revealAfterMinutes else { return false }
        return time >= (openedAt ?? 0) + Double(minutes) * 60
    }
}

/// One check of one student's script for one exercise, as stored.
public struct Attempt: Sendable, Equatable {
    public var id = 0
    public var student: Int
    public var exercise: String
    public var at: Double
    public var script: String
    public var passed: Bool
    /// What the script returned, as the REPL shows it (nil when it returned nothing or failed).
    public var answer: String?
    public var feedback: String
    public var error: String?
    public var hintsUsed: Int
    /// The answers to the exercise's reflection questions, in its order.
    public var reflections: [String]
    public var seconds: Double
    /// The script's fingerprint: identical scripts (ignoring spacing) have the same one.
    public var fingerprint = ""

    public init(student: Int, exercise: String, at: Double, script: String, passed: Bool, feedback: String, error: String?,
                hintsUsed: Int, reflections: [String], seconds: Double) {
        self.student = student; self.exercise = exercise; self.at = at; self.script = script; self.passed = passed
        self.feedback = feedback; self.error = error; self.hintsUsed = hintsUsed; self.reflections = reflections; self.seconds = seconds
        fingerprint = Self.fingerprint(script)
    }

    init(row: Row) {
        id = row["id"]; student = row["student"]; exercise = row["exercise"]; at = row["at"]; script = row["script"]
        passed = row["passed"]; answer = row["answer"]; feedback = row["feedback"]; error = row["error"]; hintsUsed = row["hints_used"]
        reflections = Self.decode(row["reflections"]); seconds = row["seconds"]; fingerprint = row["script_hash"]
    }

    /// SHA-256 of the script with its whitespace runs made one space and its ends trimmed:
    /// the same code typed with other spacing is the same submission.
    public static func fingerprint(_ script: String) -> String {
        let words = script.split(whereSeparator: { $0.isWhitespace })
        return SHA256.hex(words.joined(separator: " "))
    }

    static func encode(_ reflections: [String]) -> String {
        (try? String(data: JSONEncoder().encode(reflections), encoding: .utf8) ?? "[]") ?? "[]"
    }

    static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
