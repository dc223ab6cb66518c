import Foundation
import Testing
@testable import LoupeCore

/// Every measure against published or independently computed test vectors, written
/// out below with their sources (TV1, TV2, … number them).
@Suite struct StatisticsTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-5) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

    @Test func tv4LogDicePublishedValues() {
        for (fxy, fx, fy, expected) in [(8.0, 389.0, 230.0, 8.726204), (300, 300, 300, 14), (3, 3000, 3000, 4.034216),
                                        (6, 3000, 3000, 5.034216), (300, 3000, 3000, 10.67807)] {
            let t = Contingency(joint: fxy, rowTotal: fx, columnTotal: fy, total: 1_000_000)
            #expect(close(Measures.logDice(t), expected), "LD(\(fxy), \(fx), \(fy))")
        }
    }

    @Test func tv7AllAssociationMeasuresOnABigramTable() {
        let t = Contingency(joint: 8, rowTotal: 389, columnTotal: 230, total: 1_000_000)
        #expect(t.o11 == 8 && t.o12 == 381 && t.o21 == 222 && t.o22 == 999_389)
        #expect(close(t.e11, 0.08947, 1e-4))
        #expect(close(Measures.mi(t), 6.482452))
        #expect(close(Measures.mi2(t), 9.482452))
        #expect(close(Measures.mi3(t), 12.482452))
        #expect(close(Measures.t(t), 2.796795))
        #expect(close(Measures.z(t), 26.446418))
        #expect(close(Measures.ll(t), 56.509056))
        #expect(close(Measures.llSigned(t), 56.509056))
        #expect(close(Measures.chi2(t), 699.846184))
        #expect(close(Measures.dice(t), 0.0258481))
        #expect(close(Measures.logDice(t), 8.726204))
        #expect(close(Measures.deltaPCollocateGivenNode(t), 0.0203435))
        #expect(close(Measures.deltaPNodeGivenCollocate(t), 0.0344015))
    }

    @Test func tv6KeynessOnAntConcDemoNumbers() {
        let t = Contingency(frequency1: 23, size1: 263, frequency2: 551, size2: 8870)
        #expect(close(t.e11, 16.529289))
        #expect(close(t.e21, 557.470711))
        #expect(close(Measures.ll2(t), 2.330552))
        #expect(close(Measures.ll(t), 2.506973))
        #expect(close(Measures.chi2(t), 2.783108))
        #expect(close(Measures.percentDiff(t), 40.781, 1e-4))
        #expect(close(Measures.logRatio(t), 0.493453))
        #expect(close(Measures.relativeRisk(t), 1.407810))
        #expect(close(Measures.oddsRatio(t), 1.446892))
        #expect(close(Measures.bic(t), -6.6127, 1e-4))
    }

    @Test func tv5SimpleMathsPublished() {
        let t = Contingency(frequency1: 35, size1: 112_289_776, frequency2: 263, size2: 1_559_716_979)
        #expect(close(Measures.simpleMaths(t), 1.1224, 1e-4))
    }

    @Test func tv8AndTv9TScores() {
        let newCompanies = Contingency(joint: 8, rowTotal: 15_828, columnTotal: 4_675, total: 14_307_668)
        #expect(close(Measures.t(newCompanies), 0.99993199))
        #expect(close(Measures.chi2(newCompanies), 1.548869, 1e-4))
        let nsp = Contingency(joint: 10, rowTotal: 20, columnTotal: 20, total: 60)
        #expect(close(nsp.e11, 6.6667, 1e-4))
        #expect(close(Measures.t(nsp), 1.054093))
    }

    /// Independent brute force: the four-cell sums written out by hand, and the signs.
    @Test func llSignAndYatesAgainstHandComputation() {
        let t = Contingency(o11: 2, o12: 98, o21: 50, o22: 850)
        let n = 1000.0
        let e = [100 * 52 / n, 100 * 948 / n, 900 * 52 / n, 900 * 948 / n]
        let o = [2.0, 98, 50, 850]
        let ll = 2 * zip(o, e).reduce(0) { $0 + $1.0 * log($1.0 / $1.1) }
        #expect(close(Measures.ll(t), ll, 1e-12))
        #expect(Measures.llSigned(t) < 0)
        let yates = zip(o, e).reduce(0) { $0 + pow(abs($1.0 - $1.1) - 0.5, 2) / $1.1 }
        #expect(close(Measures.chi2Yates(t), yates, 1e-12))
        #expect(Measures.chi2Yates(t) < Measures.chi2(t))
        // a zero cell contributes nothing to G² (0·ln 0 = 0)
        #expect(Measures.ll(Contingency(o11: 0, o12: 10, o21: 5, o22: 5)).isFinite)
        // Log Ratio replaces a zero frequency by 0.5
        #expect(close(Measures.logRatio(Contingency(frequency1: 4, size1: 1000, frequency2: 0, size2: 1000)), log2(4 / 0.5)))
    }

    @Test func zYatesFollowsCQPweb() {
        let above = Contingency(joint: 8, rowTotal: 389, columnTotal: 230, total: 1_000_000)
        #expect(close(Measures.zYates(above), (8 - above.e11 - 0.5) / above.e11.squareRoot()))
        let near = Contingency(o11: 1, o12: 1, o21: 1, o22: 1)   // E11 = 1, |O−E| = 0 ≤ 0.5
        #expect(Measures.zYates(near) == 0)
    }

    @Test func conservativeLogRatioIsNearerZero() {
        let t = Contingency(frequency1: 40, size1: 10_000, frequency2: 10, size2: 10_000)
        let c = Measures.logRatioConservative(t)
        #expect(c > 0 && c < Measures.logRatio(t))
        #expect(Measures.logRatioConservative(Contingency(frequency1: 1, size1: 1000, frequency2: 1, size2: 1000)) == 0)
    }

    @Test func everyMeasureIsReachableByName() {
        let t = Contingency(joint: 8, rowTotal: 389, columnTotal: 230, total: 1_000_000)
        #expect(Measure.allCases.count == 22)
        for m in Measure.allCases { #expect(Measure(name: m.name.uppercased()) == m) }
        #expect(Measure(name: "LogDice")?(t) == Measures.logDice(t))
        #expect(Measure.llSigned(t) == Measures.llSigned(t) && Measure.simpleMaths(t) == Measures.simpleMaths(t))
        #expect(Measure(name: "nonsense") == nil)
    }

    // MARK: dispersion

    @Test func tv1LyneAllemand() {
        let d = Dispersion(frequencies: [2, 0, 1, 1, 3, 0, 3, 0, 0, 0],
                           sizes: [8143, 8058, 8271, 8125, 7959, 7941, 8146, 8001, 8003, 7930])
        #expect(d.range == 5)
        #expect(close(d.juillandD, 0.6038797))
        #expect(close(d.carrollD2, 0.6521444))
        #expect(close(d.rosengrenS, 0.4763652))
        #expect(close(d.dp, 0.4990705))
        #expect(close(d.dpNorm, 0.55355, 1e-4))
    }

    @Test func tv2DPToyCases() {
        let four = Dispersion(frequencies: [50, 25, 15, 10], sizes: [1, 1, 1, 1])
        #expect(close(four.dp, 0.25))
        let three = Dispersion(frequencies: [2, 1, 0], sizes: [1, 1, 1])
        #expect(close(three.dp, 1.0 / 3))
        #expect(close(three.dpNorm, 0.5))
        let even = Dispersion(frequencies: [5, 5, 5], sizes: [100, 100, 100])
        #expect(close(even.dp, 0) && close(even.juillandD, 1))
    }

    @Test func tv3AverageReducedFrequency() {
        #expect(close(Dispersion.averageReducedFrequency(positions: [0, 11, 13, 16, 56], size: 60), 32.0 / 12))
        // brute force over all v shifts of a partition into chunks of length v: count chunks with an occurrence
        let positions = [3, 4, 5, 30, 31, 77], size = 84
        let v = size / positions.count   // 14, divides 84
        var total = 0
        for shift in 0..<v {
            var chunks = Set<Int>()
            for p in positions { chunks.insert(((p - shift + size) % size) / v) }
            total += chunks.count
        }
        #expect(close(Dispersion.averageReducedFrequency(positions: positions, size: size), Double(total) / Double(v)))
    }
}
