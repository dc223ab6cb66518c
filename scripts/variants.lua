-- variants.lua: which spelling of Ukrainian place names does each outlet use (Kiev or
-- Kyiv, Lugansk or Luhansk, Donbass or Donbas, …), and does any outlet mix them?
--
--   loupe run scripts/variants.lua              -- every built-in group (docs/source-criticism.md)
--   loupe run scripts/variants.lua kiev kyiv    -- one group of your own
--
-- The spelling is a clue to an outlet's sources and audience, not proof of anything:
-- read the documents before drawing conclusions. Possessives count with their form
-- ("Kiev's" is Kiev); compounds such as "pro-Kiev" do not.

local groups = nil                      -- nil: the built-in groups
if arg and #arg >= 2 then groups = { {table.unpack(arg)} } end

local per_doc = corpus:variants(groups)
print(("%d rows: one per document and spelling, for the groups each document uses"):format(#per_doc))

-- Per outlet and spelling: the sum over the outlet's documents.
local by_outlet = per_doc:group("outlet", "group", "form"):sum("n")
print(by_outlet:filter(function(r) return r.n > 0 end):sort("group", "outlet", "n", "desc"))

-- Documents that mix two spellings of one group.
local used = {}
for row in per_doc:rows() do
  if row.n > 0 then
    local key = row.doc .. "\t" .. row.group
    used[key] = (used[key] or 0) + 1
  end
end
local mixed = {}
for key, forms in pairs(used) do
  if forms > 1 then
    local doc, group = key:match("^(.-)\t(.*)$")
    mixed[#mixed + 1] = {doc = doc, group = group, spellings = forms}
  end
end
if #mixed > 0 then
  print("Documents that mix spellings:")
  print(loupe.table(mixed, {columns = {"doc", "group", "spellings"}}):sort("doc", "group"))
end

-- For a count of the topic whatever the spelling, merge a group into one query:
local q = loupe.variants.query("kyiv")
print(("Kyiv in any spelling (%s): %d"):format(q, corpus:count(q)))
