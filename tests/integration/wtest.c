/*
 * wtest - windows under a real window manager (openbox, started by
 * run-wm.sh inside run-xvfb.sh): maximize, position, focus, a second
 * window created from the page (and what its page may not do), bad input
 * from JS, emitTo, closing from JS, and the close button (Alt+F4 through
 * xdotool) vetoed by the page, then allowed.
 *
 * Every step waits on a condition (an event the page emits, a state the
 * window manager reports) with a generous timeout; nothing sleeps for a
 * fixed time.  SASH_WTEST_SHOT=file.png saves a screenshot of the two
 * windows.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gtk/gtk.h>
#include <sash.h>
#ifdef SASH_GTK4
#include <gdk/x11/gdkx.h>
#else
#include <gdk/gdkx.h>
#endif

#include "harness.h"

SASH_EMBEDDED_ASSETS(wtest_assets);
SASH_EMBEDDED_CONFIG(wtest_config);

#define WAIT_MS 15000

static int failures;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (cond) {                                                          \
            printf("PASS ");                                                 \
        } else {                                                             \
            printf("FAIL ");                                                 \
            failures++;                                                      \
        }                                                                    \
        printf(__VA_ARGS__);                                                 \
        printf("\n");                                                        \
        fflush(stdout);                                                      \
    } while (0)

/* -- What arrived: events from pages and C's own listeners -------------- */

#define MAX_SEEN 64
static struct {
    char name[64];
    int count;
    json_t *last;
    char label[64];
} seen[MAX_SEEN];

static void record(const char *name, const char *label, const json_t *payload)
{
    int i = 0;
    while (i < MAX_SEEN && seen[i].name[0] && strcmp(seen[i].name, name) != 0)
        i++;
    if (i == MAX_SEEN)
        return;
    snprintf(seen[i].name, sizeof seen[i].name, "%s", name);
    snprintf(seen[i].label, sizeof seen[i].label, "%s", label ? label : "");
    seen[i].count++;
    json_decref(seen[i].last);
    seen[i].last = json_deep_copy(payload);
}

static int count_of(const char *name)
{
    for (int i = 0; i < MAX_SEEN && seen[i].name[0]; i++)
        if (strcmp(seen[i].name, name) == 0)
            return seen[i].count;
    return 0;
}

static json_t *last_of(const char *name)
{
    for (int i = 0; i < MAX_SEEN && seen[i].name[0]; i++)
        if (strcmp(seen[i].name, name) == 0)
            return seen[i].last;
    return NULL;
}

static const char *str_of(const char *name, const char *key)
{
    return json_string_value(json_object_get(last_of(name), key));
}

static void on_any(sash_app *app, const char *label, const char *name,
                   const json_t *payload, void *ud)
{
    (void)app, (void)ud;
    /* window events to C carry the window: keep them apart per window */
    char key[64];
    if (strncmp(name, "sash:window:", 12) == 0)
        snprintf(key, sizeof key, "%s@%s", name + 12, label);
    else
        snprintf(key, sizeof key, "%s", name);
    record(key, label, payload);
}

static void child_report(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    record(json_object_get(args, "heard") ? "child-heard" : "child-report",
           sash_call_window_label(call), args);
    sash_resolve(call, NULL);
}

static int vetoes_by_hook;
static int hook_veto(sash_app *app, const char *label, void *ud)
{
    (void)app, (void)label, (void)ud;
    if (vetoes_by_hook > 0) {
        vetoes_by_hook--;
        return 1;
    }
    return 0;
}

/* -- Waiting ---------------------------------------------------------------- */

static void pump(void)
{
    while (g_main_context_iteration(NULL, FALSE))
        ;
    g_usleep(2000);
}

typedef int (*cond_fn)(void *arg);

static int wait_for(cond_fn fn, void *arg, int ms)
{
    gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
    while (!fn(arg) && g_get_monotonic_time() < end)
        pump();
    return fn(arg);
}

typedef struct {
    const char *name;
    int count;
} ev_arg;

static int ev_cond(void *a)
{
    ev_arg *e = a;
    return count_of(e->name) >= e->count;
}

