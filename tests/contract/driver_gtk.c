/*
 * driver_gtk.c - the contract suite on the GTK backend, in a real window
 * under Xvfb: the page (page/contract.js) invokes through WebKit's
 * message handler and reports what it saw with emit(), which C listeners
 * of this driver collect.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <gtk/gtk.h>
#ifdef SASH_GTK4
#include <webkit/webkit.h>
#else
#include <webkit2/webkit2.h>
#endif

#include "contract.h"

SASH_EMBEDDED_ASSETS(contract_assets);

static atomic_int answer_id;  /* id of the last answer received */
static char answer[4096];     /* its text, UI thread only */
static int next_id = 1;
static atomic_int pages_ready; /* pages that said contract_ready */

static void on_ready(sash_app *app, const char *label, const char *name,
                     const json_t *p, void *ud)
{
    (void)app, (void)label, (void)name, (void)p, (void)ud;
    atomic_fetch_add(&pages_ready, 1);
}

/* Runs the loop until more than `before` pages said they are ready. */
static int wait_ready(int before, int ms)
{
    gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
    while (atomic_load(&pages_ready) <= before && g_get_monotonic_time() < end) {
        while (g_main_context_iteration(NULL, FALSE))
            ;
        g_usleep(1000);
    }
    return atomic_load(&pages_ready) > before ? 0 : -1;
}

static void on_out(sash_app *app, const char *label, const char *name,
                   const json_t *p, void *ud)
{
    (void)app, (void)label, (void)name, (void)ud;
    json_t *err = json_object_get(p, "err");
    if (err) {
        snprintf(answer, sizeof answer, "{\"err\":\"%s\"}",
                 json_string_value(err));
    } else {
        json_t *o = json_pack("{s:O}", "ok", json_object_get(p, "ok"));
        char *t = json_dumps(o, JSON_COMPACT);
        snprintf(answer, sizeof answer, "%s", t ? t : "");
        free(t);
        json_decref(o);
    }
    atomic_store(&answer_id, (int)json_integer_value(json_object_get(p, "id")));
}

static void on_count(sash_app *app, const char *label, const char *name,
                     const json_t *p, void *ud)
{
    (void)app, (void)label, (void)name, (void)ud;
    char *last = json_dumps(json_object_get(p, "last"), JSON_ENCODE_ANY);
    snprintf(answer, sizeof answer, "%lld %s",
             (long long)json_integer_value(json_object_get(p, "n")),
             last ? last : "null");
    free(last);
    atomic_store(&answer_id, (int)json_integer_value(json_object_get(p, "id")));
}

static int pump_until(sash_app *app, atomic_int *flag, int ms)
{
    (void)app;
    gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
    while (!atomic_load(flag) && g_get_monotonic_time() < end) {
        while (g_main_context_iteration(NULL, FALSE))
            ;
        if (!atomic_load(flag))
            g_usleep(1000);
    }
    return atomic_load(flag);
}

/* Waits for the answer with this id. */
static int wait_answer(sash_app *app, int id, int ms)
{
    gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
    atomic_int never = 0;
    while (atomic_load(&answer_id) != id && g_get_monotonic_time() < end)
        pump_until(app, &never, 5);
    return atomic_load(&answer_id) == id ? 0 : -1;
}

static sash_app *gtk_new(const char *config_json, int workers)
{
    sash_app_options o = {.config_json = config_json, .worker_threads = workers,
                          .assets = contract_assets,
                          .asset_count = contract_assets_count};
    sash_app *app = sash_app_new(&o);
    if (!app)
        return NULL;
    sash_listen(app, "contract_out", on_out, NULL, NULL);
    sash_listen(app, "contract_count", on_count, NULL, NULL);
    sash_listen(app, "contract_ready", on_ready, NULL, NULL);
    int before = atomic_load(&pages_ready);
    sash_window_options wo = {.label = "main", .width = 400, .height = 300};
    sash_window *w = sash_window_new(app, &wo);
    gint64 end = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;
    atomic_int never = 0;
    while (w && !sash_window_is_shown(w) && g_get_monotonic_time() < end)
        pump_until(app, &never, 10);
    if (!w || !sash_window_is_shown(w) || wait_ready(before, 20000) != 0) {
        fprintf(stderr, "contract: the page never painted or never got ready\n");
        sash_app_free(app);
        return NULL;
    }
    return app;
}

