-- Exercise: scare quotes — whose words do they mark?
local ID = "kirillova-anti-western-coalitions"

-- Lower case, without surrounding spaces and punctuation.
local function norm(s) return (s:lower():gsub("^[%s%p]+", ""):gsub("[%s%p]+$", "")) end

local function truth(corpus)
  local set, n = {}, 0
  for _, r in ipairs(corpus:doc(ID):quotes():where{scare = true}) do
    local k = norm(r.quote)
    if not set[k] then set[k] = true; n = n + 1 end
  end
  return set, n
end

return {
  id = "scare-quotes",
  title = "Scare quotes: whose words do they mark?",
  why = "Quotation marks around one to three words, with nobody named as the speaker, are usually scare quotes: the writer holds a word at a distance ('so-called'). They show which words an author refuses to own, and whose vocabulary the text is arguing with.",
  prompt = "In the Byline Times article kirillova-anti-western-coalitions, list the distinct short quotations — 1 to 3 words inside quotation marks, with no speaker named — that is, the candidates for scare quotes.",
  answer = "return a list of strings, e.g. `return {\"so-called\", \"peacekeepers\"}`; case and punctuation at the ends do not matter, and each phrase counts once",
  hints = {
    "doc:quotes() gives a row per quotation with its words, its speaker (if one is named) and a column scare.",
    "Use where{scare = true}, then collect the quote column; a set (a table keyed by the phrase) drops repeats.",
  },
  reflections = {
    "For each phrase, whose vocabulary does the author hold at a distance: an opponent's, an official term, or a euphemism?",
    "Could some of these be quotations whose speaker is named in the sentence before? Read two in context before you call them scare quotes.",
  },
  solution = [[
local seen, list = {}, {}
for _, r in ipairs(corpus:doc("kirillova-anti-western-coalitions"):quotes():where{scare = true}) do
  if not seen[r.quote] then seen[r.quote] = true; list[#list + 1] = r.quote end
end
return list]],
  check = function(answer, corpus)
    if type(answer) ~= "table" or #answer == 0 then return false, "Return a list of strings, the quoted phrases." end
    local set, n = truth(corpus)
    local given, missing, extra, long = {}, 0, 0, 0
    for _, s in ipairs(answer) do
      if type(s) ~= "string" then return false, "Every entry must be a string (the quoted words)." end
      local k = norm(s)
      if not given[k] then
        given[k] = true
        if not set[k] then
          extra = extra + 1
          local _, words = k:gsub("%S+", "")
          if words > 3 then long = long + 1 end
        end
      end
    end
    for k in pairs(set) do if not given[k] then missing = missing + 1 end end
    if missing == 0 and extra == 0 then
      return true, ("Right: %d phrases. Read them in context (corpus:kwic) — is the author distancing herself, or quoting the other side's vocabulary?"):format(n)
    end
    if long > 0 then return false, ("%d of your phrases are longer than three words: those are quotations, not scare quotes."):format(long) end
    if extra > 0 then return false, ("%d of your phrases are not short unattributed quotations (is a speaker named? is it in quotation marks?)."):format(extra) end
    return false, ("%d phrase%s still missing. Curly and straight quotation marks both count."):format(missing, missing == 1 and " is" or "s are")
  end,
}
