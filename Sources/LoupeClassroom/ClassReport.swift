import LoupeCore
import LoupeLua

/// The gradebook summed up for the teacher: students × exercises, each cell with its attempts,
/// whether and how soon it passed, hints used, and the other students who sent the very same
/// script (flagged for the teacher to look at, never failed).
public struct ClassReport: Sendable {
    public struct Cell: Sendable, Equatable {
        public var attempts = 0
        public var passed = false
        /// Seconds from the first attempt to the first that passed.
        public var secondsToPass: Double?
        public var hintsUsed = 0
        /// Students (ids) who sent a script identical to one of this student's, for this exercise.
        public var identicalTo: [Int] = []
        /// The newest attempt's feedback and reflections.
        public var lastFeedback = ""
        public var lastReflections: [String] = []

    }

    public let students: [Student]
    public let exercises: [Exercise]
    /// By student id, then exercise id.
    public let cells: [Int: [String: Cell]]

    public init(_ classroom: Classroom) throws {
        students = try classroom.gradebook.students()
        exercises = classroom.exercises
        let attempts = try classroom.gradebook.allAttempts()
        var cells: [Int: [String: Cell]] = [:]
        var firstAt: [Int: [String: Double]] = [:]
        var senders: [String: Set<Int>] = [:]      // exercise + fingerprint → students
        for a in attempts {
            var c = cells[a.student]?[a.exercise] ?? Cell()
            c.attempts += 1
            let first = firstAt[a.student]?[a.exercise] ?? a.at
            firstAt[a.student, default: [:]][a.exercise] = first
            if a.passed && !c.passed { c.passed = true; c.secondsToPass = a.at - first }
            c.hintsUsed = max(c.hintsUsed, a.hintsUsed)
            c.lastFeedback = a.feedback
            c.lastReflections = a.reflections
            cells[a.student, default: [:]][a.exercise] = c
            senders[a.exercise + "\u{0}" + a.fingerprint, default: []].insert(a.student)
        }
        for a in attempts {
            guard let group = senders[a.exercise + "\u{0}" + a.fingerprint], group.count > 1 else { continue }
            let others = group.subtracting([a.student])
            let known = Set(cells[a.student]?[a.exercise]?.identicalTo ?? [])
            cells[a.student]?[a.exercise]?.identicalTo = Array(known.union(others)).sorted()
        }
        self.cells = cells
    }

    public func cell(_ student: Int, _ exercise: String) -> Cell { cells[student]?[exercise] ?? Cell() }

    /// One row per student and exercise they attempted, then each student's totals row.
    public var table: Table {
        let names = Dictionary(uniqueKeysWithValues: students.map { ($0.id, $0.name) })
        var rows: [[(String, TableValue)]] = []
        for s in students {
            var passed = 0, tried = 0
            for e in exercises {
                let c = cell(s.id, e.id)
                guard c.attempts > 0 else { continue }
                tried += 1
                if c.passed { passed += 1 }
                rows.append([("student", .string(s.name)), ("exercise", .string(e.id)), ("passed", .bool(c.passed)),
                             ("attempts", .int(c.attempts)),
                             ("seconds_to_pass", c.secondsToPass.map { TableValue.int(Int($0.rounded())) } ?? TableValue.null),
                             ("hints_used", .int(c.hintsUsed)),
                             ("identical_to", .string(c.identicalTo.compactMap { names[$0] }.joined(separator: "; "))),
                             ("feedback", .string(c.lastFeedback)),
                             ("reflections", .string(c.lastReflections.joined(separator: " | ")))])
            }
            rows.append([("student", .string(s.name)), ("exercise", .string("(total)")), ("passed", .int(passed)),
                         ("attempts", .int(tried)), ("seconds_to_pass", .null), ("hints_used", .null), ("identical_to", .string("")),
                         ("feedback", .string("\(passed) of \(exercises.count) exercises passed")), ("reflections", .string(""))])
        }
        let columns = ["student", "exercise", "passed", "attempts", "seconds_to_pass", "hints_used", "identical_to", "feedback", "reflections"]
        return Table(rows: rows.map(SpreadsheetText.row), names: columns)
    }

    /// The table as CSV for a learning platform: every text cell safe to open in a spreadsheet.
    public var csv: String { TableFormat.csv.encode(table) }
}
