import LoupeCore
import LuaRuntime

/// Every method's options, in one place: the bindings read their options tables through these
/// schemas (Options), and the API reference lists them under the entries of `byEntry`, so an
/// option the code accepts is an option the reference documents (ReferenceTests checks both ways).
enum MethodOptions {
    typealias O = OptionSpec

    /// Stop words: a built-in list, a list of words, or false for none.
    static let stopWords = O.Kind.either([.choice(StopWords.names, aliases: [:]), .list("words", single: false), .falseValue])

    static let kwicWidth = "a whole number from 1 to 500 (0 to 50 with unit = \"tokens\")"

    static let kwic = OptionsSchema(example: "{width = 40, unit = \"chars\", sort = {\"1R\"}}", [
        O("width", .integer(min: 0, max: 500), defaultText: "40 characters or 5 tokens",
          allowed: kwicWidth, "Context on each side of the match."),
        O("left", .integer(min: 0, max: 500), defaultText: "width", allowed: kwicWidth, "Context on the left."),
        O("right", .integer(min: 0, max: 500), defaultText: "width", allowed: kwicWidth, "Context on the right."),
        O("unit", .choice(["chars", "tokens"], aliases: ["characters": "chars"]), default: .string("chars"),
          "What the widths count: characters or tokens."),
        O("sort", .list("sort keys", single: true), allowed: "a list such as {\"1R\", \"2R\"}",
          "Orders the lines by the tokens named, in turn: \"1L\"…\"50L\", \"1R\"…\"50R\", \"node\", \"doc\"."),
    ])

    static let freq = OptionsSchema([
        O("min", .integer(min: 0, max: nil), default: .int(1), "The fewest occurrences a form needs."),
        O("stop", stopWords, defaultText: "none", "Words to leave out: \"en\", \"ru\" or your own list."),
    ])

    static let ngrams = OptionsSchema([
        O("n", .integer(min: 2, max: 8), default: .int(2), "Tokens in an n-gram."),
        O("min", .integer(min: 0, max: nil), default: .int(2), "The fewest occurrences an n-gram needs."),
        O("within", .choice(Corpus.NGramScope.allCases.map(\.rawValue), aliases: [:]), default: .string("sentence"),
          "What an n-gram may not cross: a sentence, or only a document."),
    ])

    static let collocates = OptionsSchema([
        O("window", .integer(min: 0, max: 1000), default: .int(5), "Tokens on each side of a hit."),
        O("left", .integer(min: 0, max: 1000), defaultText: "window", "Tokens before a hit."),
        O("right", .integer(min: 0, max: 1000), defaultText: "window", "Tokens after a hit."),
        O("measure", .string("a measure's name"), default: .string("logdice"), "The measure that ranks the rows (any loupe.stats measure)."),
        O("min", .integer(min: 0, max: nil), default: .int(2), "The fewest co-occurrences (o11) a row needs."),
        O("stop", stopWords, defaultText: "\"en\" and \"ru\"", "Words left out of the rows; false keeps every word."),
    ])

    static let keyness = OptionsSchema([
        O("measure", .string("a keyness measure's name"), default: .string("ll"), "The measure that ranks the rows."),
        O("min", .integer(min: 0, max: nil), default: .int(5), "The fewest occurrences on the side where a form is key."),
        O("total", .integer(min: 1, max: FrequencyList.largestCount), defaultText: "the sum of the counts",
          "The reference's size in tokens, for a reference given as a table of counts."),
    ])

    static let dispersion = OptionsSchema([
        O("parts", .either([.choice(["documents"], aliases: ["docs": "documents"]), .integer(min: 1, max: nil)]),
          default: .string("documents"), "The parts: the documents, or this many equal slices of the corpus."),
    ])

    static let variants = OptionsSchema([
        O("zeros", .boolean, default: .bool(false), "Rows for every document, also those that use no spelling of a group."),
    ])

    static let lookup = OptionsSchema([
        O("kwic", .boolean, default: .bool(false), "Every counted match with its context, instead of counts."),
        O("width", .integer(min: 1, max: 500), default: .int(40), "Characters of context on each side, with kwic = true."),
        O("by", .choice(["category", "entry"], aliases: [:]), default: .string("category"),
          "What a row counts: a category, or each entry that matched."),
    ])

    static let lexicon = OptionsSchema([
        O("format", .choice(Lexicon.Format.allCases.map(\.rawValue), aliases: ["txt": "text"]), defaultText: "by the file's extension",
          "How the file is written."),
    ])

    static let reuse = OptionsSchema([
        O("min", .integer(min: 2, max: 1000), default: .int(ReuseOptions().minTokens), "Tokens in the shortest exact match."),
        O("gap", .integer(min: 0, max: 50), default: .int(ReuseOptions().maxGap), "Differing tokens allowed between two matches of one passage."),
        O("max_docs", .integer(min: 2, max: nil), default: .int(ReuseOptions().maxDocuments),
          "A run in more documents (or more times) than this is boilerplate and starts nothing."),
    ])

