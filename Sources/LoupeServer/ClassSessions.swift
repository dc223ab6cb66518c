import Foundation
import LoupeClassroom
import LoupeCore

/// Who is who in a class: teachers' sessions (in memory: a restart asks for the new key), and
/// each student's checks in flight and in the last minute, so one student cannot crowd out the rest.
final class ClassSessions: @unchecked Sendable {
    private let lock = NSLock()
    private var teacherTokens: Set<String> = []            // SHA-256 of each session token
    private var checking: Set<Int> = []
    private var recentChecks: [Int: [Double]] = [:]
    /// Checks a student may start in any minute.
    let checksPerMinute: Int
    let clock: @Sendable () -> Double

    init(checksPerMinute: Int = 12, clock: @escaping @Sendable () -> Double = { DispatchTime.now().uptimeNanoseconds.secondsValue }) {
        self.checksPerMinute = checksPerMinute
        self.clock = clock
    }

    static let teacherCookie = "loupe_teacher"
    static let studentCookie = "loupe_student"

    func newTeacherSession() -> String {
        let token = Secrets.newToken()
        lock.lock(); defer { lock.unlock() }
        teacherTokens.insert(SHA256.hex(token))
        return token
    }

    func isTeacher(_ token: String?) -> Bool {
        guard let token else { return false }
        let hash = SHA256.hex(token)
        lock.lock(); defer { lock.unlock() }
        // constant time over the candidates: no early exit on the first byte that differs
        return teacherTokens.reduce(false) { $0 || Secrets.constantTimeEquals($1, hash) }
    }

    /// Starts a check for the student, or says why not (one at a time; `checksPerMinute` a minute).
    func beginCheck(_ student: Int) -> String? {
        lock.lock(); defer { lock.unlock() }
        let now = clock()
        if checking.contains(student) { return "Your previous check is still running; wait for its answer." }
        let recent = (recentChecks[student] ?? []).filter { now - $0 < 60 }
        if recent.count >= checksPerMinute { return "That is \(checksPerMinute) checks within a minute; read the feedback, then try again in a moment." }
        recentChecks[student] = recent + [now]
        checking.insert(student)
        return nil
    }

    func endCheck(_ student: Int) {
        lock.lock(); defer { lock.unlock() }
        checking.remove(student)
    }
}

extension UInt64 {
    var secondsValue: Double { Double(self) / 1e9 }
}
