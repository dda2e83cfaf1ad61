/*
 * store_internal.h - the store plugin's file handling, for its tests.
 */
#ifndef SASH_STORE_INTERNAL_H
#define SASH_STORE_INTERNAL_H

#include <jansson.h>

/* 1 if `name` (len bytes) may name a store file. */
#include "../plugin_file_name.h"
#define sash__store_name_ok sash__plugin_file_name_ok
/* Temp file next to `path`, fsync, rename: 0 or an errno. */
int sash__store_write_atomic(const char *path, const char *text, size_t len);
/* The object in `path` ({} if there is no file).  A file that does not
 * parse (or holds no object) is renamed to path.corrupt-<time> and
 * *recovered set to {movedTo, reason}; else *recovered is NULL. */
json_t *sash__store_load_file(const char *path, json_t **recovered);

#endif
