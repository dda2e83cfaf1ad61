/*
 * config.c - sash.json: strict schema, clear errors.
 *
 * Strict because a typo in a security file must not pass silently: an
 * unknown key is an error with a suggestion, a wrong type names the type
 * it wanted, and duplicate keys are refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "security/config.h"
#include "security/glob.h"
#include "sash.h"

typedef struct ctx {
    char *err;
    size_t size;
    const sash__vars *vars;
} ctx;

/* "sash.json: <where>[.<key>]: <message>"; the path is only built for
 * an error (size: not at every key read). */
#define NO_INDEX ((size_t)-1)
static int vfail(ctx *c, const char *where, const char *key, size_t index,
                 const char *fmt, va_list ap)
{
    char msg[512], at[32] = "";
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (index != NO_INDEX)
        snprintf(at, sizeof at, "[%zu]", index);
    snprintf(c->err, c->size, "sash.json: %.200s%s%.100s%s: %s", where,
             key && *where ? "." : "", key ? key : "", at, msg);
    return -1;
}

static int fail(ctx *c, const char *where, const char *fmt, ...)
    SASH__PRINTF(3, 4);
static int failk(ctx *c, const char *where, const char *key,
                 const char *fmt, ...) SASH__PRINTF(4, 5);
static int faili(ctx *c, const char *where, const char *key, size_t index,
                 const char *fmt, ...) SASH__PRINTF(5, 6);

static int fail(ctx *c, const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(c, where, NULL, NO_INDEX, fmt, ap);
    va_end(ap);
    return -1;
}

/* The same for member `key` of `where`. */
static int failk(ctx *c, const char *where, const char *key,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(c, where, key, NO_INDEX, fmt, ap);
    va_end(ap);
    return -1;
}

/* ...and for item `index` of array member `key`. */
static int faili(ctx *c, const char *where, const char *key, size_t index,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(c, where, key, index, fmt, ap);
    va_end(ap);
    return -1;
}

/* Optimal-string-alignment distance, so a swap ("widht") costs 1. */
static size_t distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 40 || nb > 40)
        return (size_t)-1;
    size_t d[41][41];
    for (size_t i = 0; i <= na; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= na; i++) {
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[na][nb];
}

static int check_keys(ctx *c, const json_t *obj, const char *where,
                      const char *const *keys)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        const char *best = NULL;
        size_t best_d = (size_t)-1, i;
        for (i = 0; keys[i]; i++) {
            if (strcmp(key, keys[i]) == 0)
                break;
            size_t d = distance(key, keys[i]);
            if (d < best_d) {
                best_d = d;
                best = keys[i];
            }
        }
        if (keys[i])
            continue;
        char path[300];
        snprintf(path, sizeof path, "%s%s%.100s", where, *where ? "." : "", key);
        if (best && best_d <= 2 && best_d < strlen(key))
            return fail(c, path, "unknown key (did you mean \"%s\"?)", best);
        return fail(c, path, "unknown key");
    }
    return 0;
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE: case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* Optional string member; *out is malloc'd or left NULL. */
static int get_string(ctx *c, const json_t *obj, const char *where,
                      const char *key, char **out, int required)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return required ? failk(c, where, key, "missing (required)") : 0;
    if (!json_is_string(v))
        return failk(c, where, key, "expected a string, got %s", type_name(v));
    free(*out);
    *out = sash__strdup(json_string_value(v));
    return *out ? 0 : failk(c, where, key, "out of memory");
}

static int get_int(ctx *c, const json_t *obj, const char *where,
                   const char *key, long long lo, long long hi, long long *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < lo ||
        json_integer_value(v) > hi)
        return failk(c, where, key, "expected an integer from %lld to %lld, got %s",
                    lo, hi, json_is_integer(v) ? "one out of range"
                                               : type_name(v));
    *out = json_integer_value(v);
    return 0;
}

static int get_bool(ctx *c, const json_t *obj, const char *where,
                    const char *key, int *out)
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return 0;
    if (!json_is_boolean(v))
        return failk(c, where, key, "expected true or false, got %s", type_name(v));
    *out = json_is_true(v);
    return 0;
}

