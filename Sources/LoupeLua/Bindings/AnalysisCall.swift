import LoupeCore
import LuaRuntime

/// How a binding runs a LoupeCore analysis: LoupeCore's argument errors (AnalysisError,
/// LexiconError) become script errors naming the method, and a Table result is pushed.
enum AnalysisCall {
    static func run<T>(_ call: LuaStack, _ work: () throws -> T) throws -> T {
        do { return try work() } catch let e as AnalysisError {
            throw ScriptError("\(call.name): \(e.message)")
        } catch let e as LexiconError {
            throw ScriptError("\(call.name): \(e.description)")
        }
    }

    static func pushTable(_ call: LuaStack, _ work: () throws -> Table) throws {
        call.pushObject(TableHandle(try run(call, work)), typeName: TypeName.table)
    }
}