static int wait_event(const char *name, int count)
{
    ev_arg a = {name, count};
    return wait_for(ev_cond, &a, WAIT_MS);
}

typedef struct {
    sash_app *app;
    const char *label;
    int attrib, value;
} attr_arg;

static int attr_cond(void *a)
{
    attr_arg *x = a;
    sash_window *w = sash_app_get_window(x->app, x->label);
    return w && sash_window_get_attrib(w, x->attrib) == x->value;
}

static int wait_attrib(sash_app *app, const char *label, int attrib, int value)
{
    attr_arg a = {app, label, attrib, value};
    return wait_for(attr_cond, &a, WAIT_MS);
}

typedef struct {
    sash_app *app;
    const char *label;
    int x, y;
} pos_arg;

static int pos_cond(void *a)
{
    pos_arg *p = a;
    sash_window *w = sash_app_get_window(p->app, p->label);
    int x = -1, y = -1;
    if (w)
        sash_window_get_position(w, &x, &y);
    return x == p->x && y == p->y;
}

typedef struct {
    sash_window *w;
    int width, height;
} size_arg;

static int size_cond(void *a)
{
    size_arg *s = a;
    int w = 0, h = 0;
    sash_window_get_size(s->w, &w, &h);
    return w == s->width && h == s->height;
}

/* Bigger than the 520 x 420 it was created with (1280 x 800 screen). */
static int grew_cond(void *w)
{
    int width = 0, height = 0;
    sash_window_get_size(w, &width, &height);
    return width > 900 && height > 600;
}

static int gone_cond(void *a)
{
    pos_arg *p = a;
    return sash_app_get_window(p->app, p->label) == NULL;
}

/* The window manager's name as GDK sees it ("unknown" until one runs). */
static const char *wm_name(void)
{
#ifdef SASH_GTK4
    GdkDisplay *d = gdk_display_get_default();
    if (!d || !GDK_IS_X11_DISPLAY(d))
        return "unknown";
    return gdk_x11_screen_get_window_manager_name(gdk_x11_display_get_screen(d));
#else
    GdkScreen *s = gdk_screen_get_default();
    if (!s || !GDK_IS_X11_SCREEN(s))
        return "unknown";
    return gdk_x11_screen_get_window_manager_name(s);
#endif
}

static int wm_cond(void *a)
{
    (void)a;
    return strcmp(wm_name(), "unknown") != 0;
}

static int shown_cond(void *w)
{
    return sash_window_is_shown(w);
}

static void xdotool(const char *args)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "xdotool %s", args);
    int rc = system(cmd);
    if (rc != 0)
        printf("NOTE %s -> %d\n", cmd, rc);
}

/* -- Steps ------------------------------------------------------------------- */

static void maximize_and_position(sash_app *app, sash_window *main_w)
{
    int before = count_of("page-resized");
    sash_window_set_attrib(main_w, SASH_WINDOW_MAXIMIZED, 1);
    CHECK(wait_attrib(app, "main", SASH_WINDOW_MAXIMIZED, 1),
          "maximize: the window manager maximized the window");
    CHECK(wait_event("page-resized", before + 1),
          "maximize: the page got sash:window:resized");
    int w = 0, h = 0;
    int grew = wait_for(grew_cond, main_w, WAIT_MS);
    sash_window_get_size(main_w, &w, &h);
    CHECK(grew, "maximize: the window grew (%d x %d)", w, h);
    sash_window_set_attrib(main_w, SASH_WINDOW_MAXIMIZED, 0);
    CHECK(wait_attrib(app, "main", SASH_WINDOW_MAXIMIZED, 0),
          "unmaximize: the window manager restored it");
    sash_window_set_position(main_w, 120, 140);
    pos_arg p = {app, "main", 120, 140};
    int moved = wait_for(pos_cond, &p, WAIT_MS);
    int x = 0, y = 0;
    sash_window_get_position(main_w, &x, &y);
    CHECK(moved, "position: moved to 120,140 (reads %d,%d)", x, y);
    CHECK(wait_event("moved@main", 1), "position: C listeners got sash:window:moved");
}

