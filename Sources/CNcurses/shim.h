#ifndef TRAILGRID_CNCURSES_SHIM_H
#define TRAILGRID_CNCURSES_SHIM_H

/* Wide-character API (cchar_t, wget_wch, mvwaddnstr on UTF-8) needs both. */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <ncursesw/curses.h>

/* Swift 6 rejects C globals as "not concurrency-safe": these accessors are
   the only way the terminal module reads them, always from the UI thread. */
static inline WINDOW *tg_stdscr(void) { return stdscr; }
static inline int tg_lines(void) { return LINES; }
static inline int tg_cols(void) { return COLS; }
static inline int tg_colors(void) { return COLORS; }
static inline int tg_color_pairs(void) { return COLOR_PAIRS; }
static inline int tg_key_resize(void) { return KEY_RESIZE; }
static inline int tg_err(void) { return ERR; }
static inline int tg_ok(void) { return OK; }
static inline int tg_key_code_yes(void) { return KEY_CODE_YES; }
static inline attr_t tg_a_bold(void) { return A_BOLD; }
static inline attr_t tg_a_reverse(void) { return A_REVERSE; }
static inline attr_t tg_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tg_a_dim(void) { return A_DIM; }
static inline attr_t tg_a_normal(void) { return A_NORMAL; }
static inline void tg_getmaxyx(WINDOW *win, int *y, int *x) { getmaxyx(win, *y, *x); }

/* Names the calling thread for top, perf and gdb (prctl is variadic, which
   Swift cannot call). */
#ifdef __linux__
#include <sys/prctl.h>
static inline void tg_name_this_thread(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }
#else
#include <pthread.h>
static inline void tg_name_this_thread(const char *name) { pthread_setname_np(name); }
#endif
static inline int tg_lc_all(void) { return LC_ALL; }

/* newterm() takes FILE*s, and stdout/stdin are C globals too. */
static inline FILE *tg_stdout(void) { return stdout; }
static inline FILE *tg_stdin(void) { return stdin; }

/* Whether setlocale() left a UTF-8 codeset; call once, on the UI thread
   (nl_langinfo is not thread-safe). */
static inline int tg_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* Sets attributes and a color pair of any number: COLOR_PAIR(n) packs only
   8 bits, and the short parameter 15; ncurses reads the full pair number
   from the opts pointer (curs_attr(3X), extended colors). */
static inline int tg_set_style(WINDOW *win, attr_t attributes, int pair) {
    return wattr_set(win, attributes, (NCURSES_PAIRS_T)(pair > 32767 ? 0 : pair), &pair);
}

#endif
