import Foundation
import Testing
@testable import LoupeCore
#if canImport(Glibc)
import Glibc
#endif

/// Links in a corpus folder (red-team F4 and unclear message 6): a link never
/// lets the loader read a file outside the corpus, each kind of bad link says
/// what it is, and a file reachable by two names is read once.
@Suite struct CorpusLinkTests {
    /// A corpus folder inside a scratch folder, so links can point next to it.
    final class Scratch {
        let outer: TempFolder
        let corpus: URL
        init() throws {
            outer = try TempFolder()
            corpus = outer.url.appendingPathComponent("corpus")
            try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
            try Data("A normal doc.\n".utf8).write(to: corpus.appendingPathComponent("a.txt"))
        }
        func link(_ name: String, to target: String) throws {
            let at = corpus.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: at.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: at.path, withDestinationPath: target)
        }
        func load() throws -> (Corpus, LoadReport) { try CorpusLoader.load(path: corpus.path) }
        var realOuter: String { CorpusLoader.realPath(outer.path) ?? outer.path }
    }

    private func warning(_ r: LoadReport, _ file: String) -> String? {
        r.warnings.first { $0.file == file }?.message
    }

    @Test func linksOutOfTheCorpusAreRefusedNamingWhereTheyPoint() throws {
        let s = try Scratch()
        try Data("secret words\n".utf8).write(to: s.outer.url.appendingPathComponent("secret.txt"))
        try s.link("rel.txt", to: "../secret.txt")
        try s.link("abs.txt", to: s.outer.url.appendingPathComponent("secret.txt").path)
        try s.link("status.txt", to: "/proc/self/status")
        try s.link("passwd.txt", to: "/etc/passwd")
        try s.link("sub/deeper.txt", to: "../../secret.txt")
        let (c, r) = try s.load()
        #expect(c.documents.map(\.id) == ["a"])
        #expect(!c.documents.contains { $0.text.contains("secret") || $0.text.contains("root:") })
        #expect(Set(r.skipped.map(\.file)) == ["rel.txt", "abs.txt", "status.txt", "passwd.txt", "sub/deeper.txt"])
        #expect(r.skipped.allSatisfy { $0.reason == "link to a file outside the corpus" })
        #expect(warning(r, "rel.txt") == "skipped: link to a file outside the corpus (\(s.realOuter)/secret.txt)")
        #expect(warning(r, "passwd.txt") == "skipped: link to a file outside the corpus (/etc/passwd)")
        #expect(warning(r, "status.txt")?.hasPrefix("skipped: link to a file outside the corpus (/proc/") == true)
        #expect(r.summary.contains("5 link to a file outside the corpus"))
    }

    @Test func aLinkedMetadataSidecarOutsideIsRefused() throws {
        let s = try Scratch()
        try Data("file,outlet\na.txt,Leaked\n".utf8).write(to: s.outer.url.appendingPathComponent("other.csv"))
        try s.link("metadata.csv", to: "../other.csv")
        let (c, r) = try s.load()
        #expect(c.documents[0].meta["outlet"] == nil)
        #expect(warning(r, "metadata.csv")?.hasPrefix("skipped: link to a file outside the corpus") == true)
    }

    @Test func aLinkInsideIsReadOnceUnderOneName() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(at: s.corpus.appendingPathComponent(".store"), withIntermediateDirectories: true)
        try Data("Hidden store text.\n".utf8).write(to: s.corpus.appendingPathComponent(".store/kept.dat"))
        try s.link("b-first.txt", to: ".store/kept.dat")       // read, under this name
        try s.link("c-second.txt", to: ".store/kept.dat")      // the same file again: not read twice
        try s.link("z-again.txt", to: "a.txt")                  // a.txt is read under its own name
        let (c, r) = try s.load()
        #expect(c.documents.map(\.id) == ["a", "b-first"])
        #expect(c.documents[1].text == "Hidden store text.\n")
        #expect(warning(r, "c-second.txt") == "skipped: link to a file read through another link (.store/kept.dat, read as b-first.txt)")
        #expect(warning(r, "z-again.txt") == "skipped: link to a file read under its own name (a.txt)")
    }

    @Test func foldersLoopsAndDanglingLinksEachSayWhatTheyAre() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(at: s.corpus.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("Sub text.\n".utf8).write(to: s.corpus.appendingPathComponent("sub/b.txt"))
        try s.link("folder-in", to: "sub")
        try s.link("folder-out", to: "/etc")
        try s.link("loop.txt", to: "loop.txt")
        try s.link("dangling.txt", to: "nowhere.txt")
        let (c, r) = try s.load()
        #expect(c.documents.map(\.id) == ["a", "sub/b"])   // the folder's file once, under its own path
        #expect(warning(r, "folder-in") == "skipped: link to a folder; not followed (the folder is read where it is) (sub)")
        #expect(warning(r, "folder-out") == "skipped: link to a folder outside the corpus (/etc)")
        #expect(warning(r, "loop.txt") == "skipped: link loop (loop.txt)")
        #expect(warning(r, "dangling.txt") == "skipped: dangling link (nowhere.txt)")
    }

    /// The open itself follows no link: a file swapped for a link after the
    /// listing (the check-then-open race) fails to open instead of leading out.
    @Test func aFileSwappedForALinkAfterTheListingIsNotFollowed() throws {
        let s = try Scratch()
        try Data("secret words\n".utf8).write(to: s.outer.url.appendingPathComponent("secret.txt"))
        try FileManager.default.createDirectory(at: s.corpus.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("Sub text.\n".utf8).write(to: s.corpus.appendingPathComponent("sub/b.txt"))
        var report = LoadReport()
        let listed = try CorpusLoader.listFiles(root: s.corpus, report: &report)
        #expect(listed.map(\.path) == ["a.txt", "sub/b.txt"])
        // Now swap: a.txt becomes a link out, and the folder sub a link to the outer folder.
        try FileManager.default.removeItem(at: s.corpus.appendingPathComponent("a.txt"))
        try s.link("a.txt", to: "../secret.txt")
        try FileManager.default.moveItem(at: s.corpus.appendingPathComponent("sub"), to: s.outer.url.appendingPathComponent("moved"))
        try Data("secret words\n".utf8).write(to: s.outer.url.appendingPathComponent("moved/b.txt"))
        try s.link("sub", to: "../moved")
        let root = open(s.corpus.path, O_RDONLY | O_DIRECTORY)
        defer { close(root) }
        let opener = BeneathOpener(root: root)
        var swapped = LoadReport()
        #expect(CorpusLoader.readDocuments(listed[0], opener: opener).0.isEmpty)
        let (docs, r) = CorpusLoader.readDocuments(listed[1], opener: opener)
        #expect(docs.isEmpty)
        swapped.append(CorpusLoader.readDocuments(listed[0], opener: opener).1)
        swapped.append(r)
        #expect(swapped.warnings.map(\.description) == [
            "a.txt: skipped: became a link while loading; not followed",
            "sub/b.txt: skipped: a folder on its path became a link while loading; not followed",
        ])
    }

    /// A corpus given as a link to a folder still works (documented).
    @Test func theCorpusPathItselfMayBeALink() throws {
        let s = try Scratch()
        let alias = s.outer.url.appendingPathComponent("alias").path
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: s.corpus.path)
        try s.link("inside.txt", to: s.corpus.appendingPathComponent("a.txt").path)   // absolute, through the real path
        let (c, r) = try CorpusLoader.load(path: alias)
        #expect(c.documents.map(\.id) == ["a"])
        #expect(warning(r, "inside.txt") == "skipped: link to a file read under its own name (a.txt)")
    }
}
