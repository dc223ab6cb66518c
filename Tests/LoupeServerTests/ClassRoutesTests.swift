import Foundation
import Hummingbird
import HummingbirdTesting
import LoupeClassroom
import LoupeCore
import LoupeLua
import LoupeTestSupport
import LuaRuntime
import Testing
@testable import LoupeServer

/// `loupe serve --class`: students join, check answers and see only their own work; the
/// teacher's pages need the key; everything a student typed is escaped where it is shown.
@Suite struct ClassRoutesTests {
    /// A server over the bundled corpus running a class of the bundled exercises, its gradebook
    /// in a temporary folder; the body gets the teacher's key.
    static func withClass<T: Sendable>(classCode: String? = nil,
                                       _ body: @Sendable (LoupeServer, any TestClientProtocol, String) async throws -> T) async throws -> T {
        let dir = try TempDir()
        defer { dir.remove() }
        let corpus = try GuideChapterTests.bundledCorpus()
        let folder = GuideChapterTests.root.appendingPathComponent("scripts/exercises").path
        let checker = Classroom.checker(corpus: corpus, exercisesFolder: folder, limits: LuaLimits(memoryBytes: 256 << 20, timeMilliseconds: 5_000))
        let (exercises, problems) = Exercise.loadAll(folder: folder, corpus: corpus, options: checker.checkerOptions)
        #expect(problems.isEmpty)
        let (classroom, key) = try Classroom.open(name: "Class <b>101</b>", gradebookPath: dir.path + "/class.sqlite", exercises: exercises,
                                                  checker: checker, classCode: classCode)
        return try await withTaskExecutorPreference(TestExecutor.shared) {
            let server = LoupeServer(corpus: corpus, options: testOptions(), classroom: classroom)
            defer { server.stop() }
            return try await server.application().test(.router) { client in try await body(server, client, key) }
        }
    }

    @Test func aStudentJoinsChecksAnAnswerAndSeesTheFeedbackAndTheirReflection() async throws {
        try await Self.withClass { server, client, _ in
            let join = try await client.form("/class/join", ["name": "Ada"], cookie: nil)
            #expect(join.status == .seeOther && join.headers[.location] == "/class")
            let cookie = try #require(join.studentCookie)
            let list = try await client.get("/class", cookie: cookie).text
            #expect(list.contains("Signed in as <strong>Ada</strong>"))
            #expect(list.contains("<a href=\"/class/exercise/nato-count\">How often is NATO mentioned?</a>"))
            let exercise = try await client.get("/class/exercise/nato-count", cookie: cookie).text
            #expect(!exercise.contains("nato|nato's"), "the solution is not on the student's page")
            #expect(!exercise.contains("check = function"))
            #expect(exercise.contains("<button type=\"submit\" id=\"try\" formaction=\"/console\">"), "a run without checking, as the console")
            let right = try await client.form("/class/exercise/nato-count/check",
                                              ["code": "return corpus:count(\"nato|nato's\")", "r1": "Mostly <b>RT</b>"], cookie: cookie)
            #expect(right.status == .seeOther)
            #expect(right.headers[.location]?.hasPrefix("/class/exercise/nato-count#attempt-") == true)
            let after = try await client.get("/class/exercise/nato-count", cookie: cookie).text
            #expect(after.contains("<strong>Passed</strong>"))
            #expect(after.contains("Mostly &lt;b&gt;RT&lt;/b&gt;"), "the reflection comes back, escaped")
            let wrong = try await client.form("/class/exercise/nato-count/check", ["code": "return corpus:count('nato')"], cookie: cookie)
            #expect(wrong.status == .seeOther)
            let feedback = try await client.get("/class/exercise/nato-count", cookie: cookie).text
            #expect(feedback.contains("Close: NATO&#39;s is a token of its own"))
            let count = try server.corpus.search("nato").hits.count
            #expect(feedback.contains("Your script returned <code>\(count)</code>"), "what the script returned is shown")
            // an answer written into the script fails: it does not follow from the corpus
            let everything = try server.corpus.search("nato|nato's").hits.count
            _ = try await client.form("/class/exercise/nato-count/check", ["code": "return \(everything)"], cookie: cookie)
            #expect(try await client.get("/class/exercise/nato-count", cookie: cookie).text.contains("Your answer does not follow from the corpus"))
            let kept = try server.classroom?.gradebook.allAttempts() ?? []
            #expect(kept.count == 3 && kept.first?.reflections.first == "Mostly <b>RT</b>")
        }
    }

