/*
 * capability.h - who may call what: capabilities grant permissions (command
 * names, globs allowed, or plugin permission sets like "fs:read") and scopes
 * (path globs with allow/deny, deny wins) to windows chosen by label globs.
 * Deny by default: what no capability grants is refused.
 */
#ifndef SASH_CAPABILITY_H
#define SASH_CAPABILITY_H

#include "sys/sys.h"
#include <stddef.h>

typedef struct sash__strv {
    char **v;
    size_t n;
} sash__strv;

/* Appends a copy of s.  0 or SASH_ENOMEM. */
int sash__strv_push(sash__strv *sv, const char *s);
void sash__strv_free(sash__strv *sv);

typedef struct sash__scope {
    char *name;       /* e.g. "fs" */
    sash__strv allow; /* path globs, variables already expanded */
    sash__strv deny;
} sash__scope;

typedef struct sash__capability {
    char *id;
    sash__strv windows;     /* label globs */
    sash__strv permissions; /* command names / permission names, globs */
    sash__scope *scopes;
    size_t nscopes;
    int frames; /* "frames": 0 "top" (default), 1 "same-origin" */
} sash__capability;

void sash__capability_free(sash__capability *c);
/* The scope named `name` in c, created empty if missing; NULL on ENOMEM. */
sash__scope *sash__capability_scope(sash__capability *c, const char *name);

/* A permission set: granting `name` grants each of `commands`. */
typedef struct sash__permset {
    char *name;
    sash__strv commands;
} sash__permset;

/* Every capability and permission set of an app.  Thread-safe. */
typedef struct sash__caps {
    sash__rwlock lock;
    sash__capability *items;
    size_t count;
    sash__permset *sets;
    size_t nsets;
} sash__caps;

/* Replaces the first `old_n` capabilities (those of sash.json) with the
 * `n` of `caps` (moved in and zeroed on success), atomically for readers:
 * sash dev applying an edited sash.json.  0, SASH_EEXIST (an identifier
 * the app added at run time) or SASH_ENOMEM (nothing changed). */
int sash__caps_replace_front(sash__caps *c, size_t old_n, sash__capability *caps,
                             size_t n);
/* Removes permission set `name` (sash dev's hot swap unloading the module
 * that defined it).  0 or SASH_ENOENT. */
int sash__caps_undefine(sash__caps *c, const char *name);
void sash__caps_init(sash__caps *c);
void sash__caps_free(sash__caps *c);
/* Takes *cap (moved in; *cap is zeroed, even on failure).  0, SASH_EEXIST
 * (same id) or SASH_ENOMEM. */
int sash__caps_add(sash__caps *c, sash__capability *cap);
/* Defines (or extends) a permission set.  0 or SASH_ENOMEM. */
int sash__caps_define(sash__caps *c, const char *name,
                      const char *const *commands);

/* 1 if some capability for window `label` grants `permission` directly or
 * through a permission set, else 0. */
int sash__caps_allows(sash__caps *c, const char *label, const char *permission);
/* The same for a message of a frame: subframe 0 is the top frame (as
 * above); 1 a same-origin subframe, granted only by capabilities with
 * "frames": "same-origin". */
int sash__caps_allows_frame(sash__caps *c, const char *label,
                            const char *permission, int subframe);

/* 1 if `path` (absolute; normalised here, so ".." cannot climb out of an
 * allowed folder) matches an allow pattern of scope `scope` in a capability
 * for `label`, and no deny pattern of any such capability.  Else 0. */
int sash__caps_scope_allows(sash__caps *c, const char *label,
                            const char *scope, const char *path);

/* 1 if a deny pattern of scope `scope` in a capability for `label`
 * matches `path` (also 1 for NULL or a relative path: fail closed). */
int sash__caps_scope_denies(sash__caps *c, const char *label,
                            const char *scope, const char *path);

/* Writes the name of a permission set that contains `command` (for error
 * messages) to out; out = "" when none. */
void sash__caps_set_for(sash__caps *c, const char *command, char *out,
                        size_t size);

/* Names that some capability grants but that are neither a registered
 * command (per `exists`) nor a permission set nor a glob: likely typos.
 * Calls report(name, capability id, ctx) for each. */
void sash__caps_lint(sash__caps *c, int (*exists)(const char *name, void *ctx),
                     void (*report)(const char *name, const char *cap,
                                    void *ctx),
                     void *ctx);

/* -- Scope variables ------------------------------------------------------ */

/* In the order of sash__folder (sys/sys.h). */
enum {
    SASH__VAR_HOME, SASH__VAR_APPDATA, SASH__VAR_APPCONFIG, SASH__VAR_APPCACHE,
    SASH__VAR_DOCUMENTS, SASH__VAR_DOWNLOADS, SASH__VAR_DESKTOP,
    SASH__VAR_PICTURES, SASH__VAR_MUSIC, SASH__VAR_VIDEOS, SASH__VAR_TEMP,
    SASH__VAR_COUNT
};

/* The folders behind $HOME, $APPDATA, ... for one app.  NULL = unknown. */
typedef struct sash__vars {
    char *value[SASH__VAR_COUNT];
} sash__vars;

/* Fills v with the system layer's known folders (XDG on POSIX, the
 * known-folder API on Windows); $APPDATA etc. are per app (`identifier`).  A folder that cannot
 * be known (no HOME, or out of memory) stays NULL, and patterns using it
 * are refused: fail closed. */
void sash__vars_init(sash__vars *v, const char *identifier);
void sash__vars_free(sash__vars *v);

/* Expands a leading $VAR of a scope pattern into *out (malloc'd), escaping
 * glob characters of the folder name.  The result must be absolute.  0, or
 * -1 with the reason in err ("unknown variable $FOO", ...). */
int sash__scope_expand(const char *pattern, const sash__vars *v, char **out,
                       char *err, size_t err_size);

/* The canonical form of an absolute path in this OS's style
 * (sash__path_canonical): '/' separators, "//" and "." collapse, ".."
 * removes a segment (never above the root), no trailing '/'.  NULL when
 * the path is not absolute or on ENOMEM.  Caller frees. */
char *sash__path_normalize(const char *path);

#endif
