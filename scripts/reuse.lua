-- reuse.lua: which passages do documents share word for word (copy-paste trails,
-- press-release recycling, a statement's template reused from one month to the next)?
--
--   loupe run scripts/reuse.lua            -- passages of at least 8 tokens, up to 2 changed tokens
--   loupe run scripts/reuse.lua 12 0       -- min 12 tokens, exact passages only
--
-- Each row is one passage in two documents, with both locations (token positions) and
-- the text; "changes" lists the words that differ inside a passage. A shared passage
-- says nothing about who copied whom: check the dates and look for attribution.

local min = tonumber(arg and arg[1]) or 8
local gap = tonumber(arg and arg[2]) or 2
local passages = corpus:reuse{min = min, gap = gap}
print(("%d shared passages (min = %d tokens, gap = %d)"):format(#passages, min, gap))
print(passages:select("doc_a", "start_a", "doc_b", "start_b", "tokens", "differences", "text"))

-- How much each pair of documents shares, with their dates: who came first?
local pairs_ = passages:group("doc_a", "doc_b"):sum("tokens")
print(pairs_:add("date_a", function(r) return corpus[r.doc_a].meta.date end)
            :add("date_b", function(r) return corpus[r.doc_b].meta.date end)
            :sort("tokens", "desc"))

for row in passages:rows() do
  if row.changes then print(("%s ↔ %s: %s"):format(row.doc_a, row.doc_b, row.changes)) end
end
