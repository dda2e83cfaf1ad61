/*
 * window_state_internal.h - the window-state plugin's pure parts, for its
 * tests and fuzz target.
 */
#ifndef SASH_WINDOW_STATE_INTERNAL_H
#define SASH_WINDOW_STATE_INTERNAL_H

#include <jansson.h>

typedef struct sash__ws_rect {
    int x, y, width, height;
} sash__ws_rect;

/* Moves (and if needed shrinks) `r` so that it lies on one of the `n` work
 * areas: unchanged when at least 64x64 of it (or all of a smaller one) is
 * on one, else placed on the area it overlaps most, or centered on the
 * first (primary) one.  Returns 1 if it changed `r`.  n == 0: unchanged. */
int sash__ws_fit(sash__ws_rect *r, const sash__ws_rect *areas, int n);

/* The saved state of one window from the file's JSON ({label: {x, y,
 * width, height, maximized}}): 0, or -1 if absent or malformed (sizes
 * 1..100000, positions -1000000..1000000). */
int sash__ws_entry(const json_t *file, const char *label, sash__ws_rect *r,
                   int *maximized);

#endif
