-- wrk script of scripts/bench-serve.sh: a mix of what readers of `loupe serve` ask, on the
-- generated corpus (bench/make_corpus.py: KJV verses with words of a large word list mixed in).
--   wrk -t2 -c50 -d30s --latency -s bench/serve_mix.lua http://127.0.0.1:PORT -- IDS_FILE
--   … -- IDS_FILE QUERIES_FILE
-- IDS_FILE: the corpus's document ids, one a line, already percent-encoded (from /api/corpus).
-- QUERIES_FILE (optional): queries, one a line, instead of the twelve below (the server's result
-- cache holds 16 queries' hits: more than that measures searching itself).
-- Requests cycle count, search, reader: /api/count?q=Q, /api/search?q=Q&limit=50&offset=O (O a
-- page from the first twenty, the first more often), /doc/ID?q=Q (ID any document). Q: one of the
-- queries below: the first four are loupe-bench's (docs/performance.md), the others of the same
-- kinds. Each thread draws its own sequence of 3,000 (seeded by its number), the same on every run.
-- Every status other than 2xx counts as an error; `done` prints one line `serve_mix: key=value …`.

local queries = {
  "the people",          -- frequent phrase (24,052 hits)
  "pillar of salt",      -- rare phrase (21)
  "nat*",                -- wildcard (13,959)
  "people NEAR/5 lord",  -- proximity (3,498)
  "nato",                -- a word of the word list (4)
  "lord",                -- frequent word (170,982)
  "israel",              -- frequent word (46,827)
  "king*",               -- wildcard (50,109)
  "son of man",          -- phrase (5,245)
  "thou shalt",          -- phrase (31,471)
  "jerusalem",           -- (15,266)
  "and the",             -- very frequent phrase (132,058)
}
local pages = { 0, 0, 0, 0, 1, 1, 2, 3, 5, 10, 19 }

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local requests = {}
local cursor = 0
ok, errors, statuses = 0, 0, {}

function init(args)
  local ids = {}
  local file = assert(io.open(assert(args[1], "give the ids file after --"), "r"))
  for line in file:lines() do if line ~= "" then ids[#ids + 1] = line end end
  file:close()
  assert(#ids > 0, "no document ids in " .. args[1])
  if args[2] then
    queries = {}
    for line in io.lines(args[2]) do if line ~= "" then queries[#queries + 1] = line end end
    assert(#queries > 0, "no queries in " .. args[2])
  end
  math.randomseed(1000 + (number or 0))
  for i = 0, 2999 do
    local q = encode(queries[math.random(#queries)])
    local path
    if i % 3 == 0 then
      path = "/api/count?q=" .. q
    elseif i % 3 == 1 then
      path = "/api/search?q=" .. q .. "&limit=50&offset=" .. 50 * pages[math.random(#pages)]
    else
      path = "/doc/" .. ids[math.random(#ids)] .. "?q=" .. q
    end
    requests[#requests + 1] = wrk.format("GET", path)
  end
end

function request()
  cursor = cursor % #requests + 1
  return requests[cursor]
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else errors = errors + 1 end
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, _)
  local good, bad, by = 0, 0, {}
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    bad = bad + t:get("errors")
    for k, v in pairs(t:get("statuses")) do by[k] = (by[k] or 0) + v end
  end
  local codes = {}
  for k, v in pairs(by) do codes[#codes + 1] = k .. ":" .. v end
  table.sort(codes)
  local e = summary.errors
  io.write(string.format(
    "serve_mix: requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f "
    .. "ok=%d non2xx=%d connect=%d read=%d write=%d timeout=%d statuses=%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    good, bad, e.connect, e.read, e.write, e.timeout, table.concat(codes, ",")))
end
