-- lexicon.lua: how much loaded language, hedging and certainty does each document
-- (and each outlet) use, and where exactly?
--
--   loupe run scripts/lexicon.lua                         -- scripts/lexicons/loaded-labels.yaml
--   loupe run scripts/lexicon.lua my-lexicon.yaml hedges  -- your lexicon; KWIC of one category
--
-- A lexicon is a teaching aid, not a verdict: "regime" can be neutral ("visa regime"),
-- "genocide" can be quoted to be denied. Rates per 10,000 tokens make long and short
-- documents comparable; the concordance shows every hit in context so you can judge it.

local path = (arg and arg[1]) or "lexicons/loaded-labels.yaml"
local show = (arg and arg[2]) or "loaded_labels"
local lex = loupe.lexicon(path)
print(lex)

local per_doc = corpus:lookup(lex)
print(per_doc:sort("category", "per_10k", "desc"):select("doc", "category", "n", "per_10k"):head(15))

-- Per outlet: total hits and the outlet's tokens, then the rate.
local hits = per_doc:group("outlet", "category"):sum("n", "tokens")
print(hits:add("per_10k", function(r) return r.tokens > 0 and r.n * 10000 / r.tokens or nil end)
          :sort("category", "per_10k", "desc"))

-- Which entries did the work?
print(corpus:lookup(lex, {by = "entry"}):group("category", "entry"):sum("n"):sort("n", "desc"):head(15))

-- Every hit of one category in context.
local kwic = corpus:lookup(lex, {kwic = true, width = 40}):where{category = show}
print(("%d hits of %s in context:"):format(#kwic, show))
print(kwic:select("doc", "left", "match", "right"))
