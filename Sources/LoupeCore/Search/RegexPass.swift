import Foundation

/// Which forms of the vocabulary a `/regex/` admits (anchored, case-insensitive).
///
/// The forms are matched on all cores, most of them quickly; but a
/// regex with overlapping alternatives (`/(\p{L}|\p{Ll}|[a-z])+\d/`) can take
/// seconds on one form, and minutes on the vocabulary (F8). So the pass runs on
/// worker threads while the calling thread, the one that can see the session's
/// limits, polls them every few milliseconds; when one trips it raises a flag
/// that the workers read between forms and inside a match, through ICU's
/// progress callback, so even one long match stops within a millisecond or so.
enum RegexPass {
    static func admitted(_ forms: [String], pattern r: String) throws -> [Bool] {
        var set = [Bool](repeating: false, count: forms.count)
        // Each thread compiles its own expression: a shared one is cloned for
        // every match made while another thread holds it.
        let anchored = "^(?:\(r))$"
        guard !forms.isEmpty, (try? NSRegularExpression(pattern: anchored, options: [.caseInsensitive])) != nil else { return set }
        // An ASCII form without the run of characters every match needs
        // (`RegexLiteral`) is passed over by a byte search.
        let needed = RegexLiteral.required(in: r)
        let stop = Locked(false)
        let found = Locked<[[Int]]>([])
        let done = DispatchSemaphore(value: 0)
        let pieces = Swift.min(forms.count, Swift.max(64, forms.count / 1024))
        DispatchQueue.global().async {
            let ids = Parallel.map(pieces, state: { try? NSRegularExpression(pattern: anchored, options: [.caseInsensitive]) }) { k, compiled in
                var ids: [Int] = []
                guard let compiled else { return ids }
                for i in forms.count * k / pieces..<forms.count * (k + 1) / pieces {
                    if stop.value { break }
                    let f = forms[i]
                    if let needed, QueryMatcher.isASCII(f) && !QueryMatcher.contains(f, needed) { continue }
                    if Self.matches(compiled, f, stop) { ids.append(i) }
                }
                return ids
            }
            found.value = ids
            done.signal()
        }
        while done.wait(timeout: .now() + .milliseconds(5)) == .timedOut {
            if !stop.value, Interruption.requested { stop.value = true }
        }
        if stop.value { throw Interrupted() }
        for ids in found.value { for i in ids { set[i] = true } }
        return set
    }

    /// Whether the whole form matches; false as soon as `stop` is raised.
    static func matches(_ re: NSRegularExpression, _ form: String, _ stop: Locked<Bool>) -> Bool {
        var found = false
        re.enumerateMatches(in: form, options: [.reportProgress], range: NSRange(form.startIndex..., in: form)) { result, _, halt in
            if result != nil { found = true; halt.pointee = true }
            else if stop.value { halt.pointee = true }
        }
        return found
    }
}
