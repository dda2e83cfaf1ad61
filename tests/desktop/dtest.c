/*
 * dtest - the desktop surface's integration test app (dialogs, clipboard,
 * notifications, opener) on the real WebKitGTK under Xvfb.  `dtest PAGE`
 * loads pages/PAGE.html, whose harness runs its tests and reports through
 * invoke('__report').  run-desktop.sh prepares what a page needs: a temp
 * folder (DTEST_DIR) with files, SASH_TEST_DIALOG answers, a fake xdg-open
 * on PATH and a test D-Bus service (desktop_services.py).
 *
 * The file commands below stand in for an fs plugin: they read or write a
 * path only when sash_call_scope_allows(call, "fs", path) says so, which
 * is how a page proves it reaches the file the user picked and no other.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sash.h>
#ifdef DTEST_HAVE_FS
#include <sash_plugins.h>
#endif

#include "../integration/harness.h"

SASH_EMBEDDED_ASSETS(dtest_assets);
SASH_EMBEDDED_CONFIG(dtest_config);

#define WATCHDOG_S 120

static json_t *c_actions; /* UI thread: actions sash_notification_on_action saw */

static const char *dir(void)
{
    const char *d = getenv("DTEST_DIR");
    return d ? d : "/nonexistent";
}

SASH_COMMAND(test_env)
{
#ifdef DTEST_HAVE_FS
    int fs = 1;
#else
    int fs = 0;
#endif
    sash_resolve(call, json_pack("{s:s,s:b}", "dir", dir(), "fs_plugin", fs));
}

/* The scope check of an fs plugin: realpath() of what exists, or of its
 * folder for a file to create. */
static int allowed(sash_call *call, const char *path)
{
    char *real = realpath(path, NULL);
    int ok = sash_call_scope_allows(call, "fs", real ? real : path);
    free(real);
    return ok;
}

SASH_COMMAND(read_file)
{
    const char *path = NULL;
    if (json_unpack((json_t *)args, "{s:s}", "path", &path) != 0 || !*path) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "path must be a string");
        return;
    }
    if (!allowed(call, path)) {
        sash_reject(call, SASH_CODE_FORBIDDEN, "%s is outside the fs scope",
                    path);
        return;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "cannot open %s", path);
        return;
    }
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    sash_resolve(call, json_stringn(buf, n));
}

SASH_COMMAND(write_file)
{
    const char *path = NULL, *text = NULL;
    if (json_unpack((json_t *)args, "{s:s,s:s}", "path", &path, "text",
                    &text) != 0) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "expected {path, text}");
        return;
    }
    if (!allowed(call, path)) {
        sash_reject(call, SASH_CODE_FORBIDDEN, "%s is outside the fs scope",
                    path);
        return;
    }
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) < 0) {
        if (f)
            fclose(f);
        sash_reject(call, SASH_CODE_INTERNAL, "cannot write %s", path);
        return;
    }
    fclose(f);
    sash_resolve(call, json_true());
}

/* The content of $DTEST_DIR/<name> (records of the fake xdg-open and the
 * test D-Bus service), or null while it does not exist. */
SASH_COMMAND(read_record)
{
    const char *name = NULL;
    if (json_unpack((json_t *)args, "{s:s}", "name", &name) != 0 ||
        strchr(name, '/')) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "name");
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir(), name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        sash_resolve(call, json_null());
        return;
    }
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    sash_resolve(call, json_stringn(buf, n));
}

/* xclip, another X client, reads the clipboard: {length, head (hex of the
 * first 8 bytes), text}.  On a worker: the UI thread must stay free to
 * answer xclip's request. */
