/*
 * lineeditor.h -- the REPL's terminal: libedit's readline with Ctrl-C at the
 * prompt clearing the line (instead of killing the program), completion through
 * a callback, and stdout/stderr writes (C globals Swift 6 will not touch).
 */
#ifndef LINEEDITOR_H
#define LINEEDITOR_H
#include <stddef.h>

/* Completion callback: given the whole line and the cursor (byte offset),
 * returns a malloc'ed array of malloc'ed strings ending with NULL, or NULL. */
typedef char **(*le_Completer)(const char *line, int cursor);

void le_setup(const char *name, const char *word_breaks, le_Completer completer);

/* Reads a line. Returns a malloc'ed string, or NULL at end of input.
 * *interrupted is set to 1 (and "" returned) when Ctrl-C was pressed at the prompt. */
char *le_readline(const char *prompt, int *interrupted);

void le_add_history(const char *line);
int  le_read_history(const char *path);
int  le_write_history(const char *path, int max_entries);

/* Columns of the terminal on stdout, or 0 if unknown. */
int  le_terminal_width(void);

void le_write_out(const char *s, size_t n);
void le_write_err(const char *s, size_t n);
void le_flush_out(void);
#endif
