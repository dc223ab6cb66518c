import Foundation
import LoupeCore

/// What source criticism finds in one document, for the reader's margin: provenance,
/// speakers, quotations (scare quotes marked), numbers and claims, boilerplate lines.
/// Each part is left out when its analysis fails (a limit); the text is shown regardless.
struct ReaderFindings: Sendable {
    var provenance: [ProvenanceFinding] = []
    var speakers: [(speaker: String, turns: Int, words: Int, share: Double, questions: Int)] = []
    var quotations: [Quotation] = []
    var numbers: [NumberClaim] = []
    /// Byte ranges of the document's boilerplate lines (docs/source-criticism.md).
    var boilerplate: [Range<Int>] = []

    /// False when a part failed (a limit stopped it): such findings are not kept for later.
    var complete = true

    /// How many of each the margin lists before saying "and N more".
    static let listed = 40

    init() {}

    init(_ corpus: Corpus, document d: Int, boilerplate: [Range<Int>]) {
        var complete = true
        func part<T>(_ find: () throws -> [T]) -> [T] {
            do { return try find() } catch { complete = false; return [] }
        }
        provenance = part { try Provenance.findings(corpus, document: d) }
        speakers = part { SpeakerTurns.speakers(try SpeakerTurns.turns(corpus, document: d)) }
        quotations = part { try Quotations.quotations(corpus, document: d) }
        numbers = part { try NumberClaims.claims(corpus, document: d) }
        self.boilerplate = boilerplate
        self.complete = complete
    }
}

/// The corpus's boilerplate lines by document. They compare documents with each other, so
/// they are found once, on a thread of their own started by the first reader (without a time
/// limit: a big corpus takes seconds); until then readers show nothing dimmed.
final class BoilerplateIndex: @unchecked Sendable {
    private enum State { case notStarted, running, found([Int: [Range<Int>]]) }
    private let lock = NSLock()
    private var state = State.notStarted

    /// The document's boilerplate lines, or none while they are being found.
    func lines(of d: Int, in corpus: Corpus) -> [Range<Int>] {
        lock.lock(); defer { lock.unlock() }
        switch state {
        case .found(let byDocument): return byDocument[d] ?? []
        case .running: return []
        case .notStarted:
            state = .running
            let thread = Thread { [self] in
                Signals.blockTermination()
                var byDocument: [Int: [Range<Int>]] = [:]
                for l in (try? corpus.boilerplateLines()) ?? [] { byDocument[l.document, default: []].append(l.byteStart..<l.byteEnd) }
                lock.lock(); state = .found(byDocument); lock.unlock()
            }
            thread.name = "loupe-boilerplate"
            thread.start()
            return []
        }
    }

    /// Whether the lines have been found (for tests).
    var isReady: Bool {
        lock.lock(); defer { lock.unlock() }
        if case .found = state { return true }
        return false
    }
}
