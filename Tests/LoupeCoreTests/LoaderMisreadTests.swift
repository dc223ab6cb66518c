import Foundation
import Testing
@testable import LoupeCore
#if canImport(Glibc)
import Glibc
#endif

/// Inputs that loaded silently wrong (red-team F15) and messages that misled
/// (unclear messages 1–5, 7): each now reads right or says what it is.
@Suite struct LoaderMisreadTests {
    private func messages(_ r: LoadReport, _ file: String) -> [String] {
        r.warnings.filter { $0.file == file }.map { w in (w.line.map { "\($0): " } ?? "") + w.message }
    }

    // MARK: F15

    @Test func duplicateSidecarIdsKeepTheFirstRowAndNameBothLines() throws {
        let dir = try TempFolder()
        try dir.write("good.txt", "Good text.\n")
        try dir.write("metadata.csv", "id,outlet\ngood,RT\ngood,TASS\n")
        let (c, r) = try dir.load()
        #expect(c.documents[0].meta["outlet"] == .string("RT"))
        #expect(messages(r, "metadata.csv") == ["3: duplicate id 'good' (first on line 2); this row is ignored"])
    }

    @Test func duplicateSidecarFilesKeepTheFirstRow() throws {
        let dir = try TempFolder()
        try dir.write("good.txt", "Good text.\n")
        try dir.write("metadata.csv", "file,outlet\ngood.txt,RT\ngood.txt,TASS\n")
        let (c, r) = try dir.load()
        #expect(c.documents[0].meta["outlet"] == .string("RT"))
        #expect(messages(r, "metadata.csv") == ["3: duplicate file 'good.txt' (first on line 2); this row is ignored"])
    }

