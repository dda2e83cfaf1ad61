/*
 * window_checks.h - the argument checks of the window-state calls
 * (window_state.c, monitors.c).
 */
#ifndef SASH_WINDOW_CHECKS_H
#define SASH_WINDOW_CHECKS_H

#include "internal.h"

/* A backend without this entry (GTK4 so far, docs/porting.md) does not
 * support the call: say so, never call through NULL. */
#define NEED(app, entry, what)                                               \
    do {                                                                     \
        if (!(app)->platform->entry)                                         \
            return sash__unsupported((app), (what));                         \
    } while (0)

/* A window call: a window, on the UI thread, not closed. */
#define UI_CHECK(w)                                                          \
    do {                                                                     \
        if (!(w))                                                            \
            return SASH_EINVAL;                                              \
        if (!sash__is_ui_thread((w)->app))                                   \
            return SASH_ETHREAD;                                             \
        if ((w)->closed)                                                     \
            return SASH_ECLOSED;                                             \
    } while (0)

#endif
