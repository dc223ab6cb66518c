/// `---` front matter at the top of a .txt or .md file: `key: value` lines,
/// closed by another `---` line.
enum FrontMatter {
    struct Parsed {
        var fields: [(String, String)] = []
        var bodyStartLine = 1          // 1-based line where the document text starts
        var body: Substring
        var problems: [(line: Int, message: String)] = []
    }

    static func parse(_ text: String) -> Parsed {
        // "\r\n" is a single Character, so split on it as well as on "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard let first = lines.first, trimmed(first) == "---" else {
            return Parsed(body: text[...])
        }
        var parsed = Parsed(body: text[...])
        for i in 1..<lines.count {
            let line = lines[i]
            if trimmed(line) == "---" {
                parsed.bodyStartLine = i + 2
                let bodyStart = i + 1 < lines.count ? lines[i + 1].startIndex : text.endIndex
                parsed.body = text[bodyStart...]
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
            if key.isEmpty || key.contains(" ") {
                parsed.problems.append((i + 1, "front matter key '\(key)' is not a single word; ignored"))
                continue
            }
            parsed.fields.append((key, value))
        }
        // No closing line: treat the whole file as text, so nothing is lost.
        return Parsed(fields: [], bodyStartLine: 1, body: text[...],
                      problems: [(1, "front matter is not closed by a '---' line; the whole file is read as text")])
    }

    static func trimmed<S: StringProtocol>(_ s: S) -> String {
        var sub = Substring(s)
        while let c = sub.first, c.isWhitespace { sub.removeFirst() }
        while let c = sub.last, c.isWhitespace { sub.removeLast() }
        return String(sub)
    }
}
