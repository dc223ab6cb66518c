/*
 * luashim.h -- the C side of Loupe's Swift <-> Lua 5.4 bridge.
 *
 * Rules this header exists to enforce:
 *  1. Swift never calls anything that can raise a Lua error (lua_error,
 *     luaL_error, luaL_check*, lua_call, lua_gettable with metamethods...).
 *     A Lua error is a longjmp; a longjmp across Swift frames is undefined
 *     behaviour (no unwinding, leaked retains, broken exclusivity tracking).
 *  2. A Swift function exposed to Lua returns LS_RAISE with the error value on
 *     top of the stack; the C trampoline calls lua_error() after the Swift
 *     frame has returned.
 *  3. While Swift code runs (in_host > 0) the allocator never refuses memory,
 *     so lua_push* from Swift cannot raise LUA_ERRMEM either.
 */
#ifndef LUASHIM_H
#define LUASHIM_H

#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/* ---------- macros Swift cannot import, as static inline functions ---------- */

static inline int  ls_registryindex(void)                 { return LUA_REGISTRYINDEX; }
static inline int  ls_upvalueindex(int i)                 { return lua_upvalueindex(i); }
static inline void ls_pop(lua_State *L, int n)            { lua_pop(L, n); }
static inline void ls_newtable(lua_State *L)              { lua_newtable(L); }
static inline void ls_pushglobaltable(lua_State *L)       { lua_pushglobaltable(L); }
static inline void ls_insert(lua_State *L, int idx)       { lua_insert(L, idx); }
static inline void ls_remove(lua_State *L, int idx)       { lua_remove(L, idx); }
static inline int  ls_isnoneornil(lua_State *L, int idx)  { return lua_isnoneornil(L, idx); }
static inline lua_Integer ls_tointegerx(lua_State *L, int idx, int *isnum) { return lua_tointegerx(L, idx, isnum); }
static inline lua_Number  ls_tonumberx(lua_State *L, int idx, int *isnum)  { return lua_tonumberx(L, idx, isnum); }
static inline const char *ls_luarelease(void)             { return LUA_RELEASE; }

/* ---------- limits: allocator + instruction budget + interrupt + deadline ---------- */

typedef struct ls_Limits {
    size_t    mem_used;        /* bytes currently allocated by this state        */
    size_t    mem_limit;       /* 0 = unlimited                                   */
    int       in_host;         /* > 0 while Swift runs: allocations never refused */
    long long instr_limit;     /* 0 = unlimited                                   */
    long long instr_used;      /* approximate: incremented by hook_step per hook  */
    int       hook_step;       /* LUA_MASKCOUNT period                            */
    volatile sig_atomic_t interrupted;  /* 1 = SIGINT, 2 = deadline               */
    volatile sig_atomic_t cancel;       /* polled by long Swift-side work          */
    int       tripped;         /* a limit fired; error on every hook until reset  */
    int       depth;           /* nesting of ls_docall (limits reset at depth 0)  */
    long      time_limit_ms;   /* 0 = none; SIGALRM deadline per outer ls_docall  */
    const char *reason;        /* message of the first trip, repeated while sticky */
    lua_State *main;           /* the main thread, for arming the sticky hook      */
    long long deadline_ns;     /* CLOCK_MONOTONIC deadline of the outer call, 0 = none */
    size_t    mem_cap;         /* what the current chunk may hold: mem_limit, or more
                                  when it started near the limit (ls_setmemcap) */
    int       mem_refused;     /* the last growing allocation was refused (Lua then
                                  collects garbage and asks again: see ls_alloc) */
    size_t    mem_at_refusal;  /* mem_used when it was refused                    */
    int       mem_tripped;     /* that refusal tripped the limit (undone if Lua's
                                  emergency collection frees enough)               */
    struct ls_Limits *outer;   /* the scope that was current on this thread before ours */
    const char *last_stop;     /* the limit that ended the last ls_docall, NULL if none */
    size_t    ext_used;        /* Swift memory held by live Lua objects (counted) */
    size_t    mem_peak;        /* the most mem_used + ext_used has been (for tests) */
    int       host_over;       /* a host (Swift) allocation took mem_used past the cap:
                                  the next poll collects garbage, then trips the limit */
} ls_Limits;

/* Monotonic clock in nanoseconds (for deadlines checked by polling). */
long long ls_now_ns(void);