SASH_COMMAND(xclip_out)
{
    const char *target = "UTF8_STRING";
    json_unpack((json_t *)args, "{s?s}", "target", &target);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "xclip -o -selection clipboard -t '%s'", target);
    FILE *p = popen(cmd, "r");
    if (!p) {
        sash_reject(call, SASH_CODE_INTERNAL, "cannot run xclip");
        return;
    }
    size_t cap = 1 << 20, n = 0, r;
    unsigned char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n, p)) > 0) {
        n += r;
        if (n == cap) {
            unsigned char *b = realloc(buf, cap *= 2);
            if (!b)
                break;
            buf = b;
        }
    }
    int status = pclose(p);
    char head[17] = {0};
    for (size_t i = 0; buf && i < 8 && i < n; i++)
        snprintf(head + 2 * i, 3, "%02x", buf[i]);
    json_t *text = buf ? json_stringn((const char *)buf, n) : NULL;
    sash_resolve(call, json_pack("{s:I,s:s,s:o,s:i}", "length", (json_int_t)n,
                                 "head", head, "text",
                                 text ? text : json_null(), "status", status));
    free(buf);
}

/* xclip takes the clipboard with `text` as `target` and serves it from
 * the background until another client takes it. */
SASH_COMMAND(xclip_in)
{
    const char *target = "UTF8_STRING", *text = "";
    json_unpack((json_t *)args, "{s?s,s?s}", "target", &target, "text", &text);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "xclip -i -selection clipboard -t '%s'", target);
    FILE *p = popen(cmd, "w");
    if (!p) {
        sash_reject(call, SASH_CODE_INTERNAL, "cannot run xclip");
        return;
    }
    fputs(text, p);
    sash_resolve(call, json_integer(pclose(p)));
}

/* Drives a real GTK file dialog as a user would: waits for the window
 * titled args.title, focuses it, types args.path and presses Enter. */
SASH_COMMAND(drive_dialog)
{
    const char *title = NULL, *path = NULL;
    if (json_unpack((json_t *)args, "{s:s,s:s}", "title", &title, "path",
                    &path) != 0 || strchr(title, '\'') || strchr(path, '\'')) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "expected {title, path}");
        return;
    }
    char cmd[8192], gone[512];
    /* search --sync waits until the dialog is mapped; Ctrl+L opens the
     * location entry before the path is typed (typing '/' would open it
     * too, but the next key can race with the entry appearing). */
    snprintf(cmd, sizeof cmd,
             "xdotool search --sync --onlyvisible --name '%s' windowfocus "
             "--sync key ctrl+l type --delay 20 '%s'", title, path);
    int rc = system(cmd);
    /* Enter, as a user does.  The entry's completion list can pop up
     * after the last key and take the first Enter (it only closes the
     * list): like a user, press it again while the dialog is still up. */
    snprintf(gone, sizeof gone,
             "xdotool search --onlyvisible --name '%s' >/dev/null", title);
    for (int tries = 0; rc == 0 && tries < 20; tries++) {
        rc = system("xdotool key Return");
        /* Gone = not found three times in a row (a search can fail
         * transiently while a popup window is being destroyed). */
        int misses = 0;
        for (int i = 0; rc == 0 && misses < 3 && i < 40; i++) { /* ~2 s */
            misses = system(gone) == 0 ? 0 : misses + 1;
            usleep(50000);
        }
        if (misses >= 3)
            break;
    }
    sash_resolve(call, json_integer(WIFEXITED(rc) ? WEXITSTATUS(rc) : -1));
}

/* Presses args.keys (xdotool key names, space-separated) in the window
 * titled args.title once it is mapped: a user answering a message. */
SASH_COMMAND(drive_keys)
{
    const char *title = NULL, *keys = NULL;
    if (json_unpack((json_t *)args, "{s:s,s:s}", "title", &title, "keys",
                    &keys) != 0 || strchr(title, '\'') || strchr(keys, '\'') ||
        strchr(keys, ';') || strchr(keys, '&')) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "expected {title, keys}");
        return;
    }
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "xdotool search --sync --onlyvisible --name '%s' windowraise "
             "windowfocus --sync key --delay 50 %s", title, keys);
    int rc = system(cmd);
    sash_resolve(call, json_integer(WIFEXITED(rc) ? WEXITSTATUS(rc) : -1));
}

