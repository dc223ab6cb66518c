import LoupeCore
import LuaRuntime

/// What a REPL does with a line, over an environment: evaluates it as lua.c does,
/// keeps a top-level `local` for the next prompt, and completes names.
public final class REPLEvaluator {
    public let environment: LuaEnvironment

    public init(_ environment: LuaEnvironment) { self.environment = environment }

    /// One REPL entry, as lua.c evaluates it: first as `return <entry>;` so an
    /// expression prints its values; otherwise as a statement; `.incomplete`
    /// while the syntax error is at the end of the input.
    ///
    /// Values are shown as the REPL shows them (tables readably, cut to `width`); with a
    /// host's display (`EnvironmentOptions.display`), a returned Table goes there instead.
    /// A top-level `local` declaration becomes a global of the environment, so a
    /// name typed at one prompt is still there at the next.
    ///
    /// The entry and the display of its values are one chunk for the limits: one
    /// deadline, one instruction budget, one Ctrl-C; a limit that trips while a
    /// value is shown stops the display with an error naming it.
    public func evaluate(_ entry: String, width: Int = 100) -> REPLOutcome {
        let s = environment.stack
        let base = s.top
        defer { s.setTop(base) }
        return environment.lua.asOneChunk { evaluateInScope(entry, width: width) }
    }

    private func evaluateInScope(_ entry: String, width: Int) -> REPLOutcome {
        let source = Self.promotingLocals(entry.hasPrefix("=") ? String(entry.dropFirst()) : entry)   // lua.c 5.2 style "=expr"
        let s = environment.stack
        let env = environment.environmentRef
        var isExpression = true
        do {
            do {
                try s.load("return \(source);", chunkName: "=stdin", env: env)
            } catch {
                isExpression = false
                do {
                    try s.load(source, chunkName: "=stdin", env: env)
                } catch let e as LuaError where e.isSyntaxError && e.message.hasSuffix("<eof>") {
                    return .incomplete
                }
            }
            let n = try s.call(nargs: 0)
            var values: [String] = []
            let renderer = ValueRenderer(s, width: max(20, width), objectText: LuaEnvironment.objectText)
            let display = environment.options.display
            if n > 0 {
                for i in (s.top - n + 1)...s.top {
                    // a host that shows tables itself gets a returned Table as one, not as text
                    if let display, let table = try environment.displayedTable(at: i) {
                        display(.table(table))
                    } else {
                        values.append(try renderer.render(i))
                    }
                }
            }
            return isExpression ? .expression(values) : .values(values)
        } catch let e as LuaError {
            return .error(e.traceback.isEmpty ? e.message : e.message + "\n" + e.traceback)
        } catch {
            return .error("\(error)")
        }
    }

    /// `local x = 1` → `x = 1`, `local function f` → `function f`, at the start of an entry only.
    static func promotingLocals(_ entry: String) -> String {
        var rest = Substring(entry)
        let indent = rest.prefix { $0 == " " || $0 == "\t" }
        rest = rest.dropFirst(indent.count)
        guard rest.hasPrefix("local ") || rest.hasPrefix("local\t") else { return entry }
        let after = rest.dropFirst("local".count).drop { $0 == " " || $0 == "\t" }
        if after.hasPrefix("function ") { return String(indent) + String(after) }
        let declaration = after.prefix { $0 != "=" && $0 != "\n" && $0 != ";" }
        guard !declaration.contains("<"), !declaration.isEmpty,
              declaration.split(separator: ",").allSatisfy({ String($0).trimmingCharactersInSet().isIdentifier }) else { return entry }
        if after.dropFirst(declaration.count).first == "=" { return String(indent) + String(after) }
        return entry   // `local x` without a value: leave it (it would be a no-op as a global)
    }

    /// Tab-completion candidates for the word before `cursor` (a character offset in `line`).
    /// `files` lists file names starting with a prefix (for :load, :corpus, :save).
    public func completions(line: String, cursor: Int, files: (String) -> [String] = { _ in [] }) -> [String] {
        Completion.candidates(line: line, cursor: cursor, environment: environment, files: files)
    }

    /// The characters that end a word for completion.
    public static var completionWordBreaks: String { Completion.wordBreaks }
}