/* One string, compared by address: which limit a tripped state's reason is. */
extern const char ls_memory_reason[];
#define LS_MEMORY_REASON ls_memory_reason
#define LS_MSG_TIME      "time limit exceeded (raise it with --timeout)"
#define LS_MSG_INTR      "interrupted"
#define LS_MSG_INSTR     "instruction limit exceeded (raise it with --instructions)"
/* the hook mask once a limit has tripped: an error at every event */
#define LS_STICKY_MASK   (LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT)
/* Room a chunk always has: one that starts (after a garbage collection) with less
 * than this left under --memory (memory kept by an earlier chunk) may hold what
 * is in use plus this, enough to run `t = nil` and recover (luashim.c, ls_setmemcap). */
#define LS_MEMORY_RESERVE ((size_t)2 << 20)

/* lua_newstate with a counting allocator whose userdata is `lim` (shared by
 * every coroutine of the state; fetch it back with ls_limits). */
lua_State *ls_newstate(ls_Limits *lim);
ls_Limits *ls_limits(lua_State *L);

/* maxInstructions > 0: install the count hook on L (coroutines created
 * afterwards inherit it). 0: "lazy" mode, no hook until SIGINT/SIGALRM arms one. */
void ls_sethooklimits(lua_State *L, long long maxInstructions, int step);
void ls_resetlimits(lua_State *L);

/* A scope: everything run between ls_beginscope and ls_endscope (several
 * ls_docall, ls_safetostring, Swift work in between) shares one set of limits,
 * as one chunk: they are reset, the deadline and SIGINT armed, at the outermost
 * begin, and disarmed and reset at the matching end. ls_docall opens its own
 * scope when none is open. Scopes nest (only the outermost one counts). */
void ls_beginscope(lua_State *L);
void ls_endscope(lua_State *L);
/* The message of the limit that has stopped (or is about to stop) the current
 * scope: tripped, Ctrl-C, cancel, or the deadline passed. NULL while none. Never raises. */
const char *ls_stopreason(lua_State *L);
/* Marks the current scope stopped (sticky, as ls_hook does) for the reason
 * ls_stopreason gives, or "interrupted"; returns the message. Never raises. */
const char *ls_tripinterrupt(lua_State *L);
/* Which limit ended the last ls_docall that failed (kept after its scope ended):
 * LS_STOP_NONE when it failed for another reason (a script error). */
enum { LS_STOP_NONE = 0, LS_STOP_TIME = 1, LS_STOP_MEMORY = 2, LS_STOP_INSTRUCTIONS = 3, LS_STOP_INTERRUPT = 4 };
int ls_laststop(lua_State *L);
/* For long C loops (lstrmatch.c, ltablib_limited.c), every few thousand steps:
 * charges `instructions` to the budget, then raises the limit's error (as
 * ls_hook would, sticky) if a limit has tripped, the deadline has passed, or
 * Ctrl-C / cancel was requested. States not made by ls_newstate: no-op. */
void ls_checklimits(lua_State *L, long long instructions);
/* For Swift-side work (Interruption.probe); safe from any thread, never blocks.
 * On a thread inside a scope: whether that scope must stop (a tripped limit,
 * Ctrl-C, cancel, or its deadline passed, read from the clock). On other
 * threads (workers): whether Ctrl-C was pressed while a scope ran. */
int ls_interrupt_pending(void);
/* For Swift-side working memory (MemoryBudget.probe): on a thread inside a scope
 * with --memory, whether holding `bytes` more than the state holds now would pass
 * what the chunk may hold (after a garbage collection); if so the memory limit
 * trips (sticky) and 1 is returned. Other threads, or no limit: 0. Never raises. */
int ls_hostreserve(size_t bytes);

/* on != 0 (the REPL): Ctrl-C only ever stops the running chunk, a second one
 * included, and is ignored between chunks; 0 (scripts): as lua.c, a second
 * Ctrl-C while a chunk runs ends the process. */
void ls_setinteractive(int on);

/* lua_CFunction: gives the thread argument the count hook (coroutine wrappers). */
int ls_hookthread(lua_State *L);
/* lua_CFunction: true while a limit or interrupt has tripped (xpcall wrapper). */
int ls_tripped(lua_State *L);

/* ---------- calling Swift from Lua ---------- */

#define LS_RAISE (-1)

