import Foundation
import Testing
import LoupeCore
@testable import LoupeLua

/// The options the bindings accept are the options the reference documents, both ways: a
/// method's "unknown option" error lists what it accepts, and every documented option is
/// read and type-checked by the method (a function is never a valid option value).
@Suite struct OptionsReferenceTests {
    /// A call of each method that takes options; OPTS stands for the options table. The key
    /// is the reference entry that documents the method's options.
    static let probes: [(entry: String, call: String)] = [
        ("corpus:kwic", "corpus:kwic('nato', OPTS)"),
        ("corpus:kwic", "corpus:search('nato'):kwic(OPTS)"),        // hits:kwic, documented with corpus:kwic
        ("corpus:freq", "corpus:freq(OPTS)"),
        ("corpus:ngrams", "corpus:ngrams(OPTS)"),
        ("corpus:collocates", "corpus:collocates('nato', OPTS)"),
        ("corpus:keyness", "corpus:keyness(corpus, OPTS)"),
        ("corpus:dispersion", "corpus:dispersion('nato', OPTS)"),
        ("corpus:variants", "corpus:variants({'kiev', 'kyiv'}, OPTS)"),
        ("corpus:lookup", "corpus:lookup({a = {'nato'}}, OPTS)"),
        ("loupe.lexicon", "loupe.lexicon('no-such-lexicon.yaml', OPTS)"),
        ("corpus:reuse", "corpus:reuse(OPTS)"),
        ("corpus:boilerplate", "corpus:boilerplate(OPTS)"),
        ("corpus:without_boilerplate", "corpus:without_boilerplate(OPTS)"),
        ("corpus:provenance", "corpus:provenance(OPTS)"),
        ("corpus:turns", "corpus:turns(OPTS)"),
        ("corpus:speakers", "corpus:speakers(OPTS)"),
        ("corpus:quotes", "corpus:quotes(OPTS)"),
        ("corpus:numbers", "corpus:numbers(OPTS)"),
        ("doc:turns", "corpus[1]:turns(OPTS)"),
        ("doc:sentences", "corpus[1]:sentences(OPTS)"),
        ("doc:show", "corpus[1]:show(OPTS)"),
        ("hit:show", "corpus:search('nato')[1]:show(OPTS)"),
        ("doc:paragraphs", "corpus[1]:paragraphs(OPTS)"),
        ("doc:tokens", "corpus[1]:tokens(OPTS)"),
        ("hits:plot", "corpus:search('nato'):plot(OPTS)"),
        ("loupe.table", "loupe.table({{a = 1}}, OPTS)"),
        ("t:write", "loupe.table({{a = 1}}):write('probe.csv', OPTS)"),
        ("t:plot", "loupe.table({{a = 'x', n = 1}}):plot(OPTS)"),
    ]

    /// The option names an entry's reference text lists under "Options:".
    static func documented(_ entry: String) -> [String] {
        let text = APIReference.text(for: entry)
        guard let section = text.components(separatedBy: "\nOptions:\n").dropFirst().first else { return [] }
        return section.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("- `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
        }
    }

    /// The option names a method accepts, from its own error for an option it does not know.
    static func accepted(_ h: LuaHarness, _ call: String) -> [String]? {
        guard let e = h.error(call.replacingOccurrences(of: "OPTS", with: "{zz_probe = 1}")) else { return nil }
        if e.contains("takes no options") { return [] }
        guard let r = e.range(of: "(options: "), let close = e[r.upperBound...].firstIndex(of: ")") else { return nil }
        return e[r.upperBound..<close].components(separatedBy: ", ")
    }

    @Test func everyOptionAMethodAcceptsIsDocumentedAndNoOther() throws {
        let h = try LuaHarness()
        for p in Self.probes {
            let accepted = Self.accepted(h, p.call)
            #expect(accepted != nil, "\(p.call) rejects an unknown option with the list of its options")
            #expect(!Self.documented(p.entry).isEmpty || p.entry == "corpus:provenance", "\(p.entry) documents its options")
            #expect(accepted == Self.documented(p.entry), "\(p.call): accepted vs documented under \(p.entry)")
        }
    }

    @Test func everyDocumentedOptionIsReadAndTypeChecked() throws {
        let h = try LuaHarness()
        for p in Self.probes {
            for name in Self.documented(p.entry) {
                let e = h.error(p.call.replacingOccurrences(of: "OPTS", with: "{\(name) = print}")) ?? "no error"
                #expect(e.contains(": \(name) must be ") && e.hasSuffix("got function"), "\(p.call) with \(name) = print: \(e)")
            }
        }
    }

    /// An option given its documented default is accepted (it may still clash with another option).
    @Test func everyDefaultIsAnAllowedValue() throws {
        for (entry, schema) in MethodOptions.byEntry {
            for o in schema.options {
                if let d = o.defaultValue { #expect(o.accept(d) != nil, "\(entry): \(o.name)'s default \(d) is not allowed") }
                #expect(!o.doc.isEmpty, "\(entry): \(o.name) has a line of documentation")
            }
        }
    }

    /// Every entry that documents options has a probe, so a new method cannot skip the checks.
    @Test func everyEntryWithOptionsIsProbed() {
        let probed = Set(Self.probes.map(\.entry))
        for e in APIReference.entries where !Self.documented(e.name).isEmpty || MethodOptions.byEntry[e.name] != nil {
            #expect(probed.contains(e.name), "\(e.name) has no probe in OptionsReferenceTests")
        }
        for entry in probed { #expect(APIReference.entries.contains { $0.name == entry }, "\(entry) is a reference entry") }
    }

    /// A signature's sketch of the options (`{width = 40, …}`) names only options the method takes.
    @Test func signaturesNameOnlyRealOptions() throws {
        let notOptions: Set<String> = ["category"]        // loupe.lexicon{category = {entries…}} is the lexicon itself
        let key = try Regex(#"([a-z_]+) ="#)
        var checked = 0
        for e in APIReference.entries where MethodOptions.byEntry[e.name] != nil {
            let documented = Set(Self.documented(e.name))
            for m in e.signature.matches(of: key) {
                guard let name = m.output[1].substring.map(String.init), !notOptions.contains(name) else { continue }
                #expect(documented.contains(name), "\(e.name)'s signature names \(name), which is no option of it")
                checked += 1
            }
        }
        #expect(checked > 20, "the signatures' options were found")
    }

    @Test func wrongTypesAndRangesNameTheMethodTheOptionAndWhatIsAllowed() throws {
        let h = try LuaHarness()
        #expect(h.error("corpus:ngrams{within = 3}") == "test:1: ngrams: within must be \"sentence\" or \"document\", got 3")
        #expect(h.error("corpus:reuse{gap = 51}") == "test:1: reuse: gap must be a whole number from 0 to 50, got 51")
        #expect(h.error("corpus:freq{stop = 3}") == "test:1: freq: stop must be \"en\" or \"ru\", a list of words or false, got 3")
        #expect(h.error("corpus:boilerplate{patterns = {1}}") == "test:1: boilerplate: patterns must be a list of regular expressions, got table")
        #expect(h.error("corpus:kwic('nato', {unit = 'characters'})") == nil, "an alias is accepted")
        #expect(h.error("corpus:dispersion('nato', {parts = 2.0})") == nil, "an integral float is a whole number")
        #expect(h.error("corpus:dispersion('nato', {parts = 2.5})")?.contains("parts must be \"documents\" or a whole number 1 or more, got 2.5") == true)
    }
}
