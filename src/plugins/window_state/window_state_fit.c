/*
 * window_state_fit.c - the window-state plugin's pure parts: reading a
 * saved entry and pulling an off-screen rectangle back onto a monitor.  No
 * window API, so the unit tests run them everywhere.
 */
#include "window_state_internal.h"

#define VISIBLE_MIN 64

static long overlap(const sash__ws_rect *a, const sash__ws_rect *b)
{
    long x0 = a->x > b->x ? a->x : b->x;
    long y0 = a->y > b->y ? a->y : b->y;
    long x1 = (long)a->x + a->width < (long)b->x + b->width ? (long)a->x + a->width
                                                              : (long)b->x + b->width;
    long y1 = (long)a->y + a->height < (long)b->y + b->height ? (long)a->y + a->height
                                                                : (long)b->y + b->height;
    return x1 > x0 && y1 > y0 ? (x1 - x0) * (y1 - y0) : 0;
}

int sash__ws_fit(sash__ws_rect *r, const sash__ws_rect *areas, int n)
{
    if (n <= 0 || !areas)
        return 0;
    int best = -1;
    long best_area = 0;
    for (int i = 0; i < n; i++) {
        const sash__ws_rect *a = &areas[i];
        if (a->width <= 0 || a->height <= 0)
            continue;
        long o = overlap(r, a);
        long need_w = r->width < VISIBLE_MIN ? r->width : VISIBLE_MIN;
        long need_h = r->height < VISIBLE_MIN ? r->height : VISIBLE_MIN;
        /* Enough of it is on this area to grab it: leave it alone. */
        sash__ws_rect inner = *r;
        if (overlap(&inner, a) >= need_w * need_h) {
            long x0 = r->x > a->x ? r->x : a->x;
            long x1 = (long)r->x + r->width < (long)a->x + a->width
                          ? (long)r->x + r->width : (long)a->x + a->width;
            long y0 = r->y > a->y ? r->y : a->y;
            long y1 = (long)r->y + r->height < (long)a->y + a->height
                          ? (long)r->y + r->height : (long)a->y + a->height;
            if (x1 - x0 >= need_w && y1 - y0 >= need_h)
                return 0;
        }
        if (o > best_area) {
            best_area = o;
            best = i;
        }
    }
    if (best < 0) { /* on no area at all: the first usable one */
        for (int i = 0; i < n && best < 0; i++)
            if (areas[i].width > 0 && areas[i].height > 0)
                best = i;
        if (best < 0)
            return 0;
    }
    const sash__ws_rect *a = &areas[best];
    if (r->width > a->width)
        r->width = a->width;
    if (r->height > a->height)
        r->height = a->height;
    if (best_area == 0) { /* centered */
        r->x = a->x + (a->width - r->width) / 2;
        r->y = a->y + (a->height - r->height) / 2;
    } else { /* clamped into the area it overlaps most */
        if (r->x < a->x)
            r->x = a->x;
        if (r->y < a->y)
            r->y = a->y;
        if ((long)r->x + r->width > (long)a->x + a->width)
            r->x = a->x + a->width - r->width;
        if ((long)r->y + r->height > (long)a->y + a->height)
            r->y = a->y + a->height - r->height;
    }
    return 1;
}

static int in_range(const json_t *v, long lo, long hi, int *out)
{
    if (!json_is_integer(v))
        return 0;
    json_int_t i = json_integer_value(v);
    if (i < lo || i > hi)
        return 0;
    *out = (int)i;
    return 1;
}

int sash__ws_entry(const json_t *f, const char *label, sash__ws_rect *r, int *maximized)
{
    const json_t *e = json_object_get(f, label);
    if (!json_is_object(e))
        return -1;
    if (!in_range(json_object_get(e, "x"), -1000000, 1000000, &r->x) ||
        !in_range(json_object_get(e, "y"), -1000000, 1000000, &r->y) ||
        !in_range(json_object_get(e, "width"), 1, 100000, &r->width) ||
        !in_range(json_object_get(e, "height"), 1, 100000, &r->height))
        return -1;
    *maximized = json_is_true(json_object_get(e, "maximized"));
    return 0;
}

