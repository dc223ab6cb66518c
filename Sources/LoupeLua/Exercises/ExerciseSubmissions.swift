import Foundation

/// A class's submissions for `loupe exercise check --all DIR`: the student and the exercise
/// are read from the names, as DIR/STUDENT/EXERCISE-ID.lua (a folder per student; a file
/// named NN-EXERCISE-ID.lua, as in a student pack, counts too) or DIR/STUDENT-EXERCISE-ID.lua.
public struct ExerciseSubmission: Sendable, Equatable {
    public let student: String
    public let exercise: String
    /// The script's path (DIR joined with the relative path).
    public let path: String
    /// The student's own folder (DIR/STUDENT), which the script may read; nil for DIR/STUDENT-ID.lua,
    /// whose folder holds the other students' scripts too.
    public let folder: String?

    public init(student: String, exercise: String, path: String, folder: String?) {
        self.student = student; self.exercise = exercise; self.path = path; self.folder = folder
    }

    /// The exercise a file stem names: the id itself, or the longest id it ends with after
    /// a '-', with the part before that (nil for the id itself).
    static func split(_ stem: String, ids: [String]) -> (prefix: String?, id: String)? {
        if ids.contains(stem) { return (nil, stem) }
        let matches = ids.filter { stem.count > $0.count + 1 && stem.hasSuffix("-" + $0) }
        guard let id = matches.max(by: { $0.count < $1.count }) else { return nil }
        return (String(stem.dropLast(id.count + 1)), id)
    }

    /// Every submission in `folder` (one level of student folders), in name order, and a
    /// warning for every file that is not one (hidden files are passed over).
    public static func find(in folder: String, ids: [String]) throws -> (submissions: [ExerciseSubmission], warnings: [String]) {
        let fm = FileManager.default
        var out: [ExerciseSubmission] = [], warnings: [String] = []
        var seen: [String: String] = [:]   // "student\nexercise" -> path
        func add(_ student: String, _ id: String, _ path: String, _ own: String?) {
            let key = student + "\n" + id
            if let first = seen[key] {
                warnings.append("\(path): a second script of \(student) for \(id) (the first is \(first)); skipped")
                return
            }
            seen[key] = path
            out.append(ExerciseSubmission(student: student, exercise: id, path: path, folder: own))
        }
        func isFolder(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
        }
        let expected = "name it STUDENT-EXERCISE-ID.lua, or STUDENT/EXERCISE-ID.lua in a folder per student"
        for name in try fm.contentsOfDirectory(atPath: folder).sorted() where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            if isFolder(path) {
                for inner in ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted() where !inner.hasPrefix(".") {
                    let file = (path as NSString).appendingPathComponent(inner)
                    if isFolder(file) { warnings.append("\(file): a folder inside a student's folder; skipped"); continue }
                    guard inner.hasSuffix(".lua") else { warnings.append("\(file): not a .lua script; skipped"); continue }
                    guard let (_, id) = split(String(inner.dropLast(4)), ids: ids) else {
                        warnings.append("\(file): the name matches no exercise (\(expected)); skipped")
                        continue
                    }
                    add(name, id, file, path)
                }
            } else {
                guard name.hasSuffix(".lua") else { warnings.append("\(path): not a .lua script; skipped"); continue }
                guard let (student, id) = split(String(name.dropLast(4)), ids: ids) else {
                    warnings.append("\(path): the name matches no exercise (\(expected)); skipped")
                    continue
                }
                guard let student else {
                    warnings.append("\(path): whose is it? (\(expected)); skipped")
                    continue
                }
                add(student, id, path, nil)
            }
        }
        return (out, warnings)
    }
}
