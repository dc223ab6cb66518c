import Foundation
import Hummingbird
import HummingbirdTesting
import LoupeCore
import Testing
@testable import LoupeServer

/// docs/guide.md's "Loupe in the browser": every page it names answers over the bundled
/// corpus, and every curl example prints what the chapter says it prints.
@Suite struct GuideChapterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The chapter's text, from its heading to the next chapter.
    static func chapter() throws -> String {
        let guide = try String(contentsOf: root.appendingPathComponent("docs/guide.md"), encoding: .utf8)
        let start = try #require(guide.range(of: "\n## 11. Loupe in the browser\n"))
        let rest = guide[start.upperBound...]
        return String(rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest)
    }

    /// The lines of the chapter's fenced blocks of one kind.
    static func blocks(_ kind: String, in text: String) -> [[String]] {
        var out: [[String]] = [], current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if current == nil, line == "```" + kind { current = [] }
            else if current != nil, line == "```" { out.append(current ?? []); current = nil }
            else if current != nil { current?.append(line) }
        }
        return out
    }

    /// The text with its milliseconds left out (they differ from run to run).
    static func steady(_ s: String) -> String {
        s.replacingOccurrences(of: "\"milliseconds\":[0-9]+", with: "\"milliseconds\":N", options: .regularExpression)
    }

    static func bundledCorpus() throws -> Corpus {
        try CorpusLoader.load(path: root.appendingPathComponent("corpus").path).0
    }

    @Test func everyPageTheChapterNamesAnswers() async throws {
        let pages = Self.blocks("http", in: try Self.chapter()).flatMap { $0 }
        #expect(pages.count >= 8)
        try await withServer(try Self.bundledCorpus()) { _, client in
            for line in pages {
                let path = try #require(line.hasPrefix("GET ") ? String(line.dropFirst(4)) : nil, "\(line)")
                let r = try await client.get(path)
                #expect(r.status == .ok, "\(path): \(r.text.suffix(300))")
                #expect(r.headers[.contentType] == "text/html; charset=utf-8")
                #expect(!r.text.contains("class=\"error\""), "\(path) shows an error")
            }
        }
    }

    @Test func everyCurlExamplePrintsWhatTheChapterSays() async throws {
        let lines = Self.blocks("console", in: try Self.chapter()).flatMap { $0 }
        var examples: [(command: String, output: String)] = []
        for line in lines {
            if line.hasPrefix("$ ") { examples.append((String(line.dropFirst(2)), "")) }
            else if !examples.isEmpty { examples[examples.count - 1].output += line }
        }
        #expect(examples.count == 3)
        let cases = examples
        try await withServer(try Self.bundledCorpus()) { _, client in
            for (command, output) in cases {
                let url = try #require(command.components(separatedBy: "http://127.0.0.1:8080").last?
                    .trimmingCharacters(in: CharacterSet(charactersIn: "' ")), "\(command)")
                let r: TestResponse
                if let body = command.components(separatedBy: "--data-binary '").dropFirst().first?.components(separatedBy: "' ").first {
                    r = try await client.run(body, cookie: nil)
                    #expect(url == "/api/run")
                } else {
                    r = try await client.get(url)
                }
                #expect(r.status == .ok, "\(command)")
                #expect(Self.steady(r.text.trimmingCharacters(in: .newlines)) == Self.steady(output), "\(command)")
            }
        }
    }
}
