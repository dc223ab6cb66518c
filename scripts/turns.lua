-- turns.lua: Who speaks in the interviews, how much, and who asks the questions? Per speaker:
-- turns, words, share of the words, sentences ending in '?'; then the longest turns.
-- Documents without speaker labels whose genre is "interview" get (question) and
-- (answer) turns (corpus:speakers, corpus:turns).
--   loupe run scripts/turns.lua [DOC-ID]
local id = arg and arg[1]
local source = id and corpus:doc(id) or corpus
if id and not corpus:doc(id) then error("no document " .. id) end
print("Speakers:")
print(source:speakers())
print("\nThe five longest turns:")
print(source:turns():sort("words", "desc"):head(5):select("doc", "turn", "speaker", "words", "text"))
print("\nShort answers (under 10 words) to questions:")
local t = source:turns()
for i = 2, #t do
  local q, a = t[i - 1], t[i]
  if a.doc == q.doc and q.questions > 0 and a.questions == 0 and a.words < 10 and a.speaker ~= q.speaker then
    print(("  %s: %s\n      %s: %s"):format(q.speaker, q.text, a.speaker, a.text))
  end
end
