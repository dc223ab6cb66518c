/// Trusted prelude, run with the full standard library, that builds the table
/// untrusted chunks get as _ENV. A whitelist, not a blacklist
/// (docs/safety.md, docs/design.md §9): no io, os.execute/exit/remove/…,
/// require/package, debug, dofile/loadfile, string.dump, collectgarbage, binary chunks.
public let sandboxPrelude = #"""
local G, tripped, hookthread, host = ...
-- (G.string's find/match/gmatch/gsub and G.table's insert/remove/move/concat/unpack/sort
-- are already the versions limits can interrupt: LuaVM installs them, CLuaShim's
-- lstrmatch.c and ltablib_limited.c, for --unsafe too. The copies below keep them.)
local env = {}
for _, k in ipairs{"assert", "error", "ipairs", "next", "pairs", "pcall",
                   "select", "tonumber", "tostring", "type", "rawequal", "rawlen",
                   "rawget", "rawset", "getmetatable", "_VERSION"} do
  env[k] = G[k]
end
local function copy(t) local c = {} for k, v in pairs(t) do c[k] = v end return c end
-- Method calls on strings (("").dump, ("").rep) go through the string metatable,
-- whose __index is this state's own string table, not the sandbox's copy: so
-- dump goes from there too, and rep may not spin in C. string.rep("", 1e15)
-- makes 1e15 empty copies without allocating, where no limit can stop it.
G.string.dump = nil
local rep, tonumber_, tointeger_, pcall_, gsub_ = G.string.rep, G.tonumber, G.math.tointeger, G.pcall, G.string.gsub
-- An error raised in one of these wrappers is re-raised at the line that called the
-- wrapper (the script's), without the wrapper's own "sandbox:NN:" position.
local function rethrow(r, name)
  if G.type(r) == "string" then
    r = gsub_(r, "^sandbox:%d+: ", "")
    if name then r = gsub_(r, "^bad argument (#%d) to '%?'", "bad argument %1 to '" .. name .. "'") end
  end
  G.error(r, 3)
end
G.string.rep = function(s, n, sep)
  if s == "" and (sep == nil or sep == "") and tointeger_(tonumber_(n) or 0.5) then return "" end
  local ok, r = pcall_(rep, s, n, sep)
  if ok then return r end
  rethrow(r, "rep")
end
for _, lib in ipairs{"string", "table", "math", "utf8", "coroutine"} do
  env[lib] = copy(G[lib])
end
env.string.dump = nil
-- Lua runs __gc finalizers and the message handler of an error raised inside
-- a hook with hooks disabled: both would escape every limit.
local xpcall_, error_, type_, rawget_ = G.xpcall, G.error, G.type, G.rawget
do
  local setmetatable = G.setmetatable    -- so its argument errors name 'setmetatable'
  env.setmetatable = function(t, mt)
    if type_(mt) == "table" and rawget_(mt, "__gc") ~= nil then
      error_("__gc metamethods are not allowed here", 2)
    end
    local ok, r = pcall_(setmetatable, t, mt)
    if ok then return r end
    rethrow(r)
  end
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
-- Files: read-only, and only inside the corpus, the script's folder and scripts/
-- (host.readable resolves links and '..' and says no otherwise).
local io_open, io_lines, loadfile_, ipairs_ = G.io.open, G.io.lines, G.loadfile, G.ipairs
getmetatable(G.io.stdout).__metatable = false      -- file handles' shared metatable (its __gc)
local function readable(path, level)
  if type_(path) ~= "string" then error_("bad argument #1 (file name expected, got " .. type_(path) .. ")", level + 1) end
  local real, err = host.readable(path)
  if not real then error_(err, level + 1) end
  return real
end
env.io = {
  open = function(path, mode)
    mode = mode or "r"
    if mode ~= "r" and mode ~= "rb" then
      return nil, "files can only be opened for reading; write results with Loupe's writers (t:write)"
    end
    if type_(path) ~= "string" then return nil, "file name expected" end
    local real, err = host.readable(path)
    if not real then return nil, err end
    return io_open(real, mode)
  end,
  lines = function(path, ...)
    if path == nil then error_("io.lines needs a file name here", 2) end
    return io_lines(readable(path, 2), ...)
  end,
  write = function(...)
    local ok, r = pcall_(host.write, ...)
    if not ok then rethrow(r) end
    return env.io
  end,
}
env.dofile = function(path)
  local f, err = loadfile_(readable(path, 2), "t", env)
  if not f then error_(err, 2) end
  return f()
end
env.loadfile = function(path, mode, e)
  if type_(path) ~= "string" then return nil, "file name expected" end
  local real, err = host.readable(path)
  if not real then return nil, err end
  return loadfile_(real, "t", e == nil and env or e)
end
-- require: modules next to the script and in scripts/lib, loaded into the sandbox.
local loaded = {}
env.require = function(name)
  if type_(name) ~= "string" or not name:match("^[%w_][%w_%.%-]*$") or name:find("..", 1, true) then
    error_("bad module name " .. tostring(name), 2)
  end
  if loaded[name] ~= nil then return loaded[name] end
  local rel = name:gsub("%.", "/") .. ".lua"
  for _, root in ipairs_(host.moduleFolders) do
    local real = host.readable(root .. "/" .. rel)
    if real then
      local f, err = loadfile_(real, "t", env)
      if not f then error_(err, 2) end
      local r = f(name, real)
      if r == nil then r = true end
      loaded[name] = r
      return r
    end
  end
  error_("module '" .. name .. "' not found next to the script or in scripts/lib", 2)
end
env._G = env
-- the string metatable is shared with the host: hide it
getmetatable("").__metatable = false
return env
"""#
