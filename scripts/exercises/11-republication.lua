-- Exercise: who published each text, and through whom did it reach us?
local KINDS = {translated = true, transcript = true, republished = true}

local function words(s)
  local set, n = {}, 0
  for w in s:lower():gmatch("%w+") do
    if #w >= 3 and w ~= "the" and w ~= "and" and not set[w] then set[w] = true; n = n + 1 end
  end
  return set, n
end

-- doc id -> the value of its translated/transcript/republished finding
local function truth(corpus)
  local t = {}
  for _, r in ipairs(corpus:provenance()) do
    if KINDS[r.kind] then t[r.doc] = r.value end
  end
  return t
end

-- At least half of the answer's words (3+ letters) are in the finding.
local function names(answer, value)
  local a, n = words(answer)
  if n == 0 then return false end
  local v, hit = words(value), 0
  for w in pairs(a) do if v[w] then hit = hit + 1 end end
  return hit * 2 >= n
end

return {
  id = "republication",
  title = "Through whose hands did each text pass?",
  why = "A text reaches a reader through a chain: author, translator, transcriber, the site that republished it. Each link can cut, reword or frame it — a 'transcript' published by a ministry is that ministry's version of what was said. Finding the chain is the first question of source criticism.",
  prompt = "Some documents say, in their own text, that they reached their publisher through someone else: they were translated by a named person, are a transcript from a named body, or were republished by another site ('… publish this interview'). Find every such document and name that intermediary.",
  answer = "return a table keyed by document id: `{[\"some-doc-id\"] = \"Jane Doe\", …}` — the translator, the body the transcript is from, or the site that republished it",
  hints = {
    "corpus:provenance() lists what each document says about where it comes from, a row per finding, with a column kind.",
    "Keep the rows whose kind is translated, transcript or republished; the value column names who.",
  },
  reflections = {
    "For one document, what could the intermediary have changed (the translation's choices, cuts, a headline), and where could you find the original?",
    "Why might an outlet republish another site's text, and what does its choice of text say about the outlet?",
  },
  solution = [[
local answer = {}
for _, r in ipairs(corpus:provenance()) do
  if r.kind == "translated" or r.kind == "transcript" or r.kind == "republished" then answer[r.doc] = r.value end
end
return answer]],
  check = function(answer, corpus)
    if type(answer) ~= "table" or next(answer) == nil then
      return false, "Return a table keyed by document id, the intermediary as the value."
    end
    local t = truth(corpus)
    local found, total = 0, 0
    for _ in pairs(t) do total = total + 1 end
    for id, who in pairs(answer) do
      if type(id) ~= "string" or type(who) ~= "string" then
        return false, "Keys are document ids and values are names (strings)."
      end
      if not corpus:doc(id) then return false, "There is no document '" .. id .. "' in the corpus." end
      if not t[id] then
        return false, "The document " .. id .. " does not say it came through an intermediary (its own outlet or author is not one)."
      end
      if not names(who, t[id]) then return false, "Look again at who is named in " .. id .. "." end
      found = found + 1
    end
    if found < total then return false, ("%d of %d documents found; look for 'translated', 'transcript' and 'publish'."):format(found, total) end
    return true, "Right. For each, ask what the intermediary could have changed — and whether you can find the original."
  end,
}
