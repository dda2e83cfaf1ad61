/*
 * security.h - the app's security state (capabilities, CSP, limits, allowed
 * origins) and the checks the dispatcher and the backends call.  Portable:
 * no platform header here.
 */
#ifndef SASH_SECURITY_H
#define SASH_SECURITY_H

#include "capability.h"
#include "config.h"
#include "internal.h"

/* Granting this lets a window's page emit() events to C listeners. */
#define SASH__PERMISSION_EMIT SASH_PERMISSION_EMIT

typedef struct sash__security {
    sash__caps caps;
    sash__config config;  /* windows to create, limits, sandbox */
    char *csp;            /* Content-Security-Policy value; NULL = none */
    char *dev_origin;     /* "http://host:port" of the dev URL, or NULL */
    sash_open_url_fn open_url;
    void *open_url_data;
    atomic_int linted;
} sash__security;

/* The default Content-Security-Policy (csp.c), as the GTK backend serves
 * it, and the same with another backend's IPC sources in connect-src (a
 * new string). */
extern const char sash__default_csp[];
char *sash__csp_default(const char *ipc_sources);

/* Reads options->config_json (if any) into app->security.  Reports the
 * config error (sash_last_error) and returns SASH_ECONFIG when invalid. */
int sash__security_init(sash_app *app, const sash_app_options *o);
void sash__security_free(sash_app *app);

/* -- Dispatcher checks (UI thread).  Each returns 1 when the message may
 * go on; otherwise it has already replied with the error and returns 0. */

/* Replies with error `code` and logs it in debug mode. */
void sash__refuse(sash_window *w, void *handle, const char *code,
                  const char *message);
/* Size of the whole message (len, before parsing) and nesting depth of its
 * JSON part (json, json_len; NULL = none). */
int sash__guard_message(sash_window *w, const char *json, size_t json_len,
                        size_t len, void *handle);
/* The nesting limit of a whole message (security.limits.maxDepth plus the
 * envelope), for a reader that enforces it while it parses; and the
 * refusal it sends when a message goes deeper. */
int sash__message_max_depth(const sash_window *w);
void sash__refuse_too_deep(sash_window *w, void *handle);
/* The too_deep message for the window's limit, into text. */
void sash__too_deep_text(const sash_window *w, char *text, size_t size);
/* The window may call command `name` (forbidden otherwise). */
int sash__guard_command(sash_window *w, const char *name, void *handle);
/* The window may emit events to C. */
int sash__guard_event(sash_window *w, void *handle);
/* The window has room for one more call in flight (busy otherwise).
 * sash__call_new() counts the call, its completion uncounts it. */
int sash__guard_in_flight(sash_window *w, void *handle);

/* 1 if a JSON text nests deeper than `max` arrays/objects.  Linear, no
 * recursion, never reads past len; malformed text is left to the parser. */
int sash__json_too_deep(const char *text, size_t len, int max);

/* Origin, navigation, CSP and sandbox queries for backends: platform.h. */

/* frames.c: the policy with security.frameOrigins added to its frame-src
 * 'self' (a new string; a copy when there is none or no such source). */
char *sash__csp_with_frames(const char *csp, const sash__strv *origins);

#endif
