/*
 * fake_platform.c - see fake_platform.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "fake_platform.h"

static sash__mutex lock = SASH__MUTEX_INIT;
static sash__cond cond = SASH__COND_INIT;
static int woken;
static void fire_timer(sash_app *app);
static void complete_deliveries(void);
static int quit_flag;
static fake_reply replies[4096];
static int nreplies;
static char *evals[4096];
static int nevals;
static int shown;

static int f_init(sash_app *app) { (void)app; return 0; }
static void f_terminate(sash_app *app) { (void)app; }

static void f_wake(sash_app *app)
{
    (void)app;
    sash__mutex_lock(&lock);
    woken = 1;
    sash__cond_signal(&cond);
    sash__mutex_unlock(&lock);
}

/* Waits for a wake (or ms) and drains once. */
static void pump_once(sash_app *app, int ms)
{
    uint64_t until = sash__now_ns() + (uint64_t)ms * 1000000u;
    sash__mutex_lock(&lock);
    while (!woken && !quit_flag) {
        uint64_t now = sash__now_ns();
        if (now >= until ||
            sash__cond_timedwait_ms(&cond, &lock,
                                    (unsigned)((until - now) / 1000000u) + 1))
            break;
    }
    woken = 0;
    sash__mutex_unlock(&lock);
    sash__app_drain(app);
    fire_timer(app);
    fake_window_timers_fire();
    complete_deliveries();
}

static void f_run(sash_app *app)
{
    quit_flag = 0;
    while (!quit_flag)
        pump_once(app, 50);
}

static void f_quit(sash_app *app)
{
    (void)app;
    quit_flag = 1;
}

int fake_view_ready_later;

static int f_window_create(sash_window *w, const sash_window_options *o,
                           const char *url, const char *bridge_js)
{
    (void)o;
    (void)bridge_js;
    sash__window_set_native(w, strdup(url));
    if (!fake_view_ready_later) /* like WebKitGTK: usable at once */
        sash__window_view_ready(w);
    return 0;
}

static void f_window_show(sash_window *w) { (void)w; shown++; }
static void f_dialogs_cancel(sash_window *w);
static void f_window_destroy(sash_window *w)
{
    f_dialogs_cancel(w); /* the contract: pending dialogs end first */
    fake_window_forget(w);
    free(sash__window_native(w));
}
static void f_set_title(sash_window *w, const char *t) { (void)w; (void)t; }

static char *copy_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static void f_eval(sash_window *w, const char *js, size_t len)
{
    (void)w;
    sash__mutex_lock(&lock);
    if (nevals < 4096)
        evals[nevals++] = copy_n(js, len);
    sash__mutex_unlock(&lock);
}

/* Deliveries complete on the next pump, as WebKit's would: later. */
static sash_window *delivered[64];
static int ndelivered;

static void f_deliver(sash_window *w, const char *js, size_t len)
{
    f_eval(w, js, len);
    if (ndelivered < 64) {
        sash__window_ref(w);
        delivered[ndelivered++] = w;
    }
}

static void complete_deliveries(void)
{
    int n = ndelivered;
    ndelivered = 0;
    for (int i = 0; i < n; i++) {
        sash__window_delivered(delivered[i]);
        sash__window_unref(delivered[i]);
    }
}

static void record(void *handle, const char *text, int dropped)
{
    sash__mutex_lock(&lock);
    if (nreplies < 4096) {
        replies[nreplies].handle = (int)(intptr_t)handle;
        replies[nreplies].dropped = dropped;
        replies[nreplies].text = text ? strdup(text) : NULL;
        nreplies++;
    }
    sash__mutex_unlock(&lock);
}

static void f_reply(sash_window *w, void *h, const char *text, size_t len)
{
    (void)w;
    (void)len;
    record(h, text, 0);
}

static void f_reply_drop(void *h) { record(h, NULL, 1); }

static void f_reply_bytes(sash_window *w, void *h, void *data, size_t len,
                          void (*free_fn)(void *))
{
    (void)w;
    char text[64];
    snprintf(text, sizeof text, "<%zu bytes>", len);
    record(h, text, 0);
    if (free_fn)
        free_fn(data);
}

/* One pending timer, like the GTK backend: fired by pump_once when due. */
static void (*timer_fn)(sash_app *);
static uint64_t timer_due;

static void f_timer(sash_app *app, unsigned ms, void (*fn)(sash_app *))
{
    (void)app;
    timer_due = sash__now_ns() + (uint64_t)ms * 1000000u;
    timer_fn = fn;
}

static void fire_timer(sash_app *app)
{
    if (timer_fn && sash__now_ns() >= timer_due) {
        void (*fn)(sash_app *) = timer_fn;
        timer_fn = NULL;
        fn(app);
    }
}

static char opened[64][256];
static int nopened;

static void f_open_external(sash_app *app, const char *url)
{
    (void)app;
    if (nopened < 64)
        snprintf(opened[nopened++], sizeof opened[0], "%s", url);
}

