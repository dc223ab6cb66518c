import Foundation
import Testing
@testable import LoupeCore
import LoupeTestSupport

/// Loading corpus folders (docs/text.md, "Corpus folders"; docs/design.md §4):
/// readers, sidecar, and every bad input reported as a warning naming file and
/// line, never silently.
@Suite struct CorpusLoaderTests {
    private func doc(_ c: Corpus, _ id: String) -> Document? { c.documentIndex(id: id).map { c.documents[$0] } }
    private func warnings(_ r: LoadReport, _ file: String) -> [LoadWarning] { r.warnings.filter { $0.file == file } }

    // MARK: .txt and .md

    @Test func plainTextWithoutFrontMatter() throws {
        let dir = try TempFolder()
        try dir.write("notes.txt", "Title line\n\nBody text here.\n")
        let (c, r) = try dir.load()
        #expect(r.warnings.isEmpty)
        let d = try #require(doc(c, "notes"))
        #expect(d.title == "Title line")
        #expect(d.text == "Title line\n\nBody text here.\n")
        #expect(d.meta.count == 0)
        #expect(d.source == DocumentSource(file: "notes.txt", firstLine: 1, lastLine: 3))
        #expect(d.tokenCount == 5)
    }

    @Test func frontMatterGivesIdTitleAndFields() throws {
        let dir = try TempFolder()
        try dir.write("a.txt", "---\nid: custom-id\ntitle: \"Quoted Title\"\noutlet: RT\ndate: 2022-02-18\n---\nBody line.\nSecond line.\n")
        let (c, r) = try dir.load()
        #expect(r.warnings.isEmpty)
        let d = try #require(doc(c, "custom-id"))
        #expect(d.title == "Quoted Title")
        #expect(d.text == "Body line.\nSecond line.\n")
        #expect(d.meta.keys == ["outlet", "date"])
        #expect(d.meta["outlet"] == .string("RT"))
        #expect(d.meta["date"] == .string("2022-02-18"))
        #expect(d.source == DocumentSource(file: "a.txt", firstLine: 7, lastLine: 8))
    }

    @Test func markdownIsReadLikeText() throws {
        let dir = try TempFolder()
        try dir.write("post.md", "---\ngenre: blog\n---\n# Heading\n\nSome *emphasis*.\n")
        let (c, r) = try dir.load()
        #expect(r.warnings.isEmpty)
        let d = try #require(doc(c, "post"))
        #expect(d.meta["genre"] == .string("blog"))
        #expect(c.surfaceTokens(of: 0) == ["Heading", "Some", "emphasis"])
    }

    @Test func frontMatterWithCRLFLineEnds() throws {
        let dir = try TempFolder()
        try dir.write("win.txt", "---\r\nid: win\r\noutlet: TASS\r\n---\r\nBody.\r\n")
        let (c, r) = try dir.load()
        #expect(r.warnings.isEmpty)
        let d = try #require(doc(c, "win"))
        #expect(d.meta["outlet"] == .string("TASS"))
        #expect(d.text == "Body.\r\n")
        #expect(c.surfaceTokens(of: 0) == ["Body"])
    }

    @Test func unclosedFrontMatterKeepsTheWholeText() throws {
        let dir = try TempFolder()
        let text = "---\nid: x\ntitle: y\nBody without a closing line.\n"
        try dir.write("open.txt", text)
        let (c, r) = try dir.load()
        let w = warnings(r, "open.txt")
        #expect(w.count == 1)
        #expect(w.first?.line == 1)
        #expect(w.first?.message.contains("not closed") == true)
        let d = try #require(doc(c, "open"))
        #expect(d.text == text)
        #expect(d.meta.count == 0)
    }

    @Test func malformedFrontMatterLinesAreReportedWithTheirLine() throws {
        let dir = try TempFolder()
        try dir.write("m.txt", "---\noutlet: RT\nthis line has no colon\ntwo words: value\n---\nBody.\n")
        let (c, r) = try dir.load()
        #expect(warnings(r, "m.txt").map(\.line) == [3, 4])
        #expect(doc(c, "m")?.meta["outlet"] == .string("RT"))
        #expect(doc(c, "m")?.meta.count == 1)
    }