    @Test func aStudentCannotSeeOrUseAnotherStudentsWork() async throws {
        try await Self.withClass { server, client, _ in
            let ada = try #require(try await client.form("/class/join", ["name": "Ada"], cookie: nil).studentCookie)
            let bob = try #require(try await client.form("/class/join", ["name": "Bob"], cookie: nil).studentCookie)
            _ = try await client.form("/class/exercise/nato-count/check", ["code": "return 'ada secret'", "r1": "ada's thought"], cookie: ada)
            let bobsPage = try await client.get("/class/exercise/nato-count", cookie: bob).text
            #expect(!bobsPage.contains("ada secret") && !bobsPage.contains("ada&#39;s thought"))
            // every teacher route refuses a student
            for path in ["/teacher", "/teacher/student/1", "/teacher/settings", "/teacher/export.csv"] {
                let r = try await client.get(path, cookie: bob)
                #expect(r.status == .seeOther && r.headers[.location] == "/teacher/login", "\(path)")
                #expect(!r.text.contains("ada"))
            }
            let post = try await client.form("/teacher/settings", ["exercise": "nato-count"], cookie: bob)
            #expect(post.status == .forbidden)
            #expect(server.classroom?.setting("nato-count").open == true, "unchanged")
            // no student route takes a student id: a made-up cookie is no one
            let forged = try await client.get("/class/exercise/nato-count", cookie: "loupe_student=" + String(repeating: "0", count: 32))
            #expect(forged.status == .forbidden)
        }
    }

