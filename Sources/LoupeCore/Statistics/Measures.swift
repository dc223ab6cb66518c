import Foundation

/// Association and keyness measures on a 2×2 table. Each name is the one
/// scripts use (`loupe.stats.NAME`) and that result tables print; definitions
/// and sources are in docs/statistics.md.
public enum Measures {
    /// Log-likelihood G², all four cells (Dunning 1993; CQPweb, AntConc): 2 Σ O ln(O/E).
    public static func ll(_ t: Contingency) -> Double { 2 * t.cells.reduce(0) { $0 + xlnx($1.o, $1.e) } }

    /// G² signed by the direction of the difference: + when O11 > E11 (CQPweb).
    public static func llSigned(_ t: Contingency) -> Double { t.o11 >= t.e11 ? ll(t) : -ll(t) }

    /// Log-likelihood, two terms (Rayson & Garside 2000; the UCREL wizard): 2[a ln(a/E1) + b ln(b/E2)].
    public static func ll2(_ t: Contingency) -> Double { 2 * (xlnx(t.o11, t.e11) + xlnx(t.o21, t.e21)) }

    /// Pearson's χ² over the four cells, without correction.
    public static func chi2(_ t: Contingency) -> Double { t.cells.reduce(0) { $0 + pow($1.o - $1.e, 2) / $1.e } }

    /// Pearson's χ² with Yates's continuity correction: Σ (max(0, |O−E| − ½))² / E.
    public static func chi2Yates(_ t: Contingency) -> Double {
        t.cells.reduce(0) { $0 + pow(max(0, abs($1.o - $1.e) - 0.5), 2) / $1.e }
    }

    /// Pointwise mutual information (Church & Hanks 1990): log2(O11/E11).
    public static func mi(_ t: Contingency) -> Double { log2(t.o11 / t.e11) }
    /// MI² (mutual dependency): log2(O11²/E11).
    public static func mi2(_ t: Contingency) -> Double { log2(t.o11 * t.o11 / t.e11) }
    /// MI³ (Daille 1994): log2(O11³/E11).
    public static func mi3(_ t: Contingency) -> Double { log2(t.o11 * t.o11 * t.o11 / t.e11) }

    /// t-score: (O11 − E11)/√O11.
    public static func t(_ t: Contingency) -> Double { (t.o11 - t.e11) / t.o11.squareRoot() }

    /// z-score: (O11 − E11)/√E11.
    public static func z(_ t: Contingency) -> Double { (t.o11 - t.e11) / t.e11.squareRoot() }

    /// z-score with CQPweb's Yates-style correction (since 3.0.8).
    public static func zYates(_ t: Contingency) -> Double {
        let d = t.o11 - t.e11, sign: Double = d < 0 ? -1 : 1
        let corrected = abs(d) > 0.5 ? abs(d) - 0.5 : abs(d) / 2
        return sign * corrected / t.e11.squareRoot()
    }

    /// Dice: 2·O11/(R1 + C1).
    public static func dice(_ t: Contingency) -> Double { 2 * t.o11 / (t.r1 + t.c1) }
    /// logDice (Rychlý 2008): 14 + log2(Dice).
    public static func logDice(_ t: Contingency) -> Double { 14 + log2(dice(t)) }

    /// ΔP(collocate | node) = O11/R1 − O21/R2.
    public static func deltaPCollocateGivenNode(_ t: Contingency) -> Double { t.o11 / t.r1 - t.o21 / t.r2 }
    /// ΔP(node | collocate) = O11/C1 − O12/C2.
    public static func deltaPNodeGivenCollocate(_ t: Contingency) -> Double { t.o11 / t.c1 - t.o12 / t.c2 }

    /// Log Ratio (Hardie 2014): log2((O11/R1)/(O21/R2)); a zero frequency counts as 0.5 (CQPweb).
    public static func logRatio(_ t: Contingency) -> Double {
        log2((max(t.o11, 0.5) / t.r1) / (max(t.o21, 0.5) / t.r2))
    }

