/*
 * dialog.c - native dialogs: open, save, message/ask/confirm, from C
 * (sash_dialog_show) and from pages (dialog:* commands).  A path the user
 * picked is granted to the window's "fs" scope for the window's life
 * (security/grants.c): the page may then use that file and nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "desktop/desktop.h"
#include "security/grants.h"

#define MAX_FILTERS 256
#define MAX_EXTENSIONS 256
#define MAX_TEXT 65536
#define MAX_PATH_BYTES 4096

typedef struct dialog_req {
    sash__dialog pub;
    sash__desktop *desk;
    sash_window *window; /* referenced: the dialog's parent */
    sash_window *grantee; /* referenced: whose scope a pick opens */
    sash_dialog_fn fn;
    void *user_data;
    /* Copies of the caller's strings and filter tables. */
    char **strings;
    size_t nstrings;
    sash_dialog_filter *filters;
    const char ***exts;
} dialog_req;

static void req_free(dialog_req *r)
{
    for (size_t i = 0; i < r->nstrings; i++)
        free(r->strings[i]);
    free(r->strings);
    for (size_t i = 0; r->exts && i < r->pub.o.filter_count; i++)
        free(r->exts[i]);
    free(r->exts);
    free(r->filters);
    if (r->window)
        sash__window_unref(r->window);
    if (r->grantee)
        sash__window_unref(r->grantee);
    sash__desktop_unref(r->desk);
    free(r);
}

/* Copies s into r's strings; *out = the copy (NULL stays NULL). */
static int keep(dialog_req *r, const char *s, const char **out)
{
    *out = NULL;
    if (!s)
        return 0;
    if (!sash__utf8_text_ok(s, strlen(s)) || strlen(s) > MAX_TEXT)
        return SASH_EINVAL;
    char **v = realloc(r->strings, (r->nstrings + 1) * sizeof *v);
    if (!v)
        return SASH_ENOMEM;
    r->strings = v;
    if (!(v[r->nstrings] = sash__strdup(s)))
        return SASH_ENOMEM;
    *out = v[r->nstrings++];
    return 0;
}

static int ext_ok(const char *e)
{
    size_t n = strlen(e);
    return n > 0 && n <= 64 && !strpbrk(e, "/\\") &&
           sash__utf8_text_ok(e, n);
}

/* A deep copy of o into r->pub.o, checked. */
static int copy_options(dialog_req *r, const sash_dialog_options *o)
{
    sash_dialog_options *c = &r->pub.o;
    *c = *o;
    c->filters = NULL;
    c->filter_count = 0;
    if ((unsigned)o->kind > SASH_DIALOG_MESSAGE ||
        (unsigned)o->level > SASH_DIALOG_ERROR ||
        (unsigned)o->buttons > SASH_DIALOG_BUTTONS_YES_NO)
        return SASH_EINVAL;
    if (o->kind == SASH_DIALOG_MESSAGE && (!o->message || !*o->message))
        return SASH_EINVAL;
    if (o->filter_count > MAX_FILTERS || (o->filter_count && !o->filters))
        return SASH_EINVAL;
    int rc = keep(r, o->title, &c->title);
    if (!rc)
        rc = keep(r, o->default_path, &c->default_path);
    if (!rc)
        rc = keep(r, o->message, &c->message);
    if (!rc)
        rc = keep(r, o->ok_label, &c->ok_label);
    if (!rc)
        rc = keep(r, o->cancel_label, &c->cancel_label);
    if (rc)
        return rc;
    if (c->default_path && (strlen(c->default_path) > MAX_PATH_BYTES ||
                            !*c->default_path))
        return SASH_EINVAL;
    if (o->filter_count == 0 || o->kind == SASH_DIALOG_MESSAGE)
        return 0;
    r->filters = calloc(o->filter_count, sizeof *r->filters);
    r->exts = calloc(o->filter_count, sizeof *r->exts);
    if (!r->filters || !r->exts)
        return SASH_ENOMEM;
    c->filters = r->filters;
    for (size_t i = 0; i < o->filter_count; i++) {
        const sash_dialog_filter *f = &o->filters[i];
        size_t n = 0;
        while (f->extensions && f->extensions[n] && n <= MAX_EXTENSIONS)
            n++;
        if (n == 0 || n > MAX_EXTENSIONS)
            return SASH_EINVAL;
        r->exts[i] = calloc(n + 1, sizeof *r->exts[i]);
        if (!r->exts[i])
            return SASH_ENOMEM;
        c->filter_count = i + 1;
        if ((rc = keep(r, f->name ? f->name : "", &r->filters[i].name)))
            return rc;
        for (size_t k = 0; k < n; k++) {
            if (!ext_ok(f->extensions[k]))
                return SASH_EINVAL;
            if ((rc = keep(r, f->extensions[k], &r->exts[i][k])))
                return rc;
        }
        r->filters[i].extensions = r->exts[i];
    }
    return 0;
}