static void on_action(sash_app *app, long id, const char *action, void *ud)
{
    (void)app;
    (void)ud;
    json_array_append_new(c_actions, json_pack("{s:I,s:s}", "id",
                                               (json_int_t)id, "action",
                                               action));
}

SASH_COMMAND_FLAGS(c_actions_seen, SASH_COMMAND_UI_THREAD)
{
    sash_resolve(call, json_deep_copy(c_actions));
}

static void noop_dialog(sash_app *app, const char *label,
                        const sash_dialog_result *r, void *ud)
{
    (void)app;
    (void)label;
    (void)r;
    (void)ud;
}

/* The C API's argument checks, where a page cannot reach: each entry is
 * the code a call returned, named. */
SASH_COMMAND_FLAGS(c_api_checks, SASH_COMMAND_UI_THREAD)
{
    sash_app *app = sash_call_app(call);
    sash_window *w = sash_app_get_window(app, sash_call_window_label(call));
    sash_dialog_options bad_kind = {.kind = (sash_dialog_kind)7};
    sash_dialog_options no_msg = {.kind = SASH_DIALOG_MESSAGE};
    static const char *const bad_ext[] = {"a/b", NULL};
    sash_dialog_filter f = {"x", bad_ext};
    sash_dialog_options filt = {.kind = SASH_DIALOG_OPEN, .filters = &f,
                                .filter_count = 1};
    sash_notification odd = {.title = "t",
                             .actions = (const char *const[]){"a", NULL}};
    static const unsigned char not_png[] = "GIF89a not a png at all, really..";
    json_t *out = json_pack(
        "{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i}",
        "dialog_null", sash_dialog_show(NULL, &no_msg, noop_dialog, NULL),
        "dialog_kind", sash_dialog_show(w, &bad_kind, noop_dialog, NULL),
        "dialog_no_message", sash_dialog_show(w, &no_msg, noop_dialog, NULL),
        "dialog_bad_ext", sash_dialog_show(w, &filt, noop_dialog, NULL),
        "clip_not_png", sash_clipboard_write(app, SASH_CLIPBOARD_PNG, not_png,
                                             sizeof not_png),
        "clip_nul_text", sash_clipboard_write(app, SASH_CLIPBOARD_TEXT, "a\0b",
                                              3),
        "notify_odd", sash_notification_send(app, &odd, NULL, NULL),
        "open_relative", sash_open(app, "relative/path", 0, NULL, NULL),
        "open_reveal_url", sash_open(app, "https://x.test/", SASH_OPEN_REVEAL,
                                     NULL, NULL),
        "open_ctrl", sash_open(app, "https://x.test/\n", 0, NULL, NULL));
    sash_resolve(call, out);
}

SASH_COMMAND_FLAGS(__report, SASH_COMMAND_UI_THREAD)
{
    harness_report(call, args, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: dtest PAGE\n");
        return 2;
    }
    harness_watchdog("dtest", WATCHDOG_S);
    sash_app_options o = {.config_json = dtest_config,
                          .assets = dtest_assets,
                          .asset_count = dtest_assets_count};
    sash_app *app = sash_app_new(&o);
    if (!app)
        return 1;
    c_actions = json_array();
    if (sash_dialog_enable(app) || sash_clipboard_enable(app) ||
        sash_notification_enable(app) || sash_opener_enable(app) ||
        sash_notification_on_action(app, on_action, NULL)
#ifdef DTEST_HAVE_FS
        || sash_plugin_fs(app, NULL)
#endif
    ) {
        fprintf(stderr, "dtest: enabling the desktop modules failed\n");
        return 1;
    }
    char path[256];
    snprintf(path, sizeof path, "/%s.html", argv[1]);
    sash_window_options wo = {.label = "main", .title = "dtest",
                              .width = 640, .height = 480, .path = path};
    if (!sash_window_new(app, &wo))
        return 1;
    int rc = sash_app_run(app);
    sash_app_free(app);
    json_decref(c_actions);
    return rc;
}
