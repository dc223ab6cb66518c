/// The forms of a vocabulary in one buffer, in the order of their ranks, and how an
/// n-gram key packs its n ranks (`bits` each, the first word highest): enough to spell
/// an n-gram from its key alone, so an n-gram table need not hold millions of texts.
final class PackedForms: Sendable {
    let bytes: [UInt8]
    /// Form of rank r: bytes[offsets[r] ..< offsets[r + 1]].
    let offsets: [Int]
    let bits: Int
    let n: Int

    init(formsInRankOrder forms: [String], bits: Int, n: Int) {
        var bytes: [UInt8] = [], offsets = [0]
        offsets.reserveCapacity(forms.count + 1)
        for f in forms { bytes.append(contentsOf: f.utf8); offsets.append(bytes.count) }
        self.bytes = bytes
        self.offsets = offsets
        self.bits = bits
        self.n = n
    }

    /// The words of the key joined by single spaces.
    func text(_ key: UInt64) -> String {
        let mask = (UInt64(1) << UInt64(bits)) - 1
        var length = n - 1
        for j in 0..<n { let r = rank(key, j, mask); length += offsets[r + 1] - offsets[r] }
        return bytes.withUnsafeBufferPointer { source in
            String(unsafeUninitializedCapacity: length) { out in
                var w = 0
                for j in 0..<n {
                    if j > 0 { out[w] = 0x20; w += 1 }
                    let r = rank(key, j, mask)
                    for b in offsets[r]..<offsets[r + 1] { out[w] = source[b]; w += 1 }
                }
                return w
            }
        }
    }

    @inline(__always)
    private func rank(_ key: UInt64, _ j: Int, _ mask: UInt64) -> Int {
        Int((key >> UInt64(bits * (n - 1 - j))) & mask)
    }
}
