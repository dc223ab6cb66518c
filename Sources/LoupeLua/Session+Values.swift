import LoupeCore

/// Running a chunk for the value it returns, and calling a kept function with
/// plain values: what exercises need to pass an answer from a student's
/// session to the checker's without sharing any Lua state between them.
extension Session {
    /// Runs a chunk and returns its first result as a plain value: numbers,
    /// strings, booleans and tables of them; a Loupe Table becomes a list of
    /// row tables and Hits a list of {doc, start, stop, text}. Anything else
    /// (functions, other objects) becomes nil.
    public func runForValue(_ code: [UInt8], chunkName: String, scriptName: String? = nil, args: [String] = []) throws -> LuaValue {
        let base = vm.top
        defer { vm.setTop(base) }
        if let scriptName {
            vm.pushRef(environmentRef)
            vm.setField(vm.top, "arg") { vm.pushArgTable([scriptName] + args) }
            vm.pop()
        }
        return try vm.asOneChunk {
            try vm.load(code, chunkName: chunkName, env: environmentRef)
            for a in args { vm.push(.string(a)) }
            let n = try vm.call(nargs: Int32(args.count))
            return n > 0 ? plainValue(at: vm.top - n + 1) : .nil
        }
    }

    /// Runs a chunk that returns a table, and keeps its function-valued fields
    /// callable: returns the table as a plain value and a registry reference per function field.
    public func runForModule(_ code: [UInt8], chunkName: String) throws -> (value: LuaValue, functions: [String: Int32]) {
        let base = vm.top
        defer { vm.setTop(base) }
        return try vm.asOneChunk {
            try vm.load(code, chunkName: chunkName, env: environmentRef)
            let n = try vm.call(nargs: 0, results: 1)
            guard n > 0 else { return (.nil, [:]) }
            let call = LuaCall(L: vm.L, name: chunkName, isMethod: false)
            var functions: [String: Int32] = [:]
            for name in call.functionFieldNames(vm.top) {
                call.pushField(vm.top, name)
                functions[name] = vm.ref()
            }
            return (plainValue(at: vm.top), functions)
        }
    }

    /// Calls a kept function with plain values and the session's corpus last;
    /// returns its results as plain values. The call has the session's limits.
    public func call(_ function: Int32, _ args: [LuaValue], withCorpus: Bool = true, results: Int32 = 2) throws -> [LuaValue] {
        let base = vm.top
        defer { vm.setTop(base) }
        return try vm.asOneChunk {
            vm.pushRef(function)
            for a in args { vm.push(a) }
            if withCorpus { vm.pushObject(corpus, typeName: TypeName.corpus) }
            let n = try vm.call(nargs: Int32(args.count + (withCorpus ? 1 : 0)), results: results)
            return (0..<n).map { plainValue(at: vm.top - n + 1 + $0) }
        }
    }

    private func plainValue(at index: Int32) -> LuaValue {
        let call = LuaCall(L: vm.L, name: "", isMethod: false)
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
