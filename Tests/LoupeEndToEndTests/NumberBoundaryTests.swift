import Foundation
import Testing
import LoupeTestSupport

/// Numbers from scripts and from reference files are checked where they come in
/// (F1 of the red-team report): before, a count of math.maxinteger reached
/// `f1 * size2` in keyness and trapped (SIGILL), which no pcall can catch.
@Suite struct NumberBoundaryTests {
    @Test(arguments: [
        ("{nato = math.maxinteger}", "", "the count of \"nato\" must be a whole number"),
        ("{nato = 5}", ", {total = math.maxinteger}", "total must be a whole number from 1 to 9007199254740992"),
        ("{nato = 2^60}", "", "the count of \"nato\" must be a whole number"),
        ("{nato = 0/0}", "", "the count of \"nato\" must be a whole number"),
        ("{nato = 1/0}", "", "the count of \"nato\" must be a whole number"),
        ("{nato = 9007199254740992, the = 9007199254740992}", "", "the counts add up to more than 9007199254740992"),
    ])
    func keynessRefusesHugeCountsWithAnError(reference: String, options: String, message: String) throws {
        let o = try LoupeCLI.lua("print(pcall(corpus.keyness, corpus, \(reference)\(options))) print('alive')")
        #expect(!o.signaled && o.status == 0, "\(o)")
        #expect(o.stdout.contains("false\tkeyness: \(message)"), "\(o)")
        #expect(o.stdoutLines.last == "alive", "\(o)")
    }

    @Test func theLargestAcceptedCountsGiveAnAnswer() throws {
        // 2^53 is the largest count (exact as a Double); the rates compare without overflow.
        let o = try LoupeCLI.lua("local t = corpus:keyness({nato = 9007199254740992}, {min = 0}) print(#t > 0, t[1].form)")
        #expect(!o.signaled && o.status == 0, "\(o)")
        #expect(o.stdout.hasPrefix("true\t"), "\(o)")
    }

    @Test func aReferenceFileWithAHugeCountNamesTheLine() throws {
        try TempDir.with { dir in
            try dir.write("ref.tsv", "nato\t9223372036854775807\n")   // the red-team file: SIGILL before
            try dir.write("ref3.csv", "nato,99999999999999999999999\n")
            try dir.write("ref4.tsv", "# total: 99999999999999999999\nnato\t5\n")
            let code = """
            print(pcall(corpus.keyness, corpus, 'ref.tsv'))
            print(pcall(corpus.keyness, corpus, 'ref3.csv'))
            print(pcall(corpus.keyness, corpus, 'ref4.tsv'))
            print('alive')
            """
            try dir.write("k.lua", code)
            let o = try LoupeCLI.run(["--corpus", LoupeCLI.bundledCorpus, "--quiet", "run", "k.lua"], cwd: dir.url)
            #expect(!o.signaled && o.status == 0, "\(o)")
            #expect(o.stdoutLines.count == 4, "\(o)")
            #expect(o.stdout.contains("ref.tsv:1: the count 9223372036854775807 is too large"), "\(o)")
            // Not taken for a header line and skipped in silence: a number, too large.
            #expect(o.stdout.contains("ref3.csv:1: the count 99999999999999999999999 is too large"), "\(o)")
            #expect(o.stdout.contains("ref4.tsv:1: the total must be a whole number"), "\(o)")
        }
    }
}
