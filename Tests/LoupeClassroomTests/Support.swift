import Foundation
import LoupeClassroom
import LoupeCore
import LoupeLua
import LoupeTestSupport
import LuaRuntime

/// A small class for tests: four documents, two exercises in a folder of their own, a gradebook
/// in a temporary folder, and a clock the test moves.
final class ClassFixture: @unchecked Sendable {
    let dir: TempDir
    let corpus: Corpus
    let exercisesFolder: String
    let clock = TestClock()

    static let countExercise = """
        return {
          id = "count-nato",
          title = "Count NATO",
          why = "Counts start every claim.",
          prompt = "How often is NATO mentioned?",
          answer = "return the number",
          hints = {"corpus:count counts.", "Matching ignores case."},
          reflections = {"Which outlet says it most?", "Does that surprise you?"},
          solution = [[return corpus:count("nato")]],
          check = function(answer, corpus)
            if answer == corpus:count("nato") then return true, "Right." end
            return false, "Not the count of nato."
          end,
        }
        """

    static let outletExercise = """
        return {
          id = "first-outlet",
          title = "The first outlet",
          prompt = "Which outlet published the first document?",
          solution = [[return corpus[1].meta.outlet]],
          check = function(answer, corpus) return answer == corpus[1].meta.outlet, "Look at corpus[1]." end,
        }
        """

    init() throws {
        dir = try TempDir()
        var b = CorpusBuilder()
        for (i, (outlet, text)) in [("TASS", "NATO met. NATO spoke."), ("RT", "nato again."), ("TASS", "No mention."),
                                    ("BBC", "NATO and more NATO and nato.")].enumerated() {
            b.add(RawDocument(id: "d\(i + 1)", title: "D\(i + 1)", text: text, meta: Metadata([("outlet", .string(outlet))]),
                              source: DocumentSource(file: "d\(i + 1).txt", firstLine: 1, lastLine: 1)))
        }
        corpus = b.build(root: dir.path + "/corpus")
        exercisesFolder = dir.path + "/exercises"
        try FileManager.default.createDirectory(atPath: exercisesFolder, withIntermediateDirectories: true)
        try Self.countExercise.write(toFile: exercisesFolder + "/01-count.lua", atomically: true, encoding: .utf8)
        try Self.outletExercise.write(toFile: exercisesFolder + "/02-outlet.lua", atomically: true, encoding: .utf8)
    }

    deinit { dir.remove() }


    var gradebookPath: String { dir.path + "/class.sqlite" }

    /// The class, opened (again) on the fixture's gradebook; and the teacher's new key.
    func open(classCode: String? = nil) throws -> (Classroom, String) {
        let checker = Classroom.checker(corpus: corpus, exercisesFolder: exercisesFolder,
                                        limits: LuaLimits(memoryBytes: 64 << 20, timeMilliseconds: 2_000))
        let (exercises, problems) = Exercise.loadAll(folder: exercisesFolder, corpus: corpus, options: checker.checkerOptions)
        guard problems.isEmpty else { throw GradebookError("fixture exercises: \(problems)") }
        let clock = self.clock
        return try Classroom.open(name: "Test class", gradebookPath: gradebookPath, exercises: exercises, checker: checker,
                                  classCode: classCode, clock: { clock.now })
    }
}

/// Seconds since 1970, moved by the test.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time = 1_800_000_000.0
    var now: Double { lock.lock(); defer { lock.unlock() }; return time }
    func advance(_ seconds: Double) { lock.lock(); time += seconds; lock.unlock() }
}
