import Foundation
import LoupeCore
import LuaRuntime

/// Text reuse from Lua (docs/source-criticism.md): corpus:reuse{min = 8, gap = 2, max_docs = 100},
/// the passages two documents share.
enum TextReuseBinding {
    static func addMethods(to cls: inout LuaClass<Corpus>) {
        cls.method("reuse") { corpus, call in
            let o = try Options(call, 2, allowed: ["min", "gap", "max_docs"])
            let d = ReuseOptions()
            let options = ReuseOptions(minTokens: try o.integer("min", d.minTokens), maxGap: try o.integer("gap", d.maxGap),
                                       maxDocuments: try o.integer("max_docs", d.maxDocuments))
            try AnalysisCall.pushTable(call) { try corpus.reuse(options) }
            return 1
        }
    }

    typealias Options = OptionsTable
}
