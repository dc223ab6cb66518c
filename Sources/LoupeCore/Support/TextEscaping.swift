/// Text made safe for the formats Loupe writes, one escaping of each kind: the table
/// writers use it, and so do `loupe serve`'s pages and JSON answers.
public enum TextEscaping {
    /// HTML text, for element content and quoted attribute values alike.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A JSON string literal, quotes included: quote, backslash and control characters
    /// escaped, the rest as UTF-8. `forHTML` also escapes < > & ' (as \u00XX), so the
    /// string can stand inside a page without closing a script or an attribute.
    public static func jsonString(_ s: String, forHTML: Bool = false) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<" where forHTML, ">" where forHTML, "&" where forHTML, "'" where forHTML: out += unicodeEscape(u.value)
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x2028 || u.value == 0x2029 {
                    out += unicodeEscape(u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
