-- quotes.lua: Who is quoted and in whose words, and which words does each outlet hold at a
-- distance with scare quotes (1-3 quoted words, no speaker)? (corpus:quotes)
--   loupe run scripts/quotes.lua
local q = corpus:quotes()
print(("%d quotes, %d of them scare quotes, %d with a speaker."):format(
  #q, #q:where{scare = true}, #q:filter(function(r) return r.speaker ~= nil end)))

print("\nQuotes per outlet:")
print(q:group("outlet"):count()
  :add("scare", function(r) return #q:where{outlet = r.outlet, scare = true} end)
  :sort("n", "desc"))

print("\nWho is quoted (speaker as the text names them, with the reporting verb):")
print(q:filter(function(r) return r.speaker ~= nil end):group("speaker", "verb"):count():sort("n", "desc"):head(12))

print("\nScare quotes, by outlet:")
local seen = {}
for r in q:where{scare = true}:rows() do
  seen[r.outlet] = seen[r.outlet] or {}
  table.insert(seen[r.outlet], r.quote)
end
local outlets = {}
for outlet in pairs(seen) do outlets[#outlets + 1] = outlet end
table.sort(outlets)
for _, outlet in ipairs(outlets) do
  print(("  %s: %s"):format(outlet, table.concat(seen[outlet], " | ")))
end