/* An array of strings; each checked by `check` (may be NULL). */
static int get_strv(ctx *c, const json_t *obj, const char *where,
                    const char *key, sash__strv *out, int required,
                    int (*check)(const char *))
{
    const json_t *v = json_object_get(obj, key);
    if (!v)
        return required ? failk(c, where, key, "missing (required)") : 0;
    if (!json_is_array(v) || (required && json_array_size(v) == 0))
        return failk(c, where, key, "expected a%s array of strings, got %s",
                    required ? " non-empty" : "n",
                    json_is_array(v) ? "an empty one" : type_name(v));
    size_t i;
    const json_t *s;
    json_array_foreach(v, i, s) {
        if (!json_is_string(s) || !*json_string_value(s))
            return faili(c, where, key, i, "expected a non-empty string, got %s",
                         json_is_string(s) ? "\"\"" : type_name(s));
        if (check && check(json_string_value(s)) != 0)
            return faili(c, where, key, i, "malformed glob \"%.100s\" (an unclosed "
                        "'[' or a trailing '\\')", json_string_value(s));
        if (sash__strv_push(out, json_string_value(s)) != 0)
            return faili(c, where, key, i, "out of memory");
    }
    return 0;
}

static int get_object(ctx *c, const json_t *obj, const char *where,
                      const char *key, const json_t **out)
{
    *out = json_object_get(obj, key);
    if (*out && !json_is_object(*out))
        return failk(c, where, key, "expected an object, got %s", type_name(*out));
    return 0;
}

/* -- capabilities --------------------------------------------------------- */

static int parse_patterns(ctx *c, const json_t *obj, const char *where,
                          const char *key, sash__strv *out)
{
    sash__strv raw = {0};
    int rc = get_strv(c, obj, where, key, &raw, 0, NULL);
    for (size_t i = 0; rc == 0 && i < raw.n; i++) {
        char *expanded = NULL, why[300];
        if (sash__scope_expand(raw.v[i], c->vars, &expanded, why, sizeof why))
            rc = faili(c, where, key, i, "%s", why);
        else if (sash__strv_push(out, expanded) != 0)
            rc = faili(c, where, key, i, "out of memory");
        free(expanded);
    }
    sash__strv_free(&raw);
    return rc;
}

static int parse_scopes(ctx *c, const json_t *scopes, const char *where,
                        sash__capability *cap)
{
    static const char *const keys[] = {"allow", "deny", NULL};
    const char *name;
    json_t *v;
    json_object_foreach((json_t *)scopes, name, v) {
        char path[300];
        snprintf(path, sizeof path, "%s.scopes.%.100s", where, name);
        if (!json_is_object(v))
            return fail(c, path, "expected an object {\"allow\": [...], "
                        "\"deny\": [...]}, got %s", type_name(v));
        sash__scope *s = sash__capability_scope(cap, name);
        if (!s)
            return fail(c, path, "out of memory");
        if (check_keys(c, v, path, keys) ||
            parse_patterns(c, v, path, "allow", &s->allow) ||
            parse_patterns(c, v, path, "deny", &s->deny))
            return -1;
    }
    return 0;
}

static int parse_capability(ctx *c, const json_t *obj, const char *where,
                            sash__capability *cap)
{
    static const char *const keys[] = {"identifier", "description", "windows",
                                       "permissions", "scopes", "frames", NULL};
    char *description = NULL, *frames = NULL;
    const json_t *scopes = NULL;
    if (!json_is_object(obj))
        return fail(c, where, "expected an object, got %s", type_name(obj));
    int rc = check_keys(c, obj, where, keys) ||
             get_string(c, obj, where, "identifier", &cap->id, 1) ||
             get_string(c, obj, where, "description", &description, 0) ||
             get_strv(c, obj, where, "windows", &cap->windows, 1,
                      sash__glob_check) ||
             get_strv(c, obj, where, "permissions", &cap->permissions, 0,
                      sash__glob_check) ||
             get_object(c, obj, where, "scopes", &scopes) ||
             (scopes && parse_scopes(c, scopes, where, cap)) ||
             get_string(c, obj, where, "frames", &frames, 0);
    free(description);
    /* Which frames it grants (frames: docs/security.md). */
    if (!rc && frames) {
        cap->frames = strcmp(frames, "same-origin") == 0;
        if (!cap->frames && strcmp(frames, "top") != 0)
            rc = failk(c, where, "frames", "expected \"top\" or "
                       "\"same-origin\", got \"%.60s\"", frames);
    }
    free(frames);
    if (!rc && json_object_size(scopes) == 0 && cap->permissions.n == 0)
        rc = failk(c, where, "permissions",
                   "missing: a capability must grant something");
    return rc ? -1 : 0;
}