void sash__dialog_done(sash__dialog *d, int cancelled, int confirmed,
                       const char *const *paths, size_t n)
{
    dialog_req *r = d->core;
    sash_dialog_result res = {0};
    res.cancelled = cancelled;
    res.confirmed = !cancelled && confirmed;
    if (!cancelled && r->pub.o.kind != SASH_DIALOG_MESSAGE) {
        /* Only absolute paths count; the grant outlives nothing but the
         * window. */
        const char **ok = calloc(n + 1, sizeof *ok);
        size_t m = 0;
        for (size_t i = 0; ok && i < n; i++) {
            if (!paths[i] || !sash__path_is_absolute(paths[i],
                                                     SASH__PATH_NATIVE))
                continue;
            if (!r->grantee->closed)
                sash__window_scope_grant(r->grantee, "fs", paths[i],
                                         r->pub.o.directory);
            ok[m++] = paths[i];
        }
        res.paths = ok;
        res.path_count = m;
        res.cancelled = m == 0;
        if (r->desk->app)
            r->fn(r->desk->app, r->window->label, &res, r->user_data);
        free(ok);
    } else if (r->desk->app) {
        r->fn(r->desk->app, r->window->label, &res, r->user_data);
    }
    req_free(r);
}

/* -- The test hook ------------------------------------------------------- */

typedef struct hook_answer {
    dialog_req *req;
    json_t *answer;
} hook_answer;

static void hook_run(sash_app *app, void *data)
{
    (void)app;
    hook_answer *h = data;
    json_t *a = h->answer;
    if (json_is_string(a)) {
        const char *p = json_string_value(a);
        sash__dialog_done(&h->req->pub, 0, 1, &p, 1);
    } else if (json_is_array(a)) {
        size_t n = json_array_size(a), m = 0;
        const char **v = calloc(n + 1, sizeof *v);
        for (size_t i = 0; v && i < n; i++)
            if (json_is_string(json_array_get(a, i)))
                v[m++] = json_string_value(json_array_get(a, i));
        sash__dialog_done(&h->req->pub, m == 0, 1, v, m);
        free(v);
    } else {
        sash__dialog_done(&h->req->pub, json_is_null(a) || !a, json_is_true(a),
                          NULL, 0);
    }
    json_decref(a);
    free(h);
}

/* 1 if SASH_TEST_DIALOG answers dialogs (it then took r), else 0. */
static int test_hook(sash_app *app, dialog_req *r)
{
    const char *env = getenv("SASH_TEST_DIALOG");
    if (!env || !*env)
        return 0;
    json_t *all = json_loads(env, JSON_DECODE_ANY, NULL);
    if (!json_is_array(all)) {
        json_decref(all);
        sash__warn("SASH_TEST_DIALOG is not a JSON array: showing dialogs");
        return 0;
    }
    size_t n = json_array_size(all), i = (size_t)r->desk->test_dialog_next++;
    hook_answer *h = malloc(sizeof *h);
    if (!h) {
        json_decref(all);
        return 0;
    }
    h->req = r;
    h->answer = n ? json_incref(json_array_get(all, i < n ? i : n - 1)) : NULL;
    json_decref(all);
    if (sash_app_dispatch(app, hook_run, h) != 0) {
        h->answer = NULL;
        hook_run(app, h); /* closing: complete it now, as cancelled */
    }
    return 1;
}

/* Shows a dialog attached to `window`; a pick opens the scope of
 * `grantee` (the page that asked, which may attach its dialog to another
 * window: that window's page gains nothing). */
