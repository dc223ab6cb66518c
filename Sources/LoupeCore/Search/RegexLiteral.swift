/// A run of characters that every match of a `/regex/` query term must
/// contain, so that most of the vocabulary can be passed over by a byte
/// search instead of the regular-expression engine, which is far slower. `/nat.*ion/` needs "nat", `/^kh?ar?kov$/` needs "kov".
///
/// Only what is certain is taken: a run of literal characters at the top
/// level of a pattern without alternatives, none of them made optional or
/// repeatable by a quantifier after it. Anything else — `|`, escapes, `(?`
/// flags or look-arounds, nested classes — gives no run, and the engine
/// reads every form as before. Literals are lowercased ASCII: the engine
/// matches case-insensitively, and between ASCII letters that is only ASCII
/// case, so the run is meant for ASCII forms only (a `K` also matches the
/// Kelvin sign, an `s` the long s).
enum RegexLiteral {
    /// The longest such run (the first of equal ones), at least two bytes, or nil.
    static func required(in pattern: String) -> [UInt8]? {
        let p = Array(pattern.unicodeScalars)
        if p.contains(where: { $0 == "|" || $0 == "\\" }) { return nil }
        var best: [UInt8] = [], run: [UInt8] = []
        var depth = 0
        func endRun() {
            if run.count > best.count { best = run }
            run = []
        }
        var i = 0
        while i < p.count {
            let c = p[i]
            switch c {
            case "(":
                if i + 1 < p.count, p[i + 1] == "?" { return nil }
                endRun(); depth += 1
            case ")":
                endRun(); depth -= 1
                if depth < 0 { return nil }
            case "[":
                // A class is one character of a set: it ends a run. Skip to
                // its closing bracket (a `]` first in it is a member).
                endRun()
                var j = i + 1
                if j < p.count, p[j] == "^" { j += 1 }
                if j < p.count, p[j] == "]" { j += 1 }
                while j < p.count, p[j] != "]" {
                    if p[j] == "[" { return nil }   // a nested set: not read here
                    j += 1
                }
                if j >= p.count { return nil }
                i = j
            case "?", "*", "{":
                // The atom before is optional or repeated: not part of a run.
                if !run.isEmpty { run.removeLast() }
                endRun()
                if c == "{" {
                    while i < p.count, p[i] != "}" { i += 1 }
                }
            case "+":
                // At least once, but what follows may come after a repeat.
                endRun()
            case ".", "^", "$":
                endRun()
            default:
                if depth == 0, c.isASCII {
                    run.append(UInt8(ascii: Character(c).lowercased().unicodeScalars.first ?? c))
                } else {
                    endRun()
                }
            }
            i += 1
        }
        endRun()
        return best.count >= 2 ? best : nil
    }

    /// Whether `bytes` contain `needle` (not empty).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var i = 0
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first {
                var k = 1
                while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
