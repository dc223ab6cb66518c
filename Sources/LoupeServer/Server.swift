import Foundation
import Hummingbird
import Logging
import LoupeCore
import LoupeLua
import LuaRuntime
import LoupeClassroom

/// How `loupe serve` runs: where it listens, the visitors' limits, its threads.
public struct ServerOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Each evaluation's limits, and each query's time and memory (`--timeout`, `--memory`, `--instructions`).
    public var limits = LuaLimits(memoryBytes: ServerOptions.defaultMemoryMiB << 20, timeMilliseconds: Int(ServerOptions.defaultTimeout * 1000))
    /// Threads running visitors' Lua, and threads running queries (each: as many as cores, at least 2).
    public var luaThreads = max(2, ProcessInfo.processInfo.activeProcessorCount)
    public var queryThreads = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// Jobs that may wait for a thread before the server answers 503.
    public var maxQueued = 64
    /// Visitors holding an environment at once; the longest idle is let go for a new one.
    public var maxVisitors = 200
    /// A visitor's environment is released after this long without an evaluation.
    public var idleSeconds: Double = 30 * 60

    public static let defaultTimeout: Double = 10
    public static let defaultMemoryMiB = 256

    public init() {}
}

/// The request context: the visitor the request's cookie names (or a new one).
public struct ServeContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The visitor id from the cookie, or a new one (then the response sets the cookie).
    public var visitor = ""
    public var visitorIsNew = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// A query thread's limits: a Lua state that runs no Lua, whose chunk scope gives the
/// Swift search on this thread a deadline and a memory budget (`Interruption`, `MemoryBudget`).
final class QueryScope {
    private let state: LuaState?
    init(limits: LuaLimits) {
        state = try? LuaState(limits: LuaLimits(memoryBytes: limits.memoryBytes, timeMilliseconds: limits.timeMilliseconds))
    }
    func run<T>(_ body: () throws -> T) rethrows -> T {
        guard let state else { return try body() }
        return try state.asOneChunk(body)
    }
}

/// Recent results by key (a query's hits, a sort's order, a document's findings), so paging
/// through 20,000 hits searches once; past `capacity` the least recently used goes.
final class RecentResults<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Key: (value: Value, used: Int)] = [:]
    private var clock = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    func value(_ key: Key) -> Value? {
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[key] else { return nil }
        clock += 1
        entries[key] = (e.value, clock)
        return e.value
    }

    func store(_ key: Key, _ value: Value) {
        lock.lock(); defer { lock.unlock() }
        clock += 1
        if entries[key] == nil, entries.count >= capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
            entries[oldest] = nil
        }
        entries[key] = (value, clock)
    }
}

/// How a concordance page is cut: which lines, how much context, in which order.
struct ConcordancePage: Sendable {
    var offset = 0
    var limit = 50
    var window = 8
    var unit = KWICOptions.Unit.tokens
    var sort: [KWICOptions.SortKey] = []
    /// The sort as the URL gives it ("1R,2R"), "" for corpus order.
    var sortText = ""

    static let maxHitsKept = 2_000_000
}

/// `loupe serve`: one corpus in memory, read-only and shared; pages and a JSON API over
/// it; one sandboxed Lua environment per visitor. Queries and Lua run on threads of
/// their own, never on NIO's event loops (docs/browser.md).
public final class LoupeServer: Sendable {
    public let corpus: Corpus
    public let options: ServerOptions
    let visitors: Visitors
    let luaPool: WorkerPool<LuaThread>
    let queryPool: WorkerPool<QueryScope>
    let cache = RecentResults<String, [Hit]>(capacity: 16)
    let orders = RecentResults<String, [Int]>(capacity: 16)
    let boilerplate = BoilerplateIndex()
    /// Documents' findings once worked out (a few ms each on a long text), the last 1,000 read.
    let findings = RecentResults<Int, ReaderFindings>(capacity: 1_000)
    /// `--class`: the class this server runs, its sessions and the threads that check answers.
    let classroom: Classroom?
    let classSessions = ClassSessions()
    let checkPool: WorkerPool<Void>
    let factory: EnvironmentFactory
    private let lastSweep = Locked(0.0)

