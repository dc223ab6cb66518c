-- Exercise: troop numbers in a news report, and where they come from.
local ID = "wsws-troop-deployments-2022-02-12"
local UNITS = {troops = true, soldiers = true, servicemen = true, personnel = true}

local function truth(corpus)
  local set, n = {}, 0
  for _, r in ipairs(corpus:doc(ID):numbers()) do
    if r.number and UNITS[r.unit or ""] and not set[r.number] then set[r.number] = true; n = n + 1 end
  end
  return set, n
end

return {
  id = "troop-numbers",
  title = "Troop numbers: how many, and says who?",
  why = "Numbers lend a report authority, and they travel: a figure is copied from report to report long after anyone remembers its source. Listing the figures a text gives is the first step to asking, for each, who counted.",
  prompt = "In the WSWS article wsws-troop-deployments-2022-02-12, find every number of troops or soldiers written in figures (such as 1,200 troops). Then read each in its sentence: is a source named for it?",
  answer = "return a list of the numbers, e.g. `return {1200, 800}` (each number once, in any order)",
  hints = {
    "doc:numbers() gives a row per number with its value, the number as a number, the unit (the noun after it) and its sentence.",
    "Keep the rows whose unit is troops or soldiers and whose number is set; 'hundreds of soldiers' is not a figure.",
  },
  reflections = {
    "For the figure with no named source, where might the article have taken it from, and how would you trace it to its first appearance?",
    "Would another outlet writing the same week give the same figures? What would a difference tell you?",
  },
  solution = [[
local seen, list = {}, {}
for _, r in ipairs(corpus:doc("wsws-troop-deployments-2022-02-12"):numbers()) do
  if (r.unit == "troops" or r.unit == "soldiers") and r.number and not seen[r.number] then
    seen[r.number] = true; list[#list + 1] = r.number
  end
end
return list]],
  check = function(answer, corpus)
    if type(answer) ~= "table" or #answer == 0 then return false, "Return a list of numbers." end
    local set, n = truth(corpus)
    local given, count = {}, 0
    for _, v in ipairs(answer) do
      if type(v) ~= "number" then
        return false, "Every entry must be a number: 3000, not \"3,000\" (tonumber does not read the comma; remove it first)."
      end
      if not set[v] then
        return false, ("%s is not a number of troops or soldiers in this article (check the noun that follows it)."):format(tostring(v))
      end
      if not given[v] then given[v] = true; count = count + 1 end
    end
    if count < n then return false, ("%d of %d figures found."):format(count, n) end
    return true, "Right. Now read both sentences (the sentence column): which figure has a named source, and which is the article's own?"
  end,
}
