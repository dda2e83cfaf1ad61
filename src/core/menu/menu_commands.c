/*
 * menu_commands.c - menu:* and tray:* commands for pages (@sash/api/menu,
 * @sash/api/tray), registered by sash_menu_enable() / sash_tray_enable().
 * All run on the UI thread: they touch the model and the toolkit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../internal.h"
#include "menu.h"

/* Rejects with the thread's last error: bad_args for invalid input,
 * not_found for unknown ids, internal otherwise. */
static void reject_last(sash_call *call, int rc)
{
    const char *msg = NULL;
    int code = sash_last_error(&msg);
    if (!code)
        code = rc;
    const char *c = code == SASH_EINVAL   ? SASH_CODE_BAD_ARGS
                    : code == SASH_ENOENT ? SASH_CODE_NOT_FOUND
                                          : SASH_CODE_INTERNAL;
    sash_reject(call, c, "%s", msg ? msg : sash_strerror(code));
}

static void done(sash_call *call, int rc)
{
    if (rc < 0)
        reject_last(call, rc);
    else
        sash_resolve(call, NULL);
}

static sash_menu *menu_arg(sash_call *call, const json_t *args)
{
    const char *rid = json_string_value(json_object_get(args, "rid"));
    sash_menu *m = rid ? sash__menu_find(sash_call_app(call), rid,
                                         sash_call_window_label(call))
                       : NULL;
    if (!m)
        sash_reject(call, rid ? SASH_CODE_NOT_FOUND : SASH_CODE_BAD_ARGS,
                    rid ? "no menu \"%.60s\" (closed?)" : "%s: \"rid\" (a "
                    "menu) is required", rid ? rid : sash_call_command(call));
    return m;
}

static const char *id_arg(sash_call *call, const json_t *args)
{
    const char *id = json_string_value(json_object_get(args, "id"));
    if (!id)
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: \"id\" (an item id) is "
                    "required", sash_call_command(call));
    return id;
}

static void cmd_new(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    json_t *items = json_object_get(args, "items");
    if (!items) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "menu:new: \"items\" is required");
        return;
    }
    char *text = json_dumps(items, JSON_COMPACT | JSON_ENCODE_ANY);
    sash_menu *m = text ? sash_menu_new(sash_call_app(call), text) : NULL;
    free(text);
    if (!m) {
        reject_last(call, SASH_ENOMEM);
        return;
    }
    if (sash__menu_set_page(m, sash_call_window_label(call)) != 0) {
        sash_menu_free(m);
        sash_reject(call, SASH_CODE_INTERNAL, "out of memory");
        return;
    }
    sash_resolve(call, json_pack("{s:s}", "rid", m->rid));
}

static void cmd_close(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_menu *m = menu_arg(call, args);
    if (m) {
        sash_menu_free(m);
        sash_resolve(call, NULL);
    }
}

static void cmd_set_text(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_menu *m = menu_arg(call, args);
    const char *id = m ? id_arg(call, args) : NULL;
    json_t *t = json_object_get(args, "text");
    if (!id)
        return;
    if (!json_is_string(t)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "menu:set_text: \"text\" must "
                    "be a string");
        return;
    }
    done(call, sash_menu_set_text(m, id, json_string_value(t)));
}

static void cmd_set_flag(sash_call *call, const json_t *args, const char *key,
                         int (*set)(sash_menu *, const char *, int))
{
    sash_menu *m = menu_arg(call, args);
    const char *id = m ? id_arg(call, args) : NULL;
    json_t *v = json_object_get(args, key);
    if (!id)
        return;
    if (!json_is_boolean(v)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: \"%s\" must be true or "
                    "false", sash_call_command(call), key);
        return;
    }
    done(call, set(m, id, json_is_true(v)));
}

static void cmd_set_enabled(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    cmd_set_flag(call, args, "enabled", sash_menu_set_enabled);
}

static void cmd_set_checked(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    cmd_set_flag(call, args, "checked", sash_menu_set_checked);
}

static void cmd_is_checked(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_menu *m = menu_arg(call, args);
    const char *id = m ? id_arg(call, args) : NULL;
    if (!id)
        return;
    int rc = sash_menu_is_checked(m, id);
    if (rc < 0)
        reject_last(call, rc);
    else
        sash_resolve(call, json_boolean(rc));
}

