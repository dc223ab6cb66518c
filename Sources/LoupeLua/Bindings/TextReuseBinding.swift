import LoupeCore
import LuaRuntime

/// Text reuse from Lua (docs/source-criticism.md): corpus:reuse{min = 8, gap = 2, max_docs = 100},
/// the passages two documents share.
enum TextReuseBinding {
    static func addMethods(to cls: inout LuaClass<Corpus>) {
        cls.method("reuse") { corpus, call in
            let o = try Options(call, 2, MethodOptions.reuse)
            let d = ReuseOptions()
            let options = ReuseOptions(minTokens: o.int("min") ?? d.minTokens, maxGap: o.int("gap") ?? d.maxGap,
                                       maxDocuments: o.int("max_docs") ?? d.maxDocuments)
            try AnalysisCall.pushTable(call) { try corpus.reuse(options) }
            return 1
        }
    }
}
