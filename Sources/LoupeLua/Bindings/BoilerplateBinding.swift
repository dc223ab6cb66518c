import Foundation
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

    static func boilerplateOptions(_ call: LuaStack, _ i: Int32) throws -> BoilerplateOptions {
        let o = try Options(call, i, allowed: ["min_docs", "by", "chrome", "patterns"])
        var b = BoilerplateOptions()
        b.minDocuments = try o.integer("min_docs", b.minDocuments)
        switch o["by"] {
        case nil: break
        case .bool(false)?: b.field = nil
        case .string(let f)?: b.field = f
        case let v?: throw ScriptError("\(call.name): by must be a field name or false, got \(Arguments.describe(v))")
        }
        b.chrome = try o.bool("chrome", true)
        switch o["patterns"] {
        case nil: break
        case .string(let p)?: b.patterns = [p]
        case .array(let items)?:
            b.patterns = try items.map {
                guard case .string(let p) = $0 else { throw ScriptError("\(call.name): patterns must be strings, got \(Arguments.describe($0))") }
                return p
            }
        case let v?: throw ScriptError("\(call.name): patterns must be a list of regular expressions, got \(Arguments.describe(v))")
        }
        return b
    }

    typealias Options = OptionsTable
}
