import Foundation
import Hummingbird
import HummingbirdTesting
import LoupeCore
import LuaRuntime
import Testing
@testable import LoupeServer

/// A small corpus built in memory: ordinary documents, one whose title, metadata and text
/// hold markup (as a scraped page can), and one whose id needs percent-encoding.
enum TestCorpus {
    static let evilTitle = "<script>alert(1)</script> news"
    static let evilScript = "<script>alert(1)</script>"
    static let oddID = "odd id/β"

    static func make() -> Corpus {
        var b = CorpusBuilder()
        func add(_ id: String, _ title: String, _ text: String, _ meta: [(String, MetaValue)]) {
            b.add(RawDocument(id: id, title: title, text: text, meta: Metadata(meta),
                              source: DocumentSource(file: "\(id).txt", firstLine: 1, lastLine: 1)))
        }
        add("d1", "NATO in Brussels", "NATO met in Brussels. NATO spoke.\n\nThe Minsk agreements were signed; NATO waited.",
            [("outlet", .string("TASS")), ("date", .string("2022-02-10")), ("genre", .string("news"))])
        add("evil", evilTitle, "Before \(evilScript) after NATO.\n\nA second paragraph on nato & <b>bold</b> claims.",
            [("outlet", .string("<b>Evil</b> & Co")), ("date", .string("2022-03-01")), ("genre", .string("<img src=x onerror=alert(2)>"))])
        add("d3", "Nothing", "Nothing here at all.", [("outlet", .string("RT")), ("date", .string("2023-01-01")), ("genre", .string("op-ed"))])
        add(oddID, "Odd", "Minsk talks. Minsk again, and NATO.", [("outlet", .string("OSCE"))])
        return b.build(root: "mem")
    }

    /// `documents` documents of `perDocument` tokens, every other one "nato": for paging through many hits.
    static func large(documents: Int, perDocument: Int) -> Corpus {
        var b = CorpusBuilder()
        let words = ["alpha", "beta", "gamma", "delta"]
        for d in 0..<documents {
            var text = ""
            for i in 0..<perDocument { text += (i % 2 == 0 ? "nato" : words[(i / 2 + d) % 4]) + (i % 20 == 19 ? ".\n" : " ") }
            b.add(RawDocument(id: "doc\(d)", title: "Document \(d)", text: text, meta: Metadata(),
                              source: DocumentSource(file: "doc\(d).txt", firstLine: 1, lastLine: 1)))
        }
        return b.build(root: "mem")
    }
}

/// A server over a corpus for one test, its threads stopped after it. The test's tasks (the
/// client's requests and the server's handlers alike) run on `TestExecutor.shared`, threads of
/// their own: the whole suite's synchronous tests can hold every thread of Swift's shared pool
/// (as many as cores) for seconds, and these tests measure how promptly the server answers.
func withServer<T: Sendable>(_ corpus: Corpus = TestCorpus.make(), options: ServerOptions = testOptions(),
                             _ body: @Sendable (LoupeServer, any TestClientProtocol) async throws -> T) async throws -> T {
    try await withTaskExecutorPreference(TestExecutor.shared) {
        let server = LoupeServer(corpus: corpus, options: options)
        defer { server.stop() }
        return try await server.application().test(.router) { client in try await body(server, client) }
    }
}

/// A task executor on threads of its own.
final class TestExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = TestExecutor(threads: 4)
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    init(threads: Int) {
        for i in 0..<threads {
            let thread = Thread { [self] in
                while true {
                    condition.lock()
                    while jobs.isEmpty { condition.wait() }
                    let job = jobs.removeFirst()
                    condition.unlock()
                    job.runSynchronously(on: asUnownedTaskExecutor())
                }
            }
            thread.name = "loupe-server-tests-\(i + 1)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }
}

func testOptions(timeout: Double = 5, threads: Int = 2) -> ServerOptions {
    var o = ServerOptions()
    o.limits = LuaLimits(memoryBytes: 64 << 20, timeMilliseconds: Int(timeout * 1000))
    o.luaThreads = threads
    o.queryThreads = threads
    return o
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
    /// `loupe_visitor=…` from Set-Cookie, to send back as Cookie.
    var visitorCookie: String? {
        headers[.setCookie]?.split(separator: ";").first.map(String.init)
    }
}

extension TestClientProtocol {
    func get(_ uri: String, cookie: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    func run(_ code: String, cookie: String?, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let cookie { headers[.cookie] = cookie }
        return try await execute(uri: "/api/run", method: .post, headers: headers, body: ByteBuffer(string: code))
    }
}

/// Percent-encodes a query for a URL (as a browser's form would, near enough).
func enc(_ s: String) -> String { HTML.percentEncode(s) }

/// How many times `needle` occurs in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

extension TestClientProtocol {
    /// A console cell posted as the page's form does (`code=…`); `fragment` as the page's script asks.
    func cell(_ code: String, cookie: String?, fragment: Bool = true, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let cookie { headers[.cookie] = cookie }
        if fragment { headers[.init("X-Loupe-Fragment")!] = "1" }
        return try await execute(uri: "/console", method: .post, headers: headers, body: ByteBuffer(string: "code=" + enc(code)))
    }

    /// A new visitor's cookie (from the first page they open).
    func newVisitor() async throws -> String {
        try #require(try await get("/console").visitorCookie)
    }
}

/// The SVG inside a page's `<img src="data:image/svg+xml;base64,…">`, decoded.
func embeddedSVGs(in html: String) -> [String] {
    html.components(separatedBy: "src=\"data:image/svg+xml;base64,").dropFirst().compactMap { part in
        guard let end = part.firstIndex(of: "\""), let data = Data(base64Encoded: String(part[..<end])) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

/// The rows of a page's `table.result` bodies, each as its cells' text (still escaped).
func resultRows(in html: String) -> [[String]] {
    var rows: [[String]] = []
    for table in html.components(separatedBy: "<table class=\"result\">").dropFirst() {
        guard let body = table.components(separatedBy: "<tbody>\n").dropFirst().first?.components(separatedBy: "</tbody>").first else { continue }
        for line in body.split(separator: "\n") where line.hasPrefix("<tr>") {
            let cells = line.components(separatedBy: "</td>").dropLast().map { cell -> String in
                guard let open = cell.range(of: ">", options: .backwards) else { return "" }
                return String(cell[open.upperBound...])
            }
            rows.append(cells)
        }
    }
    return rows
}
