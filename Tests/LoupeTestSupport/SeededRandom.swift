/// A deterministic pseudo-random generator (Knuth's MMIX LCG), so random corpora, queries
/// and fuzz inputs are the same on every run and every machine. Shared by every test target.
public struct LCG {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }
    public mutating func int(_ upperBound: Int) -> Int { Int(next() % UInt64(upperBound)) }
    public mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
}