int sash__config_capability(const json_t *obj, const char *where,
                            const sash__vars *vars, sash__capability *out,
                            char *err, size_t err_size)
{
    ctx c = {err, err_size, vars};
    memset(out, 0, sizeof *out);
    if (parse_capability(&c, obj, where, out) != 0) {
        sash__capability_free(out);
        return -1;
    }
    return 0;
}

/* -- app, windows ----------------------------------------------------------- */

static int valid_identifier(const char *id)
{
    if (!strchr(id, '.') || id[0] == '.' || strlen(id) > 255)
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_'))
            return 0;
    return id[strlen(id) - 1] != '.' && !strstr(id, "..");
}

/* The window keys as data (size: one loop instead of a call per key).
 * Kinds: string (char * member), int (int member, lo..hi), bool. */
enum { F_STR, F_STR_REQ, F_INT, F_BOOL };
typedef struct field {
    const char *key;
    unsigned char kind;
    unsigned char off; /* offsetof in sash__window_conf */
    int lo, hi;
} field;
#define WF(key, kind, member, lo, hi) \
    {key, kind, offsetof(sash__window_conf, member), lo, hi}
static const field window_fields[] = {
    WF("label", F_STR_REQ, label, 0, 0), WF("title", F_STR, title, 0, 0),
    WF("path", F_STR, path, 0, 0),
    WF("width", F_INT, width, 1, 100000), WF("height", F_INT, height, 1, 100000),
    WF("minWidth", F_INT, min_width, 0, 100000),
    WF("minHeight", F_INT, min_height, 0, 100000),
    WF("resizable", F_BOOL, resizable, 0, 0), WF("center", F_BOOL, center, 0, 0),
    WF("create", F_BOOL, create, 0, 0),
    /* docs/windows.md */
    WF("x", F_INT, x, -1000000, 1000000), WF("y", F_INT, y, -1000000, 1000000),
    WF("maxWidth", F_INT, max_width, 0, 100000),
    WF("maxHeight", F_INT, max_height, 0, 100000),
    WF("decorations", F_BOOL, decorations, 0, 0),
    WF("alwaysOnTop", F_BOOL, always_on_top, 0, 0),
    WF("fullscreen", F_BOOL, fullscreen, 0, 0),
    WF("maximized", F_BOOL, maximized, 0, 0),
    WF("minimized", F_BOOL, minimized, 0, 0), WF("visible", F_BOOL, visible, 0, 0),
    WF("focus", F_BOOL, focus, 0, 0), WF("skipTaskbar", F_BOOL, skip_taskbar, 0, 0),
    WF("parent", F_STR, parent, 0, 0), WF("modal", F_BOOL, modal, 0, 0),
    WF("dragDrop", F_BOOL, drag_drop, 0, 0), /* docs/drag-drop.md */
};
#define NWINDOW_FIELDS (sizeof window_fields / sizeof *window_fields)
_Static_assert(sizeof(sash__window_conf) < 256, "field.off is a byte");