/* Whether a shell check of X properties (xprop | grep) succeeds, run at
 * most every 100 ms. */
typedef struct {
    const char *cmd;
    int want;
    gint64 last;
    int result;
} xprop_arg;

static int xprop_cond(void *arg)
{
    xprop_arg *a = arg;
    gint64 now = g_get_monotonic_time();
    if (now - a->last >= 100000) {
        a->last = now;
        a->result = system(a->cmd) == 0;
    }
    return a->result == a->want;
}

/* Whether the window manager's _NET_WM_STATE of the main window has ABOVE
 * as *want says. */
static int wm_above_cond(void *want)
{
    static xprop_arg a = {"xprop -name 'wtest main' _NET_WM_STATE | "
                          "grep -q _NET_WM_STATE_ABOVE", 1, 0, -1};
    a.want = *(int *)want;
    return xprop_cond(&a);
}

static void other_states(sash_app *app, sash_window *main_w)
{
    sash_window_set_attrib(main_w, SASH_WINDOW_MINIMIZED, 1);
    CHECK(wait_attrib(app, "main", SASH_WINDOW_MINIMIZED, 1), "minimize: iconified");
    sash_window_set_attrib(main_w, SASH_WINDOW_MINIMIZED, 0);
    CHECK(wait_attrib(app, "main", SASH_WINDOW_MINIMIZED, 0), "unminimize: restored");
    sash_window_set_attrib(main_w, SASH_WINDOW_FULLSCREEN, 1);
    CHECK(wait_attrib(app, "main", SASH_WINDOW_FULLSCREEN, 1), "fullscreen: on");
    sash_monitor m = {0};
    sash_window_current_monitor(main_w, &m);
    /* the state arrives before the new size: wait for the size */
    size_arg sz = {main_w, m.width, m.height};
    int full = wait_for(size_cond, &sz, WAIT_MS);
    int w = 0, h = 0;
    sash_window_get_size(main_w, &w, &h);
    CHECK(full, "fullscreen: the monitor's size (%d x %d, monitor %d x %d)",
          w, h, m.width, m.height);
    sash_window_set_attrib(main_w, SASH_WINDOW_FULLSCREEN, 0);
    CHECK(wait_attrib(app, "main", SASH_WINDOW_FULLSCREEN, 0), "fullscreen: off");
    sash_window_set_attrib(main_w, SASH_WINDOW_ALWAYS_ON_TOP, 1);
    CHECK(wait_attrib(app, "main", SASH_WINDOW_ALWAYS_ON_TOP, 1), "always on top: on");
    int above = 1;
    CHECK(wait_for(wm_above_cond, &above, WAIT_MS),
          "always on top: the window manager set _NET_WM_STATE_ABOVE");
    sash_window_set_attrib(main_w, SASH_WINDOW_ALWAYS_ON_TOP, 0);
    CHECK(wait_attrib(app, "main", SASH_WINDOW_ALWAYS_ON_TOP, 0), "always on top: off");
    above = 0;
    CHECK(wait_for(wm_above_cond, &above, WAIT_MS),
          "always on top: the window manager cleared _NET_WM_STATE_ABOVE");
    /* the desktop switches to dark: every window hears it */
    int before = count_of("theme-changed@main");
    int was = sash_app_theme(app);
    g_object_set(gtk_settings_get_default(), "gtk-application-prefer-dark-theme",
                 was == SASH_THEME_DARK ? FALSE : TRUE, NULL);
    CHECK(wait_event("theme-changed@main", before + 1) && sash_app_theme(app) != was,
          "theme: the switch reached C listeners (%s)",
          str_of("theme-changed@main", "theme"));
    g_object_set(gtk_settings_get_default(), "gtk-application-prefer-dark-theme",
                 was == SASH_THEME_DARK, NULL);
    wait_event("theme-changed@main", before + 2);
    sash_window_set_position(main_w, 120, 140);
    pos_arg p = {app, "main", 120, 140};
    wait_for(pos_cond, &p, WAIT_MS);
}

