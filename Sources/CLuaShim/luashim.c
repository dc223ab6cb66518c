#include "luashim.h"

const char ls_memory_reason[] = "memory limit exceeded (raise it with --memory)";
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <pthread.h>
#include <stdatomic.h>

long long ls_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* ------------------------------------------------------------------ */
/* allocator                                                           */
/* ------------------------------------------------------------------ */

/* What counts against --memory: Lua's own allocations plus the Swift memory held
   by Lua objects (ls_pushswiftobjectheld), which Lua's allocator never sees. */
#define LS_USED(lim) ((lim)->mem_used + (lim)->ext_used)

static void ls_hook_entry(lua_State *L, lua_Debug *ar);
static void ls_normalhook(lua_State *L, ls_Limits *lim);

static void *ls_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    ls_Limits *lim = (ls_Limits *)ud;
    size_t old = ptr ? osize : 0;          /* ptr == NULL: osize is a type tag */
    if (nsize == 0) {
        free(ptr);
        lim->mem_used -= old;
        return NULL;
    }
    if (lim->mem_limit != 0 && lim->in_host == 0 && nsize > old) {
        size_t cap = lim->mem_cap > lim->mem_limit ? lim->mem_cap : lim->mem_limit;
        size_t after = LS_USED(lim) - old + nsize;
        if (lim->mem_refused) {
            /* The request right after a refusal. If it is Lua's retry after an
               emergency collection (lmem.c, tryagain) and the collection freed at
               least a sixteenth of the limit, the memory was garbage: undo the trip
               and go on. Otherwise (no collection, as for lauxlib's buffers, or one
               that freed little: the memory is held) the trip stands. */
            size_t freed = lim->mem_at_refusal > LS_USED(lim) ? lim->mem_at_refusal - LS_USED(lim) : 0;
            int tripped_here = lim->mem_tripped;
            lim->mem_refused = 0;
            lim->mem_tripped = 0;
            if (after > cap || freed < lim->mem_limit / 16)
                return NULL;               /* later requests under the cap succeed */
            if (tripped_here && lim->tripped && lim->reason == LS_MEMORY_REASON && !lim->interrupted) {
                lim->tripped = 0;
                lim->reason = NULL;
                if (lim->main != NULL)     /* the hook ls_resetlimits would leave */
                    ls_normalhook(lim->main, lim);
            }
        } else if (after > cap) {
            /* Refused. Lua raises LUA_ERRMEM (after, for its own allocations, an
               emergency collection and a second try), which a script's pcall could
               catch: trip the sticky hook so the chunk ends anyway. */
            lim->mem_refused = 1;
            lim->mem_at_refusal = LS_USED(lim);
            lim->mem_tripped = 0;
            if (!lim->tripped && lim->main != NULL) {
                lim->tripped = 1;
                lim->reason = LS_MEMORY_REASON;
                lim->mem_tripped = 1;
                lua_sethook(lim->main, ls_hook_entry, LS_STICKY_MASK, 1);
            }
            return NULL;
        }
    }
    else if (lim->mem_limit != 0 && lim->in_host > 0 && nsize > old) {
        /* Host pushes are never refused (a refusal would longjmp across Swift), but
           they count: past the cap, flag it for the next poll (ls_hostmemcheck). */
        size_t cap = lim->mem_cap > lim->mem_limit ? lim->mem_cap : lim->mem_limit;
        if (LS_USED(lim) - old + nsize > cap)
            lim->host_over = 1;
    }
    void *p = realloc(ptr, nsize);
    if (p != NULL) {
        lim->mem_used = lim->mem_used - old + nsize;
        if (nsize > old) {
            lim->mem_refused = 0;
            if (LS_USED(lim) > lim->mem_peak)
                lim->mem_peak = LS_USED(lim);
        }
    }
    return p;
}

static void ls_hook(lua_State *L, lua_Debug *ar);
static void ls_hook_entry(lua_State *L, lua_Debug *ar) { ls_hook(L, ar); }

static int ls_panic(lua_State *L) {
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "loupe: internal error: unprotected error in call to Lua API (%s)\n", msg ? msg : "?");
    return 0;  /* Lua aborts */
}

static void ls_warn(void *ud, const char *msg, int tocont) {
    (void)ud; (void)msg; (void)tocont;     /* warn() is not part of the sandbox */
}

