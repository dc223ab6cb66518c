/// Something wrong with one input file: where, and what was done about it.
public struct LoadWarning: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file; self.line = line; self.message = message
    }
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// What a load did: warnings in file order, files skipped with the reason.
public struct LoadReport: Sendable {
    public var warnings: [LoadWarning] = []
    public var skipped: [(file: String, reason: String)] = []
    public var documents = 0
    public var tokens = 0
    public var files = 0
    /// Files read as UTF-16 (each also named in a warning), counted in the summary.
    public var utf16Files = 0

    public init() {}

    mutating func warn(_ file: String, line: Int? = nil, _ message: String) {
        warnings.append(LoadWarning(file: file, line: line, message: message))
    }

    /// `detail` (where a link leads) is in the warning, not in the reason the summary groups by.
    mutating func skip(_ file: String, _ reason: String, detail: String? = nil) {
        skipped.append((file, reason))
        warn(file, "skipped: \(reason)" + (detail.map { " (\($0))" } ?? ""))
    }

    /// Adds another report's warnings, skips and file count after this one's.
    mutating func append(_ other: LoadReport) {
        warnings += other.warnings
        skipped += other.skipped
        files += other.files
        utf16Files += other.utf16Files
    }

    /// One line: documents, tokens, and the skipped files grouped by reason.
    public var summary: String {
        var s = "loaded \(Self.grouped(documents)) document\(documents == 1 ? "" : "s"), \(Self.grouped(tokens)) token\(tokens == 1 ? "" : "s")"
        if !skipped.isEmpty {
            var reasons: [String: Int] = [:]
            var order: [String] = []
            for (_, r) in skipped {
                if reasons[r] == nil { order.append(r) }
                reasons[r, default: 0] += 1
            }
            let parts = order.map { "\(reasons[$0]!) \($0)" }
            s += "; skipped \(skipped.count) file\(skipped.count == 1 ? "" : "s") (\(parts.joined(separator: ", ")))"
        }
        if utf16Files > 0 { s += "; read \(Self.grouped(utf16Files)) file\(utf16Files == 1 ? "" : "s") as UTF-16" }
        if !warnings.isEmpty { s += "; \(warnings.count) warning\(warnings.count == 1 ? "" : "s")" }
        return s
    }

    /// 1234567 → "1,234,567".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