static int parse_window(ctx *c, const json_t *obj, const char *where,
                        sash__window_conf *w)
{
    const char *keys[NWINDOW_FIELDS + 1];
    w->resizable = w->center = w->create = 1;
    w->decorations = w->visible = w->focus = 1;
    w->drag_drop = 1;
    if (!json_is_object(obj))
        return fail(c, where, "expected an object, got %s", type_name(obj));
    for (size_t i = 0; i < NWINDOW_FIELDS; i++)
        keys[i] = window_fields[i].key;
    keys[NWINDOW_FIELDS] = NULL;
    if (check_keys(c, obj, where, keys))
        return -1;
    for (size_t i = 0; i < NWINDOW_FIELDS; i++) {
        const field *f = &window_fields[i];
        void *m = (char *)w + f->off;
        long long v = 0;
        int rc;
        if (f->kind == F_INT) {
            v = *(int *)m;
            rc = get_int(c, obj, where, f->key, f->lo, f->hi, &v);
            *(int *)m = (int)v;
        } else if (f->kind == F_BOOL) {
            rc = get_bool(c, obj, where, f->key, (int *)m);
        } else {
            rc = get_string(c, obj, where, f->key, (char **)m,
                            f->kind == F_STR_REQ);
        }
        if (rc)
            return -1;
    }
    int min_w = w->min_width, min_h = w->min_height;
    int max_w = w->max_width, max_h = w->max_height;
    if (!json_object_get(obj, "x") != !json_object_get(obj, "y"))
        return fail(c, where, "give both \"x\" and \"y\", or neither");
    w->has_position = json_object_get(obj, "x") != NULL;
    if ((max_w && min_w > max_w) || (max_h && min_h > max_h))
        return fail(c, where, "minWidth/minHeight is over maxWidth/maxHeight");
    if (w->modal && !w->parent)
        return fail(c, where, "\"modal\" needs a \"parent\"");
    if (!*w->label || strpbrk(w->label, "*?[\\")) {
        return failk(c, where, "label", "must be non-empty, without glob characters");
    }
    if (w->path && w->path[0] != '/') {
        return failk(c, where, "path", "must start with '/' (a path inside the app)");
    }
    return 0;
}

static int parse_windows(ctx *c, const json_t *app, sash__config *out)
{
    const json_t *arr = json_object_get(app, "windows");
    if (!arr)
        return 0;
    if (!json_is_array(arr))
        return fail(c, "app.windows", "expected an array, got %s",
                    type_name(arr));
    out->windows = calloc(json_array_size(arr) + 1, sizeof *out->windows);
    if (!out->windows)
        return fail(c, "app.windows", "out of memory");
    size_t i;
    const json_t *w;
    json_array_foreach(arr, i, w) {
        char where[64];
        snprintf(where, sizeof where, "app.windows[%zu]", i);
        out->nwindows = i + 1;
        if (parse_window(c, w, where, &out->windows[i]) != 0)
            return -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(out->windows[j].label, out->windows[i].label) == 0)
                return fail(c, where, "label \"%.100s\" is already used by "
                            "app.windows[%zu]", out->windows[i].label, j);
        const char *parent = out->windows[i].parent;
        size_t j = 0;
        while (parent && j < i && strcmp(out->windows[j].label, parent) != 0)
            j++;
        if (parent && j == i)
            return fail(c, where, "parent \"%.100s\" is not the label of an "
                        "earlier window", parent);
    }
    return 0;
}

static int valid_version(const char *v)
{
    int parts = 0;
    for (const char *p = v;; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
        parts++;
        if (*p != '.')
            return parts == 3 && (*p == '\0' || *p == '-' || *p == '+');
    }
}

static int parse_app(ctx *c, const json_t *root, sash__config *out)
{
    static const char *const keys[] = {"identifier", "name", "version",
                                       "windows", "spaFallback", NULL};
    const json_t *app = NULL;
    if (get_object(c, root, "", "app", &app) || !app)
        return app ? 0 : fail(c, "app", "missing (required: at least "
                              "app.identifier)");
    if (check_keys(c, app, "app", keys) ||
        get_string(c, app, "app", "identifier", &out->identifier, 1) ||
        get_string(c, app, "app", "name", &out->name, 0) ||
        get_string(c, app, "app", "version", &out->version, 0) ||
        get_bool(c, app, "app", "spaFallback", &out->spa_fallback))
        return -1;
    if (!valid_identifier(out->identifier))
        return fail(c, "app.identifier", "\"%.100s\" is not a reverse-DNS id "
                    "such as \"org.example.app\"", out->identifier);
    if (out->version && !valid_version(out->version))
        return fail(c, "app.version", "\"%.100s\" is not a version such as "
                    "\"1.2.3\"", out->version);
    return parse_windows(c, app, out);
}

/* -- security, build, bundle ------------------------------------------------ */