lua_State *ls_newstate(ls_Limits *lim) {
    lim->in_host = 1;                      /* host code is never refused memory */
    lua_State *L = lua_newstate(ls_alloc, lim);
    lim->main = L;
    if (L != NULL) {
        lua_atpanic(L, ls_panic);
        lua_setwarnf(L, ls_warn, NULL);
    }
    return L;
}

/* Whether the state, plus `extra` bytes Swift is about to hold, passes what the
   chunk may hold. When it does, collect garbage first (what Lua's emergency
   collection does for its own refused allocations): only memory still held trips
   the limit. Called from Swift's polls between API calls, on the state's thread. */
static int ls_overcap(ls_Limits *lim, size_t extra) {
    size_t cap = lim->mem_cap > lim->mem_limit ? lim->mem_cap : lim->mem_limit;
    if (LS_USED(lim) + extra <= cap)
        return 0;
    if (lim->main != NULL) {
        int saved = lim->in_host;
        lim->in_host = 1;                  /* finalizers (--unsafe only) run protected */
        lua_gc(lim->main, LUA_GCCOLLECT);
        lim->in_host = saved;
    }
    return LS_USED(lim) + extra > cap;
}

/* Trips the memory limit as a refused allocation does (sticky hook on the main
   thread), so the dispatcher raises its message once the Swift frame returns. */
static void ls_tripmemory(ls_Limits *lim) {
    if (lim->tripped)
        return;
    lim->tripped = 1;
    lim->reason = LS_MEMORY_REASON;
    if (lim->main != NULL)
        lua_sethook(lim->main, ls_hook_entry, LS_STICKY_MASK, 1);
}

/* A host allocation passed the cap (ls_alloc set host_over): trip unless a
   collection brings the state back under it. */
static int ls_hostmemcheck(ls_Limits *lim) {
    if (!lim->host_over || lim->mem_limit == 0)
        return 0;
    lim->host_over = 0;
    if (lim->tripped || !ls_overcap(lim, 0))
        return 0;
    ls_tripmemory(lim);
    return 1;
}

ls_Limits *ls_limits(lua_State *L) {
    void *ud = NULL;
    (void)lua_getallocf(L, &ud);
    return (ls_Limits *)ud;
}

/* At the start of a chunk (an outermost scope, or compiling outside one): the
   chunk may hold up to mem_limit. When less than LS_MEMORY_RESERVE is left under
   the limit (memory kept by an earlier chunk, such as a REPL global filled until
   the limit tripped), Loupe first collects garbage; if that does not free enough,
   the chunk may hold what is in use plus LS_MEMORY_RESERVE. So the entry after a
   memory bomb can always run `t = nil`; memory grows past the limit only by
   LS_MEMORY_RESERVE for each chunk that starts at the limit and keeps its extra. */
static void ls_setmemcap(lua_State *L, ls_Limits *lim) {
    if (lim->mem_limit == 0)
        return;
    if (LS_USED(lim) + LS_MEMORY_RESERVE > lim->mem_limit) {
        int saved = lim->in_host;
        lim->in_host = 1;                  /* finalizers (--unsafe only) run protected */
        lua_gc(L, LUA_GCCOLLECT);
        lim->in_host = saved;
    }
    lim->mem_cap = (LS_USED(lim) + LS_MEMORY_RESERVE > lim->mem_limit)
        ? LS_USED(lim) + LS_MEMORY_RESERVE : lim->mem_limit;
}

/* ------------------------------------------------------------------ */
/* hooks: instruction budget, interrupt, deadline                      */
/* ------------------------------------------------------------------ */

#define LS_STICKY LS_STICKY_MASK

/* The limits of the scope running on this thread (ls_beginscope), for
   ls_interrupt_pending; NULL outside any scope. */
static _Thread_local ls_Limits *ls_current = NULL;
/* Process-wide, for threads outside any scope (Swift worker threads): Ctrl-C was
   pressed while a scope ran. Set by the SIGINT handler, cleared when a scope begins
   or ends. (Deadlines are per state: a thread outside a scope cannot know which one
   is its own when several states run, as in tests, so it sees none.) */
static atomic_int ls_g_sigint = 0;

