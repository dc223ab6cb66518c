import Foundation

/// What analyses work out from an immutable corpus's type table once and then
/// keep, so a session that asks again (n-grams of several sizes, a benchmark's
/// repeated runs, the same query on each sub-corpus of a `group`) does not pay
/// again. Only what depends on the type table alone belongs here: sub-corpora
/// share their parent's. Computed on first use, under locks.
final class DerivedData: Sendable {
    private let order = Locked<(rank: [UInt32], order: [Int])?>(nil)

    /// Every type's rank among all forms in code point order, and the types in that order (NGrams.swift).
    var formOrder: (rank: [UInt32], order: [Int])? {
        get { order.value }
        set { order.value = newValue }
    }

    private let stems = Once<StemTable>()

    /// Every type's Snowball English stem (`~word` queries), made the first
    /// time one is asked for; one caller makes it, any other waits for it.
    func stemTable(_ make: () -> StemTable) -> StemTable { stems.get(make) }

    private let unaccented = Once<UnaccentedTable>()

    /// Every type's form without diacritics (`word%d` queries), made on first use.
    func unaccentedTable(_ make: () -> UnaccentedTable) -> UnaccentedTable { unaccented.get(make) }
}