static void cmd_insert(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_menu *m = menu_arg(call, args);
    if (!m)
        return;
    json_t *items = json_object_get(args, "items");
    json_t *parent = json_object_get(args, "parent");
    json_t *index = json_object_get(args, "index");
    if (!items || (parent && !json_is_null(parent) && !json_is_string(parent)) ||
        (index && !json_is_null(index) && !json_is_integer(index))) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "menu:insert: {rid, items, "
                    "parent?: string, index?: integer}");
        return;
    }
    json_int_t i = index ? json_integer_value(index) : -1;
    char *text = json_dumps(items, JSON_COMPACT | JSON_ENCODE_ANY);
    int rc = text ? sash_menu_insert(m, json_string_value(parent),
                                     i < 0 || i > 1000000 ? -1 : (int)i, text)
                  : SASH_ENOMEM;
    free(text);
    done(call, rc);
}

static void cmd_remove(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_menu *m = menu_arg(call, args);
    const char *id = m ? id_arg(call, args) : NULL;
    if (id)
        done(call, sash_menu_remove(m, id));
}

static sash_window *caller_window(sash_call *call)
{
    sash_window *w = sash_app_get_window(sash_call_app(call),
                                         sash_call_window_label(call));
    if (!w)
        sash_reject(call, SASH_CODE_NOT_FOUND, "the calling window is gone");
    return w;
}

static void cmd_popup(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_menu *m = menu_arg(call, args);
    sash_window *w = m ? caller_window(call) : NULL;
    if (!w)
        return;
    json_t *x = json_object_get(args, "x"), *y = json_object_get(args, "y");
    int px = -1, py = -1;
    if (x && y && !json_is_null(x) && !json_is_null(y)) {
        double dx = json_number_value(x), dy = json_number_value(y);
        if (!json_is_number(x) || !json_is_number(y) || !(dx >= 0) ||
            !(dy >= 0) || dx > 100000 || dy > 100000) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "menu:popup: x and y must "
                        "be numbers from 0 to 100000 (or absent: at the "
                        "pointer)");
            return;
        }
        px = (int)dx;
        py = (int)dy;
    }
    done(call, sash_menu_popup(m, w, px, py));
}

/* {rid: string | null}: the calling window's menu bar. */
static void cmd_set_window_menu(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    json_t *rid = json_object_get(args, "rid");
    sash_menu *m = NULL;
    if (rid && !json_is_null(rid) && !(m = menu_arg(call, args)))
        return;
    sash_window *w = caller_window(call);
    if (w)
        done(call, sash_window_set_menu(w, m));
}

/* {rid: string | null}: every window's menu bar. */
static void cmd_set_app_menu(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    json_t *rid = json_object_get(args, "rid");
    sash_menu *m = NULL;
    if (rid && !json_is_null(rid) && !(m = menu_arg(call, args)))
        return;
    done(call, sash_app_set_menu(sash_call_app(call), m));
}

/* -- tray ---------------------------------------------------------------------- */

static sash_tray *tray_arg(sash_call *call, const json_t *args)
{
    const char *rid = json_string_value(json_object_get(args, "rid"));
    sash_tray *t = rid ? sash__tray_find(sash_call_app(call), rid,
                                         sash_call_window_label(call))
                       : NULL;
    if (!t)
        sash_reject(call, rid ? SASH_CODE_NOT_FOUND : SASH_CODE_BAD_ARGS,
                    rid ? "no tray \"%.60s\" (closed?)" : "%s: \"rid\" (a "
                    "tray) is required", rid ? rid : sash_call_command(call));
    return t;
}

/* The icon travels as raw bytes (invoke(cmd, bytes, args)): no base64. */
static void cmd_tray_new(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    size_t len;
    const void *png = sash_call_bytes(call, &len);
    json_t *id = json_object_get(args, "id");
    json_t *tip = json_object_get(args, "tooltip");
    json_t *menu = json_object_get(args, "menu");
    if ((id && !json_is_string(id)) || (tip && !json_is_null(tip) &&
                                        !json_is_string(tip)) ||
        (menu && !json_is_null(menu) && !json_is_string(menu))) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "tray:new: {id?: string, "
                    "tooltip?: string, menu?: rid} with the icon as bytes");
        return;
    }
    sash_app *app = sash_call_app(call);
    if (!SASH__PLATFORM_HAS(app, tray_create)) { /* GTK4: no tray */
        sash__reject_unsupported(call, "tray:new");
        return;
    }
    sash_menu *m = NULL;
    if (menu && json_is_string(menu) &&
        !(m = sash__menu_find(app, json_string_value(menu),
                              sash_call_window_label(call)))) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "tray:new: no menu \"%.60s\"",
                    json_string_value(menu));
        return;
    }
    sash_tray *t = sash_tray_new(app, json_string_value(id), png, len);
    if (!t) {
        reject_last(call, SASH_EPLATFORM);
        return;
    }
    if (sash__tray_set_page(t, sash_call_window_label(call)) != 0) {
        sash_tray_free(t);
        sash_reject(call, SASH_CODE_INTERNAL, "out of memory");
        return;
    }
    if (tip && json_is_string(tip))
        sash_tray_set_tooltip(t, json_string_value(tip));
    if (m)
        sash_tray_set_menu(t, m);
    sash_resolve(call, json_pack("{s:s}", "rid", t->rid));
}