static int show(sash_window *window, sash_window *grantee,
                const sash_dialog_options *options, sash_dialog_fn fn,
                void *user_data)
{
    sash__desktop_anchor(&sash__platform_dialog_anchor); /* links the backend's code */
    if (!window || !options || !fn)
        return SASH_EINVAL;
    sash_app *app = window->app;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    if (window->closed)
        return SASH_ECLOSED;
    sash__desktop *desk = sash__desktop_get(app);
    dialog_req *r = desk ? calloc(1, sizeof *r) : NULL;
    if (!r)
        return SASH_ENOMEM;
    r->desk = sash__desktop_ref(desk);
    r->fn = fn;
    r->user_data = user_data;
    r->pub.core = r;
    int rc = copy_options(r, options);
    if (rc) {
        req_free(r);
        return rc;
    }
    sash__window_ref(window);
    r->window = window;
    sash__window_ref(grantee);
    r->grantee = grantee;
    if (test_hook(app, r))
        return 0;
    if (!app->platform->dialog) {
        req_free(r);
        return sash__fail(SASH_EPLATFORM, "dialogs: the %s backend has none",
                          app->platform->name);
    }
    app->platform->dialog(window, &r->pub);
    return 0;
}

int sash_dialog_show(sash_window *window, const sash_dialog_options *options,
                     sash_dialog_fn fn, void *user_data)
{
    return show(window, window, options, fn, user_data);
}

/* -- Page commands --------------------------------------------------------- */

static void on_answer(sash_app *app, const char *label,
                      const sash_dialog_result *res, void *data)
{
    (void)app;
    (void)label;
    sash_call *call = data;
    const char *cmd = sash_call_command(call);
    json_t *out;
    if (strcmp(cmd, "dialog:open") == 0 || strcmp(cmd, "dialog:save") == 0) {
        int many = json_is_true(json_object_get(call->args, "multiple")) &&
                   strcmp(cmd, "dialog:open") == 0;
        if (res->cancelled) {
            out = json_null();
        } else if (many) {
            out = json_array();
            for (size_t i = 0; i < res->path_count; i++)
                json_array_append_new(out, json_string(res->paths[i]));
        } else {
            out = json_string(res->paths[0]);
        }
    } else if (strcmp(cmd, "dialog:message") == 0) {
        out = json_null();
    } else {
        out = json_boolean(res->confirmed);
    }
    sash_resolve(call, out);
    sash_call_unref(call);
}

/* The dialog's window: the caller's, or args.window (a label) if given. */
static sash_window *target_window(sash_call *call, const json_t *args)
{
    const char *label;
    if (sash__arg_string(call, args, "window", 256, &label) != 0)
        return NULL;
    if (!label)
        return call->window;
    sash_window *w = sash_app_get_window(call->app, label);
    if (!w)
        sash_reject(call, SASH_CODE_NOT_FOUND, "no window labelled '%s'",
                    label);
    return w;
}

static int flag(sash_call *call, const json_t *args, const char *key, int *out)
{
    const json_t *v = json_object_get(args, key);
    *out = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_boolean(v)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s must be a boolean", key);
        return -1;
    }
    *out = json_is_true(v);
    return 0;
}

/* Reads args.filters ([{name, extensions: [..]}]) into f (n entries) and
 * ext (one NULL-terminated vector per filter, owned by the caller). */
static int read_filters(sash_call *call, const json_t *args,
                        sash_dialog_filter **f, const char ***flat,
                        size_t *n)
{
    const json_t *arr = json_object_get(args, "filters");
    *f = NULL;
    *flat = NULL;
    *n = 0;
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) > MAX_FILTERS) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "filters must be an array of "
                    "at most %d {name, extensions} objects", MAX_FILTERS);
        return -1;
    }
    size_t count = json_array_size(arr), total = 0, i;
    const json_t *it;
    json_array_foreach(arr, i, it) {
        const json_t *e = json_object_get(it, "extensions");
        const json_t *name = json_object_get(it, "name");
        if (!json_is_object(it) || !json_is_array(e) ||
            json_array_size(e) == 0 || json_array_size(e) > MAX_EXTENSIONS ||
            (name && !json_is_string(name))) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "filters[%zu] must be "
                        "{name: string, extensions: string[1..%d]}", i,
                        MAX_EXTENSIONS);
            return -1;
        }
        total += json_array_size(e) + 1;
    }
    *f = calloc(count ? count : 1, sizeof **f);
    *flat = calloc(total ? total : 1, sizeof **flat);
    if (!*f || !*flat) {
        sash_reject(call, SASH_CODE_INTERNAL, "out of memory");
        return -1;
    }
    size_t at = 0;
    json_array_foreach(arr, i, it) {
        const json_t *e = json_object_get(it, "extensions"), *x;
        size_t k;
        (*f)[i].name = json_string_value(json_object_get(it, "name"));
        (*f)[i].extensions = *flat + at;
        json_array_foreach(e, k, x) {
            if (!json_is_string(x) ||
                json_string_length(x) != strlen(json_string_value(x)) ||
                !ext_ok(json_string_value(x))) {
                sash_reject(call, SASH_CODE_BAD_ARGS, "filters[%zu]."
                            "extensions[%zu] must be a file extension such "
                            "as \"png\" (no dot, '/' or NUL)", i, k);
                return -1;
            }
            (*flat)[at++] = json_string_value(x);
        }
        (*flat)[at++] = NULL;
    }
    *n = count;
    return 0;
}

