import LoupeCore
import LuaRuntime

/// Boilerplate from Lua (docs/source-criticism.md): corpus:boilerplate{min_docs = 2, by = "outlet",
/// chrome = true, patterns = {…}} and corpus:without_boilerplate{…} -> Corpus, Table.
enum BoilerplateBinding {
    static func addMethods(to cls: inout LuaClass<Corpus>) {
        cls.method("boilerplate") { corpus, call in
            let options = try boilerplateOptions(call, 2)
            try AnalysisCall.pushTable(call) { try corpus.boilerplate(options) }
            return 1
        }
        cls.method("without_boilerplate") { corpus, call in
            let options = try boilerplateOptions(call, 2)
            let (clean, removed) = try AnalysisCall.run(call) { try corpus.withoutBoilerplate(options) }
            call.pushObject(clean, typeName: TypeName.corpus)
            call.pushObject(TableHandle(removed), typeName: TypeName.table)
            return 2
        }
    }

    /// The options of both methods (MethodOptions.boilerplate).
    static func boilerplateOptions(_ call: LuaStack, _ i: Int32) throws -> BoilerplateOptions {
        let o = try Options(call, i, MethodOptions.boilerplate)
        var b = BoilerplateOptions()
        b.minDocuments = o.int("min_docs") ?? b.minDocuments
        b.field = o.string("by")                    // false: compare every document with every other
        b.chrome = o.bool("chrome") ?? b.chrome
        b.patterns = o.strings("patterns") ?? b.patterns
        return b
    }
}
