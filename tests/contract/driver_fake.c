/*
 * driver_fake.c - the contract suite on the in-memory backend: the driver
 * plays the page by handing messages to sash__ipc_receive() and reading
 * the replies and delivery batches the fake backend recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/fake_platform.h"
#include "contract.h"

static int next_handle = 1;

/* Pull mode (the suite's second run): the fake backend with
 * pull_deliveries on, and this driver playing the bridge's part: one pull
 * parked, the next one parked after the pump that follows an answer (the
 * page runs the batch meanwhile: replies in that pump find no pull).  Pull handles start at PULL_BASE. */
#define PULL_BASE (1 << 24)
static int pull_mode;
static sash__platform pull_platform;
static int pull_handle; /* the parked one, 0 = none */
static int next_pull = PULL_BASE;
static sash_window *pull_window;

static void park_pull(sash_window *w)
{
    pull_window = w;
    pull_handle = next_pull++;
    fake_send(w, pull_handle, "{\"pull\":true}");
}

static void pump(sash_app *app, int ms)
{
    static int repark; /* an answer came on the last pump */
    fake_pump_once(app, ms);
    /* Only for a window still open (the suite closes windows: a pointer
     * kept from before would be freed). */
    if (repark && pull_mode && pull_handle) {
        if (sash_app_get_window(app, "main") == pull_window)
            park_pull(pull_window);
        else
            pull_handle = 0;
    }
    repark = 0;
    fake_reply *r = pull_mode && pull_handle ? fake_reply_for(pull_handle) : NULL;
    if (r && r->dropped) /* the page ended (a reload parks its own) */
        pull_handle = 0;
    else if (r) /* the page is busy with the batch for one pump */
        repark = 1;
}

static sash_app *fake_new(const char *config_json, int workers)
{
    sash_app_options o = {.config_json = config_json, .worker_threads = workers};
    sash_window *w = NULL;
    sash_app *app;
    pull_handle = 0;
    if (pull_mode) {
        pull_platform = fake_platform;
        pull_platform.name = "fake (deliveries by pull)";
        pull_platform.pull_deliveries = 1;
        fake_reset();
        app = sash__app_new_with(&o, sizeof o, &pull_platform);
        sash_window_options wo = {.label = "main"};
        if (app)
            w = sash_window_new(app, &wo);
    } else {
        app = fake_app_new(&o, &w);
    }
    if (app && w)
        fake_send(w, next_handle++, "{\"ready\":true}"); /* the bridge's paint notice */
    if (app && w && pull_mode)
        park_pull(w);
    return app;
}

static int pump_until(sash_app *app, atomic_int *flag, int ms)
{
    uint64_t end = sash__now_ns() + (uint64_t)ms * 1000000u;
    while (!atomic_load(flag) && sash__now_ns() < end)
        pump(app, 5);
    return atomic_load(flag);
}

/* {"ok":v} stays; {"err":{"code":c,...}} becomes {"err":"c"}. */
static void outcome(const char *reply, char *out, size_t size)
{
    json_t *r = json_loads(reply, 0, NULL);
    json_t *err = json_object_get(r, "err");
    if (err)
        snprintf(out, size, "{\"err\":\"%s\"}",
                 json_string_value(json_object_get(err, "code")));
    else
        snprintf(out, size, "%s", reply);
    json_decref(r);
}

static int fake_invoke(sash_app *app, sash_window *w, const char *cmd,
                       const char *args, char *out, size_t size)
{
    char msg[1024];
    int h = next_handle++;
    snprintf(msg, sizeof msg, "{\"cmd\":\"%s\",\"args\":%s}", cmd,
             args ? args : "null");
    fake_send(w, h, msg);
    if (size == 0)
        return 0;
    for (int i = 0; i < 2000 && !fake_reply_for(h); i++)
        pump(app, 5);
    fake_reply *r = fake_reply_for(h);
    if (!r || !r->text)
        return -1;
    outcome(r->text, out, size);
    return 0;
}

/* The i-th delivery batch, [[name,payload],...]: an eval text, or in pull
 * mode the answer to a pull (replies are recorded in order). */
static const char *batch_text(int i, int *is_reply)
{
    if (!pull_mode) {
        *is_reply = 0;
        return i < fake_eval_count() ? fake_eval_get(i) : NULL;
    }
    *is_reply = 1;
    if (i >= fake_reply_count())
        return NULL;
    fake_reply *r = fake_reply_get(i);
    return r->handle >= PULL_BASE && r->text ? r->text : "[]";
}

