-- Exercise: who speaks, and how much, in the Lavrov interview?
local ID = "lavrov-carlson-2024"

-- The interviewer's and Lavrov's rows of doc:speakers(), found by name.
local function speakers(corpus)
  local rows = {}
  for _, r in ipairs(corpus:doc(ID):speakers()) do rows[r.speaker] = r end
  return rows["Question"], rows["Sergey Lavrov"]
end

return {
  id = "lavrov-turns",
  title = "Who speaks, and how much, in the Lavrov interview?",
  why = "An interview published by one side's ministry is that side's text: the questions are few and short, the answers long. Counting turns and words shows whose voice fills the page before you read a line of it.",
  prompt = "In the document lavrov-carlson-2024 (Lavrov's interview with Tucker Carlson, as the Russian foreign ministry published it), count the interviewer's turns (the paragraphs labelled Question:) and work out Lavrov's share of the words spoken in the interview (his words / all words in the turns), as a fraction between 0 and 1.",
  answer = "return a table `{questions = 12, lavrov_share = 0.75}`: the number of the interviewer's turns, and Lavrov's share (2 decimals are enough)",
  hints = {
    "doc:speakers() gives a row per speaker: turns, words and share. Get the document with corpus:doc(\"lavrov-carlson-2024\").",
    "Count words in the turns only: the title and the 'Transcript from …' line before the first question belong to nobody.",
  },
  reflections = {
    "The ministry published this transcript: could questions have been shortened, cut or reworded? How could you compare it with the interviewer's own recording?",
    "Does Lavrov's large share of the words mean he steered the conversation, or only that the questions were short? What else would you read for?",
  },
  solution = [[
local rows = {}
for _, r in ipairs(corpus:doc("lavrov-carlson-2024"):speakers()) do rows[r.speaker] = r end
return {questions = rows["Question"].turns, lavrov_share = rows["Sergey Lavrov"].share}]],
  check = function(answer, corpus)
    if type(answer) ~= "table" then return false, "Return a table {questions = …, lavrov_share = …}." end
    local q, l = speakers(corpus)
    local n, share = answer.questions, answer.lavrov_share
    if type(n) ~= "number" or type(share) ~= "number" then
      return false, "Both questions and lavrov_share must be numbers."
    end
    if n ~= q.turns then
      if n == q.questions then
        return false, "That counts the sentences ending in '?'. Count the interviewer's turns: the paragraphs labelled Question:."
      end
      if n == q.turns + l.turns then return false, "That counts every turn, Lavrov's too. Count the interviewer's only." end
      return false, "The number of the interviewer's turns is not right yet."
    end
    if share > 1 then return false, "lavrov_share is a fraction between 0 and 1, not a percentage or a count." end
    if math.abs(share - l.share) > 0.02 then
      if math.abs(share - q.share) <= 0.02 then return false, "That is the interviewer's share. Lavrov's is the rest." end
      return false, "Lavrov's share of the words is not right yet: his words divided by the words of both speakers."
    end
    return true, ("Right: %d questions, and Lavrov speaks %d%% of the words. Whose framing fills the page?"):format(n, math.floor(l.share * 100 + 0.5))
  end,
}
