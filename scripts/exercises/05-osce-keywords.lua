-- Exercise: what do the OSCE statements talk about that the rest of the corpus does not?
local function is_osce(doc) return doc.id:find("^osce%-statement") ~= nil end

local function words_of(answer)
  if type(answer) ~= "table" then return nil end
  local out = {}
  for _, w in ipairs(answer) do
    if type(w) == "table" then w = w.form or w.word end
    if type(w) ~= "string" then return nil end
    out[#out + 1] = w:lower()
  end
  return out
end

return {
  id = "osce-keywords",
  title = "Keywords of the OSCE statements",
  why = "Keyness compares a text or a group of texts with a reference: the words it uses far more than the reference does show its agenda. The choice of reference decides the answer, so say which you used.",
  prompt = "Take the two OSCE statements (ids starting with osce-statement) as the focus corpus and all the other documents as the reference. Find five positive keywords: words the OSCE statements use far more often than the other documents, by log-likelihood.",
  answer = "return a list of five words, e.g. `return {\"a\", \"b\", \"c\", \"d\", \"e\"}` (or the first five rows of a keyness table)",
  hints = {
    "corpus:filter(function(doc) … end) makes a sub-corpus; you need two: the OSCE statements and the rest.",
    "focus:keyness(reference, {measure = \"ll\"}) gives a table; keep the rows whose key is \"+\".",
  },
  reflections = {
    "The two statements come from different outlets (look at doc.meta.outlet): is it fair to treat them as one voice? How do the keywords of each alone differ?",
    "The reference mixes a ministry, the Kremlin, RT, activists and news sites. How might the keywords change against another reference, and which reference would you defend?",
  },
  solution = [[
local osce = corpus:filter(function(doc) return doc.id:find("^osce%-statement") ~= nil end)
local rest = corpus:filter(function(doc) return doc.id:find("^osce%-statement") == nil end)
local k = osce:keyness(rest, {measure = "ll", min = 3}):where{key = "+"}:head(5)
local words = {}
for _, row in ipairs(k) do words[#words + 1] = row.form end
return words]],
  check = function(answer, corpus)
    local words = words_of(answer)
    if not words or #words ~= 5 then return false, "Return a list of exactly five words." end
    local osce = corpus:filter(is_osce)
    local rest = corpus:filter(function(doc) return not is_osce(doc) end)
    -- Any reasonable minimum frequency, and ties at the cut: a word counts if it is among the
    -- top ten positive keywords by log-likelihood with min = 1, 2, 3 or 5.
    local good = {}
    for _, min in ipairs{1, 2, 3, 5} do
      local k = osce:keyness(rest, {measure = "ll", min = min}):where{key = "+"}:head(10)
      for _, row in ipairs(k) do good[row.form] = true end
    end
    local misses = {}
    for _, w in ipairs(words) do if not good[w] then misses[#misses + 1] = w end end
    if #misses == 0 then return true, "Right: these are words the OSCE statements use far more than the rest. Read them in context (corpus:kwic) before you call them the agenda." end
    local freq = corpus:freq{min = 1}:head(20)
    local common = 0
    for _, row in ipairs(freq) do for _, w in ipairs(misses) do if row.form == w then common = common + 1 end end end
    if common == #misses then
      return false, "Those are simply frequent words. Keyness compares the OSCE statements with a reference; frequency alone does not."
    end
    return false, #misses .. " of your words are not strong positive keywords of the OSCE statements against the other documents. Check the focus, the reference and the key column."
  end,
}
