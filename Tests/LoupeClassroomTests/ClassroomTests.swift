import Foundation
import Testing
import LoupeClassroom
import LoupeCore
import LoupeLua

/// The class's rules: joining, hints, checks kept in the gradebook, the teacher's key.
@Suite struct ClassroomTests {
    @Test func joiningNeedsAGoodNameAndTheClassCode() throws {
        let f = try ClassFixture()
        let (c, _) = try f.open(classCode: "orange-42")
        #expect(c.needsClassCode)
        func refusal(_ name: String, _ code: String) -> String? {
            do { _ = try c.join(name: name, code: code); return nil } catch { return "\(error)" }
        }
        #expect(refusal("Ada", "wrong") == "That is not this class's code; ask your teacher for it.")
        #expect(refusal("   ", "orange-42") == "Give your name.")
        #expect(refusal(String(repeating: "a", count: 61), "orange-42") == "A name of at most 60 characters, please.")
        #expect(refusal("Ada\u{7}", "orange-42") == "Your name holds characters that cannot be shown; type it again.")
        let (ada, token) = try c.join(name: "  Ada   Lovelace ", code: "orange-42")
        #expect(ada.name == "Ada Lovelace", "spaces are tidied")
        #expect(refusal("ada lovelace", "orange-42") == "Someone in this class already has the name ada lovelace; add an initial to yours.")
        #expect(c.student(token: token) == ada)
        #expect(c.student(token: String(token.reversed())) == nil)
        #expect(c.student(token: "not a token") == nil)
    }

    @Test func aCheckIsGradedByTheExerciseAndKeptWithItsReflections() throws {
        let f = try ClassFixture()
        let (c, _) = try f.open()
        let (ada, _) = try c.join(name: "Ada", code: "")
        let count = try #require(c.exercise("count-nato"))
        let wrong = try c.check(student: ada, exercise: count, script: "return 1", reflections: ["BBC", ""])
        #expect(!wrong.passed)
        #expect(wrong.feedback == "Not the count of nato.")
        #expect(wrong.answer == "1")
        try c.nextHint(student: ada, exercise: count)
        #expect(c.hints(student: ada, exercise: count) == ["corpus:count counts."])
        f.clock.advance(90)
        let right = try c.check(student: ada, exercise: count, script: "return corpus:count('nato')", reflections: ["BBC", "No"])
        #expect(right.passed)
        #expect(right.hintsUsed == 1)
        let kept = try c.gradebook.attempts(student: ada.id, exercise: "count-nato")
        #expect(kept.map(\.passed) == [true, false], "newest first")
        #expect(kept.first?.reflections == ["BBC", "No"])
        #expect(kept.first?.script == "return corpus:count('nato')")
        let report = try ClassReport(c)
        let cell = report.cell(ada.id, "count-nato")
        #expect(cell.attempts == 2 && cell.passed && cell.secondsToPass == 90 && cell.hintsUsed == 1)
        #expect(cell.identicalTo.isEmpty && cell.lastFeedback == "Right." && cell.lastReflections == ["BBC", "No"])
    }

    @Test func aStudentsScriptCannotReadTheExercisesOrWrite() throws {
        let f = try ClassFixture()
        let (c, _) = try f.open()
        let (ada, _) = try c.join(name: "Ada", code: "")
        let count = try #require(c.exercise("count-nato"))
        let peek = try c.check(student: ada, exercise: count, script: "return io.open('\(f.exercisesFolder)/01-count.lua'):read('a')",
                               reflections: [])
        #expect(!peek.passed)
        let write = try c.check(student: ada, exercise: count, script: "local t = loupe.table{{a = 1}} t:write('x.csv') return 1",
                                reflections: [])
        #expect(!write.passed && (write.error ?? "").contains("do not write files"), "\(write.error ?? "")")
    }

    @Test func theTeachersSettingsGovernHintsClosingAndTheSolution() throws {
        let f = try ClassFixture()
        let (c, _) = try f.open()
        let (ada, _) = try c.join(name: "Ada", code: "")
        let count = try #require(c.exercise("count-nato"))
        #expect(c.solution(for: count) == nil, "never shown until the teacher says so")
        var s = c.setting("count-nato")
        s.hintsAllowed = false
        s.revealAfterMinutes = 10
        s.openedAt = c.now
        try c.gradebook.save(s)
        #expect(throws: ClassroomRefusal.self) { try c.nextHint(student: ada, exercise: count) }
        #expect(c.hints(student: ada, exercise: count).isEmpty)
        #expect(c.solution(for: count) == nil)
        f.clock.advance(10 * 60)
        #expect(c.solution(for: count) == "return corpus:count(\"nato\")")
        s.open = false
        try c.gradebook.save(s)
        #expect(c.openExercises.map(\.id) == ["first-outlet"])
        #expect(throws: ClassroomRefusal.self) { try c.check(student: ada, exercise: count, script: "return 1", reflections: []) }
    }

    @Test func theTeacherKeyIsNewEachStartAndStoredOnlyAsItsHash() throws {
        let f = try ClassFixture()
        let (first, key1) = try f.open()
        #expect(first.isTeacherKey(key1))
        #expect(!first.isTeacherKey(key1.uppercased()))
        #expect(!first.isTeacherKey(""))
        let (second, key2) = try f.open()
        #expect(key1 != key2)
        #expect(second.isTeacherKey(key2) && !second.isTeacherKey(key1))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: f.gradebookPath)) + ((try? Data(contentsOf: URL(fileURLWithPath: f.gradebookPath + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data(key2.utf8)) == nil, "the key itself is nowhere in the gradebook")
    }

    @Test func secretsCompareWhateverTheirLength() {
        #expect(Secrets.constantTimeEquals("abc", "abc"))
        #expect(!Secrets.constantTimeEquals("abc", "abd"))
        #expect(!Secrets.constantTimeEquals("abc", "abcd"))
        #expect(!Secrets.constantTimeEquals("", "a"))
        #expect(Secrets.constantTimeEquals("", ""))
        let a = Secrets.newToken(), b = Secrets.newToken()
        #expect(a.count == 32 && a != b && a.allSatisfy(\.isHexDigit))
    }
}
