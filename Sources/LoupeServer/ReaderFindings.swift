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

    /// How many of each the margin lists before saying "and N more".
    static let listed = 40

    init() {}

    init(_ corpus: Corpus, document d: Int, boilerplate: [Range<Int>]) {
        provenance = (try? Provenance.findings(corpus, document: d)) ?? []
        speakers = (try? SpeakerTurns.speakers(SpeakerTurns.turns(corpus, document: d))) ?? []
        quotations = (try? Quotations.quotations(corpus, document: d)) ?? []
        numbers = (try? NumberClaims.claims(corpus, document: d)) ?? []
        self.boilerplate = boilerplate
    }
}

/// The corpus's boilerplate lines by document, found once (they compare documents with
/// each other) the first time a reader asks, on a query thread. A search stopped by the
/// thread's limits is tried again by the next reader.
final class BoilerplateIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [Int: [Range<Int>]]?

    func lines(of d: Int, in corpus: Corpus) -> [Range<Int>] {
        lock.lock(); defer { lock.unlock() }
        if lines == nil, let found = try? corpus.boilerplateLines() {
            var byDocument: [Int: [Range<Int>]] = [:]
            for l in found { byDocument[l.document, default: []].append(l.byteStart..<l.byteEnd) }
            lines = byDocument
        }
        return lines?[d] ?? []
    }
}
