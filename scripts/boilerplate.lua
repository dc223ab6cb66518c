-- boilerplate.lua: which lines are page furniture (subscribe prompts, share buttons,
-- comment forms, "Continue reading", lines an outlet repeats in every piece), and how
-- do counts change once they are left out?
--
--   loupe run scripts/boilerplate.lua
--   loupe run scripts/boilerplate.lua 3     -- a line must recur in 3 documents of an outlet
--
-- Boilerplate inflates some words ("subscribe", "comment", an outlet's name) and can
-- make documents look alike. Nothing is deleted from the corpus on disk: the cleaned
-- corpus lives in memory, and its documents record how many lines were removed.

local min_docs = tonumber(arg and arg[1]) or 2
local clean, removed = corpus:without_boilerplate{min_docs = min_docs}
print(("%d lines flagged as boilerplate:"):format(#removed))
print(removed:select("doc", "line", "text", "reason"))

print(("tokens: %d before, %d after"):format(corpus:info().tokens, clean:info().tokens))
for doc in clean:docs() do
  if doc.meta.boilerplate_removed > 0 then
    print(("  %-40s lines removed: %d"):format(doc.id, doc.meta.boilerplate_removed))
  end
end

-- A few words before and after.
for _, word in ipairs{"subscribe", "comment*", "share", "\"continue reading\""} do
  print(("%-20s %4d -> %4d"):format(word, corpus:count(word), clean:count(word)))
end