static int gtk_invoke(sash_app *app, sash_window *w, const char *cmd,
                      const char *args, char *out, size_t size)
{
    int id = next_id++;
    char js[2048];
    snprintf(js, sizeof js, "contractInvoke(%d, '%s', %s)", id, cmd,
             args ? args : "undefined");
    if (sash_window_eval(w, js) != 0)
        return -1;
    if (size == 0)
        return 0;
    if (wait_answer(app, id, 10000) != 0)
        return -1;
    snprintf(out, size, "%s", answer);
    return 0;
}

static int gtk_events_seen(sash_app *app, sash_window *w, const char *name,
                           char *last, size_t size)
{
    int id = next_id++;
    char js[256];
    snprintf(js, sizeof js, "contractCount(%d, '%s')", id, name);
    if (sash_window_eval(w, js) != 0 || wait_answer(app, id, 10000) != 0)
        return -1;
    int n = 0;
    char l[4096] = "";
    sscanf(answer, "%d %4095s", &n, l);
    snprintf(last, size, "%s", l);
    return n;
}

/* Returns once the new page has its listeners: an invoke evaluated before
 * that would find no contractInvoke and never answer. */
static void gtk_reload(sash_app *app, sash_window *w)
{
    (void)app;
    int before = atomic_load(&pages_ready);
    sash_window_eval(w, "location.reload()");
    if (wait_ready(before, 20000) != 0)
        fprintf(stderr, "contract: the reloaded page never got ready\n");
}

#ifdef SASH_GTK4
/* Menus on GTK4: the bar is the GtkPopoverMenuBar the backend names
 * "sash-menubar"; an item is found in its GMenuModel by label and
 * activated as GTK does when the user picks it: its action, with its
 * target, from the bar's place in the widget tree. */
static GtkWidget *find_named(GtkWidget *w, const char *name)
{
    if (g_strcmp0(gtk_widget_get_name(w), name) == 0)
        return w;
    GtkWidget *found = NULL;
    for (GtkWidget *c = gtk_widget_get_first_child(w); c && !found;
         c = gtk_widget_get_next_sibling(c))
        found = find_named(c, name);
    return found;
}

static int find_action(GMenuModel *model, const char *label, char **action,
                       GVariant **target)
{
    int n = g_menu_model_get_n_items(model);
    for (int i = 0; i < n; i++) {
        char *l = NULL;
        if (g_menu_model_get_item_attribute(model, i, "label", "s", &l) &&
            g_strcmp0(l, label) == 0 &&
            g_menu_model_get_item_attribute(model, i, "action", "s", action)) {
            *target = g_menu_model_get_item_attribute_value(model, i, "target",
                                                            NULL);
            g_free(l);
            return 1;
        }
        g_free(l);
        GMenuLinkIter *it = g_menu_model_iterate_item_links(model, i);
        GMenuModel *sub = NULL;
        int found = 0;
        while (!found && g_menu_link_iter_get_next(it, NULL, &sub)) {
            found = find_action(sub, label, action, target);
            g_object_unref(sub);
        }
        g_object_unref(it);
        if (found)
            return 1;
    }
    return 0;
}

static int gtk_menu_pick(sash_app *app, sash_window *w, const char *text)
{
    (void)app;
    (void)w; /* the suite has one window */
    GListModel *tops = gtk_window_get_toplevels();
    for (guint i = 0; i < g_list_model_get_n_items(tops); i++) {
        GtkWidget *top = g_list_model_get_item(tops, i);
        GtkWidget *bar = find_named(top, "sash-menubar");
        g_object_unref(top);
        GMenuModel *model = bar ? gtk_popover_menu_bar_get_menu_model(
                                      GTK_POPOVER_MENU_BAR(bar))
                                : NULL;
        char *action = NULL;
        GVariant *target = NULL;
        if (model && find_action(model, text, &action, &target)) {
            int ok = gtk_widget_activate_action_variant(bar, action, target);
            g_free(action);
            if (target)
                g_variant_unref(target);
            return ok ? 0 : -1;
        }
    }
    return -1;
}
#else /* GTK3 widgets */
/* Menus: the bar is the widget the backend names "sash-menubar". */
static GtkWidget *find_named(GtkWidget *w, const char *name)
{
    if (g_strcmp0(gtk_widget_get_name(w), name) == 0)
        return w;
    GtkWidget *found = NULL;
    if (GTK_IS_CONTAINER(w)) {
        GList *kids = gtk_container_get_children(GTK_CONTAINER(w));
        for (GList *k = kids; k && !found; k = k->next)
            found = find_named(k->data, name);
        g_list_free(kids);
    }
    return found;
}

