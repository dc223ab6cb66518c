-- numbers.lua: Which figures does each text put forward, and what do they count? Sums of money,
-- percentages, the largest counts with their nouns, and how many claims with
-- numbers each document makes (corpus:numbers).
--   loupe run scripts/numbers.lua
local n = corpus:numbers()
print("Claims with numbers, by kind:")
print(n:group("kind"):count():sort("n", "desc"))

print("\nMoney:")
print(n:where{kind = "money"}:select("doc", "value", "number", "unit"))

print("\nPercentages:")
print(n:where{kind = "percent"}:select("doc", "value", "unit", "line"))

print("\nThe largest counts (a number with the noun it counts):")
print(n:where{kind = "number"}:filter(function(r) return r.number ~= nil and r.unit ~= nil end)
  :sort("number", "desc"):head(12):select("doc", "value", "unit", "line"))

print("\nNumbers, percentages and money per document (per 1,000 tokens):")
local per = n:filter(function(r) return r.kind ~= "date" and r.kind ~= "year" end):group("doc"):count()
print(per:add("per_1000", function(r) return r.n * 1000 / #corpus:doc(r.doc) end):sort("per_1000", "desc"))