    @Test func duplicateFrontMatterKeysKeepTheFirstAndSaySo() throws {
        let dir = try TempFolder()
        try dir.write("a.txt", "---\nid: same\noutlet: RT\nid: other\n---\nBody text.\n")
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["same"])
        #expect(messages(r, "a.txt") == ["4: front matter key 'id' given again (first on line 2); this one is ignored"])
    }

    @Test func loneCRLineEndsGiveTheParagraphsOfCRLF() throws {
        let dir = try TempFolder()
        try dir.write("cr.txt", "Title\r\rFirst para. Second.\r\rNATO para.\r")
        try dir.write("crlf.txt", "Title\r\n\r\nFirst para. Second.\r\n\r\nNATO para.\r\n")
        let (c, r) = try dir.load()
        let cr = c.documents[0], crlf = c.documents[1]
        #expect(cr.paragraphs.count == 3)
        #expect(cr.paragraphs.map { cr.slice($0.byteStart, $0.byteEnd) } == crlf.paragraphs.map { crlf.slice($0.byteStart, $0.byteEnd) })
        #expect(cr.sentences.count == crlf.sentences.count)
        #expect(cr.title == "Title")
        #expect(cr.source.lastLine == 5)
        #expect(messages(r, "cr.txt") == ["line breaks that are a lone CR (classic Mac) are read as LF"])
        #expect(messages(r, "crlf.txt").isEmpty)
    }

    /// The general way (bad UTF-8 sends a file there) turns lone CRs into LF
    /// too, before the bad byte's line is counted.
    @Test func loneCRWithInvalidUTF8CountsLinesByCR() throws {
        let dir = try TempFolder()
        try dir.write("cr.txt", bytes: Array("One\rTwo\rCaf".utf8) + [0xE9] + Array("\r".utf8))
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.text) == ["One\nTwo\nCaf\u{FFFD}\n"])
        #expect(messages(r, "cr.txt") == ["3: invalid UTF-8; bad bytes replaced with U+FFFD",
                                          "line breaks that are a lone CR (classic Mac) are read as LF"])
    }

    @Test func loneCRFrontMatterIsRead() throws {
        let dir = try TempFolder()
        try dir.write("cr.txt", "---\rid: mac\r---\rBody.\r")
        let (c, _) = try dir.load()
        #expect(c.documents.map(\.id) == ["mac"])
    }

    @Test func jsonlEmptyTextIsSkippedAndAnEmptyIdIsMissing() throws {
        let dir = try TempFolder()
        try dir.write("f.jsonl", "{\"text\": \"\", \"id\": \"emptytext\"}\n{\"text\": \"  \"}\n{\"text\": \"x\", \"id\": \"\"}\n")
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["f-3"])
        #expect(messages(r, "f.jsonl") == ["1: empty text; line skipped", "2: empty text; line skipped",
                                           "3: empty \"id\"; the document is 'f-3'"])
    }

    @Test func aNULAfterTheFirst8KiBIsReportedOncePerFile() throws {
        let dir = try TempFolder()
        var bytes = Array(String(repeating: "word ", count: 2000).utf8) + [0x0A]   // 10,001 bytes, line 1
        bytes += Array("more\n".utf8) + [0, 0x41, 0, 0x0A]
        try dir.write("late.txt", bytes: bytes)
        let (c, r) = try dir.load()
        #expect(c.documents.count == 1)
        #expect(messages(r, "late.txt") == ["3: NUL byte after the first 8 KiB (so the file is not taken as binary); kept in the text"])
    }

    // MARK: Unclear messages

    static func utf16(_ s: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for u in s.utf16 { out += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
        return out
    }

    @Test(arguments: [(false, true), (true, true), (false, false), (true, false)])
    func utf16FilesAreRead(bigEndian: Bool, bom: Bool) throws {
        let dir = try TempFolder()
        let text = "Title\r\n\r\nThe NATO summit in Kyiv — «quoted» 😀.\r\n"
        try dir.write("u.txt", bytes: Self.utf16(text, bigEndian: bigEndian, bom: bom))
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.text) == [text])
        #expect(c.documents.first?.paragraphs.count == 2)
        let name = "UTF-16 \(bigEndian ? "BE" : "LE") (\(bom ? "byte-order mark" : "no byte-order mark; every other byte is NUL"))"
        #expect(messages(r, "u.txt") == ["\(name); read as UTF-16"])
        #expect(r.summary.contains("read 1 file as UTF-16"))
    }

    @Test func utf16WithAnUnpairedSurrogateIsRepairedAndReported() throws {
        let dir = try TempFolder()
        var bytes = Self.utf16("Line one\nLine ", bigEndian: false, bom: true)
        bytes += [0x00, 0xD8]   // a high surrogate with no low one
        bytes += Self.utf16(" two\n", bigEndian: false, bom: false)
        try dir.write("u.txt", bytes: bytes)
        let (c, r) = try dir.load()
        #expect(c.documents.first?.text == "Line one\nLine \u{FFFD} two\n")
        #expect(messages(r, "u.txt").contains("2: invalid UTF-16 (an unpaired surrogate or an odd last byte); replaced with U+FFFD"))
    }

    @Test func binaryWithNULsIsStillBinary() throws {
        let dir = try TempFolder()
        try dir.write("b.txt", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x3E, 0x00])
        let (_, r) = try dir.load()
        #expect(r.skipped.map(\.reason) == ["binary"])
    }

    @Test func aFileNameThatIsNotUTF8IsNamedAsSuch() throws {
        let dir = try TempFolder()
        try dir.write("ok.txt", "Fine.\n")
        let raw: [UInt8] = Array(dir.path.utf8) + Array("/bad".utf8) + [0xFF] + Array("name.txt".utf8) + [0]
        let fd = raw.withUnsafeBufferPointer { p in p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: raw.count) { open($0, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0)
        _ = "Text.\n".withCString { write(fd, $0, 6) }
        close(fd)
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["ok"])
        #expect(r.warnings.map(\.description) == ["bad\\xFFname.txt: skipped: the file name is not valid UTF-8"])
    }

    @Test func jsonlNumbersOutOfRangeSurrogatesAndDeepNestingSayWhatTheyAre() throws {
        let dir = try TempFolder()
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        try dir.write("f.jsonl", """
            {"text": "ok one", "n": 1e999}
            {"text": "bad \\ud800 here", "id": "s"}
            {"text": "pair \\ud83d\\ude00 fine", "id": "p"}
            \(deep)
            [1, 2]
            {"text": 1e999}
            {oops
            """)
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["f-1", "s", "p"])
        #expect(c.documents.map(\.text) == ["ok one", "bad \u{FFFD} here", "pair 😀 fine"])
        #expect(messages(r, "f.jsonl") == [
            "1: field \"n\" is a number out of range (beyond ±1.8e308); ignored",
            "2: unpaired UTF-16 surrogate escape (like \\ud800) in a JSON string; replaced with U+FFFD",
            "4: JSON nested too deeply (more than 512 levels); line skipped",
            "5: a JSON array, not an object; line skipped",
            "6: \"text\" is a number out of range, not a string; line skipped",
            "7: not valid JSON; line skipped",
        ])
    }

    /// Removes `depth` folders `d/d/…` below `path` and the file at the bottom, from the bottom up.
    static func removeChain(_ path: String, name: String, depth: Int) {
        var fds = [open(path, O_RDONLY | O_DIRECTORY)]
        for _ in 0..<depth { fds.append(openat(fds[fds.count - 1], name, O_RDONLY | O_DIRECTORY)) }
        unlinkat(fds[depth], "deep.txt", 0)
        for level in stride(from: depth - 1, through: 0, by: -1) {
            close(fds[level + 1])
            unlinkat(fds[level], name, AT_REMOVEDIR)
        }
        close(fds[0])
    }

    /// 25 nested folders of 200-character names make a path longer than PATH_MAX:
    /// opened one folder at a time from its parent, the file at the bottom still loads.
    /// (Long names rather than thousands of levels: the same path length, a fraction of the time.)
    @Test func aFolderPathLongerThanPATHMAXIsRead() throws {
        let name = String(repeating: "d", count: 200), depth = 25
        #expect(depth * (name.utf8.count + 1) > Int(PATH_MAX))
        let dir = try TempFolder()
        let fd0 = open(dir.path, O_RDONLY | O_DIRECTORY)
        var fd = fd0
        for _ in 0..<depth {
            mkdirat(fd, name, 0o755)
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            if fd != fd0 { close(fd) }
            fd = next
        }
        let file = openat(fd, "deep.txt", O_CREAT | O_WRONLY, 0o644)
        _ = "Deep text.\n".withCString { write(file, $0, 11) }
        close(file)
        close(fd)
        close(fd0)
        defer { Self.removeChain(dir.path, name: name, depth: depth) }   // FileManager cannot remove it
        let (c, r) = try dir.load()
        #expect(c.documents.count == 1)
        #expect(c.documents.first?.text == "Deep text.\n")
        #expect(r.warnings.isEmpty, "\(r.warnings)")
    }
}