    @Test func theTeacherSignsInWithTheKeyAndSeesEveryone() async throws {
        try await Self.withClass { server, client, key in
            let ada = try #require(try await client.form("/class/join", ["name": "<img src=x onerror=alert(1)>"], cookie: nil).studentCookie)
            _ = try await client.form("/class/exercise/nato-count/check", ["code": "return 1", "r1": "<script>x</script>"], cookie: ada)
            let bad = try await client.get("/teacher/login?key=" + String(repeating: "a", count: 32))
            #expect(bad.status == .forbidden && bad.text.contains("That is not the key"))
            let login = try await client.get("/teacher/login?key=\(key)")
            #expect(login.status == .seeOther && login.headers[.location] == "/teacher", "the key leaves the address bar")
            let teacher = try #require(login.teacherCookie)
            #expect(login.headers[.setCookie]?.contains("HttpOnly") == true && login.headers[.setCookie]?.contains("SameSite=Strict") == true)
            let dashboard = try await client.get("/teacher", cookie: teacher).text
            #expect(dashboard.contains("&lt;img src=x onerror=alert(1)&gt;</a>"))
            #expect(!dashboard.contains("<img src=x"))
            #expect(dashboard.contains("<meta http-equiv=\"refresh\" content=\"15\">"))
            let student = try await client.get("/teacher/student/1", cookie: teacher).text
            #expect(student.contains("&lt;script&gt;x&lt;/script&gt;") && !student.contains("<script>x"))
            let csv = try await client.get("/teacher/export.csv", cookie: teacher)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("student,exercise,passed,attempts"))
            #expect(csv.text.contains("<img src=x onerror=alert(1)>,nato-count,false,1,"))
            // the form posts too
            let typed = try await client.form("/teacher/login", ["key": key], cookie: nil)
            #expect(typed.status == .seeOther && typed.teacherCookie != nil)
        }
    }

    @Test func theTeacherClosesAnExerciseAndTurnsHintsOff() async throws {
        try await Self.withClass { server, client, key in
            let teacher = try #require(try await client.get("/teacher/login?key=\(key)").teacherCookie)
            let ada = try #require(try await client.form("/class/join", ["name": "Ada"], cookie: nil).studentCookie)
            let hint = try await client.form("/class/exercise/nato-count/hint", [:], cookie: ada)
            #expect(hint.status == .seeOther)
            #expect(try await client.get("/class/exercise/nato-count", cookie: ada).text.contains("<ol class=\"hints\"><li>corpus:count(query)"))
            _ = try await client.form("/teacher/settings", ["exercise": "nato-count", "open": "1"], cookie: teacher)
            #expect(server.classroom?.setting("nato-count").hintsAllowed == false)
            let noHint = try await client.form("/class/exercise/nato-count/hint", [:], cookie: ada)
            #expect(noHint.status == .badRequest && noHint.text.contains("turned hints off"))
            _ = try await client.form("/teacher/settings", ["exercise": "nato-count"], cookie: teacher)
            let closed = try await client.get("/class/exercise/nato-count", cookie: ada)
            #expect(closed.status == .notFound)
            #expect(!(try await client.get("/class", cookie: ada).text.contains("nato-count")))
        }
    }

    @Test func joiningNeedsTheClassCodeAndBadFormsAreRefused() async throws {
        try await Self.withClass(classCode: "orange") { _, client, _ in
            let page = try await client.get("/class").text
            #expect(page.contains("name=\"code\""))
            #expect(page.contains("<h1>Class &lt;b&gt;101&lt;/b&gt;</h1>"))
            let wrong = try await client.form("/class/join", ["name": "Ada", "code": "apple"], cookie: nil)
            #expect(wrong.status == .badRequest && wrong.text.contains("not this class&#39;s code") && wrong.studentCookie == nil)
            let ok = try await client.form("/class/join", ["name": "Ada", "code": "orange"], cookie: nil)
            let cookie = try #require(ok.studentCookie)
            let empty = try await client.form("/class/exercise/nato-count/check", ["code": "  "], cookie: cookie)
            #expect(empty.status == .badRequest && empty.text.contains("Write your script in the box first."))
            var foreign = HTTPFields()
            foreign[.origin] = "http://evil.example"
            let crossSite = try await client.form("/class/exercise/nato-count/check", ["code": "return 1"], cookie: cookie, headers: foreign)
            #expect(crossSite.status == .forbidden)
            #expect(try await client.get("/class/exercise/no-such", cookie: cookie).status == .notFound)
        }
    }

    @Test func aRunawayAnswerDoesNotHoldUpAnotherStudentsCheck() async throws {
        try await Self.withClass { _, client, _ in
            let ada = try #require(try await client.form("/class/join", ["name": "Ada"], cookie: nil).studentCookie)
            let bob = try #require(try await client.form("/class/join", ["name": "Bob"], cookie: nil).studentCookie)
            async let runaway = client.form("/class/exercise/nato-count/check", ["code": "while true do end"], cookie: ada)
            try await Task.sleep(for: .milliseconds(300))       // Ada's loop is running
            let start = DispatchTime.now().uptimeNanoseconds
            let quick = try await client.form("/class/exercise/nato-count/check", ["code": "return 1"], cookie: bob)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            #expect(quick.status == .seeOther)
            #expect(seconds < 2.5, "Bob waited \(seconds) s behind Ada's loop")
            #expect(try await runaway.status == .seeOther, "the loop ends at its limit and is kept as an attempt")
            let page = try await client.get("/class/exercise/nato-count", cookie: ada).text
            #expect(page.contains("ran out of time"), "\(page.suffix(600))")
        }
    }

    @Test func checksAreRateLimitedPerStudent() async throws {
        try await Self.withClass { server, client, _ in
            let ada = try #require(try await client.form("/class/join", ["name": "Ada"], cookie: nil).studentCookie)
            let bob = try #require(try await client.form("/class/join", ["name": "Bob"], cookie: nil).studentCookie)
            for _ in 0..<server.classSessions.checksPerMinute {
                #expect(try await client.form("/class/exercise/nato-count/check", ["code": "return 1"], cookie: ada).status == .seeOther)
            }
            let limited = try await client.form("/class/exercise/nato-count/check", ["code": "return 1"], cookie: ada)
            #expect(limited.status == .tooManyRequests && limited.text.contains("checks within a minute"))
            #expect(try await client.form("/class/exercise/nato-count/check", ["code": "return 1"], cookie: bob).status == .seeOther,
                    "another student is not held back")
        }
    }
}

extension TestClientProtocol {
    /// A form posted as a browser posts it.
    func form(_ path: String, _ fields: [String: String], cookie: String?, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let cookie { headers[.cookie] = cookie }
        let body = fields.sorted { $0.key < $1.key }.map { enc($0.key) + "=" + enc($0.value) }.joined(separator: "&")
        return try await execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

extension TestResponse {
    func cookie(_ name: String) -> String? {
        headers[values: .setCookie].lazy.compactMap { $0.split(separator: ";").first.map(String.init) }.first { $0.hasPrefix(name + "=") }
    }
    var studentCookie: String? { cookie("loupe_student") }
    var teacherCookie: String? { cookie("loupe_teacher") }
}
