/*
 * menu.c - menus: built from a JSON description (from C or a page), checked
 * against limits, changed at run time, shown by the backend, activated.
 * UI thread only, so no locks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../internal.h"
#include "menu.h"

/* -- the app's registry ----------------------------------------------------- */

static void menus_free_all(sash_app *app);
static void menus_page_ended(sash_window *w);
static void menus_window_created(sash_window *w);

sash__menus *sash__menus_of(sash_app *app)
{
    if (!app->menus) {
        app->menus = calloc(1, sizeof *app->menus);
        if (!app->menus)
            return NULL;
        app->menus->next_key = 1;
        app->menus->next_rid = 1;
        app->menus->anchors[0] = &sash__platform_menus_anchor;
        app->menus_free = menus_free_all;
        app->menus_page_ended = menus_page_ended;
        app->menus_window_created = menus_window_created;
    }
    return app->menus;
}

static int page_matches(const char *owner, const char *page)
{
    return !page || (owner && strcmp(owner, page) == 0);
}

sash_menu *sash__menu_find(sash_app *app, const char *rid, const char *page)
{
    if (!app->menus || !rid)
        return NULL;
    for (sash_menu *m = app->menus->menus; m; m = m->next)
        if (strcmp(m->rid, rid) == 0)
            return page_matches(m->page, page) ? m : NULL;
    return NULL;
}

int sash__menu_set_page(sash_menu *m, const char *label)
{
    free(m->page);
    m->page = sash__strdup(label);
    return m->page ? 0 : SASH_ENOMEM;
}

/* -- items --------------------------------------------------------------------- */

static void item_free(sash__menu_item *it)
{
    if (!it)
        return;
    for (size_t i = 0; i < it->count; i++)
        item_free(it->items[i]);
    free(it->items);
    free(it->id);
    free(it->text);
    free(it->group);
    free(it->accel_key);
    free(it);
}

static size_t subtree_size(const sash__menu_item *it)
{
    size_t n = 1;
    for (size_t i = 0; i < it->count; i++)
        n += subtree_size(it->items[i]);
    return n;
}

static sash__menu_item *find_in(const sash__menu_item *it, const char *id)
{
    for (size_t i = 0; i < it->count; i++) {
        const sash__menu_item *c = it->items[i];
        if (c->id && strcmp(c->id, id) == 0)
            return (sash__menu_item *)c;
        sash__menu_item *r = find_in(c, id);
        if (r)
            return r;
    }
    return NULL;
}

sash__menu_item *sash__menu_item_find(const sash_menu *m, const char *id)
{
    return m && id ? find_in(&m->root, id) : NULL;
}

static sash__menu_item *find_key(const sash__menu_item *it, unsigned long key)
{
    for (size_t i = 0; i < it->count; i++) {
        if (it->items[i]->key == key)
            return it->items[i];
        sash__menu_item *r = find_key(it->items[i], key);
        if (r)
            return r;
    }
    return NULL;
}

const sash__menu_item *sash__menu_item_by_key(const sash_menu *m,
                                              unsigned long key)
{
    return m ? find_key(&m->root, key) : NULL;
}

/* Depth of an item: top-level items are 1. */
static int depth_of(const sash__menu_item *it)
{
    int d = 0;
    for (; it && it->parent; it = it->parent)
        d++;
    return d;
}

