import Foundation
import Testing
@testable import LoupeCore

@Suite struct ReproducibilityTests {
    /// FIPS 180-4 / NIST CAVS examples.
    @Test func sha256MatchesTheNISTVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Lengths around the padding boundary (55, 56, 63, 64 bytes) agree with updates in pieces.
        for n in [55, 56, 63, 64, 65, 119, 120] {
            let bytes = (0..<n).map { UInt8($0 % 251) }
            var h = SHA256()
            h.update(bytes.prefix(n / 3)); h.update(bytes.dropFirst(n / 3))
            #expect(h.finish() == SHA256.hex(bytes))
        }
    }

    @Test func theFingerprintChangesWithTextMetadataOrOrderButNotWithTheFolder() throws {
        func corpus(_ docs: [(String, String, String)]) -> Corpus {
            var b = CorpusBuilder()
            for (id, text, outlet) in docs {
                b.add(RawDocument(id: id, title: id, text: text, meta: Metadata([("outlet", .string(outlet))]),
                                  source: DocumentSource(file: id, firstLine: 1, lastLine: 1)))
            }
            return b.build(root: "/somewhere/\(docs.count)")
        }
        let base = corpus([("a", "One text.", "RT"), ("b", "Two.", "TASS")])
        #expect(base.fingerprint == corpus([("a", "One text.", "RT"), ("b", "Two.", "TASS")]).fingerprint)
        #expect(base.fingerprint != corpus([("a", "One text!", "RT"), ("b", "Two.", "TASS")]).fingerprint)
        #expect(base.fingerprint != corpus([("a", "One text.", "RT"), ("b", "Two.", "TAS")]).fingerprint)
        #expect(base.fingerprint != corpus([("b", "Two.", "TASS"), ("a", "One text.", "RT")]).fingerprint)
        #expect(base.fingerprint != corpus([("a", "One text.Two.", "RT")]).fingerprint)
        let moved = try base.subset([0, 1], selection: "all")       // same content, other root: same fingerprint
        #expect(moved.fingerprint == base.fingerprint)
    }

    @Test func aManifestRoundTripsThroughJSON() throws {
        let m = RunManifest(loupe: "0.1.0", lua: "Lua 5.4.4", script: "/x/s.lua", scriptSHA256: SHA256.hex("s"), arguments: ["a", "b"],
                            options: ["memory": "4096"], corpus: "/c", corpusDocuments: 2, corpusTokens: 5, corpusFingerprint: "f",
                            time: "2026-11-22T00:00:00Z", outputs: [.init(path: "o.csv", bytes: 3, sha256: SHA256.hex("o"))])
        #expect(try RunManifest.decode(Data(m.encoded())) == m)
    }
}
