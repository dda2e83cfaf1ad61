/*
 * config.h - sash.json: the app's config, parsed and checked strictly.
 * Every error names the key and the reason, e.g.
 *   sash.json: app.windows[0].widht: unknown key (did you mean "width"?)
 */
#ifndef SASH_CONFIG_H
#define SASH_CONFIG_H

#include <stddef.h>

#include <jansson.h>

#include "capability.h"

/* Defaults of security.limits (documented in docs/security.md). */
#define SASH__DEFAULT_MAX_MESSAGE (64u * 1024u * 1024u)
#define SASH__DEFAULT_MAX_DEPTH 64
#define SASH__DEFAULT_MAX_IN_FLIGHT 1000

typedef struct sash__window_conf {
    char *label, *title, *path;
    int width, height, min_width, min_height;
    int resizable, center, create;
    /* Appended window options (docs/windows.md) */
    int has_position, x, y, max_width, max_height;
    int decorations, always_on_top, fullscreen, maximized, minimized;
    int visible, focus, skip_taskbar, modal;
    char *parent;
    int drag_drop; /* "dragDrop" (docs/drag-drop.md) */
} sash__window_conf;

typedef struct sash__limits {
    size_t max_message; /* bytes of one message, checked before parsing */
    int max_depth;      /* nesting of args ({} or [] at the top = 1) */
    int max_in_flight;  /* calls per window awaiting their reply */
} sash__limits;

typedef struct sash__config {
    char *identifier, *name, *version; /* NULL when absent */
    sash__window_conf *windows;
    size_t nwindows;
    sash__capability *caps;
    size_t ncaps;
    char *csp;   /* NULL = the default policy */
    int csp_off; /* "csp": false */
    sash__limits limits;
    int sandbox; /* security.sandbox, default 1 */
    int spa_fallback; /* app.spaFallback: /index.html for unknown routes */
    char *dev_url;
    /* security.opener.schemes: URL schemes pages may open (opener.c);
     * unset = http, https, mailto. */
    sash__strv opener_schemes;
    int opener_schemes_set;
    /* security.frameOrigins: remote origins that may load in iframes
     * (never given IPC; docs/security.md "Frames"). */
    sash__strv frame_origins;
} sash__config;

/* Fills `out` with the defaults (no windows, no capabilities). */
void sash__config_defaults(sash__config *out);

/* Parses and checks sash.json text (len bytes, need not be NUL-terminated).
 * Scope variables are expanded with `vars`, or, when vars is NULL, with the
 * environment and the config's own app.identifier.  Returns 0, or -1 with
 * a one-line message in err (out is then freed and zeroed). */
int sash__config_parse(const char *text, size_t len, const sash__vars *vars,
                       sash__config *out, char *err, size_t err_size);
void sash__config_free(sash__config *c);

/* Parses one capability object (the schema of an element of
 * security.capabilities); `where` prefixes error messages.  0 or -1. */
int sash__config_capability(const json_t *obj, const char *where,
                            const sash__vars *vars, sash__capability *out,
                            char *err, size_t err_size);

#endif
