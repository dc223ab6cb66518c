-- outlet_counts: how often a word or phrase occurs in each outlet's documents.
--
-- Source criticism starts with "who says this?". A raw count mixes that up with
-- "who wrote the most": an outlet with three long reports will out-count one
-- with a short statement. So each row also gives the outlet's size and the
-- rate per 10,000 tokens, and how many of its documents use the phrase at all.
--
--   corpus:outlet_counts("nato")                 -- in a script or at the prompt
--   loupe --plugin outlet_counts.lua run outlet_counts minsk agreements
--   help("outlet_counts")
--
-- Copy this file into ./plugins or ~/.config/loupe/plugins to have it always,
-- or name it with --plugin FILE.

local function phrase_of(args)
  if type(args) == "table" then return table.concat(args, " ") end   -- loupe run: a list of words
  return args
end

loupe.register{
  name = "outlet_counts",
  help = [[
corpus:outlet_counts(phrase) -> table
loupe run outlet_counts WORD…

For a word or phrase (matched as corpus:search matches it), one row per outlet
(doc.meta.outlet; documents without one count as "(no outlet)"):
  outlet   the outlet
  docs     how many documents the corpus has from it
  matched  how many of those contain the phrase
  hits     how many times the phrase occurs in them
  tokens   the outlet's size in tokens
  per_10k  hits per 10,000 of its tokens, rounded to 0.1
Rows are sorted by hits, most first (ties by outlet name). Outlets without a
hit are listed too: an absence is a finding.

  for _, r in ipairs(corpus:outlet_counts("nato")) do print(r.outlet, r.hits, r.per_10k) end]],

  run = function(corpus, args)
    local phrase = phrase_of(args)
    if type(phrase) ~= "string" or not phrase:find("%S") then
      error('outlet_counts: give a word or phrase, as in corpus:outlet_counts("nato")', 2)
    end

    -- every outlet, with its size, in corpus order
    local rows, row_of, outlet_of = {}, {}, {}
    for doc in corpus:docs() do
      local outlet = doc.meta.outlet or "(no outlet)"
      outlet_of[doc.id] = outlet
      local row = row_of[outlet]
      if not row then
        row = {outlet = outlet, docs = 0, matched = 0, hits = 0, tokens = 0}
        row_of[outlet] = row
        rows[#rows + 1] = row
      end
      row.docs = row.docs + 1
      row.tokens = row.tokens + #doc
    end

    -- every occurrence, credited to its document's outlet
    local seen = {}
    for _, hit in ipairs(corpus:search(phrase)) do
      local row = row_of[outlet_of[hit.doc]]
      row.hits = row.hits + 1
      if not seen[hit.doc] then
        seen[hit.doc] = true
        row.matched = row.matched + 1
      end
    end

    for _, row in ipairs(rows) do
      row.per_10k = row.tokens > 0 and math.floor(row.hits * 100000 / row.tokens + 0.5) / 10 or 0
    end
    table.sort(rows, function(a, b)
      if a.hits ~= b.hits then return a.hits > b.hits end
      return a.outlet < b.outlet
    end)
    return rows
  end,
}
