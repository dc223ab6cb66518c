-- Exercise: Kiev or Kyiv, Lugansk or Luhansk — which outlets use which spelling?
local pairs_to_check = {
  {name = "kiev", query = "kiev|kiev's"}, {name = "kyiv", query = "kyiv|kyiv's"},
  {name = "lugansk", query = "lugansk|lugansk's"}, {name = "luhansk", query = "luhansk|luhansk's"},
}

-- The answer as a map outlet -> {kiev = n, …}, from a map or from a list of rows {outlet = …, kiev = …}.
local function as_map(answer)
  if type(answer) ~= "table" then return nil end
  local map = {}
  if #answer > 0 then
    for _, row in ipairs(answer) do
      if type(row) ~= "table" or type(row.outlet) ~= "string" then return nil end
      map[row.outlet] = row
    end
    return map
  end
  return answer
end

return {
  id = "kiev-kyiv",
  title = "Kiev or Kyiv? Lugansk or Luhansk?",
  why = "Kiev and Lugansk are the spellings transliterated from Russian; Kyiv and Luhansk from Ukrainian. Since 2019 most English-language media use the Ukrainian forms, so the spelling an outlet keeps is a small clue to its sources and its audience — a clue, not proof.",
  prompt = "For every outlet, count how often it writes kiev, kyiv, lugansk and luhansk (any capitalisation, possessives such as Kiev's included).",
  answer = "return a table keyed by outlet name: `{[\"RT\"] = {kiev = 3, kyiv = 0, lugansk = 0, luhansk = 0}, …}` (outlets with none of the four may be left out), or a Loupe table with columns outlet, kiev, kyiv, lugansk, luhansk",
  hints = {
    "corpus:group(\"outlet\") gives one sub-corpus per outlet: `for outlet, sub in corpus:group(\"outlet\"):each() do … end`.",
    "Kiev's is one token in Loupe: the query \"kiev|kiev's\" counts both forms.",
  },
  reflections = {
    "Which outlets mix the spellings, and what might that tell you about where their texts came from (a translation, a quotation, an agency wire)?",
    "Could the date of a text, rather than its outlet's stance, explain the spelling it uses? What would you compare to find out?",
  },
  solution = [[
local answer = {}
for outlet, sub in corpus:group("outlet"):each() do
  answer[outlet] = {
    kiev = sub:count("kiev|kiev's"), kyiv = sub:count("kyiv|kyiv's"),
    lugansk = sub:count("lugansk|lugansk's"), luhansk = sub:count("luhansk|luhansk's"),
  }
end
return answer]],
  check = function(answer, corpus)
    local map = as_map(answer)
    if not map then return false, "Return a table keyed by outlet name (see `loupe exercise show kiev-kyiv`)." end
    local forgot_possessive = false
    for outlet, sub in corpus:group("outlet"):each() do
      local row = map[outlet] or {}
      for _, p in ipairs(pairs_to_check) do
        local truth = sub:count(p.query)
        local given = row[p.name] or 0
        if type(given) ~= "number" then return false, "The counts must be numbers (" .. outlet .. ", " .. p.name .. ")." end
        if given ~= truth then
          if given == sub:count(p.name) then forgot_possessive = true
          else return false, "The " .. p.name .. " count for " .. outlet .. " is not right yet." end
        end
      end
    end
    if forgot_possessive then
      return false, "Some counts leave out possessives: Kiev's is a token of its own, so count kiev|kiev's."
    end
    return true, "Right. Now compare: which outlets keep the Russian-derived spellings, and does any outlet mix them?"
  end,
}
