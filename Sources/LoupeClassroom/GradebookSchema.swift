import GRDB

/// The gradebook's tables, as migrations: a gradebook from an earlier Loupe is brought up to
/// date when opened, and one from a later Loupe is refused (GRDB's migrator records which ran).
enum GradebookSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("1: class, students, attempts, hints") { db in
            try db.create(table: "setting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "student") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("token_hash", .text).notNull().unique()
                t.column("joined", .double).notNull()
            }
            try db.create(index: "student_name", on: "student", expressions: [SQL(sql: "name COLLATE NOCASE")], options: .unique)
            try db.create(table: "exercise_setting") { t in
                t.primaryKey("exercise", .text)
                t.column("open", .boolean).notNull().defaults(to: true)
                t.column("hints", .boolean).notNull().defaults(to: true)
                t.column("reveal_after", .integer)           // minutes after opened_at; NULL: never
                t.column("opened_at", .double)
            }
            try db.create(table: "attempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("student", .integer).notNull().references("student")
                t.column("exercise", .text).notNull()
                t.column("at", .double).notNull()
                t.column("script", .text).notNull()
                t.column("script_hash", .text).notNull()
                t.column("passed", .boolean).notNull()
                t.column("answer", .text)                   // what the script returned, as the REPL shows it
                t.column("feedback", .text).notNull()
                t.column("error", .text)
                t.column("hints_used", .integer).notNull()
                t.column("reflections", .text).notNull()     // a JSON array of strings
                t.column("seconds", .double).notNull()
            }
            try db.create(index: "attempt_student_exercise", on: "attempt", columns: ["student", "exercise"])
            try db.create(index: "attempt_exercise_hash", on: "attempt", columns: ["exercise", "script_hash"])
            try db.create(table: "hint_use") { t in
                t.column("student", .integer).notNull().references("student")
                t.column("exercise", .text).notNull()
                t.column("shown", .integer).notNull()
                t.primaryKey(["student", "exercise"])
            }
        }
        return m
    }
}
