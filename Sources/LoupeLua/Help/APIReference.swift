import LuaRuntime
/// The Lua API reference: one source for docs/api.md, the `help()` function
/// and the REPL's `:help`. A test checks docs/api.md is this text. Each method's
/// options section comes from the schema its binding reads (MethodOptions).
public enum APIReference {
    public struct Entry: Sendable {
        public let name: String
        public let signature: String
        public let text: String
        public let example: String
    }

    public static let entries: [Entry] = [
        Entry(name: "corpus", signature: "corpus",
              text: "The loaded corpus. `#corpus` is the number of documents; `corpus[i]` is the i-th document (1-based, in file order) and `corpus[\"id\"]` the document with that id (methods take precedence: use `corpus:doc(id)` for an id such as \"count\"). `print(corpus)` shows its size and folder.",
              example: "print(#corpus, corpus[1].id)"),
        Entry(name: "corpus:docs", signature: "corpus:docs() -> iterator",
              text: "Iterates over the documents in order.",
              example: "for doc in corpus:docs() do print(doc.id, doc.meta.outlet) end"),
        Entry(name: "corpus:doc", signature: "corpus:doc(id) -> Document or nil",
              text: "The document with this id, or nil.",
              example: "print(corpus:doc(\"lavrov-carlson-2024\").title)"),
        Entry(name: "corpus:count", signature: "corpus:count(query) -> integer",
              text: "How many matches a query has. A query is a string or a Query from loupe.query: a word, a phrase (words in order, quotes optional), wildcards `neo-*`, a regular expression `/kh?[iy]ev/`, a stem `~negotiate`, an exact form `=Kiev`, diacritics ignored `cafe%d`, gaps `_` and `_{0,3}`, alternatives `kiev|kyiv`, and AND, OR, NOT, NEAR/n with parentheses (docs/queries.md). Matching is case-insensitive on the matching forms of docs/text.md. Every match counts, overlapping ones included; a phrase never spans two documents.",
              example: "print(corpus:count(\"nato\"), corpus:count('\"minsk agreements\"'), corpus:count(\"kiev|kyiv\"))"),
        Entry(name: "corpus:search", signature: "corpus:search(query) -> Hits",
              text: "All occurrences as a Hits object: `#hits`; `hits[i]` is a table {doc, start, stop, text, sentence, line, paragraph} where start and stop are 1-based token positions in the document (inclusive) and line and paragraph (1-based) those of its first token; `hits[i]:show()` shows it in its text; `ipairs(hits)` iterates; `hits:docs()` lists the documents with at least one hit; `hits:kwic{width = N}` makes a concordance.",
              example: "local hits = corpus:search(\"minsk\")\nprint(#hits, hits[1].doc, hits[1].sentence)"),
        Entry(name: "corpus:kwic", signature: "corpus:kwic(query, {width = 40, left =, right =, unit = \"chars\", sort = {\"1R\", …}}) -> Concordance",
              text: "Key word in context: one line per occurrence with `width` characters (1–500, default 40) of context on each side, line breaks shown as spaces; `left` and `right` set one side each. `unit = \"tokens\"` counts the context in tokens instead (0–50 a side, default 5). `sort` orders the lines by the matching forms of the tokens named, in turn: \"1L\" the first token left of the match, \"2R\" the second right (up to 50), \"node\" the match, \"doc\" the document (a stable sort: ties keep corpus order; a missing token sorts first); without it, lines are in corpus order. `print` shows the lines aligned on the match; `#k` is their number and `k[i]` a table {doc, left, match, right, start, stop}. `k:table()` gives the lines as a Table with those columns (doc, start, stop, left, match, right), and `k:write(path)` and `k:format(name)` write it as t:write and t:format do; `hits:write(path)` writes hits:table() the same way. With `--format`, a returned concordance or hits object is written as its table.",
              example: "print(corpus:kwic(\"minsk\", {width = 30, sort = {\"1R\", \"2R\"}}))\nprint(corpus:kwic(\"nato\", {unit = \"tokens\", left = 3, right = 3}):table():head(2))"),
        Entry(name: "loupe.query", signature: "loupe.query(text) -> Query",
              text: "A query parsed once, as a value: a mistake in it is an error here, with its column, as corpus:count would report it. Every method that takes a query takes a Query in its place — corpus:count, search, kwic, collocates, dispersion, and the same on sub-corpora and groups — without parsing it again. `tostring(q)` and `q.text` give its text (to extend it: `loupe.query(q.text .. \" regime\")`); two Queries with the same text are equal.",
              example: "local q = loupe.query(\"kiev|kyiv\")\nprint(q, corpus:count(q), #corpus:search(q))\nprint(corpus:group(\"genre\"):count(q))"),
        Entry(name: "corpus:info", signature: "corpus:info() -> table",
              text: "A table {documents, tokens, types, fields, path}: fields lists the metadata field names, the most widely used first.",
              example: "local i = corpus:info() print(i.documents, i.tokens, table.concat(i.fields, \", \"))"),
        Entry(name: "corpus:where", signature: "corpus:where{field = value, …} -> Corpus",
              text: "A sub-corpus: the documents whose metadata match, in corpus order. `{outlet = \"RT\"}` keeps one value (case is ignored), `{outlet = {\"RT\", \"TASS\"}}` any of several, `{date = {\"2022-01-01\", \"2022-12-31\"}}` a range of dates (both ends included; an end given as a year or month, such as \"2022\" or \"2022-03\", includes all of it), `{words = {from = 500, to = 1000}}` a range of anything (numbers compare as numbers). Several fields must all match; `id` and `title` work as fields. A sub-corpus does everything a corpus does (count, search, kwic, where, filter, group, the analyses); `print` shows how it was chosen.",
              example: "local y2022 = corpus:where{date = {\"2022\", \"2022\"}}\nprint(y2022, y2022:count(\"nato\"))\nprint(corpus:where{outlet = {\"RT\", \"TASS\"}}:where{genre = \"interview\"})"),
        Entry(name: "corpus:filter", signature: "corpus:filter(function(doc) … end) -> Corpus",
              text: "A sub-corpus: the documents for which the function returns a true value, in corpus order; the function gets each Document. `corpus:filter{field = value, …}`, with a table, is the older spelling of corpus:where and still works.",
              example: "print(#corpus:filter(function(doc) return #doc > 2000 end))"),
        Entry(name: "corpus:group", signature: "corpus:group(field) -> Groups",
              text: "Sub-corpora by the value of a metadata field, ordered by value (numbers numerically); documents without the field form the group \"(none)\", last. `#groups`, `groups[i]` (a sub-corpus), `groups:values()`, `for value, sub in groups:each() do … end`. Every corpus method works on the groups and gives one table with a row per group (or per group and result row), the group's value first: `groups:count(q)` gives n (the matches, named as in count_by and freq) with documents, tokens and per_10k (matches per 10,000 tokens). A field no document has is an error naming the fields there are (so are where's and count_by's).",
              example: "print(corpus:group(\"genre\"):count(\"nato\"))\nfor genre, sub in corpus:group(\"genre\"):each() do print(genre, #sub) end"),
        Entry(name: "corpus:freq", signature: "corpus:freq{min = 1, stop = nil} -> Table",
              text: "The word list: one row per form (matching form) with at least `min` occurrences — columns form, n, per_10k (per 10,000 tokens of the whole corpus), docs (documents containing it) — most frequent first, ties by form. `stop` leaves words out: a built-in list, \"en\" or \"ru\" (Snowball's English and Russian stop words), or a list of words (any case). Every token is a word: punctuation is never a token. Definitions: docs/statistics.md, Analyses.",
              example: "print(corpus:freq{min = 5, stop = \"en\"}:head(5))"),
        Entry(name: "corpus:ngrams", signature: "corpus:ngrams{n = 2, min = 2, within = \"sentence\"} -> Table",
              text: "Runs of n consecutive tokens (n from 2 to 8) seen at least `min` times: columns ngram (forms joined by a space), n (occurrences, overlapping ones included), docs; most frequent first, ties by n-gram. An n-gram never crosses a document boundary, and by default not a sentence boundary either (punctuation is not a token, so `said. NATO` would otherwise be the bigram `said nato`); `within = \"document\"` lets it cross sentences, as AntConc does.",
              example: "print(corpus:ngrams{n = 3, min = 3}:head(5))"),
        Entry(name: "corpus:collocates", signature: "corpus:collocates(query, {window = 5, left =, right =, measure = \"logdice\", min = 2, stop =}) -> Table",
              text: "Words near every hit of the query: `left` tokens before and `right` after it (`window` sets both; default 5), within its document. A token inside several windows counts once, and no token of any hit counts. Columns: collocate, o11 (occurrences in the windows), e11 (R1·C1/N, R1 = tokens in all windows, C1 = the collocate's frequency, N = corpus tokens), f_node (hits), f_collocate, docs (documents where it occurs in a window), and the measure in a column of its name: logdice, mi, mi3, t, z, ll_signed, ll, dice, deltap_collocate_given_node, deltap_node_given_collocate, log_ratio or any loupe.stats measure. Rows with o11 ≥ min, highest measure first. Use ll_signed rather than ll to rank: ll is also high for words that avoid the node. `stop` leaves words out of the rows (they still fill their places in the windows, so the other rows' numbers do not change): by default the English and Russian stop words (the function words logDice would otherwise rank first); `stop = false` keeps every word, `\"en\"`, `\"ru\"` or a list of words chooses another list.",
              example: "print(corpus:collocates(\"nato\", {window = 5, measure = \"logdice\", min = 3}):head(5))"),
        Entry(name: "corpus:keyness", signature: "corpus:keyness(reference, {measure = \"ll\", min = 5}) -> Table",
              text: "Keywords of this corpus against a reference: another corpus (often the whole corpus for a sub-corpus), a frequency-list file (`word<TAB>count` or `word,count` per line, optional header, optional `# total: N` line; read under the same rules as io.open), or a table {form = count} with `total` in the options (default: the sum). Forms are compared as matching forms. Columns: form, f_focus, f_ref, per_10k_focus, per_10k_ref, the measure (ll, ll2, chi2, chi2_yates, bic, log_ratio, log_ratio_conservative, percent_diff, relative_risk, odds_ratio, simple_maths), and key: \"+\" when the form is relatively more frequent here, \"-\" when less. A row needs at least `min` occurrences on the side where it is key. Positive keywords come first, then negative ones, each strongest first.",
              example: "local rt = corpus:where{outlet = \"RT\"}\nprint(rt:keyness(corpus, {measure = \"log_ratio\", min = 3}):head(5))"),
        Entry(name: "corpus:dispersion", signature: "corpus:dispersion(query, {parts = \"documents\"}) -> summary, parts",
              text: "How evenly the hits spread over the documents, or over `parts = n` equal slices of the corpus (in tokens). Returns two Tables: a one-row summary — hits, parts, range (parts with a hit), juilland_d, dp (Gries's DP: 0 even, near 1 concentrated), dp_norm — and one row per part: part (document id, or 1…n), size (tokens), hits, per_10k. A hit counts in the part holding its first token. Read the measures next to the frequency (docs/statistics.md).",
              example: "local summary, parts = corpus:dispersion(\"minsk\")\nprint(summary)\nprint(parts:sort(\"hits\", \"desc\"):head(3))"),
        Entry(name: "corpus:variants", signature: "corpus:variants([groups] [, {zeros = true}]) -> Table",
              text: "Spelling variants, each spelling counted on its own per document: one row per document, group and spelling, with columns doc, outlet, date, group, form, n, possessive, share. Without groups, the built-in Ukrainian place names (Kyiv/Kiev, Kharkiv/Kharkov, Odesa/Odessa, Luhansk/Lugansk, Donbas/Donbass, Mykolaiv/Nikolaev, Zaporizhzhia/Zaporozhye, Bakhmut/Artemovsk, Kryvyi Rih/Krivoy Rog, …: `loupe.variants.list()`); or your own, `{{\"kiev\", \"kyiv\"}, {\"donbass\", \"donbas\", name = \"Donbas\"}}` (one group may be given alone). A spelling matches its words in any case and, on its last word, the possessive: n counts Kiev and Kiev's, and possessive says how many of n were 's forms; compounds such as pro-Kiev are tokens of their own and do not count. share is n over the document's count for the whole group. A document has rows for a group only when it uses one of its spellings (then one per spelling, zeros included); {zeros = true} gives every document. Rules: docs/source-criticism.md.",
              example: "print(corpus:variants{{\"kiev\", \"kyiv\"}}:group(\"form\"):sum(\"n\"))"),
        Entry(name: "loupe.variants", signature: "loupe.variants.query(word [, groups]) -> string or nil; loupe.variants.list([groups]) -> Table",
              text: "`query` merges the group a word belongs to into one query, to count a topic whatever the spelling: `loupe.variants.query(\"kyiv\")` is `kyiv|kiev|kyiv's|kiev's` (a group with spellings of several words gives phrases joined by OR); nil for a word in no group. The result works wherever a query does, also followed by more words: `corpus:count(q .. \" regime\")`. `list` gives the groups as a Table with columns group, form, position (1 for the first spelling; in the built-in groups that is the Ukrainian national romanization, the others are Russian-derived or former names).",
              example: "local q = loupe.variants.query(\"kyiv\")\nprint(q, corpus:count(q), corpus:count(q .. \" regime\"))"),
        Entry(name: "corpus:lookup", signature: "corpus:lookup(lexicon [, {kwic = true, width = 40} | {by = \"entry\"}]) -> Table",
              text: "Dictionary lookup: one row per document and category, zeros included, with columns doc, outlet, date, category, n, tokens (the document's) and per_10k (n per 10,000 of them). The lexicon comes from `loupe.lexicon` (a table {category = {entries…}} works too, and so does the name of a lexicon a plugin registered: `corpus:lookup(\"loaded\")`); each entry is a query: a word, a phrase, a wildcard `neo-nazi*`, alternatives. Within one category overlapping matches count once (the longest, then the entry listed first: with entries \"regime\" and \"kiev regime\", \"the Kiev regime\" is one match); a word may count in several categories. {kwic = true} lists every counted match instead: doc, category, entry, start, stop, left, match, right, with `width` characters of context (default 40). {by = \"entry\"} gives doc, category, entry, n for the entries that matched; these add up to n.",
              example: "local lex = loupe.lexicon{hedges = {\"allegedly\", \"reportedly\", \"so-called\"}, certainty = {\"of course\", \"clearly\"}}\nprint(corpus:lookup(lex):sort(\"per_10k\", \"desc\"):select(\"doc\", \"category\", \"n\", \"per_10k\"):head(3))"),
        Entry(name: "loupe.lexicon", signature: "loupe.lexicon(path [, {format = \"yaml\"|\"text\"|\"dic\"}]) or loupe.lexicon{category = {entries…}} -> Lexicon",
              text: "A lexicon for corpus:lookup, read from a file or made from a table (categories then in alphabetical order). Files: `.yaml`/`.yml` hold `category:` lines, each followed by `  - entry` lines; `.dic` is LIWC's format: a `%` line, `number<TAB>category` lines, a `%` line, then `entry<TAB>number<TAB>…` lines (`*` wildcards); any other extension is plain text: `# category` headings, then one entry per line. Every entry is checked as a query when the file is read; a mistake is an error naming the file and the line. A relative path is looked for in the current folder, then in the corpus folder, the script's folder and scripts/ (so `loupe.lexicon(\"lexicons/loaded-labels.yaml\")` finds the starter lexicon), and a sandboxed script reads only inside those folders. `#lex` is the number of categories, `lex:categories()` lists them, `lex:table()` gives category, entry, line.",
              example: "local lex = loupe.lexicon{loaded = {\"regime\", \"junta\", \"neo-nazi*\"}, hedges = {\"allegedly\", \"so-called\"}}\nprint(lex, #lex, lex:table()[1].entry)"),
        Entry(name: "loupe.lexicons", signature: "loupe.lexicons() -> table",
              text: "The lexicons plugins registered (`loupe.register{name = \"loaded\", lexicon = {category = {entries…}} or \"file.yaml\"}`, docs/plugins.md), as a table from name to Lexicon. `corpus:lookup(\"loaded\")` uses one by name; `help()` lists them and `help(\"loaded\")` shows one. A name that is already registered, or a malformed entry, is an error naming the plugin's file and line.",
              example: "loupe.register{name = \"hedging\", lexicon = {hedges = {\"allegedly\", \"reportedly\", \"so-called\"}}}\nprint(loupe.lexicons().hedging)\nprint(corpus:lookup(\"hedging\"):sort(\"n\", \"desc\"):select(\"doc\", \"n\"):head(3))"),
        Entry(name: "corpus:reuse", signature: "corpus:reuse{min = 8, gap = 2, max_docs = 100} -> Table",
              text: "Passages that two documents share, one row per passage and pair of documents: doc_a, start_a, stop_a, doc_b, start_b, stop_b (token positions, 1-based and inclusive as in hits), tokens (the passage's length in doc_a), differences, text (as doc_a has it) and changes. Every run of `min` tokens is hashed (tokens compared by matching form); each run two documents share is extended left and right as far as they agree. Exact matches of at least `min` tokens that follow each other after at most `gap` differing tokens on each side make one passage: differences counts the changed, inserted or deleted tokens and changes shows them (\"January 27 → February 10\"); gap = 0 gives exact matches only. A run found in more than `max_docs` documents (or more than max_docs times) is boilerplate-level and starts nothing. Repeats within one document are not reuse; three documents sharing a passage give three rows. Rules: docs/source-criticism.md.",
              example: "local t = corpus:reuse{min = 8}\nprint(#t, t[1].doc_a, t[1].doc_b, t[1].text)"),
        Entry(name: "corpus:boilerplate", signature: "corpus:boilerplate{min_docs = 2, by = \"outlet\", chrome = true, patterns = {…}} -> Table",
              text: "Lines that are page furniture rather than text, one row per flagged line: doc, line (its number in doc.text), text, reason, pattern, documents. A line with at least one token is flagged when the same line (the same tokens, case ignored) stands in at least `min_docs` documents with the same `by` value (the outlet by default; by = false turns this off; documents without the field are compared with none), or when it matches one of the built-in chrome patterns (\"Continue reading\", \"Share this article\", \"Leave a Reply\", subscribe and newsletter prompts, cookie notices, \"All rights reserved\", …, each only on a line of a few tokens; chrome = false turns them off), or one of `patterns` (regular expressions, case ignored, any line length). The patterns are listed in docs/source-criticism.md.",
              example: "print(corpus:boilerplate():select(\"doc\", \"line\", \"reason\"):head(4))"),
        Entry(name: "corpus:without_boilerplate", signature: "corpus:without_boilerplate{…} -> Corpus, Table",
              text: "A new corpus of the same documents with every line that corpus:boilerplate{…} flags emptied (line numbers stay; an emptied line separates paragraphs), and the table of the lines removed. Each document's metadata gains `boilerplate_removed`, how many of its lines were emptied; print(corpus) says how many in all. The files on disk are not touched. Takes the options of corpus:boilerplate.",
              example: "local clean, removed = corpus:without_boilerplate()\nprint(clean, #removed, corpus:count(\"subscribe\"), clean:count(\"subscribe\"))"),
        Entry(name: "corpus:provenance", signature: "corpus:provenance() -> Table",
              text: "What each document says about where it comes from, one row per finding: doc, kind, value, iso, line, text. Kinds: `url` (links starting http://, https:// or www.); `domain` (each link's host without www., and bare names such as kremlin.ru); `from` (a short line \"From RT\", \"From the Kremlin\"); `transcript` (\"Transcript from …\"); `by` (a byline line \"By …\" or \"Written by …\", or \"interview with X by Y\"); `translated` (\"Translated [from …] by …\"); `republished` (\"publish this interview\", \"republished\", \"reprinted\", \"originally appeared in\", \"first published\", \"courtesy of\", a line \"Source: …\"); `truncated` (a line \"Continue reading\" or \"Read more\"); `date` (2022-02-18, 18 February 2022, February 18, 2022, Feb. 18, September 23-27, Sept. 20, February 2014, the 14th of June, 18.02.2022). `iso` is a date's ISO 8601 form where the text allows it (YYYY-MM-DD, YYYY-MM, or --MM-DD when no year is given); `line` is the 1-based line of the document's text and `text` that line (cut to 120 characters). Also `doc:provenance()`. The rules: docs/source-criticism.md.",
              example: "print(corpus:provenance():where{kind = {\"from\", \"by\", \"translated\"}}:select(\"doc\", \"kind\", \"value\", \"line\"))"),
        Entry(name: "corpus:turns", signature: "corpus:turns([{unlabeled = true|false}]) -> Table",
              text: "Speaker turns in interviews and transcripts: doc, turn, speaker, line, text (its first 80 characters), words, share (of the words in the document's turns) and questions (its sentences that end with '?'). A turn starts at a paragraph — or a line after a line that ends a sentence — opening with a speaker label: `Question:`, `Q:`, `Sergey Lavrov:`, `TUCKER CARLSON:` (a role such as Q, A, Host, or 1–4 capitalised words with no digits that are not a month; \"of\", \"de\", \"van\" … may stand between). It goes on over the next paragraphs while each ends with punctuation. `Note:`, `Source:`, `Editor's note:` and the like end a turn; a line such as \"Sept. 20:\" or \"10:30\" is no label, nor is the document's title; a document needs two labels to have turns. A document without labels whose genre is \"interview\" gets `(question)` and `(answer)` turns: a paragraph (or line) ending with '?' is a question and what follows it the answer; `{unlabeled = true}` does this for every document without labels, `{unlabeled = false}` for none. Also `doc:turns()`. The rules: docs/source-criticism.md.",
              example: "print(corpus:turns():head(4):select(\"doc\", \"turn\", \"speaker\", \"words\", \"questions\"))"),
        Entry(name: "corpus:speakers", signature: "corpus:speakers([{unlabeled = true|false}]) -> Table",
              text: "One row per document and speaker of corpus:turns, in order of first turn: doc, speaker, turns, words, share (of the document's words in turns) and questions. Labels that differ only in case or spacing are one speaker. Also `doc:speakers()`.",
              example: "print(corpus:speakers())"),
        Entry(name: "corpus:quotes", signature: "corpus:quotes([{unclosed = true}]) -> Table",
              text: "Direct quotes: doc, outlet, line, quote, words, speaker, verb, scare, depth, marks, sentence. A quote runs from an opening “, \", ‘ or « to its closing mark (a mismatched ‘…” or “…’ counts too); ’ inside a word or before one is an apostrophe, and so is ’ after a word when no ‘ is open. A quote inside a quote is a row of its own with depth 2. A quote never crosses a blank line unless the next paragraph opens with the same mark (a quote of several paragraphs); a quote whose closing mark never comes is left out, or listed with `{unclosed = true}` (then an `unclosed` column is added). `speaker` is who a reporting verb (said, told, claimed, noted, added, stressed, declared, wrote, according to, …) next to the quote names: “…,” the envoy said · “…,” said Lavrov · Basurin said: “…” · Putin claimed that Kiev was committing “…”; `verb` is that verb as written. A quote with no speaker of its own takes the speaker of another quote in its sentence, or, when it opens a sentence, of the quote before it in the paragraph. `scare` is true for a quote of 1–3 words with no speaker. Per outlet: `corpus:group(\"outlet\"):quotes()`. Also `doc:quotes()`. The rules: docs/source-criticism.md.",
              example: "local q = corpus:quotes()\nprint(#q, #q:where{scare = true})\nprint(q:where{doc = \"rt-genocide-denial-2022-02-18\"}:select(\"quote\", \"speaker\", \"verb\"):head(3))"),
        Entry(name: "corpus:numbers", signature: "corpus:numbers([{words = false}]) -> Table",
              text: "Claims with numbers: doc, kind, value, number, unit, line, sentence. Kinds: `number` (3,000 · 1.5 · 4.5 million · two · millions of), `percent` (15% · 40 percent · 5 per cent · 80-90%), `money` ($5 billion · $ 5.0 billion · €3bn · US$10 · 100 million rubles · ten billion dollars), `date` (as corpus:provenance finds them) and `year` (a four-digit number from 1800 to 2100 standing alone, 1941-1945, 1980s). `value` is the text; `number` its value (a range gives its first value; dates and words such as \"millions\" none); `unit` the noun counted — among the next three words, up to a function word, the first plural, else the first lowercase word (\"3,000 troops\", \"17 European countries\"; after % the noun after \"of\") — or a sum's currency. Codes (G20, S-300), times (16:00), ordinals (82nd) and list numbers (\"1.\" opening a line) are no claims; `{words = false}` leaves out numbers written as words. Also `doc:numbers()`. The rules: docs/source-criticism.md.",
              example: "print(corpus:numbers():where{kind = \"money\"}:select(\"doc\", \"value\", \"number\", \"unit\"))"),
        Entry(name: "Document", signature: "doc.id, doc.title, doc.text, doc.meta, doc.source, #doc",
              text: "A document: its id, title, original text (untouched), metadata table (outlet, author, date, url, genre, language, source, … as the file gives them), the file and line range it was read from, and `#doc`, its number of tokens.",
              example: "local d = corpus[1]\nprint(d.id, d.meta.outlet, #d, d.source)"),
        Entry(name: "doc:sentences", signature: "doc:sentences([{offsets = true}]) -> table",
              text: "The document's sentences as strings. With {offsets = true}, tables {text, start, stop, first_token, last_token}: start and stop are 1-based byte positions for `string.sub(doc.text, start, stop)`, first_token and last_token 1-based token positions. Sentence rules are in docs/text.md.",
              example: "print(corpus[1]:sentences()[1])"),
        Entry(name: "doc:paragraphs", signature: "doc:paragraphs([{offsets = true}]) -> table",
              text: "The document's paragraphs (separated by blank lines) as strings, or tables with offsets as for doc:sentences.",
              example: "print(#corpus[1]:paragraphs())"),
        Entry(name: "doc:tokens", signature: "doc:tokens([{offsets = true}]) -> table",
              text: "The document's tokens as they stand in the text. With {offsets = true}, tables {text, form, start, stop}: form is the matching form that queries compare.",
              example: "local t = corpus[1]:tokens() print(#t, t[1])"),
        Entry(name: "doc:turns", signature: "doc:turns([{unlabeled = true|false}]) -> Table",
              text: "The speaker turns of one document, as corpus:turns gives them. `doc:speakers()`, `doc:quotes()`, `doc:numbers()` and `doc:provenance()` likewise give the corpus method's table for this document alone.",
              example: "local t = corpus:doc(\"kagarlitsky-ukraine-uprising-interview\"):turns()\nprint(#t, t[1].speaker, t[1].text)"),
        Entry(name: "doc:show", signature: "doc:show{q = query, from = 1, to = last}",
              text: "The document's text with its lines numbered and every hit of `q` marked — reverse video at a terminal, `[[` `]]` elsewhere; a match across a line break is marked on both lines. At the interactive REPL on a terminal the text goes through `$PAGER` (default `less -R`); elsewhere it is printed. `from` and `to` show only those lines. The line numbers are the text's own (a blank line between paragraphs counts), the ones `hits[i].line` gives and the browser's reader shows.",
              example: "corpus:doc(\"rt-genocide-denial-2022-02-18\"):show{q = \"genocide\", from = 1, to = 5}"),
        Entry(name: "hit:show", signature: "hits[i]:show{context = 2}",
              text: "One hit in its document: its lines and `context` lines before and after, numbered, the hit marked as doc:show marks it, after a line naming the document and the hit's line.",
              example: "corpus:search(\"genocide denial\")[1]:show{context = 1}"),
        Entry(name: "hits:count_by", signature: "hits:count_by(field) -> Table",
              text: "How many hits each value of a metadata field has, as a Table with two columns: the field and `n`, most hits first (ties by value). `\"doc\"` (or `\"id\"`) counts per document; documents without the field count as \"(none)\".",
              example: "print(corpus:search(\"nato\"):count_by(\"outlet\"))"),
        Entry(name: "hits:table", signature: "hits:table() -> Table",
              text: "The hits as a Table with columns doc, start, stop, text, sentence (as `hits[i]`).",
              example: "local t = corpus:search(\"minsk agreements\"):table()\nprint(#t, t[1].doc, t[1].start)"),
        Entry(name: "hits:plot", signature: "hits:plot([{file = \"x.svg\", title =, width =, height =, overwrite =}]) -> string",
              text: "A dispersion plot, as AntConc draws one: a row per document with hits (in corpus order), the document as a band from its first token (left) to its last (right) — every document the same width, however long — and a vertical stroke at each hit's relative position (the middle of its first token); the number of hits and of tokens on the right. It shows where in each text a word comes, and whether in bursts or throughout. With `file`, the plot is written as SVG under the rules of t:plot (the title defaults to `Dispersion of \"query\"`) and the path is returned; without, it comes back as text: a line per document, 50 cells between brackets, `|` where a cell holds a hit, then the number of hits.",
              example: "local hits = corpus:search(\"minsk\")\nprint(hits:plot())\nlocal path = hits:plot{file = \"minsk-dispersion.svg\", overwrite = true}\nprint(path:match(\"[^/]+$\"))"),
        Entry(name: "loupe.table", signature: "loupe.table(rows [, {columns = {…}}]) -> Table",
              text: "A Table from a list of rows, each a table {column = value}; values are strings, numbers, booleans or nil (an empty cell). Without `columns`, the columns are the first row's keys, then keys first seen in later rows: within a row doc, id, word, form and text come first and the rest in alphabetical order. `{columns = {\"word\", \"n\"}}` fixes the columns and their order (other keys are ignored), and lets rows be lists `{\"nato\", 69}`. Analyses return Tables too.",
              example: "local t = loupe.table{ {word = \"nato\", n = 69}, {word = \"minsk\", n = 32} }\nprint(t)"),
        Entry(name: "Table", signature: "#t, t[i], t:rows(), t:columns(), t:column(name), print(t)",
              text: "A result table, stored by column in Swift. `#t` is its number of rows; `t[i]` the i-th row as a table {column = value} (an empty cell is nil); `ipairs(t)` and `for row in t:rows() do … end` iterate; `t:columns()` lists the column names; `t:column(name)` gives a column's values as a list. Every method returns a new Table and leaves `t` as it was. `print(t)` and the REPL show it aligned: numbers right-aligned, doubles with at most 4 decimals, the first 20 rows, cut to the terminal's width. With `--format csv` (or tsv, json, jsonl, md, html) a Table that is printed, or that a `-e` chunk or script returns, is written in that format instead.",
              example: "local t = corpus:search(\"nato\"):count_by(\"outlet\")\nprint(#t, t[1].outlet, t[1].n, table.concat(t:columns(), \", \"))\nfor row in t:rows() do print(row.outlet, row.n) end"),
        Entry(name: "t:sort", signature: "t:sort(column [, \"asc\"|\"desc\"], column2, …) -> Table",
              text: "Sorted by the columns in turn, each ascending unless followed by \"desc\". Numbers sort by value, before text (by Unicode code points), before booleans; empty cells come last in both directions. The sort is stable: rows that tie keep their order.",
              example: "print(corpus:search(\"nato\"):count_by(\"outlet\"):sort(\"n\", \"desc\", \"outlet\"))"),
        Entry(name: "t:head", signature: "t:head([n]) -> Table",
              text: "The first n rows (default 10; all of them when there are fewer).",
              example: "print(corpus:search(\"nato\"):table():head(3):select(\"doc\", \"text\"))"),
        Entry(name: "t:filter", signature: "t:filter(function(row) … end) -> Table",
              text: "The rows for which the function returns a true value; it gets each row as a table. An error in the function stops the filter with a message naming the row and both lines. Given a table of conditions instead of a function, it is t:where (as corpus:filter{…} is corpus:where).",
              example: "local t = corpus:search(\"nato\"):count_by(\"outlet\")\nprint(t:filter(function(r) return r.n >= 10 end))"),
        Entry(name: "t:where", signature: "t:where{column = value, column2 = {v1, v2}, …} -> Table",
              text: "The rows whose cells equal the values (a list: any of them); every condition must hold, as corpus:where does for documents. Numbers match by value (2 matches 2.0); empty cells match nothing.",
              example: "local t = corpus:search(\"nato\"):table()\nprint(#t:where{doc = {\"lavrov-carlson-2024\", \"rt-genocide-denial-2022-02-18\"}})"),
        Entry(name: "t:add", signature: "t:add(column, function(row) … end) -> Table",
              text: "A column computed from each row (or, given a value instead of a function, that value in every row). A new name is added at the end; an existing column is replaced where it stands.",
              example: "local t = corpus:search(\"nato\"):count_by(\"outlet\")\nprint(t:add(\"share\", function(r) return r.n / corpus:count(\"nato\") end))"),
        Entry(name: "t:select", signature: "t:select(column, …) -> Table",
              text: "Only these columns, in this order (also as a list, `t:select{\"a\", \"b\"}`).",
              example: "print(corpus:search(\"minsk\"):table():select(\"text\", \"doc\"):head(3))"),
        Entry(name: "t:join", signature: "t:join(other, key) -> Table",
              text: "Inner join on a column both tables have: for each row of `t`, in order, one row per row of `other` with the same key (so duplicate keys multiply rows; rows without a match are dropped; empty keys never match). The columns are t's, then other's except the key; a name t already has gets `_2` (then `_3`, …).",
              example: "local nato = corpus:search(\"nato\"):count_by(\"outlet\")\nlocal minsk = corpus:search(\"minsk\"):count_by(\"outlet\")\nprint(nato:join(minsk, \"outlet\"))"),
        Entry(name: "t:group", signature: "t:group(column, …) -> Grouping; g:count(), g:sum(column, …), g:mean(column, …)",
              text: "Rows grouped by the values of one or more columns (groups in order of first appearance; numbers by value; empty cells form a group). `:count()` gives the group columns and `n`; `:sum(col)` the sum of each group's numbers (empty cells skipped; an integer while every value is one) and `:mean(col)` their mean (empty when there are none), under the column's own name. A cell that is not a number is an error naming its row.",
              example: "local t = corpus:search(\"nato\"):table()\nprint(t:group(\"doc\"):count():sort(\"n\", \"desc\"):head(3))\nprint(t:group(\"doc\"):mean(\"start\"):head(3))"),
        Entry(name: "t:print", signature: "t:print([n])",
              text: "Prints the table aligned, the first n rows (default 20) and a line saying how many more. With `--format`, all rows (or the first n) in that format.",
              example: "corpus:search(\"nato\"):count_by(\"outlet\"):print(3)"),
        Entry(name: "t:format", signature: "t:format(name) -> string",
              text: "The table as text in a file format: \"csv\", \"tsv\", \"json\", \"jsonl\", \"md\" or \"html\" (as t:write writes it).",
              example: "print(corpus:search(\"nato\"):count_by(\"outlet\"):head(2):format(\"md\"))"),
        Entry(name: "t:write", signature: "t:write(path [, {overwrite = true}]) -> string",
              text: "Writes the table to a file in the format its extension names, and returns the path written. .csv: RFC 4180 with a header row, quoted fields where needed, LF line ends; .tsv: tabs, with tab, line feed, carriage return and backslash in a field written `\\t`, `\\n`, `\\r`, `\\\\`; .json: an array of objects (NaN and infinities as null); .jsonl: one object per line; .md: a Markdown pipe table; .html: a small complete page. csv, tsv and json keep every digit of a number; md and html show at most 4 decimals. A relative path is inside the output folder (`--out DIR`, made if missing; default ./results, made on the first write), and the file must stay inside it, never inside the corpus or scripts/ (`..` and links leading out are refused; `--unsafe` lifts this). An existing file is replaced only with {overwrite = true} and `--overwrite` on the command line. The file appears whole or not at all: it is written under a temporary name in the same folder, then renamed.",
              example: "local t = corpus:search(\"nato\"):count_by(\"outlet\")\nlocal path = t:write(\"nato-by-outlet.csv\", {overwrite = true})\nprint(path:match(\"[^/]+$\"))"),
        Entry(name: "t:plot", signature: "t:plot{kind = \"bar\"|\"line\"|\"dispersion\", x =, y =, file =, …} -> string",
              text: "Draws the table as a chart. With `file` (a name ending in .svg) the chart is written as an SVG file for a browser — a title, axis labels, ticks at round numbers (steps of 1, 2 or 5), labels too long for their place shortened with \"…\" (the full text shows on hover) — under the rules of t:write: inside the output folder, never over an existing file unless {overwrite = true} and `--overwrite`, whole or not at all; the path is returned. `kind = \"bar\"` (the default): a horizontal bar per row, in the table's order, labelled with the column `x` (default: the first column) and as long as the column `y` (default: the first column of numbers after it); negative values go left of zero. Without `file`, a bar chart comes back as text bars (Unicode blocks, scaled so the longest is 40 cells, the value after each; no bar for zero or less): print it, or let the REPL show it. `kind = \"line\"`: `y` over `x`, which holds numbers or dates written YYYY, YYYY-MM or YYYY-MM-DD (a year stands for January 1, a month for its first day; they may be mixed), on a time axis where distance is time; points are joined in x order; `series = column` draws a line per value of that column, with a legend; `by = \"month\"` (or \"year\", \"week\" — starting on Monday — or \"day\") sums y per period of the dates in x, one point a period, and joins only neighbouring periods, so a period without data is a gap in the line, never a zero; the y axis starts at zero unless values are negative. A line chart needs `file`. `kind = \"dispersion\"`: the plot of hits:plot from a table with the columns `doc` (the document), `position` (a hit's 1-based token position, default \"start\", as hits:table() gives it) and `length` (the document's length in tokens, default \"tokens\"). Every kind takes `title`, `xlabel`, `ylabel`, `width` and `height` (below). An unknown option, a missing column or a cell that is not a number (or date) is an error that names it.",
              example: "local t = corpus:search(\"nato\"):count_by(\"outlet\"):sort(\"n\", \"desc\"):head(5)\nprint(t:plot{x = \"outlet\", y = \"n\"})\nlocal path = t:plot{kind = \"bar\", x = \"outlet\", y = \"n\", file = \"nato-by-outlet.svg\", overwrite = true}\nprint(path:match(\"[^/]+$\"))"),
        Entry(name: "print", signature: "print(...)",
              text: "Writes its arguments, separated by tabs, to standard output. Loupe objects print as something readable: a corpus its size, a document its id, title and outlet, hits their count and first matches, a concordance its aligned lines.",
              example: "print(corpus:search(\"nato\"))"),
        Entry(name: "loupe.show", signature: "loupe.show(...)",
              text: "Shows its arguments as the REPL shows a value: a Table aligned, a list of records as a table, other tables as `{key = value, …}`, several values tab-separated unless one is a table (then each on lines of its own). Unlike the REPL it never cuts a cell or a line. `:save` writes an expression that showed values as `loupe.show(expression)`, so the saved script prints what the session showed.",
              example: "loupe.show({{word = \"nato\", n = 69}, {word = \"kiev\", n = 59}})"),
        Entry(name: "arg", signature: "arg, ...",
              text: "For `loupe run FILE.lua A B`: `arg[0]` is the script's path, `arg[1]`, `arg[2]` … its arguments, which are also the chunk's `...`, as in the standalone `lua`.",
              example: "print(arg and arg[0])"),
        Entry(name: "loupe", signature: "loupe.version, loupe.lua",
              text: "Loupe's version and the Lua release it embeds.",
              example: "print(loupe.version, loupe.lua)"),
        Entry(name: "loupe.stats", signature: "loupe.stats.MEASURE(o11, o12, o21, o22) -> number",
              text: "Every association and keyness measure on the four cells of a 2×2 table (or a table {o11, o12, o21, o22}): ll (4-term G²), ll_signed, ll2 (2-term, UCREL), chi2, chi2_yates, mi, mi2, mi3, t, z, z_yates, dice, logdice, deltap_collocate_given_node, deltap_node_given_collocate, log_ratio, log_ratio_conservative, percent_diff, relative_risk, odds_ratio, simple_maths, bic. `loupe.stats.keyness_table(f1, size1, f2, size2)` and `loupe.stats.bigram_table(joint, f1, f2, n)` build the cells; `loupe.stats.dispersion(freqs, sizes)` gives range, juilland_d, dp, dp_norm, rosengren_s, carroll_d2; `loupe.stats.arf(positions, size)` the average reduced frequency. Definitions: docs/statistics.md.",
              example: "local t = loupe.stats.keyness_table(23, 263, 551, 8870)\nprint(loupe.stats.ll(t), loupe.stats.log_ratio(t))"),
        Entry(name: "help", signature: "help([name])",
              text: "Prints this reference: the entry for a name such as \"corpus:kwic\" or \"kwic\", or the list of names.",
              example: "help(\"corpus:count\")"),
    ]