const char *fake_opened_get(int i) { return i < nopened ? opened[i] : NULL; }
int fake_opened_count(void) { return nopened; }

/* -- Menus and tray: recorded, for tests (fake_platform.h) ---------------- */

fake_menu_state fake_menu;
const char sash__platform_menus_anchor = 0; /* see platform.h */
const char sash__platform_tray_anchor = 0;
const char sash__platform_dialog_anchor = 0;
const char sash__platform_clipboard_anchor = 0;
const char sash__platform_notify_anchor = 0;
const char sash__platform_open_anchor = 0;
const char sash__platform_shm_anchor = 0; /* bytes: the custom scheme only */
const char sash__platform_monitors_anchor = 0;

static int f_menu_bar_set(sash_window *w, const sash_menu *m)
{
    fake_menu.bar = m;
    fake_menu.bar_window = w;
    fake_menu.bar_sets++;
    return 0;
}

static int f_menu_popup(sash_window *w, const sash_menu *m, int x, int y)
{
    fake_menu.popup = m;
    fake_menu.popup_window = w;
    fake_menu.popup_x = x;
    fake_menu.popup_y = y;
    fake_menu.popups++;
    return 0;
}

static void f_menu_changed(sash_app *app, const sash_menu *m,
                           const sash__menu_item *item)
{
    (void)app;
    (void)m;
    if (item)
        fake_menu.item_changes++;
    else
        fake_menu.rebuilds++;
}

static void f_menu_destroyed(sash_app *app, const sash_menu *m)
{
    (void)app;
    if (fake_menu.bar == m)
        fake_menu.bar = NULL;
    if (fake_menu.popup == m)
        fake_menu.popup = NULL;
    fake_menu.destroyed++;
}

static int f_tray_create(sash_tray *t)
{
    if (fake_menu.tray_fail)
        return sash__fail(SASH_EPLATFORM, "fake: no status area");
    t->native = &fake_menu;
    fake_menu.trays++;
    return 0;
}

static void f_tray_update(sash_tray *t)
{
    (void)t;
    fake_menu.tray_updates++;
}

static void f_tray_destroy(sash_tray *t)
{
    t->native = NULL;
    fake_menu.trays--;
}

/* -- Desktop surface: dialogs wait for fake_dialog_answer() (a window's
 * destruction cancels them, as the contract says), the clipboard is one
 * buffer, notifications get increasing ids, opens are recorded. -------- */
static struct {
    sash_window *w;
    sash__dialog *d;
} dialogs[64];
static int ndialogs;
static sash_clipboard_format clip_format;
static char *clip_data;
static size_t clip_len;
static long notify_ids;
static char open_log[64][256];
static int nopen_log;

static void f_dialog(sash_window *w, sash__dialog *d)
{
    if (ndialogs == 64) {
        sash__dialog_done(d, 1, 0, NULL, 0);
        return;
    }
    dialogs[ndialogs].w = w;
    dialogs[ndialogs++].d = d;
}

int fake_dialog_count(void) { return ndialogs; }

const sash_dialog_options *fake_dialog_options(int i)
{
    return i < ndialogs ? &dialogs[i].d->o : NULL;
}

int fake_dialog_answer(int i, int cancelled, int confirmed,
                       const char *const *paths, size_t n)
{
    if (i >= ndialogs)
        return -1;
    sash__dialog *d = dialogs[i].d;
    memmove(&dialogs[i], &dialogs[i + 1], (size_t)(ndialogs - i - 1) *
                                              sizeof dialogs[0]);
    ndialogs--;
    sash__dialog_done(d, cancelled, confirmed, paths, n);
    return 0;
}

static void f_dialogs_cancel(sash_window *w)
{
    for (int i = 0; i < ndialogs;)
        if (dialogs[i].w == w)
            fake_dialog_answer(i, 1, 0, NULL, 0);
        else
            i++;
}

static int f_clipboard_write(sash_app *app, sash_clipboard_format f,
                             const void *data, size_t len)
{
    (void)app;
    char *copy = malloc(len + 1);
    if (!copy)
        return SASH_EPLATFORM;
    memcpy(copy, data, len);
    free(clip_data);
    clip_data = copy;
    clip_len = len;
    clip_format = f;
    return 0;
}

static void f_clipboard_read(sash_app *app, sash__clip_read *r)
{
    (void)app;
    int have = clip_data && clip_format == r->format;
    sash__clipboard_done(r, have ? clip_data : NULL, have ? clip_len : 0);
}

static void f_notify(sash_app *app, sash__notify *n)
{
    (void)app;
    if (n)
        sash__notify_done(n, ++notify_ids, NULL);
}

static void f_open(sash_app *app, sash__open *o)
{
    (void)app;
    if (nopen_log < 64)
        snprintf(open_log[nopen_log++], sizeof open_log[0], "%s%s",
                 o->reveal ? "reveal:" : "", o->target);
    sash__open_done(o, NULL);
}