    static let boilerplate = OptionsSchema([
        O("min_docs", .integer(min: 2, max: nil), default: .int(BoilerplateOptions().minDocuments),
          "In how many documents a line must stand to be flagged."),
        O("by", .either([.string("a field name"), .falseValue]), default: BoilerplateOptions().field.map { .string($0) },
          "Lines are compared among documents with the same value of this field; false compares all."),
        O("chrome", .boolean, default: .bool(BoilerplateOptions().chrome), "Flag the built-in chrome patterns."),
        O("patterns", .list("regular expressions", single: true), defaultText: "none", "More patterns that flag a line."),
    ])

    static let turns = OptionsSchema([
        O("unlabeled", .boolean, defaultText: "only for genre \"interview\"",
          "Question-and-answer turns in documents without labels: true for all of them, false for none."),
    ])

    static let quotes = OptionsSchema([
        O("unclosed", .boolean, default: .bool(false), "List quotes whose closing mark never comes."),
    ])

    static let numbers = OptionsSchema([
        O("words", .boolean, default: .bool(true), "Numbers written as words (two, millions of)."),
    ])

    static let offsets = OptionsSchema([
        O("offsets", .boolean, default: .bool(false), "Tables with positions instead of strings."),
    ])

    static let table = OptionsSchema([
        O("columns", .list("column names", single: false), defaultText: "the rows' keys", "The columns, in order."),
    ])

    static let write = OptionsSchema([
        O("overwrite", .boolean, default: .bool(false), "Replace an existing file (with --overwrite on the command line)."),
    ])

    static let plot = OptionsSchema(example: "{kind = \"bar\", x = \"outlet\", y = \"n\", file = \"nato.svg\"}", [
        O("kind", .choice(["bar", "line", "dispersion"], aliases: [:]), default: .string("bar"), "The chart."),
        O("x", .string("a column name"), defaultText: "the first column", "bar: the labels; line: the numbers or dates along the axis."),
        O("y", .string("a column name"), defaultText: "the first column of numbers after x", "The values."),
        O("series", .string("a column name"), "line: a line per value of this column."),
        O("by", .choice(PlotPeriod.allCases.map(\.rawValue), aliases: [:]), "line: y summed per period of the dates in x."),
        O("doc", .string("a column name"), default: .string("doc"), "dispersion: the document."),
        O("position", .string("a column name"), default: .string("start"), "dispersion: a hit's token position."),
        O("length", .string("a column name"), default: .string("tokens"), "dispersion: the document's length in tokens."),
        O("title", .string("a string"), defaultText: "one such as \"n by outlet\"", "The title; \"\" for none."),
        O("xlabel", .string("a string"), "The x axis's label."),
        O("ylabel", .string("a string"), "The y axis's label."),
        O("width", .integer(min: 200, max: 10000), default: .int(BarChart.defaultWidth), "In pixels."),
        O("height", .integer(min: 200, max: 10000), defaultText: "by the rows (450 for a line chart)", "In pixels."),
        O("file", .string("a file name ending in .svg"), defaultText: "none: text", "Write the chart as SVG here and return the path."),
        O("overwrite", .boolean, default: .bool(false), "Replace an existing file (with --overwrite on the command line)."),
    ])

    /// hits:plot draws a dispersion plot: t:plot's options less those that choose the chart and its columns.
    static let hitsPlot = plot.only(["title", "xlabel", "ylabel", "width", "height", "file", "overwrite"])

    /// The reference entry that documents each schema (an entry may stand for several methods).
    static let byEntry: [String: OptionsSchema] = [
        "corpus:kwic": kwic, "corpus:freq": freq, "corpus:ngrams": ngrams, "corpus:collocates": collocates,
        "corpus:keyness": keyness, "corpus:dispersion": dispersion, "corpus:variants": variants,
        "corpus:lookup": lookup, "loupe.lexicon": lexicon, "corpus:reuse": reuse,
        "corpus:boilerplate": boilerplate, "corpus:without_boilerplate": boilerplate,
        "corpus:provenance": .none, "corpus:turns": turns, "corpus:speakers": turns, "doc:turns": turns,
        "corpus:quotes": quotes, "corpus:numbers": numbers,
        "doc:sentences": offsets, "doc:paragraphs": offsets, "doc:tokens": offsets,
        "doc:show": ShowBinding.documentOptions, "hit:show": ShowBinding.hitOptions,
        "hits:plot": hitsPlot, "loupe.table": table, "t:write": write, "t:plot": plot,
    ]
}