static const char *const predefined_names[] = {
    [SASH__PRE_COPY] = "copy",           [SASH__PRE_CUT] = "cut",
    [SASH__PRE_PASTE] = "paste",         [SASH__PRE_SELECT_ALL] = "select_all",
    [SASH__PRE_UNDO] = "undo",           [SASH__PRE_REDO] = "redo",
    [SASH__PRE_QUIT] = "quit",           [SASH__PRE_ABOUT] = "about",
    [SASH__PRE_CLOSE_WINDOW] = "close_window",
    [SASH__PRE_MINIMIZE] = "minimize",
};
static const char *const predefined_text[] = {
    [SASH__PRE_COPY] = "Copy",           [SASH__PRE_CUT] = "Cut",
    [SASH__PRE_PASTE] = "Paste",         [SASH__PRE_SELECT_ALL] = "Select All",
    [SASH__PRE_UNDO] = "Undo",           [SASH__PRE_REDO] = "Redo",
    [SASH__PRE_QUIT] = "Quit",           [SASH__PRE_ABOUT] = "About",
    [SASH__PRE_CLOSE_WINDOW] = "Close Window",
    [SASH__PRE_MINIMIZE] = "Minimize",
};
static const char *const predefined_accel[] = {
    [SASH__PRE_COPY] = "CmdOrCtrl+C",    [SASH__PRE_CUT] = "CmdOrCtrl+X",
    [SASH__PRE_PASTE] = "CmdOrCtrl+V",   [SASH__PRE_SELECT_ALL] = "CmdOrCtrl+A",
    [SASH__PRE_UNDO] = "CmdOrCtrl+Z",    [SASH__PRE_REDO] = "CmdOrCtrl+Shift+Z",
    [SASH__PRE_QUIT] = "CmdOrCtrl+Q",    [SASH__PRE_CLOSE_WINDOW] = "CmdOrCtrl+W",
    [SASH__PRE_MINIMIZE] = "CmdOrCtrl+M",
};

/* A build: what parsing a description needs to say where it failed, and
 * the ids it added (checked for duplicates against the menu too). */
typedef struct build {
    sash_menu *menu;
    size_t added;       /* items made by this build */
    char why[320];
    char path[512];     /* e.g. items[2].items[0] */
} build;

static int fail(build *b, const char *fmt, ...) SASH__PRINTF(2, 3);
static int fail(build *b, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t n = strlen(b->path);
    snprintf(b->why, sizeof b->why, "%s%.100s: %.200s", n > 100 ? "..." : "",
             n == 0 ? "menu" : n > 100 ? b->path + n - 100 : b->path, msg);
    return -1;
}

static int get_string(build *b, json_t *o, const char *key, const char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return fail(b, "\"%s\" must be a string", key);
    if (json_string_length(v) > SASH__MENU_MAX_TEXT)
        return fail(b, "\"%s\" is longer than %d bytes", key,
                    SASH__MENU_MAX_TEXT);
    if (strlen(json_string_value(v)) != json_string_length(v))
        return fail(b, "\"%s\" holds a NUL character", key);
    *out = json_string_value(v);
    return 0;
}

static int get_bool(build *b, json_t *o, const char *key, int def, int *out)
{
    json_t *v = json_object_get(o, key);
    *out = def;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_boolean(v))
        return fail(b, "\"%s\" must be true or false", key);
    *out = json_is_true(v);
    return 0;
}

static int parse_items(build *b, sash__menu_item *parent, json_t *arr,
                       int depth, size_t at);

static int kind_of(build *b, json_t *o, sash__item_kind *k)
{
    const char *s;
    if (get_string(b, o, "kind", &s) != 0)
        return -1;
    if (!s)
        *k = json_object_get(o, "items") ? SASH__ITEM_SUBMENU : SASH__ITEM_NORMAL;
    else if (!strcmp(s, "normal"))
        *k = SASH__ITEM_NORMAL;
    else if (!strcmp(s, "check"))
        *k = SASH__ITEM_CHECK;
    else if (!strcmp(s, "radio"))
        *k = SASH__ITEM_RADIO;
    else if (!strcmp(s, "separator"))
        *k = SASH__ITEM_SEPARATOR;
    else if (!strcmp(s, "submenu"))
        *k = SASH__ITEM_SUBMENU;
    else if (!strcmp(s, "predefined"))
        *k = SASH__ITEM_PREDEFINED;
    else
        return fail(b, "unknown kind \"%.40s\" (normal, check, radio, "
                    "separator, submenu, predefined)", s);
    return 0;
}

static const char *const known_keys[] = {
    "id", "text", "kind", "enabled", "checked", "group", "accelerator",
    "items", "item", NULL};

