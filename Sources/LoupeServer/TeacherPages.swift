import Foundation
import LoupeClassroom
import LoupeLua

/// A class's teacher pages: the login, the dashboard of students × exercises (it reloads itself),
/// one student's attempts with their scripts and reflections, and the exercises' settings.
enum TeacherPages {
    static func login(_ classroom: Classroom, error: String? = nil) -> String {
        var body = "<h1>\(HTML.escape(classroom.name)): teacher</h1>\n"
        if let error { body += "<div class=\"error\" role=\"alert\"><p>\(HTML.escape(error))</p></div>\n" }
        body += "<p>Type the key `loupe serve --class` printed when it started (or open the link it printed).</p>\n"
            + "<form class=\"analyse\" method=\"post\" action=\"/teacher/login\"><label for=\"key\">key</label>"
            + "<input type=\"password\" id=\"key\" name=\"key\" autocomplete=\"off\" required maxlength=\"200\">"
            + "<span></span><p><button type=\"submit\">Sign in</button></p></form>\n"
        return HTML.page(title: "Teacher", corpusName: classroom.name, body: body, bodyClass: "teacher")
    }

    static func nav() -> String {
        "<nav class=\"teacher-nav\">" + HTML.link("/teacher", "Dashboard") + " · " + HTML.link("/teacher/settings", "Exercises")
            + " · " + HTML.link("/teacher/export.csv", "Export CSV") + "</nav>\n"
    }

    static func dashboard(_ classroom: Classroom, _ report: ClassReport) -> String {
        var body = nav() + "<h1>\(HTML.escape(classroom.name))</h1>\n"
        let attempts = report.cells.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.attempts } }
        body += "<p class=\"summary\">\(report.students.count) student\(report.students.count == 1 ? "" : "s"), "
            + "\(HTML.number(attempts)) attempts. This page reloads every 15 seconds. A cell: passed (✓) or not yet (✗), "
            + "attempts, minutes from the first attempt to a pass; ⚠ marks a script identical to another student's.</p>\n"
        body += "<div class=\"result\"><table class=\"dashboard\"><thead><tr><th>student</th>"
            + report.exercises.map { "<th title=\"\(HTML.escape($0.title))\">\(HTML.escape($0.id))</th>" }.joined()
            + "<th class=\"num\">passed</th></tr></thead><tbody>\n"
        for s in report.students {
            body += "<tr><td>" + HTML.link("/teacher/student/\(s.id)", s.name) + "</td>"
            var passed = 0
            for e in report.exercises {
                let c = report.cell(s.id, e.id)
                if c.passed { passed += 1 }
                guard c.attempts > 0 else { body += "<td class=\"empty\">—</td>"; continue }
                let minutes = c.secondsToPass.map { String(format: " %.0f′", ($0 / 60).rounded(.up)) } ?? ""
                body += "<td class=\"\(c.passed ? "passed" : "not-yet")\">"
                    + HTML.link("/teacher/student/\(s.id)#\(HTML.percentEncode(e.id))", (c.passed ? "✓" : "✗") + " \(c.attempts)" + minutes)
                    + (c.identicalTo.isEmpty ? "" : " <span class=\"flag\" title=\"identical to another student's script\">⚠</span>") + "</td>"
            }
            body += "<td class=\"num\">\(passed)</td></tr>\n"
        }
        body += "</tbody></table></div>\n"
        return page(classroom, title: "Dashboard", body: body, refresh: true)
    }

    static func student(_ classroom: Classroom, _ report: ClassReport, _ student: Student) -> String {
        let names = Dictionary(uniqueKeysWithValues: report.students.map { ($0.id, $0.name) })
        let attempts = (try? classroom.gradebook.attempts(student: student.id)) ?? []
        var body = nav() + "<h1>\(HTML.escape(student.name))</h1>\n<p class=\"summary\">\(attempts.count) attempts.</p>\n"
        for e in report.exercises {
            let mine = attempts.filter { $0.exercise == e.id }
            guard !mine.isEmpty else { continue }
            let c = report.cell(student.id, e.id)
            body += "<section id=\"\(HTML.escape(HTML.percentEncode(e.id)))\"><h2>\(HTML.escape(e.title))</h2>\n"
            if !c.identicalTo.isEmpty {
                body += "<p class=\"flag\">⚠ A script identical to one of "
                    + c.identicalTo.compactMap { names[$0] }.map(HTML.escape).joined(separator: ", ") + "'s.</p>\n"
            }
            for a in mine {
                body += "<div class=\"attempt \(a.passed ? "passed" : "not-yet")\"><p><strong>\(a.passed ? "Passed" : "Not yet")</strong> "
                    + "<span class=\"note\">\(ClassPages.time(a.at)), \(a.hintsUsed) hint\(a.hintsUsed == 1 ? "" : "s") seen</span></p>"
                    + "<pre class=\"lua\"><code>\(HTML.escape(a.script))</code></pre>"
                    + (a.answer.map { "<p class=\"answer\">returned <code>\(HTML.escape($0))</code></p>" } ?? "")
                    + "<p class=\"feedback\">\(HTML.escape(a.feedback))</p>"
                    + (a.error.map { "<pre class=\"output\">\(HTML.escape($0))</pre>" } ?? "")
                for (i, r) in a.reflections.enumerated() where !r.isEmpty {
                    let q = i < e.reflections.count ? e.reflections[i] : "Reflection \(i + 1)"
                    body += "<blockquote class=\"reflection\"><p class=\"note\">\(HTML.escape(q))</p><p>\(HTML.escape(r))</p></blockquote>"
                }
                body += "</div>\n"
            }
            body += "</section>\n"
        }
        return page(classroom, title: student.name, body: body)
    }

    static func settings(_ classroom: Classroom) -> String {
        var body = nav() + "<h1>Exercises</h1>\n<p class=\"summary\">Open or close each exercise, allow its hints, and "
            + "choose when students see its model solution (minutes after you save; empty: never).</p>\n"
        body += "<table class=\"settings\"><thead><tr><th>exercise</th><th>open</th><th>hints</th><th>solution after (minutes)</th><th></th></tr></thead><tbody>\n"
        for e in classroom.exercises {
            let s = classroom.setting(e.id)
            body += "<tr><td>\(HTML.escape(e.title)) <span class=\"note\">\(HTML.escape(e.id))</span></td>"
                + "<td colspan=\"4\"><form class=\"setting\" method=\"post\" action=\"/teacher/settings\">"
                + "<input type=\"hidden\" name=\"exercise\" value=\"\(HTML.escape(e.id))\">"
                + "<label><input type=\"checkbox\" name=\"open\" value=\"1\"\(s.open ? " checked" : "")> open</label> "
                + "<label><input type=\"checkbox\" name=\"hints\" value=\"1\"\(s.hintsAllowed ? " checked" : "")> hints</label> "
                + "<input type=\"number\" name=\"reveal\" min=\"0\" max=\"100000\" size=\"5\" aria-label=\"minutes\" value=\"\(s.revealAfterMinutes.map(String.init) ?? "")\"> "
                + "<button type=\"submit\">Save</button></form></td></tr>\n"
        }
        body += "</tbody></table>\n"
        return page(classroom, title: "Exercises", body: body)
    }

    static func page(_ classroom: Classroom, title: String, body: String, refresh: Bool = false) -> String {
        HTML.page(title: title, corpusName: classroom.name, body: body, bodyClass: "teacher", refresh: refresh ? 15 : nil)
    }
}