/* dispatch(L, box): run the Swift function in `box`; return the number of
 * results, or LS_RAISE with the error value on top of the stack.
 * release(box): balance the retain taken when the box was pushed. */
typedef int  (*ls_Dispatch)(lua_State *L, void *box);
typedef void (*ls_Release)(void *box);
void ls_setcallbacks(ls_Dispatch dispatch, ls_Release release);

/* [-0,+1] Push a Lua function bound to `box` (an already-retained Swift object). */
void ls_pushswiftfunction(lua_State *L, void *box);
/* [-0,+1] Push a userdata holding `box` with the metatable registered as `tname`
 * (created empty on first use with __gc -> release, __name and a locked __metatable). */
int  ls_pushswiftobject(lua_State *L, void *box, const char *tname);
/* [-0,+1] Push the metatable for Swift objects of type tname, creating it (with
 * __gc -> release, __name and a locked __metatable) if needed. Returns 1 if new. */
int  ls_classmeta(lua_State *L, const char *tname);
/* [-0,+1] ls_pushswiftobject for an object holding `held` bytes of Swift memory
 * (hits, a table): they count against --memory while the object lives (its __gc
 * lets them go). Past the limit this only flags it (host pushes are never refused):
 * ls_hostmemtrip, called when the Swift function returns, trips the limit. */
int  ls_pushswiftobjectheld(lua_State *L, void *box, const char *tname, size_t held);
/* After a Swift function returns: if host allocations or held objects went past what
 * the chunk may hold, collect garbage, and if still over trip the memory limit
 * (sticky) and return 1. Never raises. */
int  ls_hostmemtrip(lua_State *L);
/* The box of the value at idx if it is a Swift object of type tname, else NULL. Never raises. */
void *ls_toswiftobject(lua_State *L, int idx, const char *tname);
/* The box of the value at idx if it is any Swift object, else NULL; *tname gets its type name. */
void *ls_toanyswiftobject(lua_State *L, int idx, const char **tname);

/* ---------- loading and running, all protected ---------- */

/* Load text only (mode "t"). If envidx != 0 that value becomes the chunk's _ENV. */
int ls_loadtext(lua_State *L, const char *code, size_t len, const char *chunkname, int envidx);
/* lua_pcall with a traceback message handler; at the outermost level the limits
 * are reset and SIGINT (and the deadline) armed for the duration, as lua.c's docall. */
int ls_docall(lua_State *L, int nargs, int nres);
/* Protected luaL_tolstring (may run __tostring): pushes a string, never raises. */
const char *ls_safetostring(lua_State *L, int idx, size_t *len);


/* ---------- interruptible pattern matching (lstrmatch.c) ---------- */
/* Lua 5.4.4's string.find, string.match, string.gmatch and string.gsub, with
 * the same semantics, except that the matcher polls the state's ls_Limits
 * every few thousand steps: a deadline, Ctrl-C or cancel request, or a tripped
 * limit raises the error ls_hook would raise ("time limit exceeded (raise it
 * with --timeout)", "interrupted", ...), and with an instruction budget the
 * matching work is charged to it (one step per instruction). lua_CFunctions;
 * use them only in states made by ls_newstate. To cover method calls
 * (s:find(...)) they must replace the fields of the string library table that
 * the string metatable's __index points to, not only a sandbox copy. */
int ls_str_find(lua_State *L);
int ls_str_match(lua_State *L);
int ls_str_gmatch(lua_State *L);
int ls_str_gsub(lua_State *L);
/* ---------- end of interruptible pattern matching ---------- */

/* ---------- interruptible table functions (ltablib_limited.c) ---------- */
/* Lua 5.4.4's table.insert, remove, move, concat, unpack and sort, polling
 * ls_checklimits every LS_TAB_POLL elements (one instruction per element). */
int ls_tab_insert(lua_State *L);
int ls_tab_remove(lua_State *L);
int ls_tab_move(lua_State *L);
int ls_tab_concat(lua_State *L);
int ls_tab_unpack(lua_State *L);
int ls_tab_sort(lua_State *L);

/* After luaL_openlibs: puts the interruptible pattern and table functions in
 * the state's own string and table libraries (package.loaded), so globals,
 * method calls on strings and the sandbox's copies all use them. Raw sets only. */
void ls_openlimitedlibs(lua_State *L);

#endif
