/// Trusted prelude, run with the full standard library, that builds the table
/// untrusted chunks get as _ENV. A whitelist, not a blacklist
/// (../shared/research/lua-embedding.md §2.4): no io, os.execute/exit/remove/…,
/// require/package, debug, dofile/loadfile, string.dump, collectgarbage, binary chunks.
let sandboxPrelude = #"""
local G, tripped, hookthread = ...
local env = {}
for _, k in ipairs{"assert", "error", "ipairs", "next", "pairs", "pcall",
                   "select", "tonumber", "tostring", "type", "rawequal", "rawlen",
                   "rawget", "rawset", "getmetatable", "_VERSION"} do
  env[k] = G[k]
end
local function copy(t) local c = {} for k, v in pairs(t) do c[k] = v end return c end
for _, lib in ipairs{"string", "table", "math", "utf8", "coroutine"} do
  env[lib] = copy(G[lib])
end
env.string.dump = nil
-- Lua runs __gc finalizers and the message handler of an error raised inside
-- a hook with hooks disabled: both would escape every limit.
local setmt, xpcall_, error_, type_, rawget_ = G.setmetatable, G.xpcall, G.error, G.type, G.rawget
env.setmetatable = function(t, mt)
  if type_(mt) == "table" and rawget_(mt, "__gc") ~= nil then
    error_("__gc metamethods are not allowed here", 2)
  end
  return setmt(t, mt)
end
env.xpcall = function(f, handler, ...)
  return xpcall_(f, function(e)
    if tripped() then return e end
    return handler(e)
  end, ...)
end
-- coroutines get the count hook too, so limits reach into them
local cocreate, cowrap, coresume = G.coroutine.create, G.coroutine.wrap, G.coroutine.resume
env.coroutine.create = function(f) return hookthread(cocreate(f)) end
env.coroutine.wrap = function(f)
  local co = hookthread(cocreate(f))
  return function(...)
    local r = table.pack(coresume(co, ...))
    if r[1] then return table.unpack(r, 2, r.n) end
    error_(r[2], 2)
  end
end
env.os = { time = G.os.time, clock = G.os.clock, date = G.os.date, difftime = G.os.difftime }
local load_ = G.load
env.load = function(chunk, name, mode, e)
  return load_(chunk, name, "t", e == nil and env or e)
end
env._G = env
-- the string metatable is shared with the host: hide it
getmetatable("").__metatable = false
return env
"""#