static void cmd_tray_set_icon(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_tray *t = tray_arg(call, args);
    size_t len;
    const void *png = sash_call_bytes(call, &len);
    if (t)
        done(call, sash_tray_set_icon(t, png, len));
}

static void cmd_tray_set_tooltip(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_tray *t = tray_arg(call, args);
    json_t *tip = json_object_get(args, "tooltip");
    if (!t)
        return;
    if (tip && !json_is_null(tip) && !json_is_string(tip)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "tray:set_tooltip: \"tooltip\" "
                    "must be a string or null");
        return;
    }
    done(call, sash_tray_set_tooltip(t, json_string_value(tip)));
}

static void cmd_tray_set_menu(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_tray *t = tray_arg(call, args);
    if (!t)
        return;
    json_t *menu = json_object_get(args, "menu");
    sash_menu *m = NULL;
    if (menu && !json_is_null(menu) &&
        !(m = sash__menu_find(t->app, json_string_value(menu),
                              sash_call_window_label(call)))) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "tray:set_menu: no menu "
                    "\"%.60s\"", json_string_value(menu) ? json_string_value(menu) : "?");
        return;
    }
    done(call, sash_tray_set_menu(t, m));
}

static void cmd_tray_close(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_tray *t = tray_arg(call, args);
    if (t) {
        sash_tray_free(t);
        sash_resolve(call, NULL);
    }
}

/* -- registration ----------------------------------------------------------------- */

typedef struct verb {
    const char *name; /* without the module prefix */
    sash_command_fn fn;
} verb;

static const verb menu_verbs[] = {
    {"new", cmd_new},           {"close", cmd_close},
    {"set_text", cmd_set_text}, {"set_enabled", cmd_set_enabled},
    {"set_checked", cmd_set_checked}, {"is_checked", cmd_is_checked},
    {"insert", cmd_insert},     {"remove", cmd_remove},
    {"popup", cmd_popup},       {"set_window_menu", cmd_set_window_menu},
    {"set_app_menu", cmd_set_app_menu},
};

static const verb tray_verbs[] = {
    {"new", cmd_tray_new},
    {"set_icon", cmd_tray_set_icon},
    {"set_tooltip", cmd_tray_set_tooltip},
    {"set_menu", cmd_tray_set_menu},
    {"close", cmd_tray_close},
};

#define MAX_VERBS 16

static int enable(sash_app *app, const char *module, const verb *verbs,
                  size_t n)
{
    if (!app)
        return SASH_EINVAL;
    char names[MAX_VERBS][48];
    const char *all[MAX_VERBS + 1];
    size_t added = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        snprintf(names[i], sizeof names[i], "%s:%s", module, verbs[i].name);
        all[i] = names[i];
        rc = sash_command(app, names[i], verbs[i].fn, NULL,
                          SASH_COMMAND_UI_THREAD);
        if (rc == 0)
            added++;
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        char perm[64];
        const char *one[2] = {names[i], NULL};
        snprintf(perm, sizeof perm, "%s:allow-%s", module, verbs[i].name);
        rc = sash_permission_define(app, perm, one);
    }
    all[n] = NULL;
    char def[32];
    snprintf(def, sizeof def, "%s:default", module);
    if (rc == 0)
        rc = sash_permission_define(app, def, all);
    if (rc != 0)
        for (size_t i = 0; i < added; i++)
            sash_command_remove(app, names[i]);
    return rc;
}

int sash_menu_enable(sash_app *app)
{
    return enable(app, "menu", menu_verbs, sizeof menu_verbs / sizeof *menu_verbs);
}

int sash_tray_enable(sash_app *app)
{
    return enable(app, "tray", tray_verbs, sizeof tray_verbs / sizeof *tray_verbs);
}
