-- Exercise: what words keep company with NATO?
local function words_of(answer)
  if type(answer) ~= "table" then return nil end
  local out = {}
  for _, w in ipairs(answer) do
    if type(w) == "table" then w = w.collocate or w.word or w.form end
    if type(w) ~= "string" then return nil end
    out[#out + 1] = w:lower()
  end
  return out
end

return {
  id = "nato-collocates",
  title = "The company NATO keeps",
  why = "Collocates show how a word is framed: 'NATO expansion', 'NATO aggression' and 'NATO allies' tell different stories. The measure decides which company you see: raw co-occurrence favours frequent words, logDice favours exclusive partners. (Loupe leaves function words such as 'the' out of the rows by default; stop = false shows them.)",
  prompt = "Find five collocates of NATO within five tokens on either side, ranked by logDice, among collocates that occur at least three times near it.",
  answer = "return a list of five words, e.g. `return {\"expansion\", …}`",
  hints = {
    "corpus:collocates(query, {window = 5, measure = \"logdice\", min = 3}) gives a table sorted by the measure.",
    "The first five rows' collocate column is your answer.",
  },
  reflections = {
    "Are the collocates the authors' words or those of the people they quote? Read the concordance lines for two of them.",
    "How many documents do the co-occurrences come from? If one or two long texts supply most of them, whose framing of NATO are you seeing?",
  },
  solution = [[
local t = corpus:collocates("nato", {window = 5, measure = "logdice", min = 3}):head(5)
local words = {}
for _, row in ipairs(t) do words[#words + 1] = row.collocate end
return words]],
  check = function(answer, corpus)
    local words = words_of(answer)
    if not words or #words ~= 5 then return false, "Return a list of exactly five words." end
    -- Ties at the cut are common: accept anything from the top ten, with the window right.
    local good = {}
    for _, row in ipairs(corpus:collocates("nato", {window = 5, measure = "logdice", min = 3}):head(10)) do good[row.collocate] = true end
    local misses = 0
    for _, w in ipairs(words) do if not good[w] then misses = misses + 1 end end
    if misses == 0 then return true, "Right. Now read a few lines of each in context: corpus:kwic(\"nato NEAR/5 expansion\")." end
    local raw = {}
    for _, row in ipairs(corpus:collocates("nato", {window = 5, measure = "logdice", min = 3}):sort("o11", "desc"):head(5)) do raw[row.collocate] = true end
    local by_count = 0
    for _, w in ipairs(words) do if raw[w] then by_count = by_count + 1 end end
    if by_count == 5 then return false, "That ranks by how often the words co-occur (o11), which favours frequent words. Rank by logDice." end
    for _, n in ipairs{3, 4, 10} do   -- windows of 1 and 2 leave fewer than five rows at min = 3
      local other, hit = {}, 0
      for _, row in ipairs(corpus:collocates("nato", {window = n, measure = "logdice", min = 3}):head(5)) do other[row.collocate] = true end
      for _, w in ipairs(words) do if other[w] then hit = hit + 1 end end
      if hit == 5 then return false, "That is the answer for a window of " .. n .. "; the question asks for five tokens on either side." end
    end
    return false, misses .. " of your words are not among the strongest logDice collocates of NATO with a ±5 window and at least three co-occurrences."
  end,
}