const char *fake_open_get(int i) { return i < nopen_log ? open_log[i] : NULL; }

const sash__platform fake_platform = {
    .name = "fake",
    .app_origin = "sash://app",
    .raw_path = "/__sash_ipc/",
    .raw_url = "sash-ipc://app/",
    .csp_ipc_sources = "sash: sash-ipc:",
    .transport_js = "(t)=>Promise.resolve(t)",
    .init = f_init,
    .terminate = f_terminate,
    .run = f_run,
    .quit = f_quit,
    .wake = f_wake,
    .window_create = f_window_create,
    .window_show = f_window_show,
    .window_destroy = f_window_destroy,
    .window_set_title = f_set_title,
    .window_eval = f_eval,
    .window_deliver = f_deliver,
    .reply = f_reply,
    .reply_bytes = f_reply_bytes,
    .reply_drop = f_reply_drop,
    .timer = f_timer,
    .open_external = f_open_external,
    /* Window state (fake_window_state.c) */
    .window_apply_options = fake_ws_apply_options,
    .window_set_size = fake_ws_set_size,
    .window_set_position = fake_ws_set_position,
    .window_set_size_limits = fake_ws_set_size_limits,
    .window_set_attrib = fake_ws_set_attrib,
    .window_get_attrib = fake_ws_get_attrib,
    .window_get_geometry = fake_ws_get_geometry,
    .window_center = fake_ws_center,
    .window_scale = fake_ws_scale,
    .window_monitor = fake_ws_window_monitor,
    .monitors = fake_ws_monitors,
    .theme = fake_ws_theme,
    .window_timer = fake_ws_window_timer,
    /* menus and tray */
    .menu_bar_set = f_menu_bar_set,
    .menu_popup = f_menu_popup,
    .menu_changed = f_menu_changed,
    .menu_destroyed = f_menu_destroyed,
    .tray_create = f_tray_create,
    .tray_update = f_tray_update,
    .tray_destroy = f_tray_destroy,
    /* Desktop surface: dialogs, clipboard, notifications, opener */
    .dialog = f_dialog,
    .clipboard_write = f_clipboard_write,
    .clipboard_read = f_clipboard_read,
    .notify = f_notify,
    .open = f_open,
};

sash_app *fake_app_new(const sash_app_options *o, sash_window **main_window)
{
    fake_reset();
    sash_app *app = sash__app_new_with(o, sizeof *o, &fake_platform);
    if (app && main_window) {
        sash_window_options wo = {.label = "main"};
        *main_window = sash_window_new(app, &wo);
    }
    return app;
}

/* As the GTK backend does: the core takes a copy of the text it owns. */
void fake_send(sash_window *w, int handle, const char *msg)
{
    char *copy = strdup(msg);
    if (!copy) /* the core's own "empty" answer */
        sash__ipc_receive(w, NULL, 0, (void *)(intptr_t)handle);
    else
        sash__ipc_receive_owned(w, copy, strlen(copy), (void *)(intptr_t)handle);
}

static int pump_until(sash_app *app, int *counter, int count)
{
    uint64_t start = sash__now_ns();
    for (;;) {
        sash__mutex_lock(&lock);
        int n = *counter;
        sash__mutex_unlock(&lock);
        if (n >= count)
            return n;
        if (sash__now_ns() - start >= 5000000000u)
            return n;
        pump_once(app, 20);
    }
}

void fake_pump_once(sash_app *app, int ms) { pump_once(app, ms); }
int fake_pump_replies(sash_app *app, int count) { return pump_until(app, &nreplies, count); }
int fake_pump_evals(sash_app *app, int count) { return pump_until(app, &nevals, count); }

fake_reply *fake_reply_get(int i) { return i < nreplies ? &replies[i] : NULL; }

fake_reply *fake_reply_for(int handle)
{
    for (int i = 0; i < nreplies; i++)
        if (replies[i].handle == handle)
            return &replies[i];
    return NULL;
}

int fake_reply_count(void) { return nreplies; }
const char *fake_eval_get(int i) { return i < nevals ? evals[i] : NULL; }
int fake_eval_count(void) { return nevals; }
int fake_shown_count(void) { return shown; }

void fake_reset(void)
{
    sash__mutex_lock(&lock);
    for (int i = 0; i < nreplies; i++)
        free(replies[i].text);
    for (int i = 0; i < nevals; i++)
        free(evals[i]);
    nreplies = nevals = shown = nopened = 0;
    timer_fn = NULL;
    woken = 0;
    memset(&fake_menu, 0, sizeof fake_menu);
    sash__mutex_unlock(&lock);
    free(clip_data); /* desktop surface */
    clip_data = NULL;
    clip_len = 0;
    nopen_log = ndialogs = 0;
}

void fake_sleep_ms(int ms)
{
    sash__sleep_ms((unsigned)ms);
}

sash_app *sash_app_new_v(const sash_app_options *options, size_t size)
{
    return sash__app_new_with(options, size, &fake_platform);
}