    public init(corpus: Corpus, options: ServerOptions = ServerOptions(), classroom: Classroom? = nil) {
        self.corpus = corpus
        self.options = options
        self.classroom = classroom
        checkPool = WorkerPool(name: "loupe-check", threads: classroom == nil ? 1 : max(4, 2 * options.luaThreads),
                               maxQueued: options.maxQueued) { () }
        visitors = Visitors(capacity: options.maxVisitors, idleSeconds: options.idleSeconds)
        luaPool = WorkerPool(name: "loupe-lua", threads: options.luaThreads, maxQueued: options.maxQueued) { LuaThread() }
        let limits = options.limits
        queryPool = WorkerPool(name: "loupe-query", threads: options.queryThreads, maxQueued: options.maxQueued) { QueryScope(limits: limits) }
        factory = EnvironmentFactory(limits: options.limits, corpus: corpus)
    }

    /// Ends the worker threads once their queued work is done.
    public func stop() {
        luaPool.stop()
        queryPool.stop()
        checkPool.stop()
    }

    /// Visitors holding an environment now.
    public var visitorCount: Int { visitors.count }

    // MARK: the application

    /// The HTTP application: `onRunning` is told the port it listens on (useful with port 0).
    public func application(logger: Logger? = nil, onRunning: @escaping @Sendable (Int) -> Void = { _ in })
        -> Application<RouterResponder<ServeContext>> {
        var log = logger ?? Logger(label: "loupe-serve")
        if logger == nil { log.logLevel = .warning }
        return Application(router: router(),
                           configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
                           onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
                           logger: log)
    }

    /// The routes (docs/browser.md). The middleware comes first: it wraps every route and the 404.
    public func router() -> Router<ServeContext> {
        let router = Router(context: ServeContext.self, options: [.autoGenerateHeadEndpoints])
        router.add(middleware: GuardMiddleware(server: self))
        router.get("/") { request, _ in try await self.corpusPage(request) }
        router.get("/search") { request, _ in try await self.searchPage(request) }
        router.get("/doc/**") { request, _ in try await self.readerPage(request) }
        router.get("/api/corpus") { _, _ in try await self.apiCorpus() }
        router.get("/api/count") { request, _ in try await self.apiCount(request) }
        router.get("/api/search") { request, _ in try await self.apiSearch(request) }
        router.get("/api/doc/**") { request, _ in try await self.apiDocument(request) }
        router.get("/analyse") { request, _ in try await self.analysePage(request) }
        router.get("/console") { request, context in try await self.consolePage(request, context) }
        router.post("/console") { request, context in try await self.consoleRun(request, context) }
        router.post("/api/run") { request, context in try await self.apiRun(request, context) }
        router.get("/api/run") { _, _ -> Response in throw RequestError(405, "POST the Lua code as the request's body") }
        if let classroom { addClassRoutes(router, classroom) }
        router.get("/static/:name") { _, context in try self.staticFile(context.parameters.get("name") ?? "") }
        return router
    }

    // MARK: pages

