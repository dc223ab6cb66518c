import Foundation
import LoupeTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `loupe serve --class` as a teacher starts it: the links it prints, and a gradebook that keeps
/// every acknowledged attempt when the server is killed (SIGKILL) in the middle of a class.
@Suite(.serialized) struct ClassCommandTests {
    typealias Server = ServeCommandTests.Server

    static func form(_ port: Int, _ path: String, _ fields: [(String, String)], cookie: String?) -> (status: Int, text: String) {
        let body = fields.map { $0.0 + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }.joined(separator: "&")
        return ServeCommandTests.request(port, "POST", path, body: body,
                                         headers: ["Content-Type: application/x-www-form-urlencoded"] + (cookie.map { ["Cookie: " + $0] } ?? []))
    }

    static func cookie(_ name: String, in answer: String) -> String? {
        guard let r = answer.range(of: "Set-Cookie: \(name)=") else { return nil }
        return name + "=" + answer[r.upperBound...].prefix { $0 != ";" && $0 != "\r" }
    }

    @Test func aKilledServerLosesNoAcknowledgedAttempt() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let gradebook = dir.path + "/class.sqlite"
        let arguments = ["--corpus", LoupeCLI.bundledCorpus, "--class", "Durable", "--gradebook", gradebook]
        var server = try Server(arguments)
        var port = try #require(server.port(), "no URL:\n\(server.stderr)")
        #expect(server.stderr.contains("students join at http://127.0.0.1:\(port)/class"))
        #expect(server.stderr.contains("teacher (keep this to yourself; a new key each start): http://127.0.0.1:\(port)/teacher/login?key="))
        let joined = Self.form(port, "/class/join", [("name", "Ada")], cookie: nil)
        let ada = try #require(Self.cookie("loupe_student", in: joined.text), "\(joined.text)")
        var acknowledged = 0
        for i in 1...8 {
            let r = Self.form(port, "/class/exercise/nato-count/check", [("code", "return \(i)")], cookie: ada)
            if r.status == 303 { acknowledged += 1 }
        }
        #expect(acknowledged == 8)
        kill(server.process.processIdentifier, SIGKILL)
        _ = server.exited.wait(timeout: .now() + 10)
        // started again on the same gradebook: a new key, the same attempts, the same student session
        server = try Server(arguments)
        port = try #require(server.port(), "no URL:\n\(server.stderr)")
        let key = try #require(server.stderr.components(separatedBy: "login?key=").last?.prefix(32))
        #expect(Self.form(port, "/class/exercise/nato-count/check", [("code", "return 9")], cookie: ada).status == 303,
                "the student's cookie still works")
        let login = ServeCommandTests.request(port, "GET", "/teacher/login?key=\(key)")
        let teacher = try #require(Self.cookie("loupe_teacher", in: login.text), "\(login.text)")
        let csv = ServeCommandTests.request(port, "GET", "/teacher/export.csv", headers: ["Cookie: " + teacher]).text
        #expect(csv.contains("\nAda,nato-count,false,9,"), "8 attempts before the kill and 1 after: \(csv)")
        #expect(server.interrupt(within: 15) == 0)
    }

    @Test func theCommandLineObeysTheTeachersSettingsInAGradebook() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let gradebook = dir.path + "/class.sqlite"
        let server = try Server(["--corpus", LoupeCLI.bundledCorpus, "--class", "Settings", "--gradebook", gradebook])
        let port = try #require(server.port(), "no URL:\n\(server.stderr)")
        let key = try #require(server.stderr.components(separatedBy: "login?key=").dropFirst().first?.prefix(32))
        let login = ServeCommandTests.request(port, "GET", "/teacher/login?key=\(key)")
        let teacher = try #require(Self.cookie("loupe_teacher", in: login.text), "\(login.text)")
        // nato-count: open, hints off, the solution never shown; kiev-kyiv: its solution shown now
        #expect(Self.form(port, "/teacher/settings", [("exercise", "nato-count"), ("open", "1")], cookie: teacher).status == 303)
        #expect(Self.form(port, "/teacher/settings", [("exercise", "kiev-kyiv"), ("open", "1"), ("hints", "1"), ("reveal", "0")],
                          cookie: teacher).status == 303)
        #expect(server.interrupt(within: 15) == 0)
        let base = ["--corpus", LoupeCLI.bundledCorpus, "--gradebook", gradebook]
        let home = ["XDG_STATE_HOME": dir.path]
        let hidden = try LoupeCLI.run(["exercise", "show", "nato-count", "--hint", "--reveal"] + base, environment: home)
        #expect(hidden.status == 0, "\(hidden)")
        #expect(hidden.stdout.contains("Hints are turned off for this exercise in this class."))
        #expect(hidden.stdout.contains("The model solution is not shown: the class's teacher has not revealed it."))
        #expect(!hidden.stdout.contains("nato|nato's"))
        let shown = try LoupeCLI.run(["exercise", "show", "kiev-kyiv", "--hint", "--reveal"] + base, environment: home)
        #expect(shown.stdout.contains("Model solution:") && shown.stdout.contains("Hint 1 of"), "\(shown)")
        let missing = try LoupeCLI.run(["exercise", "show", "kiev-kyiv", "--reveal", "--corpus", LoupeCLI.bundledCorpus,
                                        "--gradebook", dir.path + "/none.sqlite"])
        #expect(missing.status == 2 && missing.stderr.contains("there is no gradebook"), "\(missing)")
    }
}
