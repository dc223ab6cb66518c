#ifndef LOUPE_MEMORY_HINTS_H
#define LOUPE_MEMORY_HINTS_H

// Cache prefetch hints for LoupeCore's hot loops, which Swift has no word for.
// Loading a corpus looks tokens up in tables of megabytes at random: a loop
// that asks for the cache lines of the tokens a few steps ahead has many
// misses in flight at once, where a plain load waits for each in turn.
// A prefetch never faults, so any address may be given.

static inline __attribute__((always_inline)) void loupe_prefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

static inline __attribute__((always_inline)) void loupe_prefetch_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
