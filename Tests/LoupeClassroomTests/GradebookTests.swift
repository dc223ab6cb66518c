import Foundation
import Testing
import LoupeClassroom
import LoupeCore
import LoupeTestSupport

/// The gradebook as a file: it outlives the server, keeps every attempt, and sums them up.
@Suite struct GradebookTests {
    @Test func attemptsOutliveReopeningAndTheFileIsWALWithFullSync() throws {
        let f = try ClassFixture()
        let (c, _) = try f.open()
        let (ada, token) = try c.join(name: "Ada", code: "")
        let count = try #require(c.exercise("count-nato"))
        for i in 1...5 { _ = try c.check(student: ada, exercise: count, script: "return \(i)", reflections: ["r\(i)"]) }
        let (again, _) = try f.open()
        #expect(again.student(token: token) == ada, "a student's session survives a restart")
        let kept = try again.gradebook.attempts(student: ada.id)
        #expect(kept.map(\.script) == (1...5).reversed().map { "return \($0)" })
        #expect(kept.map(\.reflections) == (1...5).reversed().map { ["r\($0)"] })
        #expect(try again.gradebook.pragma("journal_mode") == "wal")
        #expect(try again.gradebook.pragma("synchronous") == "2", "FULL: a commit is on disk before it is acknowledged")
    }

    @Test func identicalScriptsFromTwoStudentsAreFlaggedNotFailed() throws {
        let f = try ClassFixture()
        let (c, _) = try f.open()
        let (ada, _) = try c.join(name: "Ada", code: "")
        let (bob, _) = try c.join(name: "Bob", code: "")
        let (cy, _) = try c.join(name: "Cy", code: "")
        let count = try #require(c.exercise("count-nato"))
        let a = try c.check(student: ada, exercise: count, script: "return corpus:count('nato')", reflections: [])
        let b = try c.check(student: bob, exercise: count, script: "return   corpus:count('nato')\n\n", reflections: [])
        _ = try c.check(student: cy, exercise: count, script: "local n = corpus:count('nato') return n", reflections: [])
        #expect(a.passed && b.passed, "flagging never fails an answer")
        let report = try ClassReport(c)
        #expect(report.cell(ada.id, "count-nato").identicalTo == [bob.id])
        #expect(report.cell(bob.id, "count-nato").identicalTo == [ada.id])
        #expect(report.cell(cy.id, "count-nato").identicalTo.isEmpty)
    }

    @Test func theExportHasARowPerStudentAndExerciseAndTotalsSafeForSpreadsheets() throws {
        let f = try ClassFixture()
        let (c, _) = try f.open()
        let (evil, _) = try c.join(name: "=HYPERLINK(\"x\")", code: "")
        let (ada, _) = try c.join(name: "Ada", code: "")
        let count = try #require(c.exercise("count-nato")), outlet = try #require(c.exercise("first-outlet"))
        _ = try c.check(student: ada, exercise: count, script: "return 2", reflections: ["-maybe", ""])
        f.clock.advance(30)
        _ = try c.check(student: ada, exercise: count, script: "return corpus:count('nato')", reflections: ["BBC, clearly", "no"])
        _ = try c.check(student: ada, exercise: outlet, script: "return 'RT'", reflections: [])
        _ = try c.check(student: evil, exercise: outlet, script: "return corpus[1].meta.outlet", reflections: [])
        let lines = try ClassReport(c).csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "student,exercise,passed,attempts,seconds_to_pass,hints_used,identical_to,feedback,reflections")
        // the formula is text ('), then quoted as CSV quotes a field holding quotes
        #expect(lines.contains("\"'=HYPERLINK(\"\"x\"\")\",first-outlet,true,1,0,0,,Look at corpus[1].,"), "\(lines)")
        #expect(lines.contains("\"'=HYPERLINK(\"\"x\"\")\",(total),1,1,,,,1 of 2 exercises passed,"))
        #expect(lines.contains("Ada,count-nato,true,2,30,0,,Right.,\"BBC, clearly | no\""), "\(lines)")
        #expect(lines.contains("Ada,first-outlet,false,1,,0,,Look at corpus[1].,"))
        #expect(lines.contains("Ada,(total),1,2,,,,1 of 2 exercises passed,"))
        #expect(lines.count == 6)
    }
}