static void ls_hook(lua_State *L, lua_Debug *ar) {
    ls_Limits *lim = ls_limits(L);
    if (lim->interrupted) {
        int why = lim->interrupted;
        lim->interrupted = 0;
        lim->tripped = 1;
        lim->reason = (why == 2) ? LS_MSG_TIME : LS_MSG_INTR;
        lua_sethook(L, ls_hook, LS_STICKY, 1);
        luaL_error(L, "%s", lim->reason);
    }
    if (lim->tripped) {
        /* error again at every event so a script's own pcall cannot swallow it */
        lua_sethook(L, ls_hook, LS_STICKY, 1);
        luaL_error(L, "%s", lim->reason ? lim->reason : "script stopped");
    }
    if (lua_gethookmask(L) != LUA_MASKCOUNT) {
        ls_normalhook(L, lim);
        return;
    }
    if (ar->event != LUA_HOOKCOUNT)
        return;
    if (lim->instr_limit > 0) {
        lim->instr_used += lim->hook_step;
        if (lim->instr_used > lim->instr_limit)
            lim->reason = LS_MSG_INSTR;
    }
    if (lim->reason == NULL && lim->deadline_ns != 0 && ls_now_ns() > lim->deadline_ns)
        lim->reason = LS_MSG_TIME;
    if (lim->reason != NULL) {
        lim->tripped = 1;
        lua_sethook(L, ls_hook, LS_STICKY, 1);
        if (lim->main != NULL && lim->main != L)      /* tripped in a coroutine: the main thread too */
            lua_sethook(lim->main, ls_hook, LS_STICKY, 1);
        luaL_error(L, "%s", lim->reason);
    }
}

/* Instructions between two readings of the clock when only a deadline is set. */
#define LS_CLOCK_STEP 100000

/* The hook between stops: a count hook when there is an instruction budget or a
   deadline, none otherwise. With a deadline the hook reads the clock itself: the
   SIGALRM timer is one per process, so when several states run limits at once (the
   test suite does) one state's alarm can be re-armed or disarmed by another, and a
   plain `while true do end` would never hear its own. */
static void ls_normalhook(lua_State *L, ls_Limits *lim) {
    if (lim->instr_limit > 0)
        lua_sethook(L, ls_hook, LUA_MASKCOUNT, lim->hook_step);
    else if (lim->deadline_ns != 0)
        lua_sethook(L, ls_hook, LUA_MASKCOUNT, LS_CLOCK_STEP);
    else
        lua_sethook(L, NULL, 0, 0);
}

void ls_sethooklimits(lua_State *L, long long maxInstructions, int step) {
    ls_Limits *lim = ls_limits(L);
    lim->instr_limit = maxInstructions;
    lim->hook_step = step > 0 ? step : 1000;
    ls_normalhook(L, lim);
}

int ls_hookthread(lua_State *L) {
    lua_State *co = lua_tothread(L, 1);
    if (co != NULL) {
        ls_Limits *lim = ls_limits(L);
        lua_sethook(co, ls_hook, LUA_MASKCOUNT, lim->instr_limit > 0 ? lim->hook_step : LS_CLOCK_STEP);
    }
    lua_settop(L, 1);
    return 1;
}

int ls_tripped(lua_State *L) {
    ls_Limits *lim = ls_limits(L);
    lua_pushboolean(L, lim->tripped || lim->interrupted);
    return 1;
}

void ls_resetlimits(lua_State *L) {
    ls_Limits *lim = ls_limits(L);
    lim->instr_used = 0;
    lim->tripped = 0;
    lim->interrupted = 0;
    lim->cancel = 0;
    lim->reason = NULL;
    lim->mem_refused = 0;
    lim->mem_tripped = 0;
    ls_normalhook(L, lim);
}

/* ---- SIGINT, as lua.c's laction/lstop ---- */

static lua_State *volatile ls_sigL = NULL;
/* Set by the REPL: Ctrl-C never ends the process, it only stops the running entry
   (outside a scope it is ignored; the line editor handles it at the prompt). For a
   script, as in lua.c, a second Ctrl-C kills the process. */
static volatile sig_atomic_t ls_sigint_interactive = 0;

static void ls_onsigint(int sig) {
    lua_State *L = ls_sigL;
    if (!ls_sigint_interactive)
        signal(sig, SIG_DFL);              /* a second Ctrl-C kills the process */
    if (L != NULL) {
        ls_Limits *lim = ls_limits(L);
        lim->interrupted = 1;
        lim->cancel = 1;
        atomic_store(&ls_g_sigint, 1);
        /* lua_sethook is documented (ldebug.c) as callable from a signal handler */
        lua_sethook(L, ls_hook, LS_STICKY, 1);
    }
}