static sash__menu_item *parse_item(build *b, json_t *o, int depth)
{
    if (!json_is_object(o)) {
        fail(b, "an item must be an object");
        return NULL;
    }
    const char *key;
    json_t *val;
    json_object_foreach(o, key, val) {
        int ok = 0;
        for (int i = 0; known_keys[i] && !ok; i++)
            ok = !strcmp(key, known_keys[i]);
        if (!ok) {
            fail(b, "unknown key \"%.40s\"", key);
            return NULL;
        }
    }
    if (b->menu->total + b->added >= SASH__MENU_MAX_ITEMS) {
        fail(b, "more than %d items in one menu", SASH__MENU_MAX_ITEMS);
        return NULL;
    }
    sash__item_kind kind;
    const char *id, *text, *group, *accel, *pre;
    int enabled, checked;
    if (kind_of(b, o, &kind) || get_string(b, o, "id", &id) ||
        get_string(b, o, "text", &text) || get_string(b, o, "group", &group) ||
        get_string(b, o, "accelerator", &accel) ||
        get_string(b, o, "item", &pre) ||
        get_bool(b, o, "enabled", 1, &enabled) ||
        get_bool(b, o, "checked", 0, &checked))
        return NULL;
    if (id && !*id) {
        fail(b, "\"id\" is empty");
        return NULL;
    }
    if (id && find_in(&b->menu->root, id)) {
        fail(b, "duplicate id \"%.60s\"", id);
        return NULL;
    }
    if (checked && kind != SASH__ITEM_CHECK && kind != SASH__ITEM_RADIO) {
        fail(b, "\"checked\" is only for check and radio items");
        return NULL;
    }
    if (json_object_get(o, "items") && kind != SASH__ITEM_SUBMENU) {
        fail(b, "\"items\" is only for submenus");
        return NULL;
    }
    sash__predefined p = SASH__PRE_NONE;
    if (kind == SASH__ITEM_PREDEFINED) {
        for (size_t i = 1; pre && i < sizeof predefined_names / sizeof *predefined_names; i++)
            if (!strcmp(pre, predefined_names[i]))
                p = (sash__predefined)i;
        if (p == SASH__PRE_NONE) {
            fail(b, "predefined \"item\" must be one of copy, cut, paste, "
                 "select_all, undo, redo, quit, about, close_window, minimize");
            return NULL;
        }
    } else if (pre) {
        fail(b, "\"item\" is only for predefined items");
        return NULL;
    }
    if (kind == SASH__ITEM_SUBMENU && depth > SASH__MENU_MAX_DEPTH) {
        fail(b, "submenus nest deeper than %d levels", SASH__MENU_MAX_DEPTH);
        return NULL;
    }
    sash__menu_item *it = calloc(1, sizeof *it);
    if (!it) {
        fail(b, "out of memory");
        return NULL;
    }
    sash__menus *ms = sash__menus_of(b->menu->app);
    it->key = ms ? ms->next_key++ : 0;
    it->kind = kind;
    it->predefined = p;
    it->enabled = enabled;
    it->checked = checked;
    it->menu = b->menu;
    if (!text && p)
        text = predefined_text[p];
    if (!accel && p && predefined_accel[p])
        accel = predefined_accel[p];
    if (accel && kind != SASH__ITEM_SEPARATOR && kind != SASH__ITEM_SUBMENU &&
        sash__accel_parse(accel, &it->accel_mods, &it->accel_key, b->why,
                          160) != 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "%.159s", b->why);
        fail(b, "%s", msg);
        item_free(it);
        return NULL;
    }
    char gen[48];
    if (!id && kind != SASH__ITEM_SEPARATOR) {
        snprintf(gen, sizeof gen, "sash-item-%lu", it->key);
        id = gen;
    }
    it->id = sash__strdup(id);
    it->text = sash__strdup(text ? text : "");
    it->group = sash__strdup(group ? group : "");
    if ((id && !it->id) || !it->text || !it->group) {
        fail(b, "out of memory");
        item_free(it);
        return NULL;
    }
    b->added++;
    return it; /* the caller attaches it, then parses its children */
}

