import Foundation

/// Reads a frequency list: the reference of `keyness` as a file.
///
/// One entry per line, `word<TAB>count` (a `.tsv`, or AntConc-style text) or
/// `word,count` (a `.csv`): a line holding a tab is split at tabs, else at
/// commas, else at runs of spaces; exactly two fields, word then count, each
/// trimmed of spaces and of one pair of surrounding double quotes. The word is
/// put into its matching form (so `NATO` counts for `nato`); entries that fold
/// to the same form are added up. The count is a whole number ≥ 0.
///
/// Blank lines are skipped. A line starting with `#` is a comment, except
/// `# total: N` (also AntConc's `#Word Tokens: N`), which gives the size of
/// the corpus the list came from; without it the total is the sum of the
/// counts. The first entry line may be a header: it is skipped when its count
/// field is not a number. Every problem is an error naming the line.
public enum FrequencyListReader {
    /// `name` (default: the path) is what error messages call the file.
    public static func read(path: String, name: String? = nil) throws -> FrequencyList {
        let shown = name ?? path
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw AnalysisError("\(shown): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AnalysisError("\(shown): not UTF-8 text")
        }
        return try parse(text, name: shown)
    }

    /// `name` prefixes error messages ("name:line: …").
    public static func parse(_ text: String, name: String = "frequency list") throws -> FrequencyList {
        var counts: [String: Int] = [:]
        var sum = 0
        var declared: (total: Int, line: Int)?
        var sawEntry = false
        var lineNumber = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(raw)
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.hasSuffix("\r") { line = line.dropLast() }
            func fail(_ message: String) -> AnalysisError { AnalysisError("\(name):\(lineNumber): \(message)") }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                if let n = try totalDeclaration(trimmed, fail) {
                    if let d = declared { throw fail("a second total (the first is on line \(d.line))") }
                    declared = (n, lineNumber)
                }
                continue
            }
            let fields: [Substring]
            if line.contains("\t") { fields = line.split(separator: "\t", omittingEmptySubsequences: false) }
            else if line.contains(",") { fields = line.split(separator: ",", omittingEmptySubsequences: false) }
            else { fields = trimmed.split(whereSeparator: { $0 == " " }) }
            guard fields.count == 2 else {
                throw fail("expected two fields, word and count, separated by a tab or a comma; found \(fields.count)")
            }
            let word = clean(fields[0]), countText = clean(fields[1])
            let numeric = !countText.isEmpty && countText.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy({ $0.isASCII && $0.isNumber })
            guard let count = Int(countText), count >= 0, count <= FrequencyList.largestCount else {
                if numeric, !countText.hasPrefix("-") {   // a number, but too large (never a header)
                    throw fail("the count \(countText) is too large (at most \(FrequencyList.largestCount))")
                }
                if !sawEntry { sawEntry = true; continue }   // a header line
                throw fail("the count must be a whole number 0 or more, got \"\(countText)\"")
            }
            sawEntry = true
            guard !word.isEmpty else { throw fail("the word is empty") }
            let (s, overflow) = sum.addingReportingOverflow(count)
            guard !overflow else { throw fail("the counts add up to more than \(Int.max)") }
            sum = s
            if count > 0 { counts[Folding.matchingForm(word), default: 0] += count }
        }
        if sum > FrequencyList.largestCount {
            throw AnalysisError("\(name): the counts add up to more than \(FrequencyList.largestCount)")
        }
        if let d = declared, d.total < sum {
            throw AnalysisError("\(name):\(d.line): the total \(d.total) is smaller than the sum of the counts, \(sum)")
        }
        let total = declared?.total ?? sum
        guard total > 0 else { throw AnalysisError("\(name): no entries (the total is 0)") }
        return FrequencyList(counts: counts, total: total)
    }

    /// The N of `# total: N` or `#Word Tokens: N`, nil for any other comment.
    static func totalDeclaration(_ line: String, _ fail: (String) -> AnalysisError) throws -> Int? {
        let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
        guard let colon = body.firstIndex(of: ":") else { return nil }
        let key = body[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard key == "total" || key == "word tokens" else { return nil }
        let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard let n = Int(value), n >= 0, n <= FrequencyList.largestCount else {
            throw fail("the total must be a whole number from 0 to \(FrequencyList.largestCount), got \"\(value)\"")
        }
        return n
    }

    static func clean(_ field: Substring) -> String {
        var s = field.trimmingCharacters(in: .whitespaces)
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") }
        return s
    }
}