    /// Conservative Log Ratio: the bound of the 95 % confidence interval of Log Ratio nearer to zero (0 if it spans zero).
    public static func logRatioConservative(_ t: Contingency, z: Double = 1.959964) -> Double {
        let a = max(t.o11, 0.5), b = max(t.o21, 0.5)
        let lnRR = log((a / t.r1) / (b / t.r2))
        let se = (1 / a - 1 / t.r1 + 1 / b - 1 / t.r2).squareRoot()
        let lo = (lnRR - z * se) / log(2.0), hi = (lnRR + z * se) / log(2.0)
        if lo > 0 { return lo }
        if hi < 0 { return hi }
        return 0
    }

    /// %DIFF (Gabrielatos & Marchi 2012): (NF1 − NF2)·100/NF2; +∞ when the word is absent from row 2.
    public static func percentDiff(_ t: Contingency) -> Double {
        let nf1 = t.o11 / t.r1, nf2 = t.o21 / t.r2
        return (nf1 - nf2) * 100 / nf2
    }

    /// Relative risk: (O11/R1)/(O21/R2).
    public static func relativeRisk(_ t: Contingency) -> Double { (t.o11 / t.r1) / (t.o21 / t.r2) }
    /// Odds ratio: (O11/O12)/(O21/O22).
    public static func oddsRatio(_ t: Contingency) -> Double { (t.o11 / t.o12) / (t.o21 / t.o22) }

    /// Simple maths (Kilgarriff 2009): (per-million rate in row 1 + k)/(per-million rate in row 2 + k).
    public static func simpleMaths(_ t: Contingency, k: Double = 1) -> Double {
        (t.o11 / t.r1 * 1e6 + k) / (t.o21 / t.r2 * 1e6 + k)
    }

    /// Bayes factor by the BIC approximation (Wilson 2013): G² − ln N (df = 1).
    public static func bic(_ t: Contingency) -> Double { ll(t) - log(t.n) }

}

/// One of the measures above, by the name scripts use (`loupe.stats.NAME`, `measure = "NAME"`)
/// and that result tables print as the column's name.
public enum Measure: String, CaseIterable, Sendable {
    case ll, llSigned = "ll_signed", ll2, chi2, chi2Yates = "chi2_yates", mi, mi2, mi3, t, z, zYates = "z_yates"
    case dice, logDice = "logdice", deltaPCollocateGivenNode = "deltap_collocate_given_node"
    case deltaPNodeGivenCollocate = "deltap_node_given_collocate", logRatio = "log_ratio"
    case logRatioConservative = "log_ratio_conservative", percentDiff = "percent_diff"
    case relativeRisk = "relative_risk", oddsRatio = "odds_ratio", simpleMaths = "simple_maths", bic

    /// The measure of a name as a script writes it (any case); nil for no measure.
    public init?(name: String) { self.init(rawValue: name.lowercased()) }

    public var name: String { rawValue }

    public func callAsFunction(_ c: Contingency) -> Double {
        switch self {
        case .ll: return Measures.ll(c)
        case .llSigned: return Measures.llSigned(c)
        case .ll2: return Measures.ll2(c)
        case .chi2: return Measures.chi2(c)
        case .chi2Yates: return Measures.chi2Yates(c)
        case .mi: return Measures.mi(c)
        case .mi2: return Measures.mi2(c)
        case .mi3: return Measures.mi3(c)
        case .t: return Measures.t(c)
        case .z: return Measures.z(c)
        case .zYates: return Measures.zYates(c)
        case .dice: return Measures.dice(c)
        case .logDice: return Measures.logDice(c)
        case .deltaPCollocateGivenNode: return Measures.deltaPCollocateGivenNode(c)
        case .deltaPNodeGivenCollocate: return Measures.deltaPNodeGivenCollocate(c)
        case .logRatio: return Measures.logRatio(c)
        case .logRatioConservative: return Measures.logRatioConservative(c)
        case .percentDiff: return Measures.percentDiff(c)
        case .relativeRisk: return Measures.relativeRisk(c)
        case .oddsRatio: return Measures.oddsRatio(c)
        case .simpleMaths: return Measures.simpleMaths(c)
        case .bic: return Measures.bic(c)
        }
    }

    /// Keyness measures: significance tests (large for positive and negative keywords alike)…
    public static let keynessSignificance: [Measure] = [.ll, .ll2, .chi2, .chi2Yates, .bic]
    /// …and effect sizes (above their neutral point, 0 or 1, for positive keywords).
    public static let keynessEffect: [Measure] = [.logRatio, .logRatioConservative, .percentDiff, .relativeRisk, .oddsRatio, .simpleMaths]
}
