/*
 * single_instance_internal.h - the single-instance plugin's pure parts,
 * for its tests and fuzz target.
 */
#ifndef SASH_SINGLE_INSTANCE_INTERNAL_H
#define SASH_SINGLE_INSTANCE_INTERNAL_H

#include <jansson.h>

/* The socket's path: <runtime_dir>/<id>.instance, or /tmp/<id>-<uid>.instance
 * without a runtime folder.  0, or -1 if it does not fit in `size`. */
int sash__single_instance_path(const char *runtime_dir, const char *id, long uid,
                               char *out, size_t size);
/* A launch message {argv: [strings], cwd: string} (new reference), or NULL
 * if `text` is not one. */
json_t *sash__single_instance_parse(const char *text, size_t len);

#endif
