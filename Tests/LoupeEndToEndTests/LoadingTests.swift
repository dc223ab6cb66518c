import Foundation
import Testing
import LoupeTestSupport

/// One bad input file next to a good one: what the warning says and what still loads.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var bytes: [UInt8]
    /// The warning line must contain `file` followed by this (e.g. ":2:" or ": ").
    var location: String
    /// …and these words (case-insensitive).
    var words: [String]
    /// Documents and "nato" occurrences in the corpus: good.txt has one document and one "nato".
    var documents: Int
    var nato: Int
    var skipped: Bool

    var testDescription: String { name }

    init(_ name: String, file: String, _ text: String, location: String, words: [String], documents: Int, nato: Int, skipped: Bool = false) {
        self.init(name, file: file, bytes: Array(text.utf8), location: location, words: words, documents: documents, nato: nato, skipped: skipped)
    }

    init(_ name: String, file: String, bytes: [UInt8], location: String, words: [String], documents: Int, nato: Int, skipped: Bool = false) {
        self.name = name; self.file = file; self.bytes = bytes; self.location = location
        self.words = words; self.documents = documents; self.nato = nato; self.skipped = skipped
    }

    static let all: [BadInput] = [
        BadInput("invalid UTF-8", file: "latin1.txt",
                 bytes: Array("First line about NATO.\nCaf".utf8) + [0xE9] + Array(" au lait, line two.\n".utf8),
                 location: ":2:", words: ["UTF-8"], documents: 2, nato: 2),
        BadInput("binary file with NUL bytes", file: "photo.txt",
                 bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D] + Array("nato nato".utf8),
                 location: ": ", words: ["binary"], documents: 1, nato: 1, skipped: true),
        BadInput("empty file", file: "empty.txt", "", location: ": ", words: ["empty"], documents: 1, nato: 1, skipped: true),
        BadInput("blank file", file: "blank.md", "  \n\n\t\n", location: ": ", words: ["empty"], documents: 1, nato: 1, skipped: true),
        BadInput("duplicate id", file: "later.md", "---\nid: good\ntitle: Another\n---\nA second text about NATO.\n",
                 location: ":", words: ["duplicate", "good"], documents: 2, nato: 2),
        BadInput("unclosed front matter", file: "open.md", "---\ntitle: Never closed\nauthor: Someone\n\nText about NATO.\n",
                 location: ":1:", words: ["front matter"], documents: 2, nato: 2),
        BadInput("CSV row with the wrong field count", file: "rows.csv",
                 "id,text,outlet\nr1,Row one about NATO,Paper\nr2,Row two,Paper,extra field\nr3,Row three about NATO,Paper\n",
                 location: ":3:", words: ["field"], documents: 3, nato: 3),
        BadInput("CSV with an unclosed quote", file: "quotes.csv",
                 "id,text\nq1,First row about NATO\nq2,\"never closed, about NATO\n",
                 location: ":3:", words: ["quote"], documents: 2, nato: 2),
        BadInput("bad JSONL line", file: "lines.jsonl",
                 "{\"id\": \"j1\", \"text\": \"JSON about NATO\"}\n{\"id\": \"j2\", \"text\": \nnot json at all\n{\"id\": \"j4\", \"text\": \"more NATO\"}\n",
                 location: ":2:", words: ["JSON"], documents: 3, nato: 3),
        BadInput("JSONL line without text", file: "notext.jsonl",
                 "{\"id\": \"n1\", \"title\": \"no text here\"}\n{\"id\": \"n2\", \"text\": \"NATO\"}\n",
                 location: ":1:", words: ["text"], documents: 2, nato: 2),
        BadInput("unsupported extension", file: "scan.pdf", "%PDF-1.4 about nato", location: ": ",
                 words: ["unsupported", ".pdf"], documents: 1, nato: 1, skipped: true),
        BadInput("no extension", file: "README", "About NATO", location: ": ", words: ["extension"], documents: 1, nato: 1, skipped: true),
        BadInput("CSV without a text column", file: "table.csv", "id,body\nx,About NATO\n", location: ": ",
                 words: ["text"], documents: 1, nato: 1, skipped: true),
        // Red-team F15 and unclear message 1: read right, and said.
        BadInput("UTF-16 with a byte-order mark", file: "wide.txt",
                 bytes: [0xFF, 0xFE] + "A wide text about NATO.\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                 location: ": ", words: ["UTF-16", "read"], documents: 2, nato: 2),
        BadInput("lone CR line ends", file: "mac.txt", "Title\r\rA classic Mac text about NATO.\r",
                 location: ": ", words: ["lone CR"], documents: 2, nato: 2),
        BadInput("JSONL line with empty text", file: "blank.jsonl",
                 "{\"id\": \"e1\", \"text\": \"\"}\n{\"id\": \"e2\", \"text\": \"NATO\"}\n",
                 location: ":1:", words: ["empty text"], documents: 2, nato: 2),
        BadInput("metadata.csv with a duplicate id", file: "metadata.csv", "id,outlet\ngood,RT\ngood,TASS\n",
                 location: ":3:", words: ["duplicate", "line 2"], documents: 1, nato: 1),
    ]
}

