/*
 * limits.c - what one page may ask of the app at once: message size,
 * nesting depth, calls in flight.  Each limit has its own error code so a
 * page can tell them apart, and a refused message costs almost nothing:
 * size is checked before parsing, depth by a linear scan before parsing
 * (jansson's own parser recurses up to 2048 levels).
 */
#include <string.h>

#include "calls/call.h"
#include "security/security.h"

int sash__json_too_deep(const char *text, size_t len, int max)
{
    int depth = 0, in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > max)
                return 1;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return 0;
}

int sash__guard_message(sash_window *w, const char *json, size_t json_len,
                        size_t len, void *handle)
{
    const sash__limits *lim = &w->app->security->config.limits;
    char text[300];
    if (len > lim->max_message) {
        snprintf(text, sizeof text, "message of %zu bytes exceeds the limit "
                 "of %zu bytes (security.limits.maxMessageBytes)", len,
                 lim->max_message);
        sash__refuse(w, handle, SASH_CODE_TOO_LARGE, text);
        return 0;
    }
    /* +1: the envelope {"cmd":..,"args":..} is one level around args. */
    if (json && sash__json_too_deep(json, json_len, lim->max_depth + 1)) {
        sash__refuse_too_deep(w, handle);
        return 0;
    }
    return 1;
}

int sash__message_max_depth(const sash_window *w)
{
    return w->app->security->config.limits.max_depth + 1;
}

void sash__too_deep_text(const sash_window *w, char *text, size_t size)
{
    snprintf(text, size, "arguments nest deeper than %d levels "
             "(security.limits.maxDepth)",
             w->app->security->config.limits.max_depth);
}

void sash__refuse_too_deep(sash_window *w, void *handle)
{
    char text[300];
    sash__too_deep_text(w, text, sizeof text);
    sash__refuse(w, handle, SASH_CODE_TOO_DEEP, text);
}

int sash__guard_in_flight(sash_window *w, void *handle)
{
    int max = w->app->security->config.limits.max_in_flight;
    if (atomic_load(&w->in_flight) < max)
        return 1;
    char text[300];
    snprintf(text, sizeof text, "window '%.100s' already has %d calls in "
             "flight (security.limits.maxInFlight); retry when some have "
             "finished", w->label, max);
    sash__refuse(w, handle, SASH_CODE_BUSY, text);
    return 0;
}
