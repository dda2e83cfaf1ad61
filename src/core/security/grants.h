/*
 * grants.h - session grants: paths added to one window's scopes at run
 * time (a file the user picked in a dialog), living until the window
 * closes.  sash_call_scope_allows() consults them after the capabilities'
 * own patterns; a capability's deny pattern still wins.
 */
#ifndef SASH_GRANTS_H
#define SASH_GRANTS_H

#include "internal.h"

/* One granted path: `pattern` is a glob (the path escaped, with a recursive-wildcard segment
 * when recursive) for scope `scope`. */
typedef struct sash__grant {
    char *scope;
    char *pattern;
    struct sash__grant *next;
} sash__grant;

/* Grants `path` (absolute; normalised lexically; backends hand over
 * picks with symbolic links resolved) in `scope` of `w` until the window closes.
 * `recursive` covers everything below it.  Any thread.  0, SASH_EINVAL
 * (NULL, relative, NUL) or SASH_ENOMEM.  At most 4096 grants per window
 * (the oldest go first): a page cannot grow memory without bound by
 * asking for dialogs. */
int sash__window_scope_grant(sash_window *w, const char *scope,
                             const char *path, int recursive);

/* 1 if a session grant of `w` in `scope` covers `path` (absolute). */
int sash__window_scope_granted(sash_window *w, const char *scope,
                               const char *path);

/* Drops every grant of `w` (window closed or freed). */
void sash__window_grants_clear(sash_window *w);

#endif
