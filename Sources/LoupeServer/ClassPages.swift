import Foundation
import LoupeClassroom
import LoupeLua

/// A class's student pages: joining, the exercises, one exercise with its hints, the answer
/// box, the reflection questions and the student's own attempts. Solutions and checks never
/// appear here unless the teacher has revealed a solution.
enum ClassPages {
    static func join(_ classroom: Classroom, name: String = "", error: String? = nil) -> String {
        var body = "<h1>\(HTML.escape(classroom.name))</h1>\n<p class=\"summary\">Join the class to work on its exercises. "
            + "Your teacher sees your name, your answers and your reflections; other students do not.</p>\n"
        if let error { body += "<div class=\"error\" role=\"alert\"><p>\(HTML.escape(error))</p></div>\n" }
        body += "<form class=\"analyse\" method=\"post\" action=\"/class/join\">"
            + "<label for=\"name\">your name</label><input type=\"text\" id=\"name\" name=\"name\" maxlength=\"60\" required value=\"\(HTML.escape(name))\">\n"
        if classroom.needsClassCode {
            body += "<label for=\"code\">the class code</label><input type=\"text\" id=\"code\" name=\"code\" maxlength=\"100\" required autocomplete=\"off\">\n"
        }
        body += "<span></span><p><button type=\"submit\">Join</button></p></form>\n"
        return HTML.page(title: classroom.name, corpusName: classroom.name, body: body, bodyClass: "class")
    }

    static func exercises(_ classroom: Classroom, student: Student) -> String {
        let mine = (try? classroom.gradebook.attempts(student: student.id)) ?? []   // this student's only, not the class's
        var body = "<h1>\(HTML.escape(classroom.name))</h1>\n<p class=\"summary\">Signed in as <strong>\(HTML.escape(student.name))</strong>. "
            + "Each exercise asks a question of the corpus; answer it with a short Lua script, check it, and say what you make of it.</p>\n"
        let open = classroom.openExercises
        if open.isEmpty { body += "<p>No exercise is open yet; your teacher will open them.</p>\n" }
        body += "<table class=\"exercises\"><thead><tr><th>exercise</th><th>status</th><th class=\"num\">attempts</th></tr></thead><tbody>\n"
        for e in open {
            let attempts = mine.filter { $0.exercise == e.id }
            let status = attempts.contains(where: \.passed) ? "<span class=\"passed\">passed</span>"
                : attempts.isEmpty ? "—" : "<span class=\"not-yet\">not yet</span>"
            body += "<tr><td>" + HTML.link("/class/exercise/" + HTML.percentEncode(e.id), e.title) + "</td><td>\(status)</td>"
                + "<td class=\"num\">\(attempts.count)</td></tr>\n"
        }
        body += "</tbody></table>\n<p class=\"note\">The whole corpus is yours to explore meanwhile: "
            + HTML.link("/", "documents") + ", " + HTML.link("/search", "search") + ", " + HTML.link("/console", "console") + ".</p>\n"
        return HTML.page(title: classroom.name, corpusName: classroom.name, body: body, bodyClass: "class")
    }

    static func exercise(_ classroom: Classroom, student: Student, exercise e: Exercise, message: String? = nil) -> String {
        let attempts = (try? classroom.gradebook.attempts(student: student.id, exercise: e.id)) ?? []
        let setting = classroom.setting(e.id)
        let path = "/class/exercise/" + HTML.percentEncode(e.id)
        var body = "<p>" + HTML.link("/class", "← all exercises") + "</p>\n<h1>\(HTML.escape(e.title))</h1>\n"
        body += "<p class=\"prompt\">\(HTML.escape(e.prompt))</p>\n"
        if !e.why.isEmpty { body += "<p><strong>Why it matters.</strong> \(HTML.escape(e.why))</p>\n" }
        if !e.answer.isEmpty { body += "<p><strong>How to answer.</strong> \(HTML.escape(e.answer))</p>\n" }
        if let message { body += "<div class=\"error\" role=\"alert\"><p>\(HTML.escape(message))</p></div>\n" }
        // hints, one at a time
        let hints = classroom.hints(student: student, exercise: e)
        if !hints.isEmpty {
            body += "<ol class=\"hints\">" + hints.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ol>\n"
        }
        if setting.hintsAllowed && hints.count < e.hints.count {
            body += "<form method=\"post\" action=\"\(HTML.escape(path))/hint\"><button type=\"submit\" id=\"hint\">"
                + (hints.isEmpty ? "Show a hint" : "Show the next hint") + " (\(hints.count) of \(e.hints.count) shown)</button></form>\n"
        }
        if let solution = classroom.solution(for: e) {
            body += "<details class=\"solution\"><summary>The model solution</summary><pre class=\"lua\"><code>\(HTML.escape(solution))</code></pre></details>\n"
        }
        // the answer and the reflections
        body += "<form id=\"check-form\" class=\"console\" method=\"post\" action=\"\(HTML.escape(path))/check\">\n"
            + "<label for=\"code\">your script (it must end with <code>return</code> and the answer)</label>\n"
            + "<textarea id=\"code\" name=\"code\" rows=\"8\" spellcheck=\"false\" autocapitalize=\"off\">\(HTML.escape(attempts.first?.script ?? ""))</textarea>\n"
        for (i, q) in e.reflections.enumerated() {
            let previous = attempts.first.flatMap { i < $0.reflections.count ? $0.reflections[i] : nil } ?? ""
            body += "<label for=\"r\(i + 1)\">\(HTML.escape(q))</label>\n"
                + "<textarea id=\"r\(i + 1)\" name=\"r\(i + 1)\" rows=\"3\" class=\"reflection\">\(HTML.escape(previous))</textarea>\n"
        }
        body += "<p><button type=\"submit\" id=\"check\">Check</button> "
            + "<button type=\"submit\" id=\"try\" formaction=\"/console\">Run without checking</button> "
            + "<span class=\"hint\">a check saves your answer and reflections; a run shows what your script prints and returns, as the console does</span></p>\n"
            + "</form>\n<div id=\"try-output\" aria-live=\"polite\"></div>\n"
        if !attempts.isEmpty {
            body += "<h2>Your attempts</h2>\n<ol class=\"attempts\" reversed>\n"
            for a in attempts {
                body += "<li id=\"attempt-\(a.id)\" class=\"\(a.passed ? "passed" : "not-yet")\"><strong>\(a.passed ? "Passed" : "Not yet")</strong> "
                    + "<span class=\"note\">\(Self.time(a.at))</span>"
                    + (a.answer.map { "<p class=\"answer\">Your script returned <code>\(HTML.escape($0))</code></p>" } ?? "")
                    + "<p class=\"feedback\">\(HTML.escape(a.feedback))</p>"
                    + (a.error.map { "<pre class=\"output\">\(HTML.escape($0))</pre>" } ?? "") + "</li>\n"
            }
            body += "</ol>\n"
        }
        return HTML.page(title: e.title, corpusName: classroom.name, body: body, bodyClass: "class exercise")
    }

    static func time(_ t: Double) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.dateFormat = "HH:mm:ss"
        return f.string(from: Date(timeIntervalSince1970: t))
    }
}