static int parse_limits(ctx *c, const json_t *sec, sash__config *out)
{
    static const char *const keys[] = {"maxMessageBytes", "maxDepth",
                                       "maxInFlight", NULL};
    const json_t *lim = NULL;
    long long bytes = (long long)out->limits.max_message;
    long long depth = out->limits.max_depth;
    long long flight = out->limits.max_in_flight;
    const char *w = "security.limits";
    if (get_object(c, sec, "security", "limits", &lim) || !lim)
        return lim ? -1 : 0;
    if (check_keys(c, lim, w, keys) ||
        get_int(c, lim, w, "maxMessageBytes", 256, 1LL << 40, &bytes) ||
        get_int(c, lim, w, "maxDepth", 1, 1000, &depth) ||
        get_int(c, lim, w, "maxInFlight", 1, 1000000, &flight))
        return -1;
    out->limits.max_message = (size_t)bytes;
    out->limits.max_depth = (int)depth;
    out->limits.max_in_flight = (int)flight;
    return 0;
}

static int parse_csp(ctx *c, const json_t *sec, sash__config *out)
{
    const json_t *v = json_object_get(sec, "csp");
    if (!v)
        return 0;
    if (json_is_false(v)) {
        out->csp_off = 1;
        return 0;
    }
    if (!json_is_string(v) || !*json_string_value(v) ||
        strpbrk(json_string_value(v), "\r\n"))
        return fail(c, "security.csp", "expected a policy string (one line) "
                    "or false, got %s", json_is_string(v) ? "an unusable string"
                                                          : type_name(v));
    out->csp = sash__strdup(json_string_value(v));
    return out->csp ? 0 : fail(c, "security.csp", "out of memory");
}

static int parse_capabilities(ctx *c, const json_t *sec, sash__config *out)
{
    const json_t *arr = json_object_get(sec, "capabilities");
    if (!arr)
        return 0;
    if (!json_is_array(arr))
        return fail(c, "security.capabilities", "expected an array, got %s",
                    type_name(arr));
    out->caps = calloc(json_array_size(arr) + 1, sizeof *out->caps);
    if (!out->caps)
        return fail(c, "security.capabilities", "out of memory");
    size_t i;
    const json_t *cap;
    json_array_foreach(arr, i, cap) {
        char where[64];
        snprintf(where, sizeof where, "security.capabilities[%zu]", i);
        out->ncaps = i + 1;
        if (parse_capability(c, cap, where, &out->caps[i]) != 0)
            return -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(out->caps[j].id, out->caps[i].id) == 0)
                return fail(c, where, "identifier \"%.100s\" is already used "
                            "by security.capabilities[%zu]", out->caps[i].id, j);
    }
    return 0;
}

/* security.opener: {"schemes": ["https", ...]} (desktop/opener.c). */
static int parse_opener(ctx *c, const json_t *sec, sash__config *out)
{
    static const char *const keys[] = {"schemes", NULL};
    const json_t *o = NULL;
    if (get_object(c, sec, "security", "opener", &o) || !o)
        return o ? -1 : 0;
    if (check_keys(c, o, "security.opener", keys) ||
        get_strv(c, o, "security.opener", "schemes", &out->opener_schemes, 0,
                 NULL))
        return -1;
    out->opener_schemes_set = json_object_get(o, "schemes") != NULL;
    for (size_t i = 0; i < out->opener_schemes.n; i++) {
        char *s = out->opener_schemes.v[i];
        int ok = s[0] >= 'a' && s[0] <= 'z' && strlen(s) < 32;
        for (char *p = s; ok && *p; p++)
            ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                 *p == '+' || *p == '-' || *p == '.';
        if (!ok) {
            char where[64];
            snprintf(where, sizeof where, "security.opener.schemes[%zu]", i);
            return fail(c, where, "expected a lower-case URL scheme such as "
                        "\"https\" (no ':')");
        }
    }
    return 0;
}

