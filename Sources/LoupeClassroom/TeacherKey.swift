import LoupeCore

/// Secrets of a class: the teacher's key (printed once at start, stored only as its SHA-256)
/// and session tokens, compared in constant time so their bytes cannot be guessed one by one.
public enum Secrets {
    /// 128 random bits as 32 hex digits.
    public static func newToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let h = String(UInt32.random(in: 0...UInt32.max, using: &g), radix: 16)
            return String(repeating: "0", count: 8 - h.count) + h
        }.joined()
    }

    /// Whether `token` looks like one `newToken` makes (anything else in a cookie is no one's).
    public static func isWellFormed(_ token: Substring) -> Bool {
        token.utf8.count == 32 && token.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Whether two texts are equal, taking the same time whatever the first difference.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0 && x.count == y.count
    }

    /// Whether `given` is the secret whose SHA-256 is `hash`.
    public static func matches(_ given: String, hash: String) -> Bool {
        constantTimeEquals(SHA256.hex(given), hash)
    }
}
