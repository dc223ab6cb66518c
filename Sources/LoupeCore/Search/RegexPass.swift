import Foundation

/// Which forms of the vocabulary a `/regex/` admits (anchored, case-insensitive).
///
/// The forms are matched on all cores, a form taking about a microsecond; but a
/// regex with overlapping alternatives (`/(\p{L}|\p{Ll}|[a-z])+\d/`) can take
/// seconds on one form, and minutes on the vocabulary (F8). So the pass runs on
/// worker threads while the calling thread, the one that can see the session's
/// limits, polls them every few milliseconds; when one trips it raises a flag
/// that the workers read between forms and inside a match, through ICU's
/// progress callback, so even one long match stops within a millisecond or so.
enum RegexPass {
    static func admitted(_ forms: [String], pattern r: String) throws -> [Bool] {
        var set = [Bool](repeating: false, count: forms.count)
        // Each thread has its own compiled expression: a shared one is cloned
        // for every match made while another thread holds it.
        let workers = Parallel.workerCount
        let compiled = (0..<workers).compactMap { _ in try? NSRegularExpression(pattern: "^(?:\(r))$", options: [.caseInsensitive]) }
        guard compiled.count == workers, !forms.isEmpty else { return set }
        // An ASCII form without the run of characters every match needs
        // (`RegexLiteral`) is passed over by a byte search.
        let needed = RegexLiteral.required(in: r)
        let stop = StopFlag()
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let pieces = Swift.min(forms.count, Swift.max(64, forms.count / 1024))
        DispatchQueue.global().async {
            box.found = Parallel.map(pieces, workers: workers) { k, worker in
                var ids: [Int] = []
                for i in forms.count * k / pieces..<forms.count * (k + 1) / pieces {
                    if stop.isSet { break }
                    let f = forms[i]
                    if let needed, QueryMatcher.isASCII(f) && !QueryMatcher.contains(f, needed) { continue }
                    if Self.matches(compiled[worker], f, stop) { ids.append(i) }
                }
                return ids
            }
            done.signal()
        }
        while done.wait(timeout: .now() + .milliseconds(5)) == .timedOut {
            if !stop.isSet, Interruption.requested { stop.set() }
        }
        if stop.isSet { throw Interrupted() }
        for ids in box.found { for i in ids { set[i] = true } }
        return set
    }

    /// Whether the whole form matches; false as soon as `stop` is raised.
    static func matches(_ re: NSRegularExpression, _ form: String, _ stop: StopFlag) -> Bool {
        var found = false
        re.enumerateMatches(in: form, options: [.reportProgress], range: NSRange(form.startIndex..., in: form)) { result, _, halt in
            if result != nil { found = true; halt.pointee = true }
            else if stop.isSet { halt.pointee = true }
        }
        return found
    }

    /// Set once by the polling thread, read by the workers.
    final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
        func set() { lock.lock(); value = true; lock.unlock() }
    }

    /// The workers' answer, written before `done` is signalled and read after.
    final class ResultBox: @unchecked Sendable {
        var found: [[Int]] = []
    }
}