static int add_child(sash__menu_item *parent, sash__menu_item *c, size_t at)
{
    if (parent->count == parent->cap) {
        size_t cap = parent->cap ? parent->cap * 2 : 8;
        sash__menu_item **n = realloc(parent->items, cap * sizeof *n);
        if (!n)
            return -1;
        parent->items = n;
        parent->cap = cap;
    }
    if (at > parent->count)
        at = parent->count;
    memmove(parent->items + at + 1, parent->items + at,
            (parent->count - at) * sizeof *parent->items);
    parent->items[at] = c;
    parent->count++;
    c->parent = parent;
    return 0;
}

/* Items are attached as they are parsed, a submenu before its children,
 * so every id parsed so far is in the tree and a duplicate is found
 * wherever it is; on failure the caller removes what this build added. */
static int parse_items(build *b, sash__menu_item *parent, json_t *arr,
                       int depth, size_t at)
{
    if (!json_is_array(arr))
        return fail(b, "\"items\" must be an array");
    size_t plen = strlen(b->path);
    for (size_t i = 0; i < json_array_size(arr); i++) {
        snprintf(b->path + plen, sizeof b->path - plen, "%sitems[%zu]",
                 plen ? "." : "", i);
        json_t *o = json_array_get(arr, i);
        sash__menu_item *c = parse_item(b, o, depth);
        if (!c)
            return -1;
        if (add_child(parent, c, at + i) != 0) {
            item_free(c);
            return fail(b, "out of memory");
        }
        json_t *items = json_object_get(o, "items");
        if (c->kind == SASH__ITEM_SUBMENU && items &&
            parse_items(b, c, items, depth + 1, 0) != 0)
            return -1;
    }
    b->path[plen] = '\0';
    return 0;
}

/* -- public: create, free -------------------------------------------------- */

static int ui_only(sash_app *app, const char *fn)
{
    if (!sash__is_ui_thread(app))
        return sash__fail(SASH_ETHREAD, "%s: UI thread only", fn);
    return 0;
}

sash_menu *sash_menu_new(sash_app *app, const char *json_text)
{
    if (!app || !json_text) {
        sash__fail(SASH_EINVAL, "sash_menu_new: NULL app or description");
        return NULL;
    }
    if (ui_only(app, "sash_menu_new"))
        return NULL;
    sash__menus *ms = sash__menus_of(app);
    if (!ms) {
        sash__fail(SASH_ENOMEM, "sash_menu_new: out of memory");
        return NULL;
    }
    if (ms->menu_count >= SASH__MENU_MAX_MENUS) {
        sash__fail(SASH_EINVAL, "menu: more than %d menus in this app (free "
                   "some)", SASH__MENU_MAX_MENUS);
        return NULL;
    }
    json_error_t jerr;
    json_t *desc = json_loads(json_text, JSON_REJECT_DUPLICATES, &jerr);
    if (!desc) {
        sash__fail(SASH_EINVAL, "menu: invalid JSON: %s (line %d)", jerr.text,
                   jerr.line);
        return NULL;
    }
    sash_menu *m = calloc(1, sizeof *m);
    if (!m) {
        json_decref(desc);
        sash__fail(SASH_ENOMEM, "sash_menu_new: out of memory");
        return NULL;
    }
    m->app = app;
    m->root.kind = SASH__ITEM_SUBMENU;
    m->root.menu = m;
    m->root.enabled = 1;
    build b = {.menu = m};
    json_t *items = json_is_array(desc) ? desc : json_object_get(desc, "items");
    if (json_is_object(desc) && json_object_size(desc) != (items ? 1u : 0u))
        fail(&b, "a menu description is {\"items\": [...]}");
    else if (!items)
        fail(&b, "a menu description is {\"items\": [...]} or an array");
    else
        parse_items(&b, &m->root, items, 1, 0);
    json_decref(desc);
    if (b.why[0]) {
        for (size_t i = 0; i < m->root.count; i++)
            item_free(m->root.items[i]);
        free(m->root.items);
        free(m);
        sash__fail(SASH_EINVAL, "%s", b.why);
        return NULL;
    }
    m->total = b.added;
    snprintf(m->rid, sizeof m->rid, "menu-%lu", ms->next_rid++);
    m->next = ms->menus;
    ms->menus = m;
    ms->menu_count++;
    return m;
}

