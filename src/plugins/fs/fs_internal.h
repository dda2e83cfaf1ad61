/*
 * fs_internal.h - what the fs plugin's files share.
 */
#ifndef SASH_FS_INTERNAL_H
#define SASH_FS_INTERNAL_H

#include <sash.h>

/* The scope-checked real path of args[key] (new string), or NULL after
 * rejecting the call (bad_args, forbidden naming the scope, ...). */
char *sash__fs_scoped_path(sash_call *call, const json_t *args, const char *key,
                           const char *what);
/* Rejects with the code for errno `e` and a message naming the path. */
void sash__fs_reject_errno(sash_call *call, int e, const char *what,
                           const char *path);
/* Temp file in the same folder, fsync, rename: 0 or an errno. */
int sash__fs_write_atomic(const char *path, const void *data, size_t len);

/* fs_watch.c */
int sash__fs_watch_init(sash_app *app);
void sash__fs_watch(sash_call *call, const json_t *args, void *ud);
void sash__fs_unwatch(sash_call *call, const json_t *args, void *ud);

#endif
