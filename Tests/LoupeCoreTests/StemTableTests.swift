import Testing
@testable import LoupeCore
import LoupeTestSupport

/// The stem table is made on all cores, a stemmer per thread: every form must
/// still get its own stem, and forms with one stem one id.
@Suite struct StemTableTests {
    @Test func everyFormGetsItsStemOnAllCores() throws {
        let stemmer = try #require(Stemmer())
        let bases = ["negotiat", "nation", "run", "connect", "general", "happi", "argu", "киї"]
        let endings = ["", "e", "es", "ed", "ing", "ion", "ions", "al", "ally", "ness", "s", "ly", "в"]
        var rng = LCG(seed: 42)
        // Enough forms for many pieces (a piece is 1,024 forms or more), duplicates included.
        let forms = (0..<9_000).map { i in rng.pick(bases) + rng.pick(endings) + (i % 3 == 0 ? "" : String(i % 97)) }
        let table = StemTable(forms: forms, stemmer: stemmer)
        #expect(table.stemOf.count == forms.count)
        var idOfStem: [String: UInt32] = [:]
        for (i, form) in forms.enumerated() {
            let stem = stemmer.stem(form)
            #expect(table.stems.string(table.stemOf[i]) == stem, "\(form)")
            if let id = idOfStem[stem] { #expect(table.stemOf[i] == id) } else { idOfStem[stem] = table.stemOf[i] }
        }
        #expect(table.stems.count == idOfStem.count)
        let negoti = table.types(withStem: stemmer.stem("negotiations"))
        #expect(negoti.map { Int($0) } == forms.indices.filter { stemmer.stem(forms[$0]) == stemmer.stem("negotiations") })
    }
}