static void focus(sash_app *app, sash_window *main_w)
{
    sash_window_options o = {.label = "other", .path = "/blank.html",
                             .width = 300, .height = 200, .has_position = 1,
                             .x = 500, .y = 400};
    sash_window *other = sash_window_new(app, &o);
    CHECK(other != NULL, "focus: a second window from C");
    if (!other)
        return;
    wait_for(shown_cond, other, WAIT_MS);
    sash_window_set_attrib(main_w, SASH_WINDOW_FOCUSED, 1);
    CHECK(wait_attrib(app, "main", SASH_WINDOW_FOCUSED, 1), "focus: main has the focus");
    int blurred = count_of("page-blurred");
    sash_window_set_attrib(other, SASH_WINDOW_FOCUSED, 1);
    CHECK(wait_attrib(app, "other", SASH_WINDOW_FOCUSED, 1), "focus: the other one took it");
    CHECK(wait_attrib(app, "main", SASH_WINDOW_FOCUSED, 0), "focus: main lost it");
    CHECK(wait_event("page-blurred", blurred + 1), "focus: main's page got sash:window:blurred");
    sash_window_close(other);
    sash_window_set_attrib(main_w, SASH_WINDOW_FOCUSED, 1);
    CHECK(wait_attrib(app, "main", SASH_WINDOW_FOCUSED, 1), "focus: main has it again");
    /* a window opened with focus off leaves it where it is */
    sash_window_options nf = {.label = "quiet", .path = "/blank.html",
                              .width = 200, .height = 150, .no_focus = 1,
                              .has_position = 1, .x = 900, .y = 500};
    sash_window *q = sash_window_new(app, &nf);
    CHECK(q && wait_for(shown_cond, q, WAIT_MS), "no focus: window shown");
    CHECK(q && sash_window_get_attrib(q, SASH_WINDOW_VISIBLE) == 1 &&
          sash_window_get_attrib(q, SASH_WINDOW_FOCUSED) == 0 &&
          sash_window_get_attrib(main_w, SASH_WINDOW_FOCUSED) == 1,
          "no focus: main kept the focus");
    if (q)
        sash_window_close(q);
    /* an owned, modal window: transient for main, modal for the WM */
    sash_window_options mo = {.label = "modal", .title = "wtest modal",
                              .path = "/blank.html", .width = 240, .height = 160,
                              .parent = "main", .modal = 1};
    sash_window *m = sash_window_new(app, &mo);
    CHECK(m != NULL, "modal: created with parent 'main'");
    xprop_arg t = {"xprop -name 'wtest modal' WM_TRANSIENT_FOR | grep -q 'window id'",
                   1, 0, -1};
    CHECK(m && wait_for(xprop_cond, &t, WAIT_MS), "modal: WM_TRANSIENT_FOR is set");
    xprop_arg ms = {"xprop -name 'wtest modal' _NET_WM_STATE | "
                    "grep -q _NET_WM_STATE_MODAL", 1, 0, -1};
    CHECK(m && wait_for(xprop_cond, &ms, WAIT_MS), "modal: _NET_WM_STATE_MODAL is set");
    if (m)
        sash_window_close(m);
}

static void bad_input(sash_window *main_w)
{
    sash_window_eval(main_w, "wtest.bad()");
    if (!wait_event("bad-done", 1)) {
        CHECK(0, "bad input: the page reported");
        return;
    }
    static const char *const want[][2] = {
        {"negative", "bad_args"}, {"nan", "bad_args"}, {"inf", "bad_args"},
        {"huge", "bad_args"}, {"str", "bad_args"}, {"minmax", "bad_args"},
        {"ghost", "not_found"}, {"dup", "bad_args"}, {"remote", "bad_args"}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const char *got = str_of("bad-done", want[i][0]);
        CHECK(got && strcmp(got, want[i][1]) == 0, "bad input: %s -> %s (got %s)",
              want[i][0], want[i][1], got ? got : "nothing");
    }
}

