/*
 * json_fast.h - the bridge's JSON reader and writer: jansson's json_t, read
 * and written in runs instead of byte by byte.  Everything else in Sash
 * (sash.json, the public API) keeps using jansson directly.
 */
#ifndef SASH_JSON_FAST_H
#define SASH_JSON_FAST_H

#include <stddef.h>

#include <jansson.h>

/* Reads a JSON text holding an object or array, as json_loadb(text, len,
 * JSON_ALLOW_NUL) would: the same inputs are accepted and give equal
 * values.  NULL on invalid input (then *error_at, if given, is the byte
 * offset where it went wrong) or when out of memory.  Any thread. */
json_t *sash__json_read(const char *text, size_t len, size_t *error_at);

/* The same with a lower nesting limit: arrays and objects deeper than
 * `max_depth` (at most 2048) fail, and *too_deep (if given) says that was
 * the reason.  The bridge enforces security.limits.maxDepth this way, in
 * the one pass that reads the message. */
json_t *sash__json_read_limited(const char *text, size_t len, int max_depth,
                                int *too_deep, size_t *error_at);

/* Writes `value` as json_dumps(value, JSON_COMPACT) would, into a new
 * NUL-terminated string (free()); *len, if given, gets its length.  NULL
 * if the value holds invalid UTF-8, nests deeper than 2048 levels (or
 * loops), or memory runs out.  Any thread. */
char *sash__json_write(const json_t *value, size_t *len);

#endif