/* security.frameOrigins: remote origins iframes may load (frames). */
static int parse_frame_origins(ctx *c, const json_t *sec,
                                      sash__config *out)
{
    if (get_strv(c, sec, "security", "frameOrigins", &out->frame_origins, 0,
                 NULL))
        return -1;
    for (size_t i = 0; i < out->frame_origins.n; i++) {
        const char *s = out->frame_origins.v[i];
        char o[512], where[64];
        snprintf(where, sizeof where, "security.frameOrigins[%zu]", i);
        int web = strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
        if (!web || sash__url_origin(s, o, sizeof o) != 0 || strcmp(o, s) != 0 ||
            strpbrk(s, "* ;'\"\\") != NULL)
            return fail(c, where, "expected an http(s) origin "
                        "(\"https://host[:port]\", lower case), got \"%.100s\"", s);
    }
    return 0;
}

static int parse_security(ctx *c, const json_t *root, sash__config *out)
{
    static const char *const keys[] = {"capabilities", "csp", "limits",
                                       "sandbox", "opener", "frameOrigins",
                                       NULL};
    const json_t *sec = NULL;
    if (get_object(c, root, "", "security", &sec) || !sec)
        return sec ? -1 : 0;
    return check_keys(c, sec, "security", keys) ||
                   get_bool(c, sec, "security", "sandbox", &out->sandbox) ||
                   parse_csp(c, sec, out) || parse_limits(c, sec, out) ||
                   parse_capabilities(c, sec, out) ||
                   parse_opener(c, sec, out) ||
                   parse_frame_origins(c, sec, out)
               ? -1 : 0;
}

static int parse_build(ctx *c, const json_t *root, sash__config *out)
{
    static const char *const keys[] = {"devUrl", "frontendDist",
                                       "beforeDevCommand", "beforeBuildCommand",
                                       NULL};
    const json_t *b = NULL;
    char *dist = NULL, *before_dev = NULL, *before_build = NULL;
    if (get_object(c, root, "", "build", &b) || !b)
        return b ? -1 : 0;
    int rc = check_keys(c, b, "build", keys) ||
             get_string(c, b, "build", "devUrl", &out->dev_url, 0) ||
             get_string(c, b, "build", "frontendDist", &dist, 0) ||
             get_string(c, b, "build", "beforeDevCommand", &before_dev, 0) ||
             get_string(c, b, "build", "beforeBuildCommand", &before_build, 0);
    free(dist);
    free(before_dev);
    free(before_build);
    if (!rc && out->dev_url && strncmp(out->dev_url, "http://", 7) != 0 &&
        strncmp(out->dev_url, "https://", 8) != 0)
        rc = fail(c, "build.devUrl", "expected an http:// or https:// URL");
    return rc ? -1 : 0;
}

/* A scheme the app may register for deep links (the deep-link plugin
 * checks the same rules): RFC 3986, at most 64, not the browser's or ours. */
static int deep_link_scheme_ok(const char *s)
{
    static const char *const taken[] = {"http", "https", "file", "ftp", "data",
                                        "javascript", "about", "blob", "mailto",
                                        "sash", "sash-ipc", NULL};
    size_t n = strlen(s);
    if (n == 0 || n > 64 || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.'))
            return 0;
    }
    for (size_t i = 0; taken[i]; i++) {
        size_t k = 0;
        while (k < n && taken[i][k] && (s[k] | 0x20) == taken[i][k])
            k++;
        if (k == n && !taken[i][k])
            return 0;
    }
    return 1;
}

/* The bundle section belongs to the packaging tool; the app only checks
 * its shape so that typos surface early. */
