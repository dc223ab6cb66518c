#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
/* pkg-config libedit adds -I/usr/include/editline */
#include <editline/readline.h>

/* Swift 6 refuses to touch mutable C globals (strict concurrency): set them from C. */
static inline void loupe_editline_setup(const char *name, rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_attempted_completion_function = complete;
    rl_completion_append_character = 0;
}

/* stdout/stderr are C globals Swift 6 will not touch directly. */
static inline void loupe_write_out(const char *s, size_t n) { fwrite(s, 1, n, stdout); }
static inline void loupe_write_err(const char *s, size_t n) { fwrite(s, 1, n, stderr); fflush(stderr); }
static inline void loupe_flush_out(void) { fflush(stdout); }
#endif