static void menu_destroy(sash_menu *m)
{
    sash_app *app = m->app;
    sash__menus *ms = app->menus;
    for (sash_menu **p = &ms->menus; *p; p = &(*p)->next)
        if (*p == m) {
            *p = m->next;
            ms->menu_count--;
            break;
        }
    if (ms->app_menu == m)
        ms->app_menu = NULL;
    for (sash_tray *t = ms->trays; t; t = t->next)
        if (t->menu == m) {
            t->menu = NULL;
            if (app->platform->tray_update && t->native)
                app->platform->tray_update(t);
        }
    if (app->platform->menu_destroyed)
        app->platform->menu_destroyed(app, m);
    for (size_t i = 0; i < m->root.count; i++)
        item_free(m->root.items[i]);
    free(m->root.items);
    free(m->page);
    free(m);
}

void sash_menu_free(sash_menu *m)
{
    if (!m || ui_only(m->app, "sash_menu_free"))
        return;
    menu_destroy(m);
}

/* What a page made ends with it: nothing of an old page stays behind. */
static void menus_page_ended(sash_window *w)
{
    sash__menus *ms = w->app->menus;
    for (sash_tray *t = ms->trays, *next; t; t = next) {
        next = t->next;
        if (t->page && strcmp(t->page, w->label) == 0)
            sash__tray_destroy(t);
    }
    for (sash_menu *m = ms->menus, *next; m; m = next) {
        next = m->next;
        if (m->page && strcmp(m->page, w->label) == 0)
            menu_destroy(m);
    }
}

static void menus_free_all(sash_app *app)
{
    sash__menus *ms = app->menus;
    if (!ms)
        return;
    while (ms->trays)
        sash__tray_destroy(ms->trays);
    while (ms->menus)
        menu_destroy(ms->menus);
    free(ms);
    app->menus = NULL;
}

/* -- run-time changes -------------------------------------------------------- */

static void changed(sash_menu *m, const sash__menu_item *it)
{
    const sash__platform *p = m->app->platform;
    if (p->menu_changed)
        p->menu_changed(m->app, m, it);
}

static int lookup(const sash_menu *m, const char *id, const char *fn,
                  sash__menu_item **out)
{
    if (!m || !id)
        return sash__fail(SASH_EINVAL, "%s: NULL menu or id", fn);
    if (ui_only(m->app, fn))
        return SASH_ETHREAD;
    *out = sash__menu_item_find(m, id);
    if (!*out)
        return sash__fail(SASH_ENOENT, "%s: no item \"%.60s\" in %s", fn, id,
                          m->rid);
    return 0;
}

int sash_menu_set_text(sash_menu *m, const char *id, const char *text)
{
    sash__menu_item *it;
    int rc = lookup(m, id, "sash_menu_set_text", &it);
    if (rc)
        return rc;
    if (!text)
        text = "";
    if (strlen(text) > SASH__MENU_MAX_TEXT)
        return sash__fail(SASH_EINVAL, "sash_menu_set_text: longer than %d "
                          "bytes", SASH__MENU_MAX_TEXT);
    char *t = sash__strdup(text);
    if (!t)
        return SASH_ENOMEM;
    free(it->text);
    it->text = t;
    changed(m, it);
    return 0;
}

int sash_menu_set_enabled(sash_menu *m, const char *id, int enabled)
{
    sash__menu_item *it;
    int rc = lookup(m, id, "sash_menu_set_enabled", &it);
    if (rc)
        return rc;
    it->enabled = !!enabled;
    changed(m, it);
    return 0;
}

/* Checks `it`; a radio item unchecks the others of its group (same
 * submenu, same group name). */
static void set_checked(sash_menu *m, sash__menu_item *it, int on)
{
    if (it->kind == SASH__ITEM_RADIO && on) {
        sash__menu_item *parent = it->parent;
        for (size_t i = 0; i < parent->count; i++) {
            sash__menu_item *o = parent->items[i];
            if (o != it && o->kind == SASH__ITEM_RADIO && o->checked &&
                strcmp(o->group, it->group) == 0) {
                o->checked = 0;
                changed(m, o);
            }
        }
    }
    it->checked = on;
    changed(m, it);
}

