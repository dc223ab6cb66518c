-- Exercise: how often does the corpus mention NATO? A warm-up in counting honestly.
return {
  id = "nato-count",
  title = "How often is NATO mentioned?",
  why = "Every claim about 'how much' a source talks about something starts with a count, and a count is only as good as its rules: case, hyphenated forms and possessives all change it.",
  prompt = "Count every mention of NATO in the corpus, in any capitalisation (NATO, Nato, nato), including the possessive NATO's. Compounds such as NATO-led are words of their own: leave them out.",
  answer = "return the number, e.g. `return 42`",
  hints = {
    "corpus:count(query) counts matches of a query; matching ignores case.",
    "In Loupe NATO's is one token, so the query nato does not find it. Alternatives are written a|b.",
  },
  reflections = {
    "Which documents hold most of the mentions? Would the count tell the same story if the longest text were left out?",
    "A count says how often NATO is named, not how: in whose words does it appear — the author's own, or those of the people they quote?",
  },
  solution = [[return corpus:count("nato|nato's")]],
  check = function(answer, corpus)
    local truth = corpus:count("nato|nato's")
    if type(answer) ~= "number" then
      return false, "Return a single number, not a " .. type(answer) .. "."
    end
    if answer == truth then return true, "Right: case folded, possessives in, compounds out." end
    if answer == corpus:count("nato") then
      return false, "Close: NATO's is a token of its own in Loupe, so it is not in that count. Add it."
    end
    -- Common mistakes, recognised by the numbers they give.
    local upper = 0
    for doc in corpus:docs() do
      for _ in doc.text:gmatch("%f[%w]NATO%f[%W]") do upper = upper + 1 end
    end
    if answer == upper then
      return false, "That is the count of 'NATO' in capitals only. Loupe's queries fold case for you; what about 'Nato'?"
    end
    local substrings = 0
    for doc in corpus:docs() do
      for _ in doc.text:lower():gmatch("nato") do substrings = substrings + 1 end
    end
    if answer == substrings then
      return false, "That counts 'nato' inside other words too (NATO-led, …). Count tokens, not substrings."
    end
    return false, answer < truth and "Too few: some mentions are missing." or "Too many: something else is being counted."
  end,
}