static void child_from_js(sash_app *app, sash_window *main_w)
{
    sash_window_eval(main_w, "wtest.create()");
    CHECK(wait_event("created", 1) && strcmp(str_of("created", "r"), "ok") == 0,
          "create from JS: window:create resolved (%s)",
          last_of("created") ? str_of("created", "r") : "nothing");
    sash_window *child = sash_app_get_window(app, "child");
    CHECK(child != NULL, "create from JS: window 'child' exists");
    if (!child)
        return;
    CHECK(wait_event("child-report", 1), "child: its page reported");
    const char *st = str_of("child-report", "state");
    const char *cr = str_of("child-report", "create");
    const char *em = str_of("child-report", "emit");
    CHECK(st && strcmp(st, "forbidden") == 0, "child: window:state is forbidden (%s)", st);
    CHECK(cr && strcmp(cr, "forbidden") == 0, "child: window:create is forbidden (%s)", cr);
    CHECK(em && strcmp(em, "forbidden") == 0, "child: emit is forbidden (%s)", em);
    CHECK(wait_for(shown_cond, child, WAIT_MS), "child: shown after its first paint");
    pos_arg p = {app, "child", 700, 90};
    int x = 0, y = 0;
    int placed = wait_for(pos_cond, &p, WAIT_MS);
    sash_window_get_position(child, &x, &y);
    CHECK(placed, "child: placed at 700,90 (reads %d,%d)", x, y);
    size_arg sz = {child, 360, 240};
    int sized = wait_for(size_cond, &sz, WAIT_MS);
    int w = 0, h = 0;
    sash_window_get_size(child, &w, &h);
    CHECK(sized, "child: 360 x 240 (reads %d x %d)", w, h);
    const char *shot = getenv("SASH_WTEST_SHOT");
    if (shot && *shot) {
        /* for a person to look at, not an assertion: let the page paint */
        for (int i = 0; i < 100; i++)
            pump();
        char cmd[512];
        snprintf(cmd, sizeof cmd, "import -window root '%s'", shot);
        printf("NOTE screenshot %s: %d\n", shot, system(cmd));
    }
    sash_window_eval(main_w, "wtest.tellChild()");
    CHECK(wait_event("told", 1) && strcmp(str_of("told", "r"), "ok") == 0,
          "emitTo: window:emit_to resolved");
    CHECK(wait_event("child-heard", 1) &&
          json_integer_value(json_object_get(json_object_get(
              last_of("child-heard"), "heard"), "n")) == 42,
          "emitTo: the child's page heard it");
    int destroyed = count_of("destroyed-seen"); /* 'other' was one */
    sash_window_eval(main_w, "wtest.closeChild()");
    CHECK(wait_event("destroyed-seen", destroyed + 1) &&
          strcmp(str_of("destroyed-seen", "label"), "child") == 0,
          "close from JS: main's page got sash:window:destroyed for 'child'");
    pos_arg g = {app, "child", 0, 0};
    CHECK(wait_for(gone_cond, &g, WAIT_MS), "close from JS: 'child' is gone");
}

/* Alt+F4 as a user presses it: openbox's binding sends the window
 * WM_DELETE_WINDOW.  A key pressed while the window manager is still
 * settling the focus can be lost, so it is pressed again (up to 5 times)
 * until `fn` holds. */
static int press_close(sash_app *app, sash_window *w, cond_fn fn, void *arg)
{
    for (int i = 0; i < 5 && !fn(arg); i++) {
        if (sash_app_get_window(app, "main") == w) {
            sash_window_set_attrib(w, SASH_WINDOW_FOCUSED, 1);
            wait_attrib(app, "main", SASH_WINDOW_FOCUSED, 1);
        }
        xdotool("key --clearmodifiers alt+F4");
        wait_for(fn, arg, 3000);
    }
    return fn(arg);
}

static void hung_ready(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    record("hung-ready", sash_call_window_label(call), args);
    sash_resolve(call, NULL);
}

/* A page that watches close requests and then hangs cannot keep its
 * window: it closes at the bound (3 s). */
