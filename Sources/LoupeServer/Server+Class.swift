import Foundation
import Hummingbird
import LoupeClassroom
import LoupeCore
import LoupeLua

/// `loupe serve --class`: the class's routes (docs/classroom.md). Students are known by their
/// `loupe_student` cookie and see only their own work; every teacher page needs the teacher's
/// session, which only the key printed at start opens.
extension LoupeServer {
    func addClassRoutes(_ router: Router<ServeContext>, _ classroom: Classroom) {
        router.get("/class") { request, _ in
            guard let student = self.student(request, classroom) else { return Self.html(.ok, ClassPages.join(classroom)) }
            return Self.html(.ok, ClassPages.exercises(classroom, student: student))
        }
        router.post("/class/join") { request, _ in try await self.join(request, classroom) }
        router.get("/class/exercise/:id") { request, context in
            let (student, exercise) = try self.studentAndExercise(request, context, classroom)
            return Self.html(.ok, ClassPages.exercise(classroom, student: student, exercise: exercise))
        }
        router.post("/class/exercise/:id/hint") { request, context in
            try Self.checkOrigin(request)
            let (student, exercise) = try self.studentAndExercise(request, context, classroom)
            do { try classroom.nextHint(student: student, exercise: exercise) } catch let r as ClassroomRefusal {
                return Self.html(.badRequest, ClassPages.exercise(classroom, student: student, exercise: exercise, message: r.description))
            }
            return Self.redirect("/class/exercise/\(HTML.percentEncode(exercise.id))")
        }
        router.post("/class/exercise/:id/check") { request, context in try await self.checkAnswer(request, context, classroom) }

        router.get("/teacher/login") { request, _ in
            guard let key = try QueryParameters(request.uri.query)["key"] else { return Self.html(.ok, TeacherPages.login(classroom)) }
            return self.teacherLogin(key, classroom)
        }
        router.post("/teacher/login") { request, _ in
            try Self.checkOrigin(request)
            let form = try QueryParameters(form: try await Self.body(of: request, what: "the form"))
            return self.teacherLogin(form["key"] ?? "", classroom)
        }
        router.get("/teacher") { request, _ in
            guard self.isTeacher(request) else { return Self.redirect("/teacher/login") }
            let report = try await self.onCheckThread { try ClassReport(classroom) }
            return Self.html(.ok, TeacherPages.dashboard(classroom, report))
        }
        router.get("/teacher/student/:id") { request, context in
            guard self.isTeacher(request) else { return Self.redirect("/teacher/login") }
            guard let id = context.parameters.get("id").flatMap({ Int($0) }), let student = try classroom.gradebook.student(id: id) else {
                throw RequestError(404, "there is no such student in this class")
            }
            let report = try await self.onCheckThread { try ClassReport(classroom) }
            return Self.html(.ok, TeacherPages.student(classroom, report, student))
        }
        router.get("/teacher/settings") { request, _ in
            guard self.isTeacher(request) else { return Self.redirect("/teacher/login") }
            return Self.html(.ok, TeacherPages.settings(classroom))
        }
        router.post("/teacher/settings") { request, _ in
            try Self.checkOrigin(request)
            guard self.isTeacher(request) else { throw RequestError(403, "sign in as the teacher first") }
            let form = try QueryParameters(form: try await Self.body(of: request, what: "the form"))
            guard let id = form["exercise"], classroom.exercise(id) != nil else { throw RequestError(400, "no such exercise") }
            var s = classroom.setting(id)
            s.open = form["open"] == "1"
            s.hintsAllowed = form["hints"] == "1"
            let reveal = try form.integer("reveal", default: -1, in: -1...100_000)
            let revealAfter: Int? = reveal < 0 ? nil : reveal
            if revealAfter != s.revealAfterMinutes || (s.open && s.openedAt == nil) { s.openedAt = classroom.now }
            s.revealAfterMinutes = revealAfter
            try classroom.gradebook.save(s)
            return Self.redirect("/teacher/settings")
        }
        router.get("/teacher/export.csv") { request, _ in
            guard self.isTeacher(request) else { return Self.redirect("/teacher/login") }
            let csv = try await self.onCheckThread { try ClassReport(classroom).csv }
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"gradebook.csv\""
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
    }

    // MARK: students

    func student(_ request: Request, _ classroom: Classroom) -> Student? {
        request.cookies[ClassSessions.studentCookie].flatMap { classroom.student(token: $0.value) }
    }

    func studentAndExercise(_ request: Request, _ context: ServeContext, _ classroom: Classroom) throws -> (Student, Exercise) {
        guard let student = student(request, classroom) else { throw RequestError(403, "join the class first: open /class") }
        guard let id = context.parameters.get("id"), let exercise = classroom.exercise(id), classroom.setting(id).open else {
            throw RequestError(404, "there is no open exercise of that name in this class")
        }
        return (student, exercise)
    }

    func join(_ request: Request, _ classroom: Classroom) async throws -> Response {
        try Self.checkOrigin(request)
        let form = try QueryParameters(form: try await Self.body(of: request, what: "the form"))
        let name = form["name"] ?? ""
        do {
            let (_, token) = try await onCheckThread { try classroom.join(name: name, code: form["code"] ?? "") }
            var response = Self.redirect("/class")
            response.setCookie(Cookie(name: ClassSessions.studentCookie, value: token, maxAge: 60 * 60 * 24 * 180, path: "/",
                                      httpOnly: true, sameSite: .lax))
            return response
        } catch let r as ClassroomRefusal {
            return Self.html(.badRequest, ClassPages.join(classroom, name: String(name.prefix(60)), error: r.description))
        }
    }

    func checkAnswer(_ request: Request, _ context: ServeContext, _ classroom: Classroom) async throws -> Response {
        try Self.checkOrigin(request)
        let (student, exercise) = try studentAndExercise(request, context, classroom)
        let form = try QueryParameters(form: try await Self.body(of: request, what: "the answer"))
        let code = form["code"] ?? ""
        let reflections = exercise.reflections.indices.map { String((form["r\($0 + 1)"] ?? "").prefix(4_000)) }
        guard !code.trimmingWhitespace().isEmpty else {
            return Self.html(.badRequest, ClassPages.exercise(classroom, student: student, exercise: exercise,
                                                              message: "Write your script in the box first."))
        }
        if let busy = classSessions.beginCheck(student.id) {
            var r = Self.html(.tooManyRequests, ClassPages.exercise(classroom, student: student, exercise: exercise, message: busy))
            r.headers[.retryAfter] = "5"
            return r
        }
        defer { classSessions.endCheck(student.id) }
        let attempt: Attempt
        do {
            attempt = try await onCheckThread { try classroom.check(student: student, exercise: exercise, script: code, reflections: reflections) }
        } catch let r as ClassroomRefusal {
            return Self.html(.badRequest, ClassPages.exercise(classroom, student: student, exercise: exercise, message: r.description))
        }
        return Self.redirect("/class/exercise/\(HTML.percentEncode(exercise.id))#attempt-\(attempt.id)")
    }

    // MARK: the teacher

    func isTeacher(_ request: Request) -> Bool {
        classSessions.isTeacher(request.cookies[ClassSessions.teacherCookie]?.value)
    }

    func teacherLogin(_ key: String, _ classroom: Classroom) -> Response {
        guard classroom.isTeacherKey(key) else {
            return Self.html(.forbidden, TeacherPages.login(classroom, error: "That is not the key this server printed when it started."))
        }
        var response = Self.redirect("/teacher")       // the key leaves the address bar
        response.setCookie(Cookie(name: ClassSessions.teacherCookie, value: classSessions.newTeacherSession(), path: "/",
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    // MARK: pieces

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// Runs class work (a check, the gradebook) on a thread of the check pool, never on the event loop.
    func onCheckThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            let outcome: Result<T, any Error> = try await checkPool.run { _ in Result { try body() } }
            return try outcome.get()
        } catch is WorkerPool<Void>.Full {
            throw RequestError(503, "the server is busy checking answers; try again in a moment")
        }
    }
}
