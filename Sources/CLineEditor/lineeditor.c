#include "lineeditor.h"
#include <editline/readline.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
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

/* One byte from the terminal; -2 when Ctrl-C (SIGINT without SA_RESTART) ended the read. */
static int le_byte(FILE *f) {
    unsigned char c;
    for (;;) {
        ssize_t n = read(fileno(f), &c, 1);
        if (n == 1) return c;
        if (n == -1 && errno == EINTR) {
            if (le_interrupted) return -2;
            continue;
        }
        return EOF;
    }
}

/* Reads one character for libedit. Its readline layer takes what this returns as a
   whole wide character, so a UTF-8 sequence is decoded here: byte by byte, Cyrillic,
   a curly apostrophe or an emoji would arrive as several Latin-1 characters. A byte
   that does not start or continue a valid sequence comes through as U+FFFD. */
static int le_getc(FILE *f) {
    int b = le_byte(f);
    if (b == -2) return '\n';
    if (b < 0x80) return b;                     /* ASCII or EOF */
    int more, cp, min;
    if ((b & 0xE0) == 0xC0)      { more = 1; cp = b & 0x1F; min = 0x80; }
    else if ((b & 0xF0) == 0xE0) { more = 2; cp = b & 0x0F; min = 0x800; }
    else if ((b & 0xF8) == 0xF0) { more = 3; cp = b & 0x07; min = 0x10000; }
    else return 0xFFFD;
    for (int i = 0; i < more; i++) {
        int c = le_byte(f);
        if (c == -2) return '\n';
        if (c < 0) return EOF;
        if ((c & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    return cp;
}

/* libedit turns the characters it holds back into bytes with the C library's
   locale: it must be a UTF-8 one. The user's own when it is UTF-8, else C.UTF-8.
   Only LC_CTYPE: numbers keep the C locale's decimal point. */
static void le_utf8_locale(void) {
    const char *set = setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (set != NULL && codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0))
        return;
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
        (void)setlocale(LC_CTYPE, "en_US.UTF-8");
}

static void le_onsigint(int sig) { (void)sig; le_interrupted = 1; }

void le_setup(const char *name, const char *word_breaks, le_Completer completer) {
    /* Ctrl-C must reach us even if whoever started us blocked SIGINT. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    le_utf8_locale();
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
