/// A stable least-significant-digit radix sort of 64-bit keys carrying a
/// 32-bit payload, a byte a pass; passes whose byte is the same in every key
/// are skipped, so keys that use few bits sort in few passes. Sequential
/// memory traffic only.
enum RadixSort {
    /// Sorts `keys` ascending (no payload); polls the limits between passes, where
    /// `keys.sort()` on millions of keys could not be stopped.
    static func sort(keys: inout [UInt64]) throws {
        var none = [UInt32](repeating: 0, count: keys.count)
        try sort(keys: &keys, payload: &none)
    }

    /// Sorts `keys` ascending, moving `payload` along; equal keys keep their order.
    static func sort(keys: inout [UInt64], payload: inout [UInt32]) throws {
        let n = keys.count
        guard n > 1, payload.count == n else { return }
        // All eight byte histograms in one pass.
        var histograms = [Int](repeating: 0, count: 8 * 256)
        // Every pass goes in blocks, polling the limits between them: a pass over
        // tens of millions of keys is long, in a debug build above all.
        let block = 1 << 18
        for from in stride(from: 0, to: n, by: block) {
            try Interruption.check()
            keys.withUnsafeBufferPointer { k in
                histograms.withUnsafeMutableBufferPointer { h in
                    for i in from..<Swift.min(n, from + block) {
                        var x = k[i]
                        for pass in 0..<8 { h[pass << 8 | Int(x & 0xFF)] += 1; x >>= 8 }
                    }
                }
            }
        }
        var keys2 = [UInt64](repeating: 0, count: n)
        var payload2 = [UInt32](repeating: 0, count: n)
        for pass in 0..<8 where !histograms[(pass << 8)..<((pass + 1) << 8)].contains(n) {
            try Interruption.check()
            let shift = UInt64(pass * 8)
            var offsets = [Int](repeating: 0, count: 256)
            var sum = 0
            for b in 0..<256 { offsets[b] = sum; sum += histograms[pass << 8 | b] }
            for from in stride(from: 0, to: n, by: block) {
                if from > 0 { try Interruption.check() }
                withUnsafeBuffers(keys, payload) { k, v in
                    withUnsafeMutableBuffers(&keys2, &payload2, &offsets) { k2, v2, o in
                        for i in from..<Swift.min(n, from + block) {
                            let key = k[i]
                            let b = Int((key >> shift) & 0xFF)
                            let j = o[b]
                            o[b] = j + 1
                            k2[j] = key
                            v2[j] = v[i]
                        }
                    }
                }
            }
            swap(&keys, &keys2)
            swap(&payload, &payload2)
        }
    }
}
