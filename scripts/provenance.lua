-- provenance.lua: Where does each document say it comes from? For every document: the attribution
-- lines ("From RT", "Transcript from …"), bylines, translators, republication notes,
-- truncation markers and links it contains, the first date it states, and the outlet
-- and date the curator recorded — so the two can be compared (corpus:provenance).
--   loupe run scripts/provenance.lua
local p = corpus:provenance()
for doc in corpus:docs() do
  local rows = p:where{doc = doc.id}
  print(("%s   [outlet: %s; date: %s]"):format(doc.id, doc.meta.outlet or "-", doc.meta.date or "-"))
  for r in rows:rows() do
    if r.kind ~= "date" then
      print(("  %-12s %-62s line %d"):format(r.kind, r.value, r.line))
    end
  end
  local dates = rows:where{kind = "date"}
  if #dates > 0 then
    local d = dates[1]
    print(("  %-12s %-62s line %d%s"):format("first date", d.value .. (d.iso and (" = " .. d.iso) or ""), d.line,
      #dates > 1 and (", and " .. (#dates - 1) .. " more dates") or ""))
  end
  if #rows == 0 then print("  (the text says nothing about where it comes from)") end
end
