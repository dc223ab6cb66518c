-- Exercise: which outlet uses the label "regime" most? Raw counts against rates.
return {
  id = "regime-by-outlet",
  title = "Who says 'regime' most?",
  why = "Calling a government a 'regime' is a loaded label. Comparing outlets by raw counts mostly tells you which outlet wrote the longest texts; rates per 10,000 tokens compare like with like.",
  prompt = "Count the label 'regime' (with 'regimes' and \"regime's\") per outlet, and find the outlet that uses it most often relative to how much text it has in the corpus.",
  answer = "return the outlet's name exactly as in doc.meta.outlet, e.g. `return \"RT\"`",
  hints = {
    "corpus:group(\"outlet\") splits the corpus by outlet; asking the groups to count gives a table with a row per outlet.",
    "Look at the per_10k column, not the n column (the raw count). t:sort(\"per_10k\", \"desc\") puts the answer first.",
  },
  reflections = {
    "How many uses, in how many documents, stand behind the highest rate? Would you write it up on that evidence?",
    "Read the lines: whose government is called a 'regime', and is the word the outlet's own or quoted from someone it reports on?",
  },
  solution = [[
local t = corpus:group("outlet"):count("regime|regimes|regime's")
return t:sort("per_10k", "desc")[1].outlet]],
  check = function(answer, corpus)
    if type(answer) ~= "string" then
      return false, "Return the outlet's name as a string."
    end
    local t = corpus:group("outlet"):count("regime|regimes|regime's")
    local best_rate = t:sort("per_10k", "desc")[1]
    local best_count = t:sort("n", "desc")[1]
    if answer == best_rate.outlet then
      return true, "Right. Its texts are short, so a few uses make a high rate: check the count too before you write it up."
    end
    if answer == best_count.outlet then
      return false, "That outlet has the most uses in absolute numbers, but it also has the most text. Compare rates per 10,000 tokens."
    end
    local singular = corpus:group("outlet"):count("regime"):sort("per_10k", "desc")[1]
    if answer == singular.outlet then
      return false, "Count the plural and the possessive too: 'regimes' and \"regime's\" are tokens of their own."
    end
    for _, row in ipairs(t) do
      if row.outlet == answer then return false, "That outlet uses the word, but another one uses it more often per 10,000 tokens." end
    end
    return false, "No outlet in the corpus is called exactly that; copy the name from doc.meta.outlet."
  end,
}
