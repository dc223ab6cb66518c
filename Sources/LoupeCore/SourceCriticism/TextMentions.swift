/// Small recognizers shared by `corpus:provenance()` and `corpus:numbers()`:
/// a lexer that keeps numbers such as `1,000.5` whole, dates in the common
/// English forms, and URLs. Rules are in docs/source-criticism.md.

/// A word (letters, with apostrophes inside), a number (digits with `,ddd`
/// groups and one decimal part), a numeric date (`18.02.2022`, `18/02/2022`)
/// or one other non-space character. Ranges are scalar indices.
struct Lexeme {
    enum Kind { case word, number, numericDate, symbol }
    var kind: Kind
    var range: Range<Int>
}

enum Lexer {
    static func lex(_ t: DocText) throws -> [Lexeme] {
        var out: [Lexeme] = []
        out.reserveCapacity(t.count / 4)
        let n = t.count
        var i = 0, steps = 0
        func isLetter(_ k: Int) -> Bool { t.isWord(k) && !t.isDigit(k) }
        while i < n {
            steps &+= 1
            if steps & 0xFFFF == 0 { try Interruption.check() }   // one document may be 4 GB
            if t.isSpace(i) { i += 1; continue }
            let start = i
            if t.isDigit(i) {
                if let e = numericDateEnd(t, i) {
                    out.append(Lexeme(kind: .numericDate, range: i..<e)); i = e; continue
                }
                while i < n, t.isDigit(i) { i += 1 }
                // ",ddd" groups: exactly three digits, then no further digit
                while i + 3 < n, t.scalars[i] == ",", t.isDigit(i + 1), t.isDigit(i + 2), t.isDigit(i + 3), !t.isDigit(i + 4) {
                    i += 4
                }
                if i + 1 < n, t.scalars[i] == ".", t.isDigit(i + 1) {
                    i += 1
                    while i < n, t.isDigit(i) { i += 1 }
                }
                out.append(Lexeme(kind: .number, range: start..<i))
                continue
            }
            if isLetter(i) {
                while i < n {
                    if isLetter(i) { i += 1; continue }
                    let s = t.scalars[i]
                    if (s == "'" || s == "\u{2019}"), i + 1 < n, isLetter(i + 1) { i += 1; continue }
                    break
                }
                out.append(Lexeme(kind: .word, range: start..<i))
                continue
            }
            out.append(Lexeme(kind: .symbol, range: i..<(i + 1)))
            i += 1
        }
        return out
    }

    /// d{1,2} [./] d{1,2} [./] d{4}, not inside a longer run of digits.
    static func numericDateEnd(_ t: DocText, _ i: Int) -> Int? {
        var k = i
        func digits(_ lo: Int, _ hi: Int) -> Bool {
            var c = 0
            while t.isDigit(k), c < hi { k += 1; c += 1 }
            return c >= lo && !t.isDigit(k)
        }
        guard digits(1, 2), k < t.count else { return nil }
        let sep = t.scalars[k]
        guard sep == "." || sep == "/" else { return nil }
        k += 1
        guard digits(1, 2), k < t.count, t.scalars[k] == sep else { return nil }
        k += 1
        guard digits(4, 4) else { return nil }
        return k
    }
}

/// A lexeme sequence with the accessors the recognizers use.
struct Lexemes {
    let t: DocText
    let items: [Lexeme]
    var count: Int { items.count }

    init(_ t: DocText) throws { self.t = t; items = try Lexer.lex(t) }