/* Events named `name` in the batches before reply index `until` (-1: all). */
static int count_events(const char *name, int until, char *last, size_t size)
{
    int n = 0, is_reply;
    const char *text;
    for (int i = 0; (text = batch_text(i, &is_reply)); i++) {
        if (is_reply && until >= 0 && i >= until)
            break;
        json_t *batch = json_loads(text, 0, NULL);
        size_t k;
        json_t *e;
        json_array_foreach(batch, k, e) {
            if (!json_is_string(json_array_get(e, 0)) ||
                strcmp(json_string_value(json_array_get(e, 0)), name) != 0)
                continue;
            n++;
            char *p = json_dumps(json_array_get(e, 1), JSON_ENCODE_ANY);
            snprintf(last, size, "%s", p ? p : "");
            free(p);
        }
        json_decref(batch);
    }
    return n;
}

static int fake_events_seen(sash_app *app, sash_window *w, const char *name,
                            char *last, size_t size)
{
    (void)app;
    (void)w;
    return count_events(name, -1, last, size);
}

/* Pull mode only: script batches are not ordered with the replies. */
static int fake_seen_at_reply(sash_app *app, sash_window *w, const char *cmd,
                              const char *name)
{
    char msg[256], last[64];
    int h = next_handle++;
    snprintf(msg, sizeof msg, "{\"cmd\":\"%s\"}", cmd);
    fake_send(w, h, msg);
    for (int i = 0; i < 2000 && !fake_reply_for(h); i++)
        pump(app, 5);
    for (int i = 0; i < fake_reply_count(); i++)
        if (fake_reply_get(i)->handle == h)
            return count_events(name, i, last, sizeof last);
    return -1;
}

static void fake_reload(sash_app *app, sash_window *w)
{
    (void)app;
    sash__window_page_changed(w);
    fake_send(w, next_handle++, "{\"ready\":true}");
    if (pull_mode) /* the new page's bridge */
        park_pull(w);
}

/* Menus: the item with that text in the bar the fake backend was given. */
static const sash__menu_item *item_by_text(const sash__menu_item *p,
                                           const char *text)
{
    for (size_t i = 0; i < p->count; i++) {
        const sash__menu_item *it = p->items[i];
        if (strcmp(it->text, text) == 0)
            return it;
        if ((it = item_by_text(it, text)))
            return it;
    }
    return NULL;
}

static int fake_menu_pick(sash_app *app, sash_window *w, const char *text)
{
    if (!fake_menu.bar || fake_menu.bar_window != w)
        return -1;
    const sash__menu_item *it = item_by_text(&fake_menu.bar->root, text);
    if (!it)
        return -1;
    sash__menu_activated(app, it->key, w);
    return 0;
}

/* File drag-and-drop: what a backend reports for the drag, if the window
 * takes drops (its window_drag_drop entry said so). */
static int fake_drag_files(sash_app *app, sash_window *w, const char *list,
                           int drop)
{
    (void)app;
    if (!fake_drop_enabled(w))
        return 0; /* the webview's drag: nothing to report */
    char *copy = strdup(list), *save = NULL;
    const char *uris[64];
    size_t n = 0;
    for (char *t = strtok_r(copy, "\r\n", &save); t && n < 64;
         t = strtok_r(NULL, "\r\n", &save))
        uris[n++] = t;
    sash__window_drop(w, SASH__DROP_ENTER, 120, 120, uris, n);
    for (int i = 0; i < 3; i++)
        sash__window_drop(w, SASH__DROP_OVER, 120 + 10 * i, 120 + 5 * i, NULL, 0);
    if (drop)
        sash__window_drop(w, SASH__DROP_DROP, 140, 130, uris, n);
    else
        sash__window_drop(w, SASH__DROP_LEAVE, 0, 0, NULL, 0);
    free(copy);
    return 0;
}

int main(void)
{
    static const contract_driver d = {
        .name = "fake",
        .app_new = fake_new,
        .pump_until = pump_until,
        .invoke = fake_invoke,
        .events_seen = fake_events_seen,
        .reload = fake_reload,
        .menu_pick = fake_menu_pick,
        .drag_files = fake_drag_files,
    };
    int failed = contract_run(&d);
    /* Again with deliveries by pull, as the GTK backends do them: the
     * same driver, which can then tell what the page saw at a reply. */
    contract_driver p = d;
    p.name = "fake, deliveries by pull";
    p.seen_at_reply = fake_seen_at_reply;
    pull_mode = 1;
    return failed | contract_run(&p);
}