    func corpusPage(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request.uri.query)
        let corpus = self.corpus
        var view = Pages.DocumentView()
        view.offset = try p.integer("offset", default: 0, in: 0...Int(Int32.max))
        view.limit = try p.integer("limit", default: 200, in: 1...Limits.documentRows)
        let columns = Pages.columns(corpus)
        if let field = p["field"], !field.isEmpty {
            guard columns.contains(field) else {
                throw RequestError(400, "there is no field '\(field.prefix(60))' in this corpus; there are: \(columns.joined(separator: ", "))")
            }
            view.field = field
            view.value = p["value"] ?? ""
        }
        view.text = String((p["text"] ?? "").trimmingWhitespace().prefix(200))
        if let sort = p["sort"], !sort.isEmpty {
            guard sort == "title" || sort == "tokens" || columns.contains(sort) else {
                throw RequestError(400, "'sort' must be title, tokens or a field (\(columns.joined(separator: ", "))), got '\(sort.prefix(60))'")
            }
            view.sort = sort
        }
        view.descending = p["desc"] == "1"
        let chosen = view
        return try await onQueryThread { _ in Self.html(.ok, Pages.corpus(corpus, view: chosen)) }
    }

    func searchPage(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request.uri.query)
        guard let q = try p.query() else { return Self.html(.ok, Pages.searchHelp(corpus)) }
        let page = try paging(p)
        let by = try p["by"].flatMap { field throws(RequestError) -> String? in
            guard !field.isEmpty else { return nil }
            guard Pages.columns(corpus).contains(field) else {
                throw RequestError(400, "there is no field '\(field.prefix(60))' to count by; there are: \(Pages.columns(corpus).joined(separator: ", "))")
            }
            return field
        }
        do {
            let results = try await search(q, page)
            return Self.html(.ok, Pages.search(corpus, results, by: by))
        } catch let e as RequestError where e.column != nil {
            return Self.html(.badRequest, Pages.queryError(corpus, query: q, message: e.message, column: e.column))
        }
    }

    func readerPage(_ request: Request) async throws -> Response {
        let doc = try document(in: request.uri.path, after: "/doc/")
        let q = try QueryParameters(request.uri.query).query()
        let corpus = self.corpus
        // the whole text is written on a query thread: a long document is work
        let (boilerplate, cache) = (self.boilerplate, self.findings)
        return try await onQueryThread { scope in
            var findings: ReaderFindings
            if let kept = cache.value(doc) {
                findings = kept
            } else {
                findings = scope.run { ReaderFindings(corpus, document: doc, boilerplate: []) }
                if findings.complete { cache.store(doc, findings) }   // one a limit cut short is not kept
            }
            findings.boilerplate = boilerplate.lines(of: doc, in: corpus)
            guard let q else { return Self.html(.ok, Pages.reader(corpus, document: doc, query: "", hits: [], error: nil, findings: findings)) }
            do {
                let hits = try self.hits(q, scope: scope).filter { $0.document == doc }
                return Self.html(.ok, Pages.reader(corpus, document: doc, query: q, hits: hits, error: nil, findings: findings))
            } catch let e as QueryError {
                let error = RequestError(400, e.message, column: e.column)
                return Self.html(.badRequest, Pages.reader(corpus, document: doc, query: q, hits: [], error: error, findings: findings))
            }
        }
    }

    func staticFile(_ name: String) throws -> Response {
        guard let file = StaticFiles.files[name] else { throw RequestError(404, "no such file: /static/\(name)") }
        var headers = HTTPFields()
        headers[.contentType] = file.type
        headers[.cacheControl] = "max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: file.text)))
    }

    // MARK: the API

    func apiCorpus() async throws -> Response {
        let corpus = self.corpus
        return try await onQueryThread { _ in
            let docs = corpus.documents.map { d in
                JSON.object([("id", .string(d.id)), ("title", .string(d.title)), ("metadata", JSON.metadata(d.meta)),
                             ("tokens", .int(d.tokenCount))])
            }
            return Self.json(.ok, .object([("documents", .array(docs)), ("tokens", .int(corpus.tokenCount))]))
        }
    }

    func apiCount(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request.uri.query)
        guard let q = try p.query() else { throw RequestError.badRequest("give a query: /api/count?q=…") }
        let results = try await search(q, ConcordancePage(limit: 0))
        return Self.json(.ok, .object([("query", .string(q)), ("count", .int(results.count)),
                                       ("documents", .int(results.byDocument.count))]))
    }

    func apiSearch(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request.uri.query)
        guard let q = try p.query() else { throw RequestError.badRequest("give a query: /api/search?q=…") }
        let page = try paging(p)
        let (offset, limit) = (page.offset, page.limit)
        let results = try await search(q, page)
        let hits = results.lines.map { line -> JSON in
            let d = corpus.documents[line.hit.document]
            return .object([("document", .string(d.id)), ("start", .int(line.hit.start)), ("end", .int(line.hit.end)),
                            ("left", .string(line.left)), ("text", .string(line.match)), ("right", .string(line.right))])
        }
        return Self.json(.ok, .object([("query", .string(q)), ("count", .int(results.count)), ("offset", .int(offset)),
                                       ("limit", .int(limit)), ("hits", .array(hits))]))
    }

    func apiDocument(_ request: Request) async throws -> Response {
        let doc = try document(in: request.uri.path, after: "/api/doc/")
        let q = try QueryParameters(request.uri.query).query()
        let d = corpus.documents[doc]
        return try await onQueryThread { scope in
            var fields: [(String, JSON)] = [("id", .string(d.id)), ("title", .string(d.title)), ("metadata", JSON.metadata(d.meta)),
                                            ("source", .string(d.source.description)), ("tokens", .int(d.tokenCount)),
                                            ("text", .string(d.text))]
            if let q {
                let hits = try self.hits(q, scope: scope).filter { $0.document == doc }
                fields.append(("query", .string(q)))
                fields.append(("hits", .array(hits.map { .object([("start", .int($0.start)), ("end", .int($0.end))]) })))
            }
            return Self.json(.ok, .object(fields))
        }
    }

    func apiRun(_ request: Request, _ context: ServeContext) async throws -> Response {
        try Self.checkOrigin(request)
        let code = try await Self.body(of: request, what: "the code")
        return Self.json(.ok, try await evaluate(code, for: context.visitor).json)
    }

    // MARK: analyses

    /// `/analyse`: the forms; with `kind`, that analysis run and shown with its Lua;
    /// with `format` (csv, tsv, json), its `table`-th Table (default the first) whole, as a file.
    func analysePage(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request.uri.query)
        let corpus = self.corpus
        guard let analysis = try Analysis(p, corpus: corpus) else { return Self.html(.ok, Pages.analyse(corpus, nil, nil)) }
        let format = try p["format"].map { name throws(RequestError) -> TableFormat in
            guard let f = TableFormat(rawValue: name), f != .md, f != .html else {
                throw RequestError(400, "'format' must be csv, tsv, json or jsonl, got '\(name.prefix(20))'")
            }
            return f
        }
        let rows = try p.integer("rows", default: 100, in: 1...Limits.tableRows)
        let factory = self.factory
        let result: RunResult
        do {
            result = try await luaPool.run { thread in
                thread.run(analysis.lua, factory: factory, tableRows: format == nil ? rows : Int.max)
            }
        } catch is WorkerPool<LuaThread>.Full {
            throw RequestError(503, "the server is busy running code; try again in a moment")
        }
        guard let format else {
            return Self.html(result.error == nil ? .ok : .badRequest, Pages.analyse(corpus, analysis, result))
        }
        if let error = result.error { throw RequestError(400, error) }
        let tables = result.blocks.compactMap { if case .table(let t, _) = $0 { t } else { nil } }
        let n = try p.integer("table", default: 1, in: 1...max(1, tables.count))
        guard n <= tables.count else { throw RequestError(404, "this analysis gave no table") }
        var headers = HTTPFields()
        headers[.contentType] = format == .csv ? "text/csv; charset=utf-8"
            : format == .tsv ? "text/tab-separated-values; charset=utf-8" : "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"loupe-\(analysis.kind.rawValue)\(n > 1 ? "-\(n)" : "").\(format.rawValue)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: format.encode(tables[n - 1]))))
    }

    // MARK: the console

    /// `/console`, its box holding `code` when given (the analyses link here with their Lua).
    func consolePage(_ request: Request, _ context: ServeContext) async throws -> Response {
        let code = try QueryParameters(request.uri.query)["code"] ?? ""
        return Self.html(.ok, Pages.console(corpus, cells: visitors.cells(of: context.visitor), code: code))
    }

    /// A cell from the console's form (`code=…`): run, kept in the visitor's history, and
    /// answered with the page again (303 to `/console#cN`), or with the cell's HTML alone
    /// when the page's script asks (`X-Loupe-Fragment: 1`).
    func consoleRun(_ request: Request, _ context: ServeContext) async throws -> Response {
        try Self.checkOrigin(request)
        let form = try QueryParameters(form: try await Self.body(of: request, what: "the form"))
        guard let code = form["code"], !code.trimmingWhitespace().isEmpty else {
            throw RequestError(400, "the form has no code: type Lua in the box")
        }
        let result = try await evaluate(code, for: context.visitor)
        let cell = visitors.record(code: code, result: result, for: context.visitor)
        if request.headers.contains(where: { $0.name.canonicalName == "x-loupe-fragment" && $0.value == "1" }) { return Self.html(.ok, Pages.cell(cell)) }
        var headers = HTTPFields()
        headers[.location] = "/console#c\(cell.number)"
        return Response(status: .seeOther, headers: headers)
    }

    /// Runs `code` in the visitor's environment on a Lua thread; 429 while their previous code
    /// runs, 503 when every slot or the queue is full.
    func evaluate(_ code: String, for id: String) async throws -> RunResult {
        let (claim, evicted) = visitors.claim(id)
        if let evicted { luaPool.submit { _ in _ = evicted } }   // its state closes on a Lua thread
        let visitor: Visitor
        switch claim {
        case .claimed(let v): visitor = v
        case .busy: throw RequestError(429, "your previous code is still running; wait for it to finish")
        case .full: throw RequestError(503, "the server is busy with other visitors' code; try again in a moment")
        }
        defer { visitors.release(visitor) }
        let factory = self.factory
        do {
            return try await luaPool.run { _ in factory.run(code, for: visitor) }
        } catch is WorkerPool<LuaThread>.Full {
            throw RequestError(503, "the server is busy running code; try again in a moment")
        }
    }

    // MARK: searching

    func paging(_ p: QueryParameters) throws(RequestError) -> ConcordancePage {
        var page = ConcordancePage()
        page.offset = try p.integer("offset", default: 0, in: 0...Int(Int32.max))
        page.limit = try p.integer("limit", default: 50, in: 1...Limits.pageLines)
        switch p["unit"] ?? "" {
        case "", "tokens": page.window = try p.integer("window", default: 8, in: 0...Limits.window)
        case "chars":
            page.unit = .characters
            page.window = try p.integer("window", default: 60, in: 1...Limits.windowCharacters)
        case let other: throw RequestError(400, "'unit' must be tokens or chars, got '\(other.prefix(20))'")
        }
        let sort = (p["sort"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard sort.count <= 4 else { throw RequestError(400, "'sort' takes at most 4 keys, such as 1R,2R") }
        for key in sort {
            guard let k = KWICOptions.SortKey(key) else {
                throw RequestError(400, "'sort' keys are 1L…50L, 1R…50R, node or doc, got '\(key.prefix(20))'")
            }
            page.sort.append(k)
        }
        page.sortText = sort.joined(separator: ",")
        return page
    }

    /// The query's hits (cached) and one page of lines, worked out on a query thread.
    func search(_ q: String, _ page: ConcordancePage) async throws -> SearchResults {
        let corpus = self.corpus
        return try await onQueryThread { scope in
            let hits = try self.hits(q, scope: scope)
            return try scope.run {
                var order: [Int]?
                if !page.sort.isEmpty {
                    let key = q + "\u{0}" + page.sortText.uppercased()
                    order = self.orders.value(key)
                    if order == nil {
                        order = try KWIC.sortedOrder(corpus, hits, by: page.sort)
                        if hits.count <= ConcordancePage.maxHitsKept { self.orders.store(key, order ?? []) }
                    }
                }
                return try SearchResults(corpus: corpus, query: q, hits: hits, order: order, sort: page.sort, offset: page.offset,
                                         limit: page.limit, window: page.window, unit: page.unit)
            }
        }
    }

    /// The query's hits, from the cache or searched within the thread's limits. On a query thread.
    func hits(_ q: String, scope: QueryScope) throws -> [Hit] {
        if let cached = cache.value(q) { return cached }
        let hits = try scope.run { try corpus.search(q).hits }
        if hits.count <= ConcordancePage.maxHitsKept { cache.store(q, hits) }
        return hits
    }

    /// Runs `body` on a query thread, within its limits; a query error, a limit, or a full
    /// queue comes back as a `RequestError`.
    func onQueryThread<T: Sendable>(_ body: @escaping @Sendable (QueryScope) throws -> T) async throws -> T {
        let limits = options.limits
        let outcome: Result<T, RequestError>
        do {
            outcome = try await queryPool.run { scope in
                do { return .success(try body(scope)) } catch { return .failure(Self.requestError(error, limits: limits)) }
            }
        } catch is WorkerPool<QueryScope>.Full {
            throw RequestError(503, "the server is busy with other queries; try again in a moment")
        }
        return try outcome.get()
    }

    static func requestError(_ error: any Error, limits: LuaLimits) -> RequestError {
        if let r = error as? RequestError { return r }
        if let q = error as? QueryError { return RequestError(400, q.message, column: q.column) }
        if error is Interrupted {
            return RequestError(422, "the query stopped at the server's limits (\(Self.seconds(limits.timeMilliseconds)), "
                                + "\(limits.memoryBytes >> 20) MiB): make it narrower")
        }
        return RequestError(400, "\(error)")
    }

    static func seconds(_ ms: Int) -> String {
        ms % 1000 == 0 ? "\(ms / 1000) s" : String(format: "%.1f s", Double(ms) / 1000)
    }

    // MARK: requests

    /// The document a path names after `prefix` (percent-decoded); 404 when there is none.
    func document(in path: String, after prefix: String) throws(RequestError) -> Int {
        guard path.hasPrefix(prefix), let id = QueryParameters.decodePath(path.dropFirst(prefix.count)) else {
            throw RequestError(400, "malformed document id in the path")
        }
        guard let doc = corpus.documentIndex(id: id) else {
            throw RequestError(404, "there is no document '\(id.prefix(200))' in this corpus")
        }
        return doc
    }

    /// A request's body as text, whatever its content type (curl's `--data-binary` says it
    /// is a form). 413 past the limit, 400 when it is not UTF-8; `what` names it in the message.
    static func body(of request: Request, what: String) async throws -> String {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Limits.bodyBytes {
            throw RequestError(413, "\(what) is longer than \(Limits.bodyBytes / 1024) KiB")
        }
        var buffer = ByteBuffer()
        for try await chunk in request.body {
            guard buffer.readableBytes + chunk.readableBytes <= Limits.bodyBytes else {
                throw RequestError(413, "\(what) is longer than \(Limits.bodyBytes / 1024) KiB")
            }
            buffer.writeImmutableBuffer(chunk)
        }
        let bytes = buffer.readableBytesView
        guard let text = String(validating: bytes, as: UTF8.self) else { throw RequestError(400, "\(what) is not UTF-8 text") }
        return text
    }

    /// A POST that runs code must come from a page of this server (or from no page: curl).
    static func checkOrigin(_ request: Request) throws(RequestError) {
        if let origin = request.headers[.origin], !sameOrigin(origin, authority: request.head.authority) {
            throw RequestError(403, "a page from another site cannot run code here")
        }
    }

    /// Whether an Origin header names the host the request was sent to.
    static func sameOrigin(_ origin: String, authority: String?) -> Bool {
        guard let authority else { return false }
        for scheme in ["http://", "https://"] where origin.lowercased() == scheme + authority.lowercased() { return true }
        return false
    }

    /// Releases visitors idle too long, at most once a minute (their states close on a Lua thread).
    func sweepIfDue() {
        let now = visitors.clock()
        let due = lastSweep.withLock { last -> Bool in
            guard now - last > 60 else { return false }
            last = now
            return true
        }
        guard due else { return }
        let idle = visitors.sweep()
        if !idle.isEmpty { luaPool.submit { _ in _ = idle } }
    }

    // MARK: responses

    static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSON) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: value.text + "\n")))
    }
}

