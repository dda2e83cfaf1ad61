/*
 * desktop.h - the core side of the desktop surface: dialogs, clipboard,
 * notifications and the opener.  Each request handed to the backend holds
 * a reference on the app's desktop state, so a completion arriving after
 * sash_app_free() (a late D-Bus reply) finds it marked dead and only frees
 * itself.
 */
#ifndef SASH_DESKTOP_H
#define SASH_DESKTOP_H

#include "internal.h"

typedef struct sash__desktop {
    atomic_int refs;
    sash_app *app; /* NULL once the app is freed; UI thread */
    sash_notification_action_fn action_fn;
    void *action_data;
    int test_dialog_next; /* index of the next SASH_TEST_DIALOG answer */
} sash__desktop;

/* The app's desktop state, created on first use with a reference for the
 * app; NULL on ENOMEM.  UI thread (or before the app runs). */
sash__desktop *sash__desktop_get(sash_app *app);
/* A request's reference; the app of a live one (NULL once freed). */
sash__desktop *sash__desktop_ref(sash__desktop *d);
void sash__desktop_unref(sash__desktop *d);
/* Keeps a reference to a backend's link anchor (platform.h) that no
 * optimizer can drop: the code calling this links that backend code. */
void sash__desktop_anchor(const char *anchor);
/* Called by sash_app_free(). */
void sash__desktop_free(sash_app *app);

/* 1 if `s` (len bytes) is UTF-8 without NUL. */
int sash__utf8_text_ok(const char *s, size_t len);
/* A JSON string argument: *out = its text, or NULL when absent or null.
 * 0, or -1 after rejecting the call with bad_args (wrong type, NUL inside,
 * longer than `max`). */
int sash__arg_string(sash_call *call, const json_t *args, const char *key,
                     size_t max, const char **out);
/* Registers `n` commands and defines permission sets: "allow-<verb>" for
 * each ("dialog:open" gets "dialog:allow-open"), and every set in
 * `sets` ({name, commands..., NULL}, NULL-terminated list). */
int sash__desktop_register(sash_app *app, const sash_command_def *const *defs,
                           size_t n, const char *const *const *sets);

#endif
