import Foundation

/// Which documents a sub-corpus keeps, by metadata: every condition must hold.
///
/// A value condition keeps documents whose field equals one of the values,
/// ignoring case ("tass" finds "TASS"). A range keeps documents whose field
/// lies between the bounds, both included: numbers compare as numbers, other
/// text (ISO dates) as text, and an upper bound that is a prefix of the value
/// includes it, so {"2022", "2022"} is the whole year 2022 and "2022-03" all of March.
/// `id` and `title` can be used as fields too.
public struct MetadataFilter: Sendable, CustomStringConvertible {
    public enum Condition: Sendable, Equatable {
        case anyOf([String])
        case range(from: String?, to: String?)
    }

    public var conditions: [(field: String, condition: Condition)]

    public init(_ conditions: [(field: String, condition: Condition)]) { self.conditions = conditions }

    public func matches(_ d: Document) -> Bool {
        conditions.allSatisfy { field, condition in
            guard let v = Self.value(of: d, field) else { return false }
            switch condition {
            case .anyOf(let values):
                let folded = v.lowercased()
                return values.contains { $0.lowercased() == folded }
            case .range(let from, let to):
                if let from, Self.compare(v, from) == .orderedAscending { return false }
                if let to, Self.compare(v, to) == .orderedDescending, !Self.isPrefixBound(to, of: v) { return false }
                return true
            }
        }
    }

    public var description: String {
        conditions.map { field, condition in
            switch condition {
            case .anyOf(let values): return values.count == 1 ? "\(field) = \(values[0])" : "\(field) in {\(values.joined(separator: ", "))}"
            case .range(let from, let to): return "\(field) \(from ?? "…")–\(to ?? "…")"
            }
        }.joined(separator: ", ")
    }

    /// A document's value for a field: its id, title, or a metadata field.
    public static func value(of d: Document, _ field: String) -> String? {
        switch field {
        case "id": return d.id
        case "title": return d.title
        default: return d.meta.string(field)
        }
    }

    /// Numbers numerically when both are numbers, else by text.
    static func compare(_ a: String, _ b: String) -> ComparisonResult {
        if let x = Double(a), let y = Double(b) { return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame }
        return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
    }

    /// "2022-03" as an upper bound includes "2022-03-31": a date bound given to the month or year.
    /// Numbers never match by prefix (1000 is not a bound of 10005).
    static func isPrefixBound(_ bound: String, of value: String) -> Bool {
        Double(value) == nil && value.hasPrefix(bound)
    }

    /// Group order: numbers numerically, then text.
    public static func valueOrder(_ a: String, _ b: String) -> Bool { compare(a, b) == .orderedAscending }
}
