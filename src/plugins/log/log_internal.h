/*
 * log_internal.h - the log plugin's pure parts, for its tests.
 */
#ifndef SASH_LOG_INTERNAL_H
#define SASH_LOG_INTERNAL_H

#include <stddef.h>

/* "error", "warn"/"warning", "info", "debug"/"trace" -> SASH_LOG_*, else -1. */
int sash__log_level_parse(const char *s);
/* Copies `len` bytes of src to dst (NUL-terminated, cut to size), control
 * characters as spaces.  Returns the bytes written. */
size_t sash__log_clean(char *dst, size_t size, const char *src, size_t len);

#endif
