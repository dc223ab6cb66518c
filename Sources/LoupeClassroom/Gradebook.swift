import Foundation
import GRDB
import LoupeCore

/// A class's gradebook: one SQLite file (WAL, synchronous FULL, migrated on open) holding
/// the class's settings, its students, every attempt and the hints each student has seen.
/// An attempt is acknowledged only once its transaction has committed, so a server killed
/// at any moment keeps every attempt a student was told about (docs/classroom.md).
public final class Gradebook: Sendable {
    let database: DatabasePool
    public let path: String

    /// Opens (or creates) the gradebook at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")     // a commit is on disk before the student hears of it
        }
        configuration.busyMode = .timeout(5)
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try GradebookSchema.migrator.migrate(database)
        } catch {
            throw GradebookError("cannot open the gradebook \(path): \(error)")
        }
        self.path = path
    }

    /// A PRAGMA's value as text (journal_mode, synchronous), to check how the file is kept.
    public func pragma(_ name: String) throws -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        return try database.read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    // MARK: settings

    func setting(_ key: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    func setSetting(_ key: String, _ value: String?) throws {
        try database.write { db in
            if let value {
                try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [key, value])
            } else {
                try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
            }
        }
    }

    // MARK: students

    /// A new student with this name and session token (kept as its hash); nil when the name is taken.
    public func addStudent(name: String, token: String, at time: Double) throws -> Student? {
        try database.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM student WHERE name = ? COLLATE NOCASE", arguments: [name]) != nil { return nil }
            try db.execute(sql: "INSERT INTO student (name, token_hash, joined) VALUES (?, ?, ?)",
                           arguments: [name, SHA256.hex(token), time])
            return Student(id: Int(db.lastInsertedRowID), name: name, joined: time)
        }
    }

    /// The student whose session token this is.
    public func student(token: String) throws -> Student? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, joined FROM student WHERE token_hash = ?", arguments: [SHA256.hex(token)])
                .map(Student.init(row:))
        }
    }

    public func student(id: Int) throws -> Student? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, joined FROM student WHERE id = ?", arguments: [id]).map(Student.init(row:))
        }
    }

    public func students() throws -> [Student] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, joined FROM student ORDER BY name COLLATE NOCASE, id").map(Student.init(row:))
        }
    }

    // MARK: exercise settings

    /// The teacher's settings for an exercise (open, hints allowed, solution never shown, until set).
    public func exerciseSetting(_ exercise: String) throws -> ExerciseSetting {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM exercise_setting WHERE exercise = ?", arguments: [exercise])
                .map(ExerciseSetting.init(row:)) ?? ExerciseSetting(exercise: exercise)
        }
    }

    public func save(_ s: ExerciseSetting) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO exercise_setting (exercise, open, hints, reveal_after, opened_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(exercise) DO UPDATE SET open = excluded.open, hints = excluded.hints,
                    reveal_after = excluded.reveal_after, opened_at = excluded.opened_at
                """, arguments: [s.exercise, s.open, s.hintsAllowed, s.revealAfterMinutes, s.openedAt])
        }
    }

    // MARK: hints

    public func hintsShown(student: Int, exercise: String) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT shown FROM hint_use WHERE student = ? AND exercise = ?", arguments: [student, exercise]) ?? 0
        }
    }

    /// Counts one more hint seen (at most `available`); returns how many the student has now seen.
    public func showHint(student: Int, exercise: String, available: Int) throws -> Int {
        try database.write { db in
            let shown = try Int.fetchOne(db, sql: "SELECT shown FROM hint_use WHERE student = ? AND exercise = ?",
                                         arguments: [student, exercise]) ?? 0
            let now = min(available, shown + 1)
            try db.execute(sql: """
                INSERT INTO hint_use (student, exercise, shown) VALUES (?, ?, ?)
                ON CONFLICT(student, exercise) DO UPDATE SET shown = excluded.shown
                """, arguments: [student, exercise, now])
            return now
        }
    }

    // MARK: attempts

    /// Stores an attempt; it is on disk when this returns (its id).
    @discardableResult
    public func record(_ a: Attempt) throws -> Int {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO attempt (student, exercise, at, script, script_hash, passed, answer, feedback, error, hints_used, reflections, seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [a.student, a.exercise, a.at, a.script, Attempt.fingerprint(a.script), a.passed, a.answer, a.feedback, a.error,
                                 a.hintsUsed, Attempt.encode(a.reflections), a.seconds])
            return Int(db.lastInsertedRowID)
        }
    }

    /// A student's attempts (at one exercise, or all), newest first.
    public func attempts(student: Int, exercise: String? = nil) throws -> [Attempt] {
        try database.read { db in
            if let exercise {
                return try Row.fetchAll(db, sql: "SELECT * FROM attempt WHERE student = ? AND exercise = ? ORDER BY id DESC",
                                        arguments: [student, exercise]).map(Attempt.init(row:))
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM attempt WHERE student = ? ORDER BY id DESC", arguments: [student])
                .map(Attempt.init(row:))
        }
    }

    /// Every attempt, oldest first.
    public func allAttempts() throws -> [Attempt] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM attempt ORDER BY id").map(Attempt.init(row:)) }
    }

    public func attemptCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM attempt") ?? 0 }
    }
}

public struct GradebookError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