int sash_menu_set_checked(sash_menu *m, const char *id, int checked)
{
    sash__menu_item *it;
    int rc = lookup(m, id, "sash_menu_set_checked", &it);
    if (rc)
        return rc;
    if (it->kind != SASH__ITEM_CHECK && it->kind != SASH__ITEM_RADIO)
        return sash__fail(SASH_EINVAL, "sash_menu_set_checked: \"%.60s\" is "
                          "not a check or radio item", id);
    set_checked(m, it, !!checked);
    return 0;
}

int sash_menu_is_checked(const sash_menu *m, const char *id)
{
    sash__menu_item *it;
    int rc = lookup(m, id, "sash_menu_is_checked", &it);
    if (rc)
        return rc;
    if (it->kind != SASH__ITEM_CHECK && it->kind != SASH__ITEM_RADIO)
        return sash__fail(SASH_EINVAL, "sash_menu_is_checked: \"%.60s\" is "
                          "not a check or radio item", id);
    return it->checked;
}

int sash_menu_insert(sash_menu *m, const char *parent_id, int index,
                     const char *json_text)
{
    if (!m || !json_text)
        return sash__fail(SASH_EINVAL, "sash_menu_insert: NULL menu or items");
    if (ui_only(m->app, "sash_menu_insert"))
        return SASH_ETHREAD;
    sash__menu_item *parent = &m->root;
    if (parent_id) {
        parent = sash__menu_item_find(m, parent_id);
        if (!parent || parent->kind != SASH__ITEM_SUBMENU)
            return sash__fail(SASH_ENOENT, "sash_menu_insert: no submenu "
                              "\"%.60s\" in %s", parent_id, m->rid);
    }
    json_error_t jerr;
    json_t *desc = json_loads(json_text, JSON_REJECT_DUPLICATES, &jerr);
    if (!desc)
        return sash__fail(SASH_EINVAL, "menu: invalid JSON: %s (line %d)",
                          jerr.text, jerr.line);
    if (json_is_object(desc)) {
        json_t *arr = json_array();
        json_array_append_new(arr, desc);
        desc = arr;
    }
    size_t at = index < 0 || (size_t)index > parent->count ? parent->count
                                                           : (size_t)index;
    size_t before = parent->count;
    build b = {.menu = m};
    int rc = parse_items(&b, parent, desc, depth_of(parent) + 1, at);
    json_decref(desc);
    if (rc != 0) { /* all or nothing: drop what this build attached */
        size_t n = parent->count - before;
        for (size_t i = 0; i < n; i++)
            item_free(parent->items[at + i]);
        memmove(parent->items + at, parent->items + at + n,
                (parent->count - at - n) * sizeof *parent->items);
        parent->count = before;
        return sash__fail(SASH_EINVAL, "%s", b.why);
    }
    m->total += b.added;
    changed(m, NULL);
    return 0;
}

int sash_menu_remove(sash_menu *m, const char *id)
{
    sash__menu_item *it;
    int rc = lookup(m, id, "sash_menu_remove", &it);
    if (rc)
        return rc;
    sash__menu_item *parent = it->parent;
    for (size_t i = 0; i < parent->count; i++)
        if (parent->items[i] == it) {
            memmove(parent->items + i, parent->items + i + 1,
                    (parent->count - i - 1) * sizeof *parent->items);
            parent->count--;
            break;
        }
    m->total -= subtree_size(it);
    item_free(it);
    changed(m, NULL);
    return 0;
}

/* -- showing ------------------------------------------------------------------ */

int sash_window_set_menu(sash_window *w, sash_menu *m)
{
    if (!w || (m && m->app != w->app))
        return sash__fail(SASH_EINVAL, "sash_window_set_menu: NULL window, "
                          "or a menu of another app");
    if (ui_only(w->app, "sash_window_set_menu"))
        return SASH_ETHREAD;
    if (w->closed)
        return SASH_ECLOSED;
    if (!w->app->platform->menu_bar_set)
        return sash__fail(SASH_EPLATFORM, "the %s backend has no menu bars",
                          w->app->platform->name);
    return w->app->platform->menu_bar_set(w, m);
}