/// Wraps every route and the 404: names the visitor (a cookie), turns every refusal into
/// a 4xx page or JSON with its message (never a 500 for bad input), and adds the headers
/// that keep a scraped `<script>` inert (Content-Security-Policy: no inline script, no framing; nosniff).
struct GuardMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let server: LoupeServer

    static let cookieName = "loupe_visitor"
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        var context = context
        if let id = request.cookies[Self.cookieName]?.value, Visitors.isWellFormed(id[...]) {
            context.visitor = id
        } else {
            context.visitor = Visitors.newID()
            context.visitorIsNew = true
        }
        server.sweepIfDue()
        let api = request.uri.path.hasPrefix("/api/")
        var response: Response
        do {
            response = try await next(request, context)
        } catch let e as RequestError {
            response = Self.errorResponse(status: e.status, message: e.message, column: e.column, api: api, corpus: server.corpus)
        } catch let e as HTTPError {
            let message = e.status == .notFound ? "there is no page \(request.uri.path.prefix(200))" : (e.body ?? e.status.reasonPhrase)
            response = Self.errorResponse(status: e.status.code, message: message, column: nil, api: api, corpus: server.corpus)
        } catch {
            context.logger.error("unexpected error: \(error)")
            response = Self.errorResponse(status: 500, message: "the server failed to answer this request", column: nil,
                                          api: api, corpus: server.corpus)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        if context.visitorIsNew {
            response.setCookie(Cookie(name: Self.cookieName, value: context.visitor, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func errorResponse(status: Int, message: String, column: Int?, api: Bool, corpus: Corpus) -> Response {
        let s = HTTPResponse.Status(code: status)
        var response: Response
        if api {
            var fields: [(String, JSON)] = [("error", .string(message)), ("status", .int(status))]
            if let column { fields.append(("column", .int(column))) }
            response = LoupeServer.json(s, .object(fields))
        } else {
            response = LoupeServer.html(s, Pages.error(status: status, message: message, corpusName: Pages.corpusName(corpus)))
        }
        if status == 503 { response.headers[.retryAfter] = "2" }
        return response
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body(&value)
    }
}