/* A parent may have blocked the signal (test runners do); the limit must still fire. */
static void ls_unblock(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* Installs `handler` for `sig` without SA_RESTART, after unblocking the signal. */
static void ls_install(int sig, void (*handler)(int)) {
    ls_unblock(sig);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void ls_arm_sigint(lua_State *L) {
    ls_sigL = L;
    ls_install(SIGINT, ls_onsigint);
}

static void ls_disarm_sigint(void) {
    ls_sigL = NULL;
    signal(SIGINT, ls_sigint_interactive ? SIG_IGN : SIG_DFL);
}

void ls_setinteractive(int on) {
    ls_sigint_interactive = on != 0;
    if (on && ls_sigL == NULL)
        signal(SIGINT, SIG_IGN);
}

/* ---- wall-clock deadline: SIGALRM, same mechanism ---- */

static void ls_onalarm(int sig) {
    (void)sig;
    lua_State *L = ls_sigL;
    if (L != NULL) {
        ls_Limits *lim = ls_limits(L);
        /* The timer is per process: when states run on several threads (tests), the
           alarm may belong to another state. Trip only a state whose own deadline
           has come (clock_gettime is async-signal-safe); 5 ms of timer slack allowed. */
        if (lim->deadline_ns == 0 || ls_now_ns() < lim->deadline_ns - 5000000LL)
            return;
        lim->interrupted = 2;
        lim->cancel = 2;
        lua_sethook(L, ls_hook, LS_STICKY, 1);
    }
}

static void ls_arm_deadline(long ms) {
    ls_install(SIGALRM, ls_onalarm);
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = ms / 1000;
    it.it_value.tv_usec = (ms % 1000) * 1000;
    setitimer(ITIMER_REAL, &it, NULL);
}

static void ls_disarm_deadline(void) {
    struct itimerval it;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
    signal(SIGALRM, SIG_IGN);
}

/* ------------------------------------------------------------------ */
/* Swift functions and objects                                         */
/* ------------------------------------------------------------------ */

static ls_Dispatch ls_dispatch_cb = NULL;
static ls_Release  ls_release_cb  = NULL;

void ls_setcallbacks(ls_Dispatch dispatch, ls_Release release) {
    ls_dispatch_cb = dispatch;
    ls_release_cb = release;
}

static int ls_boxgc(lua_State *L) {
    void **slot = (void **)lua_touserdata(L, 1);
    if (slot != NULL && lua_rawlen(L, 1) >= sizeof(void *) + sizeof(size_t)) {
        ls_Limits *lim = ls_limits(L);     /* a held object: its Swift memory is let go */
        size_t *held = (size_t *)(slot + 1);
        lim->ext_used -= *held < lim->ext_used ? *held : lim->ext_used;
        *held = 0;
    }
    if (slot != NULL && *slot != NULL) {
        void *box = *slot;
        *slot = NULL;
        ls_release_cb(box);                /* Swift release; must not touch L */
    }
    return 0;
}

static int ls_trampoline(lua_State *L) {
    void **slot = (void **)lua_touserdata(L, lua_upvalueindex(1));
    if (slot == NULL || *slot == NULL)
        return luaL_error(L, "function no longer available");
    ls_Limits *lim = ls_limits(L);
    lim->in_host++;
    int n = ls_dispatch_cb(L, *slot);      /* Swift runs here and returns */
    lim->in_host--;
    if (n == LS_RAISE) {
        if (lua_type(L, -1) == LUA_TSTRING) {   /* add "file:line:" of the calling Lua code */
            luaL_where(L, 1);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);               /* longjmp only through C frames */
    }
    return n;
}

int ls_classmeta(lua_State *L, const char *tname);

static void ls_setboxmeta(lua_State *L, const char *tname) {
    ls_classmeta(L, tname);   /* getmetatable() from Lua sees the string "locked" */
    lua_setmetatable(L, -2);
}

int ls_classmeta(lua_State *L, const char *tname) {
    int created = luaL_newmetatable(L, tname);
    if (created) {
        lua_pushcfunction(L, ls_boxgc);
        lua_setfield(L, -2, "__gc");
        lua_pushliteral(L, "locked");
        lua_setfield(L, -2, "__metatable");
    }
    return created;
}

void ls_pushswiftfunction(lua_State *L, void *box) {
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 0);
    *slot = box;
    ls_setboxmeta(L, "loupe.function");
    lua_pushcclosure(L, ls_trampoline, 1);
}

int ls_pushswiftobject(lua_State *L, void *box, const char *tname) {
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 0);
    *slot = box;
    ls_setboxmeta(L, tname);
    return 1;
}

