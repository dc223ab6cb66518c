import LoupeCore
import LuaRuntime

/// Running a chunk for the value it returns, and calling a kept function with
/// plain values: what exercises need to pass an answer from a student's
/// session to the checker's without sharing any Lua state between them.
extension LuaEnvironment {
    /// Runs a chunk and returns its first result as a plain value: numbers,
    /// strings, booleans and tables of them; a Loupe Table becomes a list of
    /// row tables and Hits a list of {doc, start, stop, text}. Anything else
    /// (functions, other objects) becomes nil.
    public func runForValue(_ code: [UInt8], chunkName: String, scriptName: String? = nil, args: [String] = []) throws -> LuaValue {
        let s = stack
        let base = s.top
        defer { s.setTop(base) }
        if let scriptName { setArg([scriptName] + args) }
        return try lua.asOneChunk {
            try s.load(code, chunkName: chunkName, env: environmentRef)
            for a in args { s.push(.string(a)) }
            let n = try s.call(nargs: Int32(args.count))
            return n > 0 ? plainValue(at: s.top - n + 1) : .nil
        }
    }

    /// Runs a chunk that returns a table, and keeps its function-valued fields
    /// callable: returns the table as a plain value and a registry reference per function field.
    public func runForModule(_ code: [UInt8], chunkName: String) throws -> (value: LuaValue, functions: [String: Int32]) {
        let s = stack
        let base = s.top
        defer { s.setTop(base) }
        return try lua.asOneChunk {
            try s.load(code, chunkName: chunkName, env: environmentRef)
            let n = try s.call(nargs: 0, results: 1)
            guard n > 0 else { return (.nil, [:]) }
            let module = s.top
            var functions: [String: Int32] = [:]
            for name in s.functionFieldNames(module) {
                s.pushField(module, name)
                functions[name] = s.ref(-1)
                s.pop()
            }
            return (plainValue(at: module), functions)
        }
    }

    /// Calls a kept function with plain values and the environment's corpus last;
    /// returns its results as plain values. The call has the environment's limits.
    public func call(_ function: Int32, _ args: [LuaValue], withCorpus: Bool = true, results: Int32 = 2) throws -> [LuaValue] {
        let s = stack
        let base = s.top
        defer { s.setTop(base) }
        return try lua.asOneChunk {
            s.pushRef(function)
            for a in args { s.push(a) }
            if withCorpus { s.pushObject(corpus, typeName: TypeName.corpus) }
            let n = try s.call(nargs: Int32(args.count + (withCorpus ? 1 : 0)), results: results)
            return (0..<n).map { plainValue(at: s.top - n + 1 + $0) }
        }
    }

    private func plainValue(at index: Int32) -> LuaValue {
        let call = stack
        if let t = call.object(index, TableHandle.self, typeName: TypeName.table) {
            return .array((0..<t.table.rowCount).map { r in
                .record(zip(t.table.names, t.table.columns.map { $0[r] }).compactMap { name, v in
                    Self.luaValue(v).map { (name, $0) }
                })
            })
        }
        if let h = call.object(index, HitsHandle.self, typeName: TypeName.hits) {
            return .array(h.hits.map { hit in
                .record([("doc", .string(h.corpus.documents[hit.document].id)), ("start", .int(hit.start + 1)),
                         ("stop", .int(hit.end)), ("text", .string(h.corpus.text(of: hit)))])
            })
        }
        return call.value(index)
    }

    static func luaValue(_ v: TableValue) -> LuaValue? {
        switch v {
        case .null: return nil
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .number(d)
        case .string(let s): return .string(s)
        }
    }
}