    /// The entry for a name: exact, then by the part after ':' or '.'.
    public static func entry(_ name: String) -> Entry? {
        let n = name.trimmingCharactersInSet()
        return entries.first { $0.name == n }
            ?? entries.first { $0.name.split(whereSeparator: { $0 == ":" || $0 == "." }).last.map(String.init) == n }
    }

    public static func text(for name: String?) -> String {
        guard let name, !name.isEmpty else {
            return HelpIndex.text(names: entries.map(\.name))
        }
        guard let e = entry(name) else { return "No help for '\(name)'. Type help() for the list." }
        return "\(e.signature)\n\n\(e.text)\n\n" + (e.optionsSection.map { $0 + "\n\n" } ?? "") + "Example:\n" + e.example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    }

    /// The rule of the verbs, for docs/api.md's introduction (and docs/design.md §8).
    static let verbs = "One meaning per verb, on a corpus and a Table alike. `where{field = value, …}` keeps what matches the values: documents by their metadata, rows by their cells. `filter(function)` keeps what the function accepts (`filter{…}` with a table is the older spelling of `where`, still accepted). `group(…)` splits by the values of a field or of columns, and what follows is done per group, one row per group: `corpus:group(\"outlet\"):count(q)` counts matches per outlet, `t:group(\"doc\"):count()` rows per document. `count` always counts: a query's matches on a corpus or its groups, rows on a Table's groups. `by` names what a result has a row (or point) per: `hits:count_by(field)` (the hits grouped by a field and counted, most first), `corpus:lookup(lex, {by = \"entry\"})`, `corpus:boilerplate{by = \"outlet\"}` (lines compared within each outlet), `t:plot{by = \"month\"}`."

    /// docs/api.md.
    public static func markdown() -> String {
        var s = "# Lua API reference\n\nThis page is generated from the same text as the REPL's `:help` and Lua's `help()` (`loupe reference --markdown > docs/api.md`); a test keeps the two identical. Each method's options are listed from the schema its code reads them with, so the list is exactly what it accepts.\n\n" + verbs + "\n"
        for e in entries {
            s += "\n## \(e.name)\n\n`\(e.signature)`\n\n\(e.text)\n\n" + (e.optionsSection.map { $0 + "\n\n" } ?? "") + "```lua\n\(e.example)\n```\n"
        }
        return s
    }
}

extension APIReference.Entry {
    /// The options the method's binding reads (MethodOptions), one line each: so the reference
    /// lists exactly the options the code accepts, with what each allows and its default.
    var optionsSection: String? {
        guard let schema = MethodOptions.byEntry[name], !schema.options.isEmpty else { return nil }
        return "Options:\n\n" + schema.options.map(\.referenceLine).joined(separator: "\n")
    }
}

extension String {
    func trimmingCharactersInSet() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
