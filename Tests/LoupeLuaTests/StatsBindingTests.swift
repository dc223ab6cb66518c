import Testing
@testable import LoupeLua

/// loupe.stats from Lua gives the published values (measures.md TV4, TV6, TV1).
@Suite struct StatsBindingTests {
    @Test func measuresFromLua() throws {
        let h = try LuaHarness()
        let out = try h.run("""
            local t = loupe.stats.keyness_table(23, 263, 551, 8870)
            print(string.format("%.6f %.6f %.6f %.6f", loupe.stats.ll(t), loupe.stats.ll2(t), loupe.stats.chi2(t), loupe.stats.log_ratio(t)))
            print(string.format("%.6f", loupe.stats.logdice(loupe.stats.bigram_table(8, 389, 230, 1e6))))
            print(string.format("%.6f", loupe.stats.logdice(8, 381, 222, 999389)))
            local d = loupe.stats.dispersion({2,0,1,1,3,0,3,0,0,0}, {8143,8058,8271,8125,7959,7941,8146,8001,8003,7930})
            print(d.range, string.format("%.7f %.7f", d.juilland_d, d.dp))
            print(string.format("%.4f", loupe.stats.arf({0, 11, 13, 16, 56}, 60)))
            """)
        #expect(out == "2.506973 2.330552 2.783108 0.493453\n8.726204\n8.726204\n5\t0.6038797 0.4990705\n2.6667\n")
    }

    @Test func badCountsAreErrors() throws {
        let h = try LuaHarness()
        #expect(h.error("loupe.stats.ll(1, 2)") == "test:1: bad argument #3 to 'loupe.stats.ll' (number expected, got no value)")
        #expect(h.error("loupe.stats.ll(-1, 2, 3, 4)") == "test:1: loupe.stats.ll: counts must be finite and not negative")
        #expect(h.error("loupe.stats.ll{o11 = 1}") == "test:1: loupe.stats.ll: the table needs numbers o11, o12, o21 and o22")
        #expect(h.error("loupe.stats.dispersion({1}, {1})")?.contains("at least 2 parts") == true)
        #expect(h.error("loupe.stats.arf({5}, 3)")?.contains("positions must be whole numbers in 0..size-1") == true)
    }
}
