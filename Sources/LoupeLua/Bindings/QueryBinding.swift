import LoupeCore
import LuaRuntime

/// A query parsed once (`loupe.query("…")`): its errors come at once, with their column, and
/// every method that takes a query string takes it too (Arguments.query), without parsing again.
final class QueryHandle {
    let text: String
    let node: QueryNode
    init(text: String, node: QueryNode) { self.text = text; self.node = node }
}

extension TypeName {
    static let query = "loupe.Query"
}

/// `loupe.query(text) -> Query`; tostring(q) and q.text give the query's text.
enum QueryBinding {
    static func luaClass() -> LuaClass<QueryHandle> {
        var cls = LuaClass<QueryHandle>(TypeName.query, variable: "q") { $0.text }
        cls.equals = { $0.text == $1.text }
        cls.fields = ["text"]
        cls.index = { q, call in
            guard call.stringKey(2) == "text" else { return 0 }
            call.pushString(q.text)
            return 1
        }
        return cls
    }

    /// Sets `loupe.query` on the table at `table`.
    static func install(in stack: LuaStack, table: Int32) {
        stack.setField(table, "query") {
            stack.pushFunction("loupe.query") { call in
                let q = try Arguments.query(call, 1)
                call.pushObject(QueryHandle(text: q.text, node: q.node), typeName: TypeName.query)
                return 1
            }
        }
    }
}
