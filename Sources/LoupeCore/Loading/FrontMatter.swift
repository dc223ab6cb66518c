/// `---` front matter at the top of a .txt or .md file: `key: value` lines,
/// closed by another `---` line.
enum FrontMatter {
    struct Parsed {
        var fields: [(String, String)] = []
        var bodyStartLine = 1          // 1-based line where the document text starts
        var body: Substring
        var problems: [(line: Int, message: String)] = []
    }

    /// Reads lines only up to the closing `---`: the body is never walked here.
    static func parse(_ text: String) -> Parsed {
        var lines = Lines(text)
        guard let first = lines.next(), isFence(first.line) else {
            return Parsed(body: text[...])
        }
        var parsed = Parsed(body: text[...])
        var firstLine: [String: Int] = [:]   // each key's line: the first one given wins
        var i = 0
        while let (line, nextStart) = lines.next() {
            i += 1
            if isFence(line) {
                parsed.bodyStartLine = i + 2
                parsed.body = text[nextStart...]
                return parsed
            }
            let t = trimmed(line)
            if t.isEmpty || t.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                parsed.problems.append((i + 1, "front matter line is not 'key: value'; ignored"))
                continue
            }
            let key = trimmed(line[..<colon])
            var value = trimmed(line[line.index(after: colon)...])
            if value.count >= 2, (value.hasPrefix("\"") && value.hasSuffix("\"")) || (value.hasPrefix("'") && value.hasSuffix("'")) {
                value = String(value.dropFirst().dropLast())
            }
            // Only a key with a space byte can contain " " (Foundation's search is slow).
            if key.isEmpty || (key.utf8.contains(0x20) && key.contains(" ")) {
                parsed.problems.append((i + 1, "front matter key '\(key)' is not a single word; ignored"))
                continue
            }
            if let first = firstLine[key] {
                parsed.problems.append((i + 1, "front matter key '\(key)' given again (first on line \(first)); this one is ignored"))
                continue
            }
            firstLine[key] = i + 1
            parsed.fields.append((key, value))
        }
        // No closing line: treat the whole file as text, so nothing is lost.
        return Parsed(fields: [], bodyStartLine: 1, body: text[...],
                      problems: [(1, "front matter is not closed by a '---' line; the whole file is read as text")])
    }

    /// A `---` line, give or take whitespace. Most first lines are not, and
    /// can be long (a whole paragraph): look for "---" in the bytes before
    /// trimming by `Character`.
    static func isFence(_ line: Substring) -> Bool {
        var dashes = 0
        for b in line.utf8 {
            dashes = b == 0x2D ? dashes + 1 : 0
            if dashes == 3 { return trimmed(line) == "---" }
        }
        return false
    }

    /// Without the whitespace `Character`s at both ends.
    static func trimmed<S: StringProtocol>(_ s: S) -> String {
        var sub = Substring(s)
        if sub.utf8.allSatisfy({ $0 < 0x80 }) {
            // In ASCII, the whitespace Characters are tab, LF, VT, FF, CR, CRLF and space.
            let bytes = sub.utf8
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
            var lo = bytes.startIndex, hi = bytes.endIndex
            while lo < hi, isSpace(bytes[lo]) { lo = bytes.index(after: lo) }
            while hi > lo, isSpace(bytes[bytes.index(before: hi)]) { hi = bytes.index(before: hi) }
            return String(sub[lo..<hi])
        }
        while let c = sub.first, c.isWhitespace { sub.removeFirst() }
        while let c = sub.last, c.isWhitespace { sub.removeLast() }
        return String(sub)
    }
}
