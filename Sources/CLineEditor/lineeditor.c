#include "lineeditor.h"
#include <editline/readline.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

static le_Completer le_completer = NULL;
static char **le_matches = NULL;
static int le_match_index = 0;
static volatile sig_atomic_t le_interrupted = 0;

static char *le_generator(const char *text, int state) {
    (void)text;
    if (state == 0) le_match_index = 0;
    if (le_matches == NULL || le_matches[le_match_index] == NULL) return NULL;
    return strdup(le_matches[le_match_index++]);     /* readline frees it */
}

static char **le_attempt(const char *text, int start, int end) {
    (void)start;
    if (le_matches != NULL) {
        for (int i = 0; le_matches[i] != NULL; i++) free(le_matches[i]);
        free(le_matches);
        le_matches = NULL;
    }
    if (le_completer != NULL && rl_line_buffer != NULL)
        le_matches = le_completer(rl_line_buffer, end);
    rl_attempted_completion_over = 1;                 /* no file-name fallback */
    return rl_completion_matches(text, le_generator);
}

/* Reads one byte for libedit; Ctrl-C (SIGINT without SA_RESTART) ends the line. */
static int le_getc(FILE *f) {
    unsigned char c;
    for (;;) {
        ssize_t n = read(fileno(f), &c, 1);
        if (n == 1) return c;
        if (n == -1 && errno == EINTR) {
            if (le_interrupted) return '\n';
            continue;
        }
        return EOF;
    }
}

static void le_onsigint(int sig) { (void)sig; le_interrupted = 1; }

void le_setup(const char *name, const char *word_breaks, le_Completer completer) {
    /* Ctrl-C must reach us even if whoever started us blocked SIGINT. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    rl_readline_name = name;
    rl_catch_signals = 0;
    le_completer = completer;
    rl_attempted_completion_function = le_attempt;
    rl_completion_append_character = 0;
    rl_completer_word_break_characters = (char *)word_breaks;
    rl_getc_function = le_getc;
}

char *le_readline(const char *prompt, int *interrupted) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = le_onsigint;                     /* no SA_RESTART: read() returns EINTR */
    sigemptyset(&sa.sa_mask);
    le_interrupted = 0;
    sigaction(SIGINT, &sa, &old);
    char *line = readline(prompt);
    sigaction(SIGINT, &old, NULL);
    *interrupted = le_interrupted;
    if (le_interrupted && line != NULL) line[0] = '\0';
    return line;
}

void le_add_history(const char *line) { add_history(line); }
int  le_read_history(const char *path) { return read_history(path); }
int  le_write_history(const char *path, int max_entries) {
    stifle_history(max_entries);
    return write_history(path);
}

void le_write_out(const char *s, size_t n) { fwrite(s, 1, n, stdout); }
void le_write_err(const char *s, size_t n) { fwrite(s, 1, n, stderr); fflush(stderr); }
void le_flush_out(void) { fflush(stdout); }

int le_terminal_width(void) {
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 0;
}