    @Test func aByteOrderMarkIsNotPartOfTheText() throws {
        let dir = try TempFolder()
        try dir.write("bom.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("---\nid: bom\n---\nWord here.".utf8))
        let (c, r) = try dir.load()
        #expect(r.warnings.isEmpty)
        let d = try #require(doc(c, "bom"))
        #expect(d.text == "Word here.")
        #expect(c.tokenSpan(document: try #require(c.documentIndex(id: "bom")), token: 0) == TokenSpan(start: 0, end: 4))
    }

    // MARK: .jsonl

    @Test func jsonLines() throws {
        let dir = try TempFolder()
        try dir.write("feed.jsonl", """
            {"id":"j1","title":"T1","text":"First text.","outlet":"RT","n":3,"score":1.5,"ok":true,"none":null}

            {"text":"No id here.\\nSecond line."}
            {"id": 42, "text": "Numeric id."}
            this is not json
            {"id":"j6","body":"no text field"}
            {"id":"j7","text":"Nested.","tags":["a","b"]}
            {"id":"j8","text":7}
            """)
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["j1", "feed-3", "42", "j7"])
        let j1 = try #require(doc(c, "j1"))
        #expect(j1.title == "T1")
        #expect(j1.text == "First text.")
        #expect(j1.meta["outlet"] == .string("RT"))
        #expect(j1.meta["n"] == .int(3))
        #expect(j1.meta["score"] == .double(1.5))
        #expect(j1.meta["ok"] == .bool(true))
        #expect(j1.meta["none"] == nil)
        #expect(j1.meta["id"] == nil && j1.meta["title"] == nil && j1.meta["text"] == nil)
        #expect(j1.source == DocumentSource(file: "feed.jsonl", firstLine: 1, lastLine: 1))
        let untitled = try #require(doc(c, "feed-3"))
        #expect(untitled.title == "No id here.")
        #expect(untitled.text == "No id here.\nSecond line.")
        #expect(untitled.source.firstLine == 3)
        let w = warnings(r, "feed.jsonl")
        #expect(w.map(\.line) == [5, 6, 7, 8])
        #expect(w[0].message == "not valid JSON; line skipped")
        #expect(w[1].message.contains("text"))
        #expect(w[2].message.contains("tags"))
        #expect(w[3].message.contains("text"))
    }

    @Test func jsonLinesWithCRLFLineEnds() throws {
        let dir = try TempFolder()
        try dir.write("w.jsonl", "{\"id\":\"a\",\"text\":\"One.\"}\r\n{\"id\":\"b\",\"text\":\"Two.\"}\r\n")
        let (c, r) = try dir.load()
        #expect(r.warnings.isEmpty)
        #expect(c.documents.map(\.id) == ["a", "b"])
        #expect(c.documents.map(\.source.firstLine) == [1, 2])
    }

    // MARK: .csv

