import Foundation
import Testing
@testable import LoupeCore
#if canImport(Glibc)
import Glibc
#endif

/// Things in a corpus folder that are not regular files are passed over with a
/// reason: reading a named pipe would block the load forever.
@Suite struct SpecialFileTests {
    @Test func aNamedPipeIsSkippedNotRead() throws {
        let dir = try TempFolder()
        try dir.write("good.txt", "Real text.\n")
        let pipe = dir.url.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["good"])
        #expect(r.skipped.map(\.file) == ["pipe.txt"])
        #expect(r.skipped.map(\.reason) == ["not a regular file"])
    }

    /// A link to a file that is read under its own name is not read twice.
    @Test func aSymlinkToAFileReadUnderItsOwnNameIsNotReadAgain() throws {
        let dir = try TempFolder()
        let target = try dir.write("real.txt", "Linked text.\n")
        try FileManager.default.createSymbolicLink(atPath: dir.url.appendingPathComponent("link.txt").path, withDestinationPath: target.path)
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["real"])
        #expect(r.skipped.map(\.file) == ["link.txt"])
        #expect(r.warnings.map(\.description) == ["link.txt: skipped: link to a file read under its own name (real.txt)"])
    }

    /// The listing takes each entry's kind from readdir: it must say what
    /// lstat says, for every kind of entry, and the walk must act on it.
    @Test func folderEntriesSayWhatLstatSays() throws {
        let dir = try TempFolder()
        let target = try dir.write("a.txt", "Text.\n")
        try dir.write("sub/b.txt", "More text.\n")
        let root = dir.url.path
        #expect(mkfifo(root + "/pipe.txt", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: root + "/link.txt", withDestinationPath: target.path)
        try FileManager.default.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root)
        let entries = try CorpusLoader.folderEntries(root)
        #expect(entries.map(\.name).sorted() == ["a.txt", "link.txt", "loop", "pipe.txt", "sub"])
        for (name, kind) in entries {
            #expect(kind == CorpusLoader.entryKind(root + "/" + name), "\(name)")
        }
        var report = LoadReport()
        #expect(try CorpusLoader.listFiles(root: dir.url, report: &report).map(\.path) == ["a.txt", "sub/b.txt"])
        #expect(report.skipped.map(\.file) == ["link.txt", "loop", "pipe.txt"])   // a link to a folder is not followed
        #expect(throws: CorpusLoader.FolderError.self) { try CorpusLoader.folderEntries(root + "/a.txt") }
    }

    /// A corpus folder that cannot be listed stops the load with the system's
    /// reason in the message; nothing is listed or reported half.
    @Test func aFolderThatCannotBeListedSaysWhy() throws {
        let dir = try TempFolder()
        let file = try dir.write("plain.txt", "Not a folder.\n")
        var report = LoadReport()
        do {
            _ = try CorpusLoader.listFiles(root: file, report: &report)
            Issue.record("listing a plain file did not throw")
        } catch let error as CorpusLoader.FolderError {
            #expect(error.localizedDescription == String(cString: strerror(ENOTDIR)))   // "Not a directory"
            #expect(CorpusError.unreadable(file.path, error.localizedDescription).description
                    == "cannot read corpus folder '\(file.path)': \(String(cString: strerror(ENOTDIR)))")
        }
        #expect(report.skipped.isEmpty && report.warnings.isEmpty && report.files == 0)
    }
}