static int parse_bundle(ctx *c, const json_t *root)
{
    static const char *const keys[] = {"active", "targets", "icon", "publisher",
                                       "category", "shortDescription",
                                       "longDescription", "copyright",
                                       "license", "homepage", "deepLinks", NULL};
    static const char *const strings[] = {"publisher", "category",
                                          "shortDescription", "longDescription",
                                          "copyright", "license", "homepage",
                                          NULL};
    const json_t *b = NULL;
    int active = 1;
    if (get_object(c, root, "", "bundle", &b) || !b)
        return b ? -1 : 0;
    sash__strv targets = {0}, icons = {0};
    int rc = check_keys(c, b, "bundle", keys) ||
             get_bool(c, b, "bundle", "active", &active) ||
             get_strv(c, b, "bundle", "targets", &targets, 0, NULL) ||
             get_strv(c, b, "bundle", "icon", &icons, 0, NULL);
    for (size_t i = 0; !rc && strings[i]; i++) {
        char *s = NULL;
        rc = get_string(c, b, "bundle", strings[i], &s, 0);
        free(s);
    }
    static const char *const kinds[] = {"deb", "rpm", "appimage", "all", NULL};
    for (size_t i = 0; !rc && i < targets.n; i++) {
        size_t k = 0;
        while (kinds[k] && strcmp(kinds[k], targets.v[i]) != 0)
            k++;
        if (!kinds[k]) {
            char where[64];
            snprintf(where, sizeof where, "bundle.targets[%zu]", i);
            rc = fail(c, where, "unknown target \"%.50s\" (known: deb, rpm, "
                      "appimage, all)", targets.v[i]);
        }
    }
    /* deepLinks: URL schemes the .desktop file registers (deep-link plugin). */
    sash__strv links = {0};
    if (!rc)
        rc = get_strv(c, b, "bundle", "deepLinks", &links, 0, NULL);
    for (size_t i = 0; !rc && i < links.n; i++) {
        if (!deep_link_scheme_ok(links.v[i])) {
            char where[64];
            snprintf(where, sizeof where, "bundle.deepLinks[%zu]", i);
            rc = fail(c, where, "\"%.64s\" is not a URL scheme of the app's own "
                      "(a letter, then letters, digits, '+', '-', '.'; not http, "
                      "file, sash...)", links.v[i]);
        }
    }
    sash__strv_free(&links);
    sash__strv_free(&targets);
    sash__strv_free(&icons);
    return rc ? -1 : 0;
}

void sash__config_defaults(sash__config *out)
{
    memset(out, 0, sizeof *out);
    out->limits.max_message = SASH__DEFAULT_MAX_MESSAGE;
    out->limits.max_depth = SASH__DEFAULT_MAX_DEPTH;
    out->limits.max_in_flight = SASH__DEFAULT_MAX_IN_FLIGHT;
    out->sandbox = 1;
}

static int parse_root(ctx *c, const json_t *root, sash__config *out)
{
    static const char *const keys[] = {"$schema", "app", "security", "build",
                                       "bundle", NULL};
    char *schema = NULL;
    if (!json_is_object(root))
        return fail(c, "(top level)", "expected an object, got %s",
                    type_name(root));
    int rc = check_keys(c, root, "", keys) ||
             get_string(c, root, "", "$schema", &schema, 0) ||
             parse_app(c, root, out);
    free(schema);
    if (rc)
        return -1;
    sash__vars own;
    if (!c->vars) {
        sash__vars_init(&own, out->identifier);
        c->vars = &own;
    }
    rc = parse_security(c, root, out) || parse_build(c, root, out) ||
         parse_bundle(c, root);
    if (c->vars == &own)
        sash__vars_free(&own);
    return rc ? -1 : 0;
}

int sash__config_parse(const char *text, size_t len, const sash__vars *vars,
                       sash__config *out, char *err, size_t err_size)
{
    ctx c = {err, err_size, vars};
    sash__config_defaults(out);
    json_error_t jerr;
    json_t *root = text ? json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr)
                        : NULL;
    if (!root) {
        snprintf(err, err_size, "sash.json:%d:%d: %s", text ? jerr.line : 0,
                 text ? jerr.column : 0, text ? jerr.text : "no text");
        return -1;
    }
    int rc = parse_root(&c, root, out);
    json_decref(root);
    if (rc != 0)
        sash__config_free(out);
    return rc;
}

void sash__config_free(sash__config *c)
{
    free(c->identifier);
    free(c->name);
    free(c->version);
    for (size_t i = 0; i < c->nwindows; i++) {
        free(c->windows[i].label);
        free(c->windows[i].title);
        free(c->windows[i].path);
        free(c->windows[i].parent);
    }
    free(c->windows);
    for (size_t i = 0; i < c->ncaps; i++)
        sash__capability_free(&c->caps[i]);
    free(c->caps);
    free(c->csp);
    free(c->dev_url);
    sash__strv_free(&c->opener_schemes);
    sash__strv_free(&c->frame_origins);
    sash__config_defaults(c);
}