int ls_pushswiftobjectheld(lua_State *L, void *box, const char *tname, size_t held) {
    ls_Limits *lim = ls_limits(L);
    if (held == 0 || lim->mem_limit == 0)
        return ls_pushswiftobject(L, box, tname);
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *) + sizeof(size_t), 0);
    *slot = box;
    *(size_t *)(slot + 1) = held;
    lim->ext_used += held;
    if (LS_USED(lim) > lim->mem_peak)
        lim->mem_peak = LS_USED(lim);
    size_t cap = lim->mem_cap > lim->mem_limit ? lim->mem_cap : lim->mem_limit;
    if (LS_USED(lim) > cap)
        lim->host_over = 1;                /* checked when the Swift function returns */
    ls_setboxmeta(L, tname);
    return 1;
}

int ls_hostmemtrip(lua_State *L) {
    ls_Limits *lim = ls_limits(L);
    return lim != NULL && ls_hostmemcheck(lim);
}

void *ls_toswiftobject(lua_State *L, int idx, const char *tname) {
    void **slot = (void **)luaL_testudata(L, idx, tname);
    return slot ? *slot : NULL;
}

void *ls_toanyswiftobject(lua_State *L, int idx, const char **tname) {
    if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx))
        return NULL;
    lua_pushliteral(L, "__name");
    lua_rawget(L, -2);
    const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 2);   /* the name string stays alive: it is also a key in the registry */
    if (name == NULL || strncmp(name, "loupe.", 6) != 0 || strcmp(name, "loupe.function") == 0)
        return NULL;
    if (tname) *tname = name;
    void **slot = (void **)lua_touserdata(L, idx);
    return slot ? *slot : NULL;
}

/* ------------------------------------------------------------------ */
/* loading and protected calls                                         */
/* ------------------------------------------------------------------ */

int ls_loadtext(lua_State *L, const char *code, size_t len, const char *chunkname, int envidx) {
    ls_Limits *lim = ls_limits(L);
    if (envidx != 0)
        envidx = lua_absindex(L, envidx);
    if (lim->depth == 0)
        ls_setmemcap(L, lim);              /* compiling is part of the chunk */
    int saved = lim->in_host;
    lim->in_host = 0;                      /* lua_load is protected: LUA_ERRMEM is returned */
    int st = luaL_loadbufferx(L, code, len, chunkname, "t");
    lim->in_host = saved;
    if (st == LUA_ERRMEM && lim->mem_limit != 0) {   /* name the limit and the flag */
        lua_pop(L, 1);
        lua_pushstring(L, LS_MEMORY_REASON);
    }
    if (lim->depth == 0)
        ls_resetlimits(L);                 /* a refusal while compiling must not outlive it */
    if (st == LUA_OK && envidx != 0) {
        lua_pushvalue(L, envidx);
        if (lua_setupvalue(L, -2, 1) == NULL)   /* first upvalue of a main chunk is _ENV */
            lua_pop(L, 1);
    }
    return st;
}

/* Whether the first line of msg starts with a position, "chunk:123:". */
static int ls_haspos(const char *msg) {
    for (const char *p = msg; *p != '\0' && *p != '\n'; p++) {
        if (*p != ':' || !isdigit((unsigned char)p[1]))
            continue;
        const char *q = p + 1;
        while (isdigit((unsigned char)*q)) q++;
        if (*q == ':')
            return 1;
    }
    return 0;
}

