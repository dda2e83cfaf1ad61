/*
 * ttest - a tray app with no window (keep_running) for run-tray.sh: it
 * shows a StatusNotifierItem with an embedded PNG, a tooltip and a menu;
 * the test watcher (tray_watcher.c) scrolls on it and clicks "Show
 * window".  Exit 0 once C heard both ("sash:tray", then "sash:menu" with
 * id "show"); 2 if the tray could not be made; 3 on timeout.
 * `ttest --expect-no-watcher`: exit 0 if making a tray fails, saying there
 * is no StatusNotifierWatcher.
 */
#include <stdio.h>
#include <string.h>

#include <sash.h>

#include "harness.h"
#include "tray_icon.h"

static int scrolled;
static sash_tray *tray;

/* A scroll renames the item: the watcher waits for NewTitle. */
static void on_tray(sash_app *app, const char *label, const char *name,
                    const json_t *p, void *ud)
{
    (void)app, (void)label, (void)name, (void)ud;
    printf("ttest: sash:tray button=%s id=%s\n",
           json_string_value(json_object_get(p, "button")),
           json_string_value(json_object_get(p, "id")));
    if (!scrolled && tray)
        sash_tray_set_tooltip(tray, "Sash tray test: scrolled");
    scrolled = 1;
}

static void on_menu(sash_app *app, const char *label, const char *name,
                    const json_t *p, void *ud)
{
    (void)label, (void)name, (void)ud;
    const char *id = json_string_value(json_object_get(p, "id"));
    printf("ttest: sash:menu id=%s window=%s\n", id ? id : "?",
           json_is_null(json_object_get(p, "window")) ? "null" : "?");
    if (id && strcmp(id, "show") == 0)
        sash_app_quit(app, scrolled ? 0 : 1);
}

int main(int argc, char **argv)
{
    harness_watchdog("ttest", 40);
    sash_app_options o = {.identifier = "dev.sash.ttest", .keep_running = 1};
    sash_app *app = sash_app_new(&o);
    if (!app)
        return 2;
    /* --expect-no-watcher: no StatusNotifierWatcher on the bus, so a tray
     * must fail with SASH_EPLATFORM and say why (GTK4's own item; GTK3's
     * appindicator waits for a watcher instead). */
    if (argc > 1 && strcmp(argv[1], "--expect-no-watcher") == 0) {
        const char *msg = NULL;
        sash_tray *t = sash_tray_new(app, "main", tray_icon_png,
                                     sizeof tray_icon_png);
        int code = sash_last_error(&msg);
        printf("ttest: without a watcher: %s (%d) %s\n", t ? "a tray" : "no tray",
               code, msg ? msg : "");
        sash_app_free(app);
        return !t && code == SASH_EPLATFORM && msg &&
                       strstr(msg, "StatusNotifierWatcher") ? 0 : 1;
    }
    sash_listen(app, "sash:tray", on_tray, NULL, NULL);
    sash_listen(app, "sash:menu", on_menu, NULL, NULL);
    sash_menu *m = sash_menu_new(app,
        "[{\"id\":\"show\",\"text\":\"Show window\"},"
        " {\"kind\":\"check\",\"id\":\"mute\",\"text\":\"Mute\"},"
        " {\"text\":\"More\",\"items\":["
        "   {\"kind\":\"radio\",\"group\":\"g\",\"id\":\"alpha\","
        "    \"text\":\"Alpha\",\"checked\":true},"
        "   {\"kind\":\"radio\",\"group\":\"g\",\"id\":\"beta\",\"text\":\"Beta\"},"
        "   {\"id\":\"off\",\"text\":\"Not now\",\"enabled\":false}]},"
        " {\"kind\":\"separator\"},"
        " {\"kind\":\"predefined\",\"item\":\"quit\"}]");
    /* a non-PNG icon is refused, with a message */
    const char *why = NULL;
    if (sash_tray_new(app, "bad", "GIF89a", 6) || sash_last_error(&why) != SASH_EINVAL) {
        fprintf(stderr, "ttest: a non-PNG icon was accepted\n");
        return 1;
    }
    printf("ttest: non-PNG refused: %s\n", why);
    sash_tray *t = sash_tray_new(app, "main", tray_icon_png, sizeof tray_icon_png);
    if (!t) {
        sash_last_error(&why);
        fprintf(stderr, "ttest: no tray: %s\n", why ? why : "?");
        return 2;
    }
    tray = t;
    sash_tray_set_tooltip(t, "Sash tray test");
    sash_tray_set_menu(t, m);
    int rc = sash_app_run(app); /* no window: lives in the tray */
    sash_app_free(app);
    printf("ttest: exit %d\n", rc);
    return rc;
}