    func text(_ i: Int) -> String { t.string(items[i].range) }
    func lower(_ i: Int) -> String { text(i).lowercased() }
    func isWord(_ i: Int) -> Bool { i >= 0 && i < count && items[i].kind == .word }
    func isNumber(_ i: Int) -> Bool { i >= 0 && i < count && items[i].kind == .number }
    func isSymbol(_ i: Int, _ s: Unicode.Scalar) -> Bool {
        i >= 0 && i < count && items[i].kind == .symbol && t.scalars[items[i].range.lowerBound] == s
    }
    func isDash(_ i: Int) -> Bool { isSymbol(i, "-") || isSymbol(i, "\u{2013}") }
    /// Lexemes i and i + 1 touch (no space between).
    func adjacent(_ i: Int) -> Bool { i >= 0 && i + 1 < count && items[i].range.upperBound == items[i + 1].range.lowerBound }
    func isCapitalized(_ i: Int) -> Bool { i >= 0 && i < count && t.isUpper(items[i].range.lowerBound) }
    /// Digits only (no group separator or decimal part).
    func plainInt(_ i: Int) -> Int? {
        guard isNumber(i) else { return nil }
        let s = text(i)
        guard s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s)
    }
    func digitCount(_ i: Int) -> Int { items[i].range.count }
    func span(_ a: Int, _ e: Int) -> Range<Int> { items[a].range.lowerBound..<items[e - 1].range.upperBound }
}

/// A date found in a text: its scalar range, its lexemes and its ISO 8601 form where it can be known
/// (YYYY-MM-DD, YYYY-MM, or --MM-DD when the text gives no year).
struct DateMention {
    var range: Range<Int>
    var lexemes: Range<Int>
    var iso: String?
}