static GtkWidget *find_item(GtkWidget *shell, const char *label)
{
    GtkWidget *found = NULL;
    GList *kids = gtk_container_get_children(GTK_CONTAINER(shell));
    for (GList *k = kids; k && !found; k = k->next) {
        if (!GTK_IS_MENU_ITEM(k->data))
            continue;
        if (g_strcmp0(gtk_menu_item_get_label(k->data), label) == 0)
            found = k->data;
        GtkWidget *sub = gtk_menu_item_get_submenu(k->data);
        if (!found && sub)
            found = find_item(sub, label);
    }
    g_list_free(kids);
    return found;
}

/* Activates the item as GTK does when the user picks it. */
static int gtk_menu_pick(sash_app *app, sash_window *w, const char *text)
{
    (void)app;
    (void)w; /* the suite has one window */
    GtkWidget *item = NULL;
    GList *tops = gtk_window_list_toplevels();
    for (GList *t = tops; t && !item; t = t->next) {
        GtkWidget *bar = find_named(t->data, "sash-menubar");
        if (bar)
            item = find_item(bar, text);
    }
    g_list_free(tops);
    if (!item)
        return -1;
    gtk_menu_item_activate(GTK_MENU_ITEM(item));
    return 0;
}
#endif

/* The views of every toplevel, referenced (NULL-ended, g_free). */
static WebKitWebView **hold_views(void)
{
    GPtrArray *views = g_ptr_array_new();
#ifdef SASH_GTK4
    GListModel *tops = gtk_window_get_toplevels();
    for (guint i = 0; i < g_list_model_get_n_items(tops); i++) {
        GtkWindow *top = g_list_model_get_item(tops, i);
        GtkWidget *child = gtk_window_get_child(top);
        g_object_unref(top);
#else
    GList *tops = gtk_window_list_toplevels();
    for (GList *t = tops; t; t = t->next) {
        GtkWidget *child = GTK_IS_BIN(t->data) ? gtk_bin_get_child(t->data)
                                               : NULL;
#endif
        if (child && WEBKIT_IS_WEB_VIEW(child))
            g_ptr_array_add(views, g_object_ref(child));
    }
#ifndef SASH_GTK4
    g_list_free(tops);
#endif
    g_ptr_array_add(views, NULL);
    return (WebKitWebView **)g_ptr_array_free(views, FALSE);
}

static atomic_int late_commits;

static void on_late_load(WebKitWebView *view, WebKitLoadEvent ev, gpointer ud)
{
    (void)view, (void)ud;
    if (ev == WEBKIT_LOAD_COMMITTED)
        atomic_fetch_add(&late_commits, 1);
}

/* Frees the app while this driver holds its views (as WebKit may), then
 * gives a page left open the time to load from the freed app: a few
 * seconds, the longest a first load takes here on a loaded machine. */
static int gtk_free_app_holding_views(sash_app *app)
{
    WebKitWebView **views = hold_views();
    atomic_store(&late_commits, 0);
    for (int i = 0; views[i]; i++)
        g_signal_connect(views[i], "load-changed", G_CALLBACK(on_late_load),
                         NULL);
    sash_app_free(app);
    pump_until(NULL, &late_commits, 4000);
    for (int i = 0; views[i]; i++) {
        g_signal_handlers_disconnect_by_func(views[i], on_late_load, NULL);
        g_object_unref(views[i]);
    }
    g_free(views);
    return atomic_load(&late_commits) == 0;
}

int main(void)
{
    static const contract_driver d = {
        .name = "gtk",
        .app_new = gtk_new,
        .pump_until = pump_until,
        .invoke = gtk_invoke,
        .events_seen = gtk_events_seen,
        .reload = gtk_reload,
        .menu_pick = gtk_menu_pick,
        .free_app_holding_views = gtk_free_app_holding_views,
    };
    return contract_run(&d);
}
