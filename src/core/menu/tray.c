/*
 * tray.c - tray icons: a checked PNG, a tooltip and a menu, shown by the
 * backend (StatusNotifierItem on Linux).  UI thread only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../internal.h"
#include "menu.h"

sash_tray *sash__tray_find(sash_app *app, const char *rid, const char *page)
{
    if (!app->menus || !rid)
        return NULL;
    for (sash_tray *t = app->menus->trays; t; t = t->next)
        if (strcmp(t->rid, rid) == 0)
            return !page || (t->page && strcmp(t->page, page) == 0) ? t : NULL;
    return NULL;
}

int sash__tray_set_page(sash_tray *t, const char *label)
{
    free(t->page);
    t->page = sash__strdup(label);
    return t->page ? 0 : SASH_ENOMEM;
}

static int set_icon(sash_tray *t, const void *png, size_t len)
{
    char why[160];
    if (sash__png_check(png, len, why, sizeof why) != 0)
        return sash__fail(SASH_EINVAL, "tray: %s", why);
    unsigned char *copy = malloc(len);
    if (!copy)
        return sash__fail(SASH_ENOMEM, "tray: out of memory");
    memcpy(copy, png, len);
    free(t->icon);
    t->icon = copy;
    t->icon_len = len;
    return 0;
}

sash_tray *sash_tray_new(sash_app *app, const char *id, const void *png,
                         size_t len)
{
    if (!app) {
        sash__fail(SASH_EINVAL, "sash_tray_new: NULL app");
        return NULL;
    }
    if (!sash__is_ui_thread(app)) {
        sash__fail(SASH_ETHREAD, "sash_tray_new: UI thread only");
        return NULL;
    }
    if (!app->platform->tray_create) {
        sash__unsupported(app, "sash_tray_new");
        return NULL;
    }
    sash__menus *ms = sash__menus_of(app);
    if (!ms) {
        sash__fail(SASH_ENOMEM, "sash_tray_new: out of memory");
        return NULL;
    }
    ms->anchors[1] = &sash__platform_tray_anchor; /* see platform.h */
    if (ms->tray_count >= SASH__TRAY_MAX_TRAYS) {
        sash__fail(SASH_EINVAL, "tray: more than %d tray icons",
                   SASH__TRAY_MAX_TRAYS);
        return NULL;
    }
    if (id && strlen(id) > SASH__MENU_MAX_TEXT) {
        sash__fail(SASH_EINVAL, "tray: id longer than %d bytes",
                   SASH__MENU_MAX_TEXT);
        return NULL;
    }
    sash_tray *t = calloc(1, sizeof *t);
    if (!t || !(t->id = sash__strdup(id ? id : "tray"))) {
        free(t);
        sash__fail(SASH_ENOMEM, "sash_tray_new: out of memory");
        return NULL;
    }
    t->app = app;
    if (set_icon(t, png, len) != 0) {
        free(t->id);
        free(t);
        return NULL;
    }
    snprintf(t->rid, sizeof t->rid, "tray-%lu", ms->next_rid++);
    if (app->platform->tray_create(t) != 0) {
        if (!sash__failed())
            sash__fail(SASH_EPLATFORM, "tray: the %s backend could not show "
                       "it", app->platform->name);
        free(t->icon);
        free(t->id);
        free(t);
        return NULL;
    }
    t->next = ms->trays;
    ms->trays = t;
    ms->tray_count++;
    return t;
}

static int check(sash_tray *t, const char *fn)
{
    if (!t)
        return sash__fail(SASH_EINVAL, "%s: NULL tray", fn);
    if (!sash__is_ui_thread(t->app))
        return sash__fail(SASH_ETHREAD, "%s: UI thread only", fn);
    return 0;
}

static void update(sash_tray *t)
{
    if (t->app->platform->tray_update)
        t->app->platform->tray_update(t);
}

int sash_tray_set_icon(sash_tray *t, const void *png, size_t len)
{
    int rc = check(t, "sash_tray_set_icon");
    if (rc || (rc = set_icon(t, png, len)) != 0)
        return rc;
    update(t);
    return 0;
}

int sash_tray_set_tooltip(sash_tray *t, const char *tooltip)
{
    int rc = check(t, "sash_tray_set_tooltip");
    if (rc)
        return rc;
    if (tooltip && strlen(tooltip) > SASH__MENU_MAX_TEXT)
        return sash__fail(SASH_EINVAL, "tray: tooltip longer than %d bytes",
                          SASH__MENU_MAX_TEXT);
    char *copy = NULL;
    if (tooltip && !(copy = sash__strdup(tooltip)))
        return SASH_ENOMEM;
    free(t->tooltip);
    t->tooltip = copy;
    update(t);
    return 0;
}

int sash_tray_set_menu(sash_tray *t, sash_menu *m)
{
    int rc = check(t, "sash_tray_set_menu");
    if (rc)
        return rc;
    if (m && m->app != t->app)
        return sash__fail(SASH_EINVAL, "sash_tray_set_menu: a menu of "
                          "another app");
    t->menu = m;
    update(t);
    return 0;
}

void sash__tray_destroy(sash_tray *t)
{
    sash__menus *ms = t->app->menus;
    for (sash_tray **p = &ms->trays; *p; p = &(*p)->next)
        if (*p == t) {
            *p = t->next;
            ms->tray_count--;
            break;
        }
    if (t->app->platform->tray_destroy)
        t->app->platform->tray_destroy(t);
    free(t->icon);
    free(t->tooltip);
    free(t->id);
    free(t->page);
    free(t);
}

void sash_tray_free(sash_tray *t)
{
    if (t && check(t, "sash_tray_free") == 0)
        sash__tray_destroy(t);
}

void sash__tray_clicked(sash_tray *t, const char *button)
{
    if (!t)
        return;
    sash_app *app = t->app;
    json_t *p = json_pack("{s:s, s:s, s:s}", "id", t->id, "tray", t->rid,
                          "button", button ? button : "left");
    sash__events_from_js(app, NULL, "sash:tray", p);
    if (p)
        sash__deliver_event(app, NULL, "sash:tray",
                            json_pack("[s,O]", "sash:tray", p));
    json_decref(p);
}