int sash_app_set_menu(sash_app *app, sash_menu *m)
{
    if (!app || (m && m->app != app))
        return sash__fail(SASH_EINVAL, "sash_app_set_menu: NULL app, or a "
                          "menu of another app");
    if (ui_only(app, "sash_app_set_menu"))
        return SASH_ETHREAD;
    if (!app->platform->menu_bar_set)
        return sash__fail(SASH_EPLATFORM, "the %s backend has no menu bars",
                          app->platform->name);
    sash__menus *ms = sash__menus_of(app);
    if (!ms)
        return SASH_ENOMEM;
    ms->app_menu = m;
    int rc = 0;
    for (sash_window *w = app->windows; w; w = w->next)
        if (!w->closed) {
            int r = app->platform->menu_bar_set(w, m);
            if (r != 0)
                rc = r;
        }
    return rc;
}

static void menus_window_created(sash_window *w)
{
    sash_menu *m = w->app->menus ? w->app->menus->app_menu : NULL;
    if (m)
        w->app->platform->menu_bar_set(w, m);
}

int sash_menu_popup(sash_menu *m, sash_window *w, int x, int y)
{
    if (!w || !m || m->app != w->app)
        return sash__fail(SASH_EINVAL, "sash_menu_popup: NULL menu or window");
    if (ui_only(w->app, "sash_menu_popup"))
        return SASH_ETHREAD;
    if (w->closed)
        return SASH_ECLOSED;
    if (!w->app->platform->menu_popup)
        return sash__fail(SASH_EPLATFORM, "the %s backend has no context "
                          "menus", w->app->platform->name);
    return w->app->platform->menu_popup(w, m, x, y);
}

/* -- activation ---------------------------------------------------------------- */

typedef struct close_task {
    sash__task task;
    char *label;
} close_task;

/* Closing a window from inside its own menu's signal would free what the
 * toolkit is still using: do it from the queue. */
static void close_later(sash_app *app, sash__task *t)
{
    close_task *c = (close_task *)t;
    sash_window *w = sash_app_get_window(app, c->label);
    if (w)
        sash_window_close(w);
    free(c->label);
    free(c);
}

void sash__menu_activated(sash_app *app, unsigned long key, sash_window *w)
{
    if (!app || !app->menus)
        return;
    sash__menu_item *it = NULL;
    sash_menu *m = app->menus->menus;
    for (; m && !it; m = it ? m : m->next)
        it = find_key(&m->root, key);
    if (!it || !it->enabled)
        return;
    if (it->kind == SASH__ITEM_CHECK)
        set_checked(m, it, !it->checked);
    else if (it->kind == SASH__ITEM_RADIO)
        set_checked(m, it, 1);
    json_t *p = json_pack("{s:s?, s:s, s:s?}", "id", it->id, "menu", m->rid,
                          "window", w ? w->label : NULL);
    if (p && (it->kind == SASH__ITEM_CHECK || it->kind == SASH__ITEM_RADIO))
        json_object_set_new(p, "checked", json_boolean(it->checked));
    if (p && it->predefined)
        json_object_set_new(p, "predefined",
                            json_string(predefined_names[it->predefined]));
    char *label = w ? sash__strdup(w->label) : NULL;
    sash__predefined pre = it->predefined;
    /* C listeners first (they may change or free the menu: `it` is not
     * used after this), then the page(s). */
    sash__events_from_js(app, label, "sash:menu", p);
    if (p)
        sash__deliver_event(app, label, "sash:menu",
                            json_pack("[s,O]", "sash:menu", p));
    json_decref(p);
    if (pre == SASH__PRE_QUIT) {
        sash_app_quit(app, 0);
    } else if (pre == SASH__PRE_CLOSE_WINDOW && label) {
        close_task *c = malloc(sizeof *c);
        if (c) {
            c->task.run = close_later;
            c->label = label;
            label = NULL;
            sash__ui_post_always(app, &c->task);
        }
    }
    free(label);
}