static void cmd_dialog(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    const char *cmd = sash_call_command(call);
    sash_dialog_options o = {0};
    sash_dialog_filter *filters = NULL;
    const char **flat = NULL;
    const char *kind = NULL;
    if (args && !json_is_object(args) && !json_is_null(args)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "expected an options object");
        return;
    }
    sash_window *w = target_window(call, args);
    if (!w)
        return;
    if (sash__arg_string(call, args, "title", MAX_TEXT, &o.title) ||
        sash__arg_string(call, args, "defaultPath", MAX_PATH_BYTES,
                         &o.default_path) ||
        sash__arg_string(call, args, "message", MAX_TEXT, &o.message) ||
        sash__arg_string(call, args, "kind", 16, &kind) ||
        sash__arg_string(call, args, "okLabel", 256, &o.ok_label) ||
        sash__arg_string(call, args, "cancelLabel", 256, &o.cancel_label) ||
        flag(call, args, "multiple", &o.multiple) ||
        flag(call, args, "directory", &o.directory))
        return;
    if (strcmp(cmd, "dialog:open") == 0 || strcmp(cmd, "dialog:save") == 0) {
        o.kind = cmd[7] == 'o' ? SASH_DIALOG_OPEN : SASH_DIALOG_SAVE;
        if (o.kind == SASH_DIALOG_SAVE)
            o.multiple = o.directory = 0;
        if (read_filters(call, args, &filters, &flat, &o.filter_count))
            goto out;
        o.filters = filters;
        if (o.default_path && !*o.default_path)
            o.default_path = NULL;
    } else {
        o.kind = SASH_DIALOG_MESSAGE;
        o.buttons = strcmp(cmd, "dialog:ask") == 0 ? SASH_DIALOG_BUTTONS_YES_NO
                    : strcmp(cmd, "dialog:confirm") == 0
                        ? SASH_DIALOG_BUTTONS_OK_CANCEL
                        : SASH_DIALOG_BUTTONS_OK;
        if (!o.message || !*o.message) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "message is required");
            goto out;
        }
        if (kind && strcmp(kind, "info") && strcmp(kind, "warning") &&
            strcmp(kind, "error")) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "kind must be \"info\", "
                        "\"warning\" or \"error\"");
            goto out;
        }
        o.level = !kind || kind[0] == 'i' ? SASH_DIALOG_INFO
                  : kind[0] == 'w'        ? SASH_DIALOG_WARNING
                                          : SASH_DIALOG_ERROR;
    }
    sash_call_ref(call);
    int rc = call->window->closed ? SASH_ECLOSED
                                  : show(w, call->window, &o, on_answer, call);
    if (rc) {
        sash_call_unref(call);
        sash_reject(call, rc == SASH_EINVAL ? SASH_CODE_BAD_ARGS
                                            : SASH_CODE_INTERNAL,
                    "%s: %s", cmd, sash_strerror(rc));
    }
out:
    free(filters);
    free(flat);
}

#define DEF(verb) {"dialog:" #verb, cmd_dialog, SASH_COMMAND_UI_THREAD}
static const sash_command_def defs[] = {DEF(open), DEF(save), DEF(message),
                                        DEF(ask), DEF(confirm)};
#undef DEF

int sash_dialog_enable(sash_app *app)
{
    static const sash_command_def *const list[] = {&defs[0], &defs[1], &defs[2],
                                                   &defs[3], &defs[4]};
    static const char *const all[] = {"dialog:default", "dialog:open",
                                      "dialog:save", "dialog:message",
                                      "dialog:ask", "dialog:confirm", NULL};
    static const char *const *const sets[] = {all, NULL};
    return sash__desktop_register(app, list, 5, sets);
}
