-- srt_reader: reads SubRip subtitle files (.srt) as corpus documents.
--
-- A SubRip file is a list of numbered cues, each a time line and one or more
-- lines of text, with a blank line between cues:
--
--   1
--   00:00:01,000 --> 00:00:04,200
--   Good evening.
--
-- Each .srt file becomes one document: the text of its cues, one cue line per
-- line, without the numbers, the times and <i>…</i> tags. Its title is the file
-- name; its metadata are cues (how many), seconds (when the last cue ends) and
-- date, when the file name starts with one (2022-02-24-address.srt).
--
--   loupe --plugin scripts/plugins/srt_reader.lua --corpus subtitles -e 'print(#corpus)'
--
-- A file that is not SubRip is a warning naming the file and the line, and the
-- other files still load. Copy this file into ./plugins or ~/.config/loupe/plugins
-- to have it always.

local function seconds(h, m, s, ms)
  return tonumber(h) * 3600 + tonumber(m) * 60 + tonumber(s) + tonumber(ms) / 1000
end

loupe.register{
  name = "srt",
  help = [[
Reads .srt (SubRip subtitle) files of the corpus folder: one document per file,
its text the cues' lines, its title the file name, its metadata cues, seconds
(when the last cue ends) and date (when the file name starts with YYYY-MM-DD).

  print(#corpus:where{cues = {from = 10}})]],

  reader = {
    extensions = {"srt"},
    read = function(text, path)
      local lines, cues, last = {}, 0, 0
      local expect = "number"   -- then "time", then "text" until a blank line
      local n = 0
      for line in (text .. "\n"):gmatch("(.-)\r?\n") do
        n = n + 1
        local blank = not line:find("%S")
        if expect == "number" then
          if not blank then
            if not line:match("^%s*%d+%s*$") then
              error(("line %d: expected a cue number, got %q"):format(n, line))
            end
            expect = "time"
          end
        elseif expect == "time" then
          local h, m, s, ms = line:match("%-%->%s*(%d+):(%d+):(%d+)[,.](%d+)")
          if not h then error(("line %d: expected a time line such as 00:00:01,000 --> 00:00:04,200"):format(n)) end
          last = seconds(h, m, s, ms)
          cues = cues + 1
          expect = "text"
        elseif blank then
          expect = "number"
        else
          lines[#lines + 1] = (line:gsub("<[^>]*>", ""))
        end
      end
      if cues == 0 then error("no cues in the file") end

      local name = path:match("([^/]+)%.[^.]*$") or path
      local meta = {cues = cues, seconds = last}
      meta.date = name:match("^(%d%d%d%d%-%d%d%-%d%d)")
      return {text = table.concat(lines, "\n"), title = name, meta = meta}
    end,
  },
}
