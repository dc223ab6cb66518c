-- Exercise: is "Minsk" spread across the corpus, or concentrated in a few texts?
return {
  id = "minsk-dispersion",
  title = "Is Minsk everywhere, or in a few texts?",
  why = "A word can be frequent because every source uses it or because one long text repeats it. Dispersion (range, Gries's DP) tells the two apart before you say 'the corpus talks about Minsk'.",
  prompt = "For the word Minsk (any capitalisation), find its range — the number of documents that mention it — and Gries's DP over the documents (0 means perfectly even, values near 1 concentrated).",
  answer = "return a table `{range = <number of documents>, dp = <Gries's DP, a number from 0 to 1>}`",
  hints = {
    "corpus:dispersion(query) returns a summary table and a table of parts.",
    "The summary has one row: summary[1].range and summary[1].dp.",
  },
  reflections = {
    "Which documents hold most of the hits, and who published them? Is 'the corpus talks about Minsk' then a claim about the corpus or about those sources?",
    "Minsk is a city and the name of two agreements: read a few hits — which does each document mean?",
  },
  solution = [[
local summary = corpus:dispersion("minsk")
return {range = summary[1].range, dp = summary[1].dp}]],
  check = function(answer, corpus)
    if type(answer) ~= "table" or type(answer.range) ~= "number" or type(answer.dp) ~= "number" then
      return false, "Return a table with two numbers: {range = …, dp = …}."
    end
    -- Computed here from the hits and the document sizes, by the definition in docs/statistics.md.
    local n, total, counts = #corpus, 0, {}
    for doc in corpus:docs() do total = total + #doc end
    local hits = corpus:search("minsk")
    for _, h in ipairs(hits) do counts[h.doc] = (counts[h.doc] or 0) + 1 end
    local range, dp = 0, 0
    for doc in corpus:docs() do
      local v = counts[doc.id] or 0
      if v > 0 then range = range + 1 end
      dp = dp + math.abs(v / #hits - #doc / total)
    end
    dp = dp / 2
    if answer.range ~= range then
      if answer.range == #hits then return false, "That is the number of hits; range counts documents with at least one hit." end
      if answer.range == n then return false, "That is the number of documents in the corpus; range counts those that mention Minsk." end
      return false, "The range is not right yet: count the documents with at least one hit."
    end
    if math.abs(answer.dp - dp) > 0.005 then
      if math.abs(answer.dp - (1 - dp)) <= 0.005 then return false, "DP runs the other way: 0 is perfectly even, near 1 concentrated." end
      return false, "The range is right; DP is not yet. DP compares each document's share of the hits with its share of the corpus."
    end
    return true, string.format("Right. Minsk is in %d of %d documents; DP %.2f. Which documents hold most of the hits?", range, n, dp)
  end,
}