/* Pops a function; whether it is the global error or assert. */
static int ls_israiser(lua_State *L) {
    int found = 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    for (int i = 0; i < 2 && !found; i++) {
        lua_getfield(L, -1, i == 0 ? "error" : "assert");
        found = lua_rawequal(L, -1, -3);
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    return found;
}

static int ls_msghandler(lua_State *L) {     /* as lua.c */
    const char *msg = lua_tostring(L, 1);
    int plain = msg != NULL;               /* a string raised as it is, not an object */
    if (msg == NULL) {
        if (!ls_limits(L)->tripped && luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            msg = lua_tostring(L, -1);
        else
            msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    /* A type error raised inside a C function (ipairs over a function, a bad value
       deep in a library call) has no position: give it the line of the nearest Lua
       frame, so the user learns where it happened. Not for error(msg, 0) and
       assert(false, msg), which ask for none, nor for error objects and limits. */
    ls_Limits *lim = ls_limits(L);
    lua_Debug ar;
    /* Raised inside the sandbox's own wrappers (string.rep, setmetatable, io.write,
       load; a limit tripping there): the user's script is the place to name. */
    if (plain && strncmp(msg, "sandbox:", 8) == 0 && ls_haspos(msg)) {
        const char *rest = msg + 8;
        while (isdigit((unsigned char)*rest)) rest++;
        if (rest[0] == ':' && rest[1] == ' ') {
            for (int level = 1; lua_getstack(L, level, &ar); level++) {
                if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && strcmp(ar.source, "=sandbox") != 0) {
                    msg = lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, rest + 2);
                    break;
                }
            }
        }
    }
    if (plain && !ls_haspos(msg) && !(lim != NULL && (lim->tripped || lim->interrupted)) &&
        lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sf", &ar) && ar.what[0] == 'C' && !ls_israiser(L)) {
        for (int level = 2; lua_getstack(L, level, &ar); level++) {
            if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && strcmp(ar.source, "=sandbox") != 0) {
                msg = lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
                break;
            }
        }
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

void ls_beginscope(lua_State *L) {
    ls_Limits *lim = ls_limits(L);
    if (lim->depth++ > 0)
        return;                            /* inside a scope: its limits go on */
    ls_resetlimits(L);
    ls_setmemcap(L, lim);
    lim->outer = ls_current;
    ls_current = lim;
    atomic_store(&ls_g_sigint, 0);
    ls_arm_sigint(L);
    if (lim->time_limit_ms > 0) {
        lim->deadline_ns = ls_now_ns() + (long long)lim->time_limit_ms * 1000000LL;
        ls_arm_deadline(lim->time_limit_ms);
        ls_normalhook(L, lim);
    }
}

void ls_endscope(lua_State *L) {
    ls_Limits *lim = ls_limits(L);
    if (lim->depth <= 0 || --lim->depth > 0)
        return;
    if (lim->time_limit_ms > 0)
        ls_disarm_deadline();
    lim->deadline_ns = 0;
    ls_disarm_sigint();
    atomic_store(&ls_g_sigint, 0);
    ls_resetlimits(L);
    ls_current = lim->outer;
    lim->outer = NULL;
}

int ls_docall(lua_State *L, int nargs, int nres) {
    ls_Limits *lim = ls_limits(L);
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, ls_msghandler);
    lua_insert(L, base);
    ls_beginscope(L);
    int saved = lim->in_host;
    lim->in_host = 0;
    int st = lua_pcall(L, nargs, nres, base);
    lim->in_host = saved;
    /* which limit (if any) ended it, read before the scope's end resets the limits */
    lim->last_stop = st == LUA_OK ? NULL
        : (st == LUA_ERRMEM && lim->mem_limit != 0) ? LS_MEMORY_REASON : ls_stopreason(L);
    if (st == LUA_ERRMEM && lim->mem_limit != 0) {   /* name the limit and the flag */
        lua_pop(L, 1);
        lua_pushstring(L, LS_MEMORY_REASON);
        st = LUA_ERRRUN;
    }
    ls_endscope(L);
    lua_remove(L, base);
    return st;
}

int ls_laststop(lua_State *L) {
    ls_Limits *lim = ls_limits(L);
    const char *r = lim != NULL ? lim->last_stop : NULL;
    if (r == NULL) return LS_STOP_NONE;
    if (strcmp(r, LS_MSG_TIME) == 0) return LS_STOP_TIME;
    if (strcmp(r, LS_MEMORY_REASON) == 0) return LS_STOP_MEMORY;
    if (strcmp(r, LS_MSG_INSTR) == 0) return LS_STOP_INSTRUCTIONS;
    if (strcmp(r, LS_MSG_INTR) == 0) return LS_STOP_INTERRUPT;
    return LS_STOP_NONE;
}

/* ---- stopping: polls from long C loops and from Swift ---- */

const char *ls_stopreason(lua_State *L) {
    ls_Limits *lim = ls_limits(L);
    if (lim == NULL)
        return NULL;
    if (lim->tripped)
        return lim->reason ? lim->reason : "script stopped";
    if (lim->interrupted)
        return lim->interrupted == 2 ? LS_MSG_TIME : LS_MSG_INTR;
    if (lim->cancel)
        return lim->cancel == 2 ? LS_MSG_TIME : LS_MSG_INTR;
    if (lim->deadline_ns != 0 && ls_now_ns() > lim->deadline_ns)
        return LS_MSG_TIME;
    return NULL;
}

/* Sticky, as ls_hook: every following event of L and of the main thread raises. */
static void ls_makesticky(lua_State *L, ls_Limits *lim) {
    lua_sethook(L, ls_hook, LS_STICKY, 1);
    if (lim->main != NULL && lim->main != L)
        lua_sethook(lim->main, ls_hook, LS_STICKY, 1);
}

const char *ls_tripinterrupt(lua_State *L) {
    ls_Limits *lim = ls_limits(L);
    const char *why = ls_stopreason(L);
    if (!lim->tripped) {
        lim->tripped = 1;
        lim->reason = why ? why : LS_MSG_INTR;
    }
    lim->interrupted = 0;
    ls_makesticky(L, lim);
    return lim->reason;
}

void ls_checklimits(lua_State *L, long long instructions) {
    ls_Limits *lim = ls_limits(L);
    if (lim == NULL)
        return;                            /* not a state made by ls_newstate */
    if (lim->instr_limit > 0) {
        lim->instr_used += instructions;
        if (lim->instr_used > lim->instr_limit && !lim->tripped) {
            lim->tripped = 1;
            lim->reason = LS_MSG_INSTR;
        }
    }
    /* the deadline is read from the clock too: a SIGALRM meant for this state may
       have gone to another thread's state when several run in one process */
    if (lim->tripped || lim->interrupted || lim->cancel ||
        (lim->deadline_ns != 0 && ls_now_ns() > lim->deadline_ns))
        luaL_error(L, "%s", ls_tripinterrupt(L));
}

int ls_interrupt_pending(void) {
    ls_Limits *lim = ls_current;
    if (lim != NULL)
        return ls_hostmemcheck(lim) || lim->tripped || lim->interrupted || lim->cancel ||
               (lim->deadline_ns != 0 && ls_now_ns() > lim->deadline_ns);
    return atomic_load(&ls_g_sigint) != 0;
}

int ls_hostreserve(size_t bytes) {
    ls_Limits *lim = ls_current;
    if (lim == NULL || lim->mem_limit == 0)
        return 0;
    if (lim->tripped)
        return lim->reason == LS_MEMORY_REASON;
    if (!ls_overcap(lim, bytes))
        return 0;
    ls_tripmemory(lim);
    return 1;
}

static int ls_tostring_k(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

const char *ls_safetostring(lua_State *L, int idx, size_t *len) {
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, ls_tostring_k);
    lua_pushvalue(L, idx);
    if (ls_docall(L, 1, 1) != LUA_OK || lua_type(L, -1) != LUA_TSTRING) {
        lua_pop(L, 1);
        lua_pushliteral(L, "<error in __tostring>");
    }
    return lua_tolstring(L, -1, len);
}

/* ------------------------------------------------------------------ */
/* interruptible library functions                                     */
/* ------------------------------------------------------------------ */

static void ls_setfuncs_raw(lua_State *L, const char *lib, const luaL_Reg *fs) {
    lua_pushliteral(L, LUA_LOADED_TABLE);
    lua_rawget(L, LUA_REGISTRYINDEX);       /* package.loaded: a plain table */
    lua_pushstring(L, lib);
    if (lua_rawget(L, -2) == LUA_TTABLE) {
        for (; fs->name != NULL; fs++) {
            lua_pushstring(L, fs->name);
            lua_pushcfunction(L, fs->func);
            lua_rawset(L, -3);
        }
    }
    lua_pop(L, 2);
}

void ls_openlimitedlibs(lua_State *L) {
    static const luaL_Reg strfuncs[] = {
        {"find", ls_str_find}, {"match", ls_str_match}, {"gmatch", ls_str_gmatch}, {"gsub", ls_str_gsub},
        {NULL, NULL}
    };
    static const luaL_Reg tabfuncs[] = {
        {"insert", ls_tab_insert}, {"remove", ls_tab_remove}, {"move", ls_tab_move},
        {"concat", ls_tab_concat}, {"unpack", ls_tab_unpack}, {"sort", ls_tab_sort},
        {NULL, NULL}
    };
    ls_setfuncs_raw(L, LUA_STRLIBNAME, strfuncs);
    ls_setfuncs_raw(L, LUA_TABLIBNAME, tabfuncs);
}