static void hung_page_cannot_block_close(sash_app *app)
{
    sash_window_options o = {.label = "hung", .path = "/hung.html",
                             .width = 300, .height = 200};
    CHECK(sash_window_new(app, &o) != NULL, "hung: window created");
    CHECK(wait_event("hung-ready", 1), "hung: the page watches closes, then hangs");
    gint64 t0 = g_get_monotonic_time();
    sash_window_request_close(sash_app_get_window(app, "hung"));
    CHECK(sash_app_get_window(app, "hung") != NULL,
          "hung: not closed at once (the page is asked first)");
    pos_arg g = {app, "hung", 0, 0};
    CHECK(wait_for(gone_cond, &g, WAIT_MS), "hung: closed anyway after %.1f s",
          (double)(g_get_monotonic_time() - t0) / 1e6);
}

static void close_button_veto(sash_app *app, sash_window *main_w)
{
    ev_arg asked_once = {"close-seen", 1};
    CHECK(press_close(app, main_w, ev_cond, &asked_once),
          "close button: the page was asked");
    json_t *veto = json_object_get(last_of("close-seen"), "veto");
    CHECK(json_is_true(veto), "close button: the page vetoed");
    sash_window_eval(main_w, "wtest.alive()");
    CHECK(wait_event("alive", 1), "after the veto the page still calls C");
    CHECK(sash_app_get_window(app, "main") == main_w, "after the veto the window stays");
    /* the C hook vetoes before the page is asked */
    vetoes_by_hook = 1;
    int asked = count_of("close-seen");
    sash_window_request_close(main_w);
    CHECK(vetoes_by_hook == 0 && sash_app_get_window(app, "main") == main_w &&
          count_of("close-seen") == asked, "the C hook vetoed a close");
    sash_window_eval(main_w, "wtest.alive()");
    CHECK(wait_event("alive", 2), "after the hook's veto the page still calls C");
    /* now the page lets it go */
    sash_window_eval(main_w, "wtest.allowClose()");
    wait_event("veto-off", 1);
    pos_arg g = {app, "main", 0, 0};
    CHECK(press_close(app, main_w, gone_cond, &g),
          "close button: the page allowed it; closed");
    CHECK(count_of("destroyed@main") == 1, "C listeners got sash:window:destroyed");
}

int main(void)
{
    harness_watchdog("wtest", 150);
    sash_app_options o = {.config_json = wtest_config, .assets = wtest_assets,
                          .asset_count = wtest_assets_count, .keep_running = 1};
    sash_app *app = sash_app_new(&o);
    if (!app)
        return 1;
    CHECK(wait_for(wm_cond, NULL, WAIT_MS), "a window manager runs (%s)",
          wm_name());
    CHECK(sash_window_enable(app) == 0, "window:* commands enabled");
    sash_command(app, "child_report", child_report, NULL, SASH_COMMAND_UI_THREAD);
    sash_command(app, "hung_ready", hung_ready, NULL, SASH_COMMAND_UI_THREAD);
    sash_listen(app, "*", on_any, NULL, NULL);
    sash_app_on_close_requested(app, hook_veto, NULL);
    sash_window_options wo = {.label = "main", .title = "wtest main",
                              .path = "/main.html", .width = 520, .height = 420,
                              .has_position = 1, .x = 40, .y = 40};
    sash_window *main_w = sash_window_new(app, &wo);
    CHECK(main_w != NULL, "main window");
    if (!main_w)
        return 1;
    CHECK(wait_event("main-ready", 1) && !json_object_get(last_of("main-ready"), "err"),
          "main page ready (window:watch_close allowed)");
    wait_for(shown_cond, main_w, WAIT_MS);
    maximize_and_position(app, main_w);
    other_states(app, main_w);
    focus(app, main_w);
    bad_input(main_w);
    child_from_js(app, main_w);
    hung_page_cannot_block_close(app);
    close_button_veto(app, main_w);
    sash_app_free(app);
    for (int i = 0; i < MAX_SEEN; i++)
        json_decref(seen[i].last);
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "OK", failures);
    return failures ? 1 : 0;
}