enum DateMentions {
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
    ]
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    /// Every date in the text, left to right, none inside `skip` (URLs).
    static func find(_ lx: Lexemes, skip: [Range<Int>] = []) throws -> [DateMention] {
        var out: [DateMention] = []
        var i = 0
        var steps = 0
        while i < lx.count {
            steps += 1
            if steps & 0xFFF == 0 { try Interruption.check() }
            if inside(lx.items[i].range.lowerBound, skip) { i += 1; continue }
            if let m = date(at: i, lx) {
                out.append(m)
                i = m.lexemes.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    static func inside(_ p: Int, _ ranges: [Range<Int>]) -> Bool {
        // ranges are few and sorted; a linear scan from a binary search start is plenty
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound <= p { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo].contains(p)
    }

    static func month(_ lx: Lexemes, _ i: Int) -> Int? {
        guard lx.isWord(i), lx.isCapitalized(i) else { return nil }
        return months[lx.lower(i)]
    }

    static func day(_ lx: Lexemes, _ i: Int) -> Int? {
        guard let d = lx.plainInt(i), lx.digitCount(i) <= 2, (1...31).contains(d) else { return nil }
        if lx.adjacent(i - 1), lx.isWord(i - 1) || lx.isNumber(i - 1) { return nil }   // G20, 2-3 inside longer runs
        return d
    }

    static func year(_ lx: Lexemes, _ i: Int) -> Int? {
        guard let y = lx.plainInt(i), lx.digitCount(i) == 4, (1000...2999).contains(y) else { return nil }
        if lx.adjacent(i), lx.isWord(i + 1) || lx.isNumber(i + 1) { return nil }
        return y
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    static func iso(_ y: Int?, _ m: Int, _ d: Int?) -> String {
        switch (y, d) {
        case let (y?, d?): return "\(y)-\(two(m))-\(two(d))"
        case let (y?, nil): return "\(y)-\(two(m))"
        case let (nil, d?): return "--\(two(m))-\(two(d))"
        default: return ""
        }
    }

    /// After a day number: an adjacent ordinal suffix (27th), then a range (23-27, 23–27th).
    static func afterDay(_ lx: Lexemes, _ j: Int) -> Int {
        var j = j
        if lx.adjacent(j - 1), lx.isWord(j), ordinalSuffixes.contains(lx.lower(j)) { j += 1 }
        if lx.isDash(j), let d = lx.plainInt(j + 1), lx.digitCount(j + 1) <= 2, (1...31).contains(d) {
            j += 2
            if lx.adjacent(j - 1), lx.isWord(j), ordinalSuffixes.contains(lx.lower(j)) { j += 1 }
        }
        return j
    }

    /// An optional year after a day: `, 2022`, ` 2022`, `,2022`.
    static func optionalYear(_ lx: Lexemes, _ j: Int) -> (Int?, Int) {
        if lx.isSymbol(j, ","), let y = year(lx, j + 1) { return (y, j + 2) }
        if let y = year(lx, j), !lx.adjacent(j - 1) { return (y, j + 1) }
        return (nil, j)
    }

    static func date(at i: Int, _ lx: Lexemes) -> DateMention? {
        func mention(_ e: Int, _ iso: String?) -> DateMention {
            DateMention(range: lx.span(i, e), lexemes: i..<e, iso: iso)
        }
        let item = lx.items[i]
        if item.kind == .numericDate {
            return mention(i + 1, numericISO(lx.text(i)))
        }
        // 2022-02-18
        if let y = lx.plainInt(i), lx.digitCount(i) == 4, !(lx.adjacent(i - 1) && (lx.isWord(i - 1) || lx.isNumber(i - 1))),
           lx.adjacent(i), lx.isSymbol(i + 1, "-"), lx.adjacent(i + 1), let m = lx.plainInt(i + 2), lx.digitCount(i + 2) == 2,
           (1...12).contains(m), lx.adjacent(i + 2), lx.isSymbol(i + 3, "-"), lx.adjacent(i + 3),
           let d = lx.plainInt(i + 4), lx.digitCount(i + 4) == 2, (1...31).contains(d),
           !(lx.adjacent(i + 4) && (lx.isWord(i + 5) || lx.isNumber(i + 5))) {
            return mention(i + 5, iso(y, m, d))
        }
        // February 18, 2022 · Feb. 18 · Sept. 20 · September 23-27 · February 2014 · February of 2022
        if let m = month(lx, i) {
            var j = i + 1
            if lx.isSymbol(j, "."), lx.adjacent(i) { j += 1 }
            if let d = day(lx, j) {
                let k = afterDay(lx, j + 1)
                let (y, e) = optionalYear(lx, k)
                return mention(e, iso(y, m, d))
            }
            var k = j
            if lx.isWord(k), lx.lower(k) == "of" { k += 1 }
            if let y = year(lx, k) { return mention(k + 1, iso(y, m, nil)) }
            return nil
        }
        // 18 February 2022 · 2 May · the 14th of June
        if let d = day(lx, i) {
            var j = afterDay(lx, i + 1)
            let ordinal = j > i + 1 && lx.isWord(j - 1) && ordinalSuffixes.contains(lx.lower(j - 1))
            if lx.isWord(j), lx.lower(j) == "of", ordinal { j += 1 }
            guard let m = month(lx, j) else { return nil }
            j += 1
            if lx.isSymbol(j, "."), lx.adjacent(j - 1) { j += 1 }
            let (y, e) = optionalYear(lx, j)
            return mention(e, iso(y, m, d))
        }
        return nil
    }

    /// 18.02.2022 is day.month.year; with slashes the order is known only when one part is above 12.
    static func numericISO(_ s: String) -> String? {
        let dot = s.contains(".")
        let parts = s.split(whereSeparator: { $0 == "." || $0 == "/" }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let (a, b, y) = (parts[0], parts[1], parts[2])
        if dot || a > 12 {
            guard (1...12).contains(b), (1...31).contains(a) else { return nil }
            return iso(y, b, a)
        }
        if b > 12 {
            guard (1...12).contains(a), b <= 31 else { return nil }
            return iso(y, a, b)
        }
        return nil
    }
}

/// URLs (http://, https://, www.) and bare domain names (`kremlin.ru`).
enum URLMentions {
    /// Scalar ranges of URLs, in order.
    static func find(_ t: DocText) throws -> [Range<Int>] {
        var out: [Range<Int>] = []
        let n = t.count
        var i = 0, steps = 0
        while i < n {
            steps &+= 1
            if steps & 0xFFFF == 0 { try Interruption.check() }   // one document may be 4 GB
            let s = t.scalars[i]
            guard s == "h" || s == "H" || s == "w" || s == "W" else { i += 1; continue }
            guard i == 0 || !t.isWord(i - 1) else { i += 1; continue }
            let isURL = startsWith(t, i, "https://") || startsWith(t, i, "http://") || startsWith(t, i, "www.")
            guard isURL else { i += 1; continue }
            var e = i
            while e < n, !t.isSpace(e), !stops(t.scalars[e]) { e += 1 }
            while e > i, trailing(t.scalars[e - 1]) { e -= 1 }
            if e - i > 8 { out.append(i..<e) }
            i = max(e, i + 1)
        }
        return out
    }

    static func startsWith(_ t: DocText, _ i: Int, _ prefix: String) -> Bool {
        var k = i
        for p in prefix.unicodeScalars {
            guard k < t.count, t.scalars[k].properties.lowercaseMapping == String(p) else { return false }
            k += 1
        }
        return true
    }

    static func stops(_ s: Unicode.Scalar) -> Bool {
        switch s { case "<", ">", "\"", "\u{201C}", "\u{201D}", "\u{AB}", "\u{BB}", "\u{2018}": return true; default: return false }
    }

    static func trailing(_ s: Unicode.Scalar) -> Bool {
        switch s { case ".", ",", ";", ":", "!", "?", ")", "]", "}", "'", "\u{2019}", "\u{2026}": return true; default: return false }
    }

    /// The host of a URL, lowercased, without "www.".
    static func host(_ url: String) -> String {
        var s = Substring(url)
        if let r = s.range(of: "://") { s = s[r.upperBound...] }
        let host = s.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }.lowercased()
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    static let topLevelDomains: Set<String> = [
        "com", "org", "net", "info", "io", "gov", "edu", "int", "mil", "eu", "ru", "ua", "by", "uk", "us", "de", "fr",
        "it", "es", "pl", "nl", "se", "no", "fi", "dk", "cz", "sk", "lt", "lv", "ee", "ge", "am", "az", "md", "kz",
        "ch", "at", "be", "ca", "au", "tv", "me", "news", "blog", "online", "site", "press", "su", "today", "media",
    ]

    /// Bare domain names outside the URL ranges: labels of letters, digits and
    /// hyphens joined by dots, the last a known top-level domain (`osce.mid.ru`).
    static func domains(_ t: DocText, skip urls: [Range<Int>]) throws -> [Range<Int>] {
        var out: [Range<Int>] = []
        let n = t.count
        func domainChar(_ k: Int) -> Bool {
            guard k < n else { return false }
            let v = t.scalars[k].value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x2D
        }
        var i = 0, steps = 0
        while i < n {
            steps &+= 1
            if steps & 0xFFFF == 0 { try Interruption.check() }   // one document may be 4 GB
            guard domainChar(i), i == 0 || !(domainChar(i - 1) || t.scalars[i - 1] == "." || t.scalars[i - 1] == "@" || t.scalars[i - 1] == "/" || t.isWord(i - 1)) else {
                i += 1; continue
            }
            if DateMentions.inside(i, urls) { i += 1; continue }
            var e = i
            var labels: [Range<Int>] = []
            var labelStart = i
            while e < n {
                if domainChar(e) { e += 1; continue }
                if t.scalars[e] == ".", e + 1 < n, domainChar(e + 1), e > labelStart {
                    labels.append(labelStart..<e); e += 1; labelStart = e; continue
                }
                break
            }
            if e > labelStart { labels.append(labelStart..<e) }
            defer { i = max(e, i + 1) }
            guard labels.count >= 2, !t.isWord(e) else { continue }
            let tld = t.string(labels[labels.count - 1]).lowercased()
            let second = t.string(labels[labels.count - 2])
            guard topLevelDomains.contains(tld), second.count >= 2, second.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { continue }
            out.append(i..<e)
        }
        return out
    }
}