    @Test func csvRows() throws {
        let dir = try TempFolder()
        try dir.write("table.csv", "id,title,text,outlet\nc1,Title one,\"Hello, world.\",RT\nc2,,\"Line one\nline two\",TASS\nc3,too,few\n,,Orphan text.,\nc5,Blank,\"  \",RT\n")
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["c1", "c2", "table-6"])
        let c1 = try #require(doc(c, "c1"))
        #expect(c1.title == "Title one")
        #expect(c1.text == "Hello, world.")
        #expect(c1.meta.keys == ["outlet"])
        #expect(c1.meta["outlet"] == .string("RT"))
        let c2 = try #require(doc(c, "c2"))
        #expect(c2.title == "Line one")
        #expect(c2.source == DocumentSource(file: "table.csv", firstLine: 3, lastLine: 4))
        let orphan = try #require(doc(c, "table-6"))
        #expect(orphan.meta.count == 0)
        let w = warnings(r, "table.csv")
        #expect(w.map(\.line) == [5, 7])
        #expect(w[0].message.contains("3 fields") && w[0].message.contains("4"))
        #expect(w[1].message.contains("empty text"))
    }

    @Test func csvWithoutATextColumnIsSkipped() throws {
        let dir = try TempFolder()
        try dir.write("numbers.csv", "a,b\n1,2\n")
        let (c, r) = try dir.load()
        #expect(c.documents.isEmpty)
        #expect(r.skipped.map(\.file) == ["numbers.csv"])
        #expect(r.skipped.first?.reason.contains("text") == true)
        #expect(warnings(r, "numbers.csv").count == 1)
    }

    @Test func malformedCSVIsReportedWithItsLine() throws {
        let dir = try TempFolder()
        try dir.write("bad.csv", "text\nfine\n\"never closed\nmore\n")
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.text) == ["fine"])
        #expect(warnings(r, "bad.csv").map(\.line) == [3])
    }

    // MARK: metadata.csv sidecar

    @Test func sidecarFieldsAreMergedAndTheFilesOwnValuesWin() throws {
        let dir = try TempFolder()
        try dir.write("plain.txt", "Guessed title line\nBody.\n")
        try dir.write("fm.txt", "---\ntitle: Own Title\noutlet: Own\n---\nBody.\n")
        try dir.write("metadata.csv", "file,outlet,author,title\nplain.txt,RT,Ivanov,Sidecar Title\nfm.txt,TASS,Petrov,Other Title\nmissing.txt,X,Y,Z\n")
        let (c, r) = try dir.load()
        #expect(c.documents.count == 2)                     // the sidecar is not a document
        let plain = try #require(doc(c, "plain"))
        #expect(plain.meta["outlet"] == .string("RT"))
        #expect(plain.meta["author"] == .string("Ivanov"))
        #expect(plain.title == "Sidecar Title")             // beats a title guessed from the first line
        let fm = try #require(doc(c, "fm"))
        #expect(fm.meta["outlet"] == .string("Own"))        // front matter wins
        #expect(fm.meta["author"] == .string("Petrov"))
        #expect(fm.title == "Own Title")
        let w = warnings(r, "metadata.csv")
        #expect(w.count == 1)
        #expect(w.first?.message.contains("missing.txt") == true)
        #expect(w.first?.line == 4)
    }

    @Test func sidecarWithAByteOrderMark() throws {
        let dir = try TempFolder()
        try dir.write("a.txt", "Body.\n")
        try dir.write("metadata.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("file,outlet\r\na.txt,RT\r\n".utf8))
        let (c, r) = try dir.load()
        #expect(r.warnings.isEmpty)
        #expect(doc(c, "a")?.meta["outlet"] == .string("RT"))
    }

    @Test func sidecarFieldsApplyToNestedFiles() throws {
        let dir = try TempFolder()
        try dir.write("sub/b.txt", "Body.\n")
        try dir.write("metadata.csv", "file,outlet\nsub/b.txt,RT\n")
        let (c, r) = try dir.load()
        #expect(r.warnings.isEmpty)
        #expect(doc(c, "sub/b")?.meta["outlet"] == .string("RT"))
    }

    @Test func sidecarWithoutAFileColumnIsIgnoredWithAWarning() throws {
        let dir = try TempFolder()
        try dir.write("a.txt", "Body.\n")
        try dir.write("metadata.csv", "name,outlet\na.txt,RT\n")
        let (c, r) = try dir.load()
        #expect(doc(c, "a")?.meta.count == 0)
        #expect(warnings(r, "metadata.csv").count == 1)
    }

    @Test func sidecarRowsCanNameDocumentIDs() throws {
        // As make_corpus.py and quanteda's docvars write it: id,outlet,date; a JSONL file holds two ids.
        let dir = try TempFolder()
        try dir.write("d1.txt", "Body one.\n")
        try dir.write("more.jsonl", #"{"id": "j1", "text": "Body j1."}"# + "\n" + #"{"id": "j2", "text": "Body j2.", "outlet": "Own"}"# + "\n")
        try dir.write("metadata.csv", "id,outlet,date\nd1,RT,2022-01-02\nj2,TASS,2023-05-06\nghost,X,2020\n")
        let (c, r) = try dir.load()
        #expect(doc(c, "d1")?.meta["outlet"] == .string("RT"))
        #expect(doc(c, "d1")?.meta["date"] == .string("2022-01-02"))
        #expect(doc(c, "j1")?.meta["outlet"] == nil)
        #expect(doc(c, "j2")?.meta["outlet"] == .string("Own"))          // the file's own value wins
        #expect(doc(c, "j2")?.meta["date"] == .string("2023-05-06"))
        let w = warnings(r, "metadata.csv")
        #expect(w.count == 1)
        #expect(w.first?.message.contains("id 'ghost'") == true)
        #expect(w.first?.line == 4)
    }

    @Test func sidecarIDsNameFilesInASubfolderByTheirBareName() throws {
        // make_corpus.py's layout: docs/d0000001.txt, and metadata.csv keyed by d0000001.
        let dir = try TempFolder()
        try dir.write("docs/d0000001.txt", "Body one.\n")
        try dir.write("docs/d0000002.txt", "Body two.\n")
        try dir.write("metadata.csv", "id,outlet,date\nd0000001,Lakeside Gazette,2022-06-10\nd0000002,The Frontier Post,2018\n")
        let (c, r) = try dir.load()
        #expect(r.warnings.isEmpty, "\(r.warnings)")
        #expect(doc(c, "docs/d0000001")?.meta["outlet"] == .string("Lakeside Gazette"))
        #expect(doc(c, "docs/d0000002")?.meta["date"] == .string("2018"))
    }

    // MARK: bad bytes and bad files

    @Test func invalidUTF8IsReplacedAndReportedWithItsLine() throws {
        let dir = try TempFolder()
        try dir.write("latin1.txt", bytes: Array("line one\nline two ".utf8) + [0xFF, 0xE9] + Array(" bad\nline three\n".utf8))
        let (c, r) = try dir.load()
        let d = try #require(doc(c, "latin1"))
        #expect(d.text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 2)
        #expect(c.surfaceTokens(of: 0) == ["line", "one", "line", "two", "bad", "line", "three"])
        let w = warnings(r, "latin1.txt")
        #expect(w.map(\.line) == [2])
        #expect(w.first?.message.contains("UTF-8") == true)
    }

    @Test func truncatedAndOverlongSequencesAreInvalid() throws {
        let dir = try TempFolder()
        try dir.write("overlong.txt", bytes: Array("ok\n".utf8) + [0xC0, 0xAF] + Array("\n".utf8))
        try dir.write("truncated.txt", bytes: Array("a\nb\nc ".utf8) + [0xE2, 0x80])
        let (_, r) = try dir.load()
        #expect(warnings(r, "overlong.txt").map(\.line) == [2])
        #expect(warnings(r, "truncated.txt").map(\.line) == [3])
    }

    /// Three bytes of a four-byte sequence are replaced by one U+FFFD, also
    /// three bytes: the text is as long as the file, and still repaired. A file
    /// that already holds U+FFFD is valid and gets no warning.
    @Test func repairsThatKeepTheLengthAreReportedAndAValidReplacementCharacterIsNot() throws {
        let dir = try TempFolder()
        try dir.write("cut.txt", bytes: Array("one\ntwo ".utf8) + [0xF0, 0x9F, 0x98] + Array(" three\n".utf8))
        try dir.write("valid.txt", bytes: Array("one\ntwo \u{FFFD} three\n".utf8))
        let (c, r) = try dir.load()
        #expect(warnings(r, "cut.txt").map(\.line) == [2])
        #expect(try #require(doc(c, "cut")).text == "one\ntwo \u{FFFD} three\n")
        #expect(warnings(r, "valid.txt").isEmpty)
        #expect(try #require(doc(c, "valid")).text == "one\ntwo \u{FFFD} three\n")
    }

    /// A document too large for 32-bit token offsets (4 GiB; here a limit of
    /// 20 bytes stands in) is left out with a warning naming it; the others load.
    @Test func aDocumentTooLargeIsLeftOutAndTheRestLoad() throws {
        let dir = try TempFolder()
        try dir.write("big.txt", "This text has more than twenty bytes.\n")
        try dir.write("small.txt", "Short one.\n")
        let (c, r) = try CorpusLoader.load(path: dir.path, progress: nil, readers: [:], documentByteLimit: 20)
        #expect(c.documents.map(\.id) == ["small"])
        #expect(c.surfaceTokens(of: 0) == ["Short", "one"])
        let w = warnings(r, "big.txt")
        #expect(w.map(\.message) == ["document 'big' has 38 bytes of text, more than one document can hold (19); left out"])
        #expect(w.map(\.line) == [1])
    }

    @Test func binaryFilesAreSkipped() throws {
        let dir = try TempFolder()
        try dir.write("blob.txt", bytes: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x41, 0x42])
        let (c, r) = try dir.load()
        #expect(c.documents.isEmpty)
        #expect(r.skipped.map(\.file) == ["blob.txt"])
        #expect(r.skipped.map(\.reason) == ["binary"])
        #expect(warnings(r, "blob.txt").count == 1)
    }

    @Test func emptyAndWhitespaceOnlyFilesAreSkipped() throws {
        let dir = try TempFolder()
        try dir.write("zero.txt", "")
        try dir.write("blank.md", "  \n\t\r\n")
        try dir.write("nbsp.txt", "\u{00A0}\n")
        try dir.write("bomonly.txt", bytes: [0xEF, 0xBB, 0xBF])
        try dir.write("frontonly.txt", "---\nid: nothing\n---\n\n")
        try dir.write("empty.jsonl", "\n\n")
        let (c, r) = try dir.load()
        #expect(c.documents.isEmpty)
        #expect(Set(r.skipped.map(\.file)) == ["zero.txt", "blank.md", "nbsp.txt", "bomonly.txt", "frontonly.txt", "empty.jsonl"])
        #expect(r.skipped.allSatisfy { $0.reason == "empty" })
    }

    @Test func unsupportedExtensionsAreSkippedAndHiddenFilesIgnored() throws {
        let dir = try TempFolder()
        try dir.write("report.pdf", "%PDF-1.4 text")
        try dir.write("README", "no extension")
        try dir.write(".hidden.txt", "Hidden words.")
        try dir.write(".git/config.txt", "Hidden folder.")
        try dir.write("sub/.also-hidden.md", "Hidden too.")
        try dir.write("UPPER.TXT", "Upper-case extension.")
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["UPPER"])
        #expect(Dictionary(uniqueKeysWithValues: r.skipped.map { ($0.file, $0.reason) })
                == ["README": "no file extension", "report.pdf": "unsupported file type .pdf"])
        #expect(!r.warnings.contains { $0.file.contains("hidden") || $0.file.contains(".git") })
    }

    @Test func nestedFoldersAreReadInPathOrder() throws {
        let dir = try TempFolder()
        try dir.write("b.txt", "B.")
        try dir.write("a/z.txt", "AZ.")
        try dir.write("a/deeper/n.txt", "Deep.")
        try dir.write("c/x.jsonl", "{\"text\":\"CX.\"}\n")
        let (c, r) = try dir.load()
        #expect(r.warnings.isEmpty)
        #expect(c.documents.map(\.id) == ["a/deeper/n", "a/z", "b", "c/x-1"])
        #expect(c.documents.map(\.source.file) == ["a/deeper/n.txt", "a/z.txt", "b.txt", "c/x.jsonl"])
    }

    @Test func duplicateIdsAreRenamedAndBothFilesNamed() throws {
        let dir = try TempFolder()
        try dir.write("a.txt", "---\nid: same\n---\nFirst.")
        try dir.write("b.txt", "---\nid: same\n---\nSecond.")
        try dir.write("c.jsonl", "{\"id\":\"same\",\"text\":\"Third.\"}\n{\"id\":\"same-2\",\"text\":\"Fourth.\"}\n")
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["same", "same-2", "same-3", "same-2-2"])
        #expect(c.documents.map(\.text) == ["First.", "Second.", "Third.", "Fourth."])
        #expect(Set(c.documents.map(\.id)).count == c.documents.count)
        let b = warnings(r, "b.txt")
        #expect(b.count == 1)
        #expect(b.first?.message.contains("a.txt") == true && b.first?.message.contains("same-2") == true)
        #expect(warnings(r, "c.jsonl").map(\.line) == [1, 2])
        #expect(warnings(r, "c.jsonl").last?.message.contains("b.txt") == true)
    }

    @Test func datesMustBeISO8601() throws {
        let dir = try TempFolder()
        try dir.write("good.txt", "---\ndate: 2024-02-29\n---\nText.")
        try dir.write("month.txt", "---\ndate: 2022-09\n---\nText.")
        try dir.write("bad.txt", "---\ndate: 18 Feb 2022\n---\nText.")
        try dir.write("feb30.txt", "---\ndate: 2022-02-30\n---\nText.")
        try dir.write("j.jsonl", "{\"text\":\"T.\",\"date\":\"2022/01/05\"}\n")
        let (c, r) = try dir.load()
        #expect(c.documents.count == 5)                        // kept
        #expect(Set(r.warnings.map(\.file)) == ["bad.txt", "feb30.txt", "j.jsonl"])
        #expect(r.warnings.allSatisfy { $0.message.contains("ISO 8601") })
        #expect(warnings(r, "j.jsonl").first?.line == 1)
    }

    @Test func isoDateRule() {
        for good in ["2024", "2024-02", "2024-02-29", "2000-02-29", "1999-12-31"] { #expect(CorpusLoader.isISODate(good), "\(good)") }
        for bad in ["", "24", "2023-02-29", "1900-02-29", "2024-13", "2024-00", "2024-1-05", "2024-01-5", "2024-04-31",
                    "2024-01-01T00:00", "２０２４", "2024-01-01-01", "abcd"] {
            #expect(!CorpusLoader.isISODate(bad), "\(bad)")
        }
    }

    // MARK: the folder itself

    @Test func aMissingPathOrAFileIsAnError() throws {
        let dir = try TempFolder()
        let missing = dir.url.appendingPathComponent("nope").path
        #expect(throws: CorpusError.notFound(missing)) { try CorpusLoader.load(path: missing) }
        let file = try dir.write("f.txt", "x").path
        #expect(throws: CorpusError.notAFolder(file)) { try CorpusLoader.load(path: file) }
    }

    @Test func anEmptyFolderLoadsNoDocuments() throws {
        let dir = try TempFolder()
        let (c, r) = try dir.load()
        #expect(c.documents.isEmpty && c.tokenCount == 0)
        #expect(r.summary == "loaded 0 documents, 0 tokens")
    }

    /// chmod 000 does not stop root from reading, so this only runs when it does.
    @Test(.enabled(if: CorpusLoaderTests.permissionsBlockReads(), "running as a user (root) whom chmod 000 does not stop"))
    func unreadableFilesAreSkipped() throws {
        let dir = try TempFolder()
        try dir.write("ok.txt", "Readable.")
        let locked = try dir.write("locked.txt", "Secret.")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        let (c, r) = try dir.load()
        #expect(c.documents.map(\.id) == ["ok"])
        #expect(r.skipped.map(\.file) == ["locked.txt"])
        #expect(r.skipped.first?.reason == "unreadable")
    }

    static func permissionsBlockReads() -> Bool {
        guard let dir = try? TempFolder(), let f = try? dir.write("probe.txt", "x") else { return false }
        try? FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: f.path)
        return (try? Data(contentsOf: f)) == nil
    }

    @Test func loadingTwiceGivesTheSameCorpus() throws {
        let dir = try TempFolder()
        var rng = LCG(seed: 12)
        let words = ["nato", "Київ", "don\u{2019}t", "neo-Nazi", "a", "B", "2022", "é"]
        for i in 0..<12 {
            let text = (0..<40).map { _ in rng.pick(words) }.joined(separator: rng.int(2) == 0 ? " " : ". ")
            try dir.write("f\(rng.int(3))/doc\(i).txt", text)
        }
        try dir.write("lines.jsonl", "{\"text\":\"x y\"}\n{\"text\":\"y z\"}\n")
        let (c1, r1) = try dir.load()
        let (c2, r2) = try dir.load()
        #expect(c1.documents.map(\.id) == c2.documents.map(\.id))
        #expect(c1.tokens == c2.tokens)
        #expect(c1.documents.indices.map { c1.tokenSpans(document: $0, tokens: 0..<1_000) } == c2.documents.indices.map { c2.tokenSpans(document: $0, tokens: 0..<1_000) })
        #expect(c1.vocabulary.forms == c2.vocabulary.forms)
        #expect(r1.summary == r2.summary)
        // Path order: sorted relative paths.
        let files = c1.documents.map(\.source.file)
        #expect(files == files.sorted())
    }

    // MARK: report

    @Test func summaryLine() throws {
        let dir = try TempFolder()
        try dir.write("one.txt", "Alpha beta, gamma.")          // 3 tokens
        try dir.write("two.txt", "Don\u{2019}t stop\u{2014}now.")  // 3 tokens
        try dir.write("bin.txt", bytes: [0x00, 0x01])
        try dir.write("empty.txt", "")
        try dir.write("x.pdf", "pdf")
        let (_, r) = try dir.load()
        #expect(r.documents == 2 && r.tokens == 6 && r.files == 4)
        #expect(r.summary == "loaded 2 documents, 6 tokens; skipped 3 files (1 binary, 1 empty, 1 unsupported file type .pdf); 3 warnings")
    }

    @Test func summaryForOneDocumentAndBigNumbers() throws {
        let dir = try TempFolder()
        try dir.write("big.txt", String(repeating: "w ", count: 1234))
        let (_, r) = try dir.load()
        #expect(r.summary == "loaded 1 document, 1,234 tokens")
        let one = try TempFolder()
        try one.write("one.txt", "Word.")
        let (_, r1) = try one.load()
        #expect(r1.summary == "loaded 1 document, 1 token")
        #expect(LoadReport.grouped(0) == "0")
        #expect(LoadReport.grouped(999) == "999")
        #expect(LoadReport.grouped(1000) == "1,000")
        #expect(LoadReport.grouped(1234567) == "1,234,567")
        #expect(LoadReport.grouped(-1234) == "-1,234")
    }
}