/// Loading is never fatal: each bad file gets a warning naming it, the rest loads, status 0.
@Suite("Loading a corpus")
struct LoadingTests {
    static let goodText = "---\ntitle: Good\n---\nA good document about NATO and Minsk.\n"

    @Test("A bad file is a warning; the good documents still load; status 0", arguments: BadInput.all)
    func badInput(_ bad: BadInput) throws {
        try TempDir.with { dir in
            try dir.write("good.txt", Self.goodText)
            try dir.write(bad.file, bytes: bad.bytes)
            let r = try LoupeCLI.run(["--corpus", dir.path, "-e", "print(#corpus) print(corpus:count('nato'))"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "\(bad.documents)\n\(bad.nato)\n", "\(r)")

            let named = r.warnings.filter { $0.contains(bad.file + bad.location) }
            #expect(!named.isEmpty, "expected a warning naming \(bad.file)\(bad.location)\n\(r)")
            if let line = named.first {
                for word in bad.words {
                    #expect(line.localizedCaseInsensitiveContains(word), "warning should say \(word): \(line)")
                }
            }
            #expect(r.warnings.allSatisfy { !$0.hasPrefix("loupe: warning: \(dir.path)/good.txt") }, "good.txt is fine\n\(r)")

            #expect(r.summaries.count == 1, "one summary line\n\(r)")
            let summary = r.summaries.first ?? ""
            #expect(summary.hasPrefix("loupe: loaded \(bad.documents) document"), "\(r)")
            #expect(summary.hasSuffix(" from \(dir.path)"), "\(r)")
            if bad.skipped {
                #expect(summary.contains("skipped 1 file"), "the summary should count the skipped file\n\(r)")
            }
        }
    }

    @Test("--quiet: the same bad file, no warning and no summary", arguments: BadInput.all)
    func badInputQuiet(_ bad: BadInput) throws {
        try TempDir.with { dir in
            try dir.write("good.txt", Self.goodText)
            try dir.write(bad.file, bytes: bad.bytes)
            let r = try LoupeCLI.run(["--corpus", dir.path, "--quiet", "-e", "print(#corpus)"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "\(bad.documents)\n", "\(r)")
            #expect(r.stderr.isEmpty, "\(r)")
        }
    }

    @Test("Invalid UTF-8: the document keeps its text, with U+FFFD for the bad byte")
    func invalidUTF8Replaced() throws {
        try TempDir.with { dir in
            try dir.write("latin1.txt", bytes: Array("Caf".utf8) + [0xE9] + Array(" au lait".utf8))
            let r = try LoupeCLI.run(["--corpus", dir.path, "--quiet", "-e", "print(corpus[1].text)"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "Caf\u{FFFD} au lait\n", "\(r)")
        }
    }

    @Test("Duplicate ids: both documents stay, the second renamed")
    func duplicateIdsBothKept() throws {
        try TempDir.with { dir in
            try dir.write("a.md", "---\nid: same\n---\nFirst.\n")
            try dir.write("b.md", "---\nid: same\n---\nSecond.\n")
            let r = try LoupeCLI.run(["--corpus", dir.path, "-e", "for d in corpus:docs() do print(d.id, d.text) end"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout.hasPrefix("same\tFirst.\n"), "\(r)")
            let second = r.stdoutLines.dropFirst().first ?? ""
            #expect(second.hasPrefix("same") && second.hasSuffix("\tSecond."), "\(r)")
            #expect(second != "same\tSecond.", "the second id must differ from the first\n\(r)")
            let warning = r.warnings.first { $0.contains("b.md") }
            #expect(warning?.contains("duplicate") == true, "\(r)")
            #expect(warning?.contains("a.md") == true, "the warning should say where the id was first used\n\(r)")
        }
    }

    @Test("Unclosed front matter: the whole file is read as text, nothing lost")
    func unclosedFrontMatterKeepsText() throws {
        try TempDir.with { dir in
            try dir.write("open.md", "---\ntitle: Never closed\nbody text\n")
            let r = try LoupeCLI.run(["--corpus", dir.path, "--quiet", "-e", "print(corpus[1].text:find('body text', 1, true) ~= nil, corpus[1].text:find('title: Never closed', 1, true) ~= nil)"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "true\ttrue\n", "\(r)")
        }
    }

    @Test("Many bad files at once: one warning each, one summary grouping the skipped files by reason")
    func manyBadFiles() throws {
        try TempDir.with { dir in
            try dir.write("good.txt", Self.goodText)
            try dir.write("bin1.txt", bytes: [0, 1, 2, 3])
            try dir.write("bin2.md", bytes: Array("text".utf8) + [0] + Array("more".utf8))
            try dir.write("empty.txt", "")
            try dir.write("image.png", "PNG")
            try dir.write("sheet.xlsx", "XLSX")
            try dir.write("notes/deeper.txt", "A nested document about NATO.")
            let r = try LoupeCLI.run(["--corpus", dir.path, "-e", "print(#corpus, corpus:count('nato'))"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "2\t2\n", "\(r)")
            for file in ["bin1.txt", "bin2.md", "empty.txt", "image.png", "sheet.xlsx"] {
                #expect(r.warnings.contains { $0.contains(file) }, "no warning names \(file)\n\(r)")
            }
            #expect(r.summaries.count == 1, "\(r)")
            let summary = r.summaries.first ?? ""
            #expect(summary.hasPrefix("loupe: loaded 2 documents, "), "\(r)")
            #expect(summary.contains("skipped 5 files"), "\(r)")
            #expect(summary.contains("2 binary"), "\(r)")
            #expect(summary.contains("1 empty"), "\(r)")
            #expect(summary.hasSuffix("from \(dir.path)"), "\(r)")
            // Warnings come before the summary.
            let lastWarning = r.stderrLines.lastIndex { $0.hasPrefix("loupe: warning: ") } ?? -1
            let summaryIndex = r.stderrLines.firstIndex { $0.hasPrefix("loupe: loaded ") } ?? -1
            #expect(lastWarning < summaryIndex, "\(r)")
        }
    }

    @Test("A corpus with only bad files loads as empty, status 0")
    func onlyBadFiles() throws {
        try TempDir.with { dir in
            try dir.write("bin.txt", bytes: [0, 0, 0])
            try dir.write("empty.md", "")
            let r = try LoupeCLI.run(["--corpus", dir.path, "-e", "print(#corpus, corpus:count('nato'), #corpus:search('nato'))"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "0\t0\t0\n", "\(r)")
            #expect(r.summaries.first?.hasPrefix("loupe: loaded 0 documents") == true, "\(r)")
        }
    }

    @Test("An empty folder loads as an empty corpus, status 0")
    func emptyFolder() throws {
        try TempDir.with { dir in
            let r = try LoupeCLI.run(["--corpus", dir.path, "-e", "print(#corpus) print(corpus) print(corpus:kwic('nato'))"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdoutLines.first == "0", "\(r)")
            #expect(r.summaries.count == 1, "\(r)")
        }
    }

    @Test("Hidden files and folders are passed over without warnings")
    func hiddenFiles() throws {
        try TempDir.with { dir in
            try dir.write("good.txt", Self.goodText)
            try dir.write(".DS_Store", bytes: [0, 0, 1, 0])
            try dir.write(".git/HEAD", "ref: refs/heads/main")
            let r = try LoupeCLI.run(["--corpus", dir.path, "-e", "print(#corpus)"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "1\n", "\(r)")
            #expect(r.warnings.isEmpty, "\(r)")
        }
    }

    /// Red-team F4: `ln -s /etc/passwd corpus/passwd.txt` made the file a document
    /// that `io.open` refused. The link is refused, with a warning saying where it leads.
    @Test("A link out of the corpus is refused with a warning, not loaded")
    func linkOutOfTheCorpus() throws {
        try TempDir.with { dir in
            try dir.write("corpus/a.txt", "A normal doc.\n")
            try dir.write("secret.txt", "secret words\n")
            try FileManager.default.createSymbolicLink(atPath: dir.path + "/corpus/passwd.txt", withDestinationPath: "/etc/passwd")
            try FileManager.default.createSymbolicLink(atPath: dir.path + "/corpus/rel.txt", withDestinationPath: "../secret.txt")
            let r = try LoupeCLI.run(["--corpus", dir.path + "/corpus", "-e",
                                      "print(#corpus, corpus.passwd == nil, corpus.rel == nil, corpus:count('root'), corpus:count('secret'))"])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout == "1\ttrue\ttrue\t0\t0\n", "\(r)")
            #expect(r.warnings.contains { $0.contains("passwd.txt: skipped: link to a file outside the corpus (/etc/passwd)") }, "\(r)")
            #expect(r.warnings.contains { $0.contains("rel.txt: skipped: link to a file outside the corpus (") && $0.contains("/secret.txt)") }, "\(r)")
            #expect(r.summaries.first?.contains("skipped 2 files (2 link to a file outside the corpus)") == true, "\(r)")
        }
    }

    @Test("The summary with no problems has no skipped or warning part")
    func cleanSummary() throws {
        let r = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "-e", ""])
        #expect(r.status == 0, "\(r)")
        #expect(r.warnings.isEmpty, "the bundled corpus should load without warnings\n\(r)")
        let summary = try #require(r.summaries.first, "\(r)")
        #expect(summary.hasPrefix("loupe: loaded 13 documents, "), "\(r)")
        #expect(!summary.contains("skipped"), "\(r)")
        #expect(!summary.contains("warning"), "\(r)")
    }
}
