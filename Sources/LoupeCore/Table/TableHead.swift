extension Table {
    /// The first `n` rows (all of them when there are fewer).
    public func head(_ n: Int) throws -> Table {
        guard n >= 0 else { throw TableError.invalid("the count must be 0 or more, got \(n)") }
        return rows(at: Array(0..<min(n, rowCount)))
    }
}
