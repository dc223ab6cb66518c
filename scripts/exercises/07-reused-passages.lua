-- Exercise: which documents share passages word for word?
local function key(a, b) if a > b then a, b = b, a end return a .. "\n" .. b end

return {
  id = "reused-passages",
  title = "Copied passages",
  why = "Official statements, press agencies and blogs copy each other. A passage shared word for word between two texts is evidence that one drew on the other, or both on a common source — and tells you to read them as one voice, not two.",
  prompt = "Find every pair of documents that share a passage of at least 8 tokens (the same words in the same order; one changed word may sit inside a longer shared passage).",
  answer = "return a list of pairs of document ids, e.g. `return {{\"doc-a\", \"doc-b\"}, …}`; each pair once, in any order",
  hints = {
    "corpus:reuse{min = 8} lists the shared passages with both documents' ids (doc_a, doc_b).",
    "Several passages can come from the same two documents: list each pair once.",
  },
  reflections = {
    "For one pair, which text was published first, and does the later one say where the passage came from?",
    "Is a shared passage copying, a common source (a press release, an agency wire) or a stock formula? What evidence would tell them apart?",
  },
  solution = [[
local pairs_seen, answer = {}, {}
for _, row in ipairs(corpus:reuse{min = 8}) do
  local k = row.doc_a .. "|" .. row.doc_b
  if not pairs_seen[k] then pairs_seen[k] = true; answer[#answer + 1] = {row.doc_a, row.doc_b} end
end
return answer]],
  check = function(answer, corpus)
    if type(answer) ~= "table" then return false, "Return a list of pairs {{\"id1\", \"id2\"}, …}." end
    local truth, n_truth = {}, 0
    for _, row in ipairs(corpus:reuse{min = 8}) do
      local k = key(row.doc_a, row.doc_b)
      if not truth[k] then truth[k] = true; n_truth = n_truth + 1 end
    end
    local given, n_given = {}, 0
    for _, p in ipairs(answer) do
      if type(p) ~= "table" or type(p[1]) ~= "string" or type(p[2]) ~= "string" then
        return false, "Each pair must be a list of two document ids: {\"id1\", \"id2\"}."
      end
      if p[1] == p[2] then return false, "A document repeating itself is not reuse between documents." end
      local k = key(p[1], p[2])
      if not given[k] then given[k] = true; n_given = n_given + 1 end
      if not truth[k] then return false, "One of your pairs does not share a passage of 8 tokens or more." end
    end
    if n_given < n_truth then
      return false, string.format("You found %d of the pairs; %d more share a passage.", n_given, n_truth - n_given)
    end
    return true, "Right. Read the shared passages: who wrote them first, and does either text say it quotes the other?"
  end,
}
