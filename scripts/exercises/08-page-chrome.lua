-- Exercise: which documents still carry the web page around the text?
local function ids_of(answer)
  if type(answer) ~= "table" then return nil end
  local set, n = {}, 0
  for _, v in ipairs(answer) do
    if type(v) == "table" then v = v.doc or v.id end
    if type(v) ~= "string" then return nil end
    if not set[v] then set[v] = true; n = n + 1 end
  end
  return set, n
end

return {
  id = "page-chrome",
  title = "Page chrome in the corpus",
  why = "Texts copied from the web bring their page along: comment forms, share buttons, subscribe prompts, cookie notices, 'Continue reading'. Left in, these words skew word lists and keywords ('commenting' and 'subscribe' are not what an article is about).",
  prompt = "Which documents contain page chrome — lines that belong to the web page (comment forms, social or share buttons, subscribe or newsletter prompts, cookie or paywall notices, 'Continue reading', byline chrome) rather than to the text itself?",
  answer = "return a list of document ids, e.g. `return {\"doc-a\", \"doc-b\"}`",
  hints = {
    "corpus:boilerplate() lists suspicious lines with a reason; chrome lines have a reason starting with \"chrome:\".",
    "Lines repeated across an outlet's documents are boilerplate too, but not necessarily chrome: read the reason column.",
  },
  reflections = {
    "Chrome shows that a text was copied from a web page: what else might that copying have added, cut or changed?",
    "Which words drop out of the word list once the chrome is removed, and would any earlier finding of yours have been different?",
  },
  solution = [[
local seen, ids = {}, {}
for _, row in ipairs(corpus:boilerplate()) do
  if row.reason:find("^chrome:") and not seen[row.doc] then seen[row.doc] = true; ids[#ids + 1] = row.doc end
end
return ids]],
  check = function(answer, corpus)
    local set, n = ids_of(answer)
    if not set then return false, "Return a list of document ids (strings)." end
    local truth, n_truth = {}, 0
    for _, row in ipairs(corpus:boilerplate()) do
      if row.reason:find("^chrome:") and not truth[row.doc] then truth[row.doc] = true; n_truth = n_truth + 1 end
    end
    for id in pairs(set) do
      if corpus[id] == nil then return false, "There is no document with the id \"" .. id .. "\"." end
      if not truth[id] then return false, "\"" .. id .. "\" has no page chrome; its repeated lines (if any) are part of the publication." end
    end
    if n < n_truth then return false, string.format("%d more documents carry chrome. Look for comment forms and 'Continue reading' too.", n_truth - n) end
    return true, "Right. Compare corpus:freq{} with corpus:without_boilerplate():freq{}: which words drop out of the top of the list?"
  end,
}
