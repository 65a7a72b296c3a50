#ifndef TRAILGRID_CNCURSES_SHIM_H
#define TRAILGRID_CNCURSES_SHIM_H

/* Wide-character API (cchar_t, wget_wch, mvwaddnstr on UTF-8) needs both. */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
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
static inline int tg_lc_all(void) { return LC_ALL; }

#endif
