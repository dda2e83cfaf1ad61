/*
 * droptest - files dragged from another process onto real WebKitGTK
 * windows under Xvfb (docs/drag-drop.md).  The drag source is
 * xdnd_source (XDND with plain Xlib, another process, as a file manager
 * is), so the lists dragged may be anything:
 *  - a drop of a file, a folder, a URL, a ".." path, a missing file and
 *    another host's file: C listeners and the page get enter/over/drop
 *    with the two canonical paths; the page then reads the dropped file
 *    through fs (granted by the drop) but not its sibling (denied);
 *  - a drag that leaves: enter then leave, no drop;
 *  - hostile lists: 10,000 URIs (cut to SASH_DROP_MAX_PATHS), a 1 MB URI
 *    and only URLs (nothing reported): the app lives on;
 *  - a window whose capability lacks window:allow-drag-drop: C hears the
 *    drop, the page does not, and its fs scope gains nothing;
 *  - a window with no_drag_drop: Sash reports nothing (WebKit's drag).
 * Exit 0 only if every check passed.
 */
#define _DEFAULT_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gdk/gdkx.h>
#include <gtk/gtk.h>
#include <sash.h>
#include <sash_plugins.h>

#include "../harness.h"
#include "../pump.h"

SASH_EMBEDDED_ASSETS(droptest_assets);

static const char config[] =
    "{\"app\":{\"identifier\":\"dev.sash.droptest\"},"
    "\"security\":{\"capabilities\":["
    "{\"identifier\":\"d\",\"windows\":[\"main\",\"off\"],"
    "\"permissions\":[\"window:allow-drag-drop\",\"fs:read\",\"core:event:emit\"]},"
    "{\"identifier\":\"q\",\"windows\":[\"quiet\"],"
    "\"permissions\":[\"fs:read\",\"core:event:emit\"]}]}}";

static int failures;
#define CHECK HARNESS_CHECK

static const char *source_exe;
static char dir[PATH_MAX];

/* What C listeners saw, per window: counts by type and the last paths. */
typedef struct seen {
    int enter, over, drop, leave, page;
    json_t *enter_paths, *drop_paths, *page_drop;
} seen;
static seen main_s, quiet_s, off_s;
static int ready_count;
static json_t *results;

static seen *seen_for(const char *label)
{
    if (strcmp(label, "main") == 0)
        return &main_s;
    if (strcmp(label, "quiet") == 0)
        return &quiet_s;
    return &off_s;
}

static void on_drop_event(sash_app *app, const char *label, const char *name,
                          const json_t *p, void *ud)
{
    (void)app, (void)name, (void)ud;
    seen *s = seen_for(label);
    const char *t = json_string_value(json_object_get(p, "type"));
    if (!t)
        return;
    if (strcmp(t, "enter") == 0) {
        s->enter++;
        harness_keep(&s->enter_paths, json_object_get(p, "paths"));
    } else if (strcmp(t, "over") == 0) {
        s->over++;
    } else if (strcmp(t, "drop") == 0) {
        s->drop++;
        harness_keep(&s->drop_paths, json_object_get(p, "paths"));
    } else if (strcmp(t, "leave") == 0) {
        s->leave++;
    }
}

static void on_page_saw(sash_app *app, const char *label, const char *name,
                        const json_t *p, void *ud)
{
    (void)app, (void)name, (void)ud;
    seen *s = seen_for(label);
    s->page++;
    if (json_equal(json_object_get(p, "type"), json_string("drop")))
        harness_keep(&s->page_drop, p);
}

static void on_page_ready(sash_app *app, const char *label, const char *name,
                          const json_t *p, void *ud)
{
    (void)app, (void)label, (void)name, (void)p, (void)ud;
    ready_count++;
}


static json_t *result_of(const char *what, int ms)
{
    gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
    while (!json_object_get(results, what) && g_get_monotonic_time() < end)
        g_main_context_iteration(NULL, TRUE);
    return json_object_get(results, what);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static unsigned long xid_of(const char *title)
{
    unsigned long xid = 0;
    GList *tops = gtk_window_list_toplevels();
    for (GList *t = tops; t; t = t->next)
        if (g_strcmp0(gtk_window_get_title(t->data), title) == 0 &&
            gtk_widget_get_window(t->data))
            xid = gdk_x11_window_get_xid(gtk_widget_get_window(t->data));
    g_list_free(tops);
    return xid;
}

/* Runs xdnd_source against window `title` with `list` as the URI list,
 * pumping the loop until it exits; its exit status, or -1. */
static int exited, exit_status;
static void on_exit_cb(GPid pid, gint status, gpointer ud)
{
    (void)ud;
    exit_status = g_spawn_check_wait_status(status, NULL) ? 0 : 1;
    g_spawn_close_pid(pid);
    exited = 1;
}

static int drag(const char *title, const char *mode, const char *list,
                size_t len)
{
    char file[PATH_MAX + 16], xid[32];
    snprintf(file, sizeof file, "%s/list.txt", dir);
    FILE *f = fopen(file, "wb");
    if (!f)
        return -1;
    fwrite(list, 1, len, f);
    fclose(f);
    snprintf(xid, sizeof xid, "%lu", xid_of(title));
    char *argv[] = {(char *)source_exe, xid, "120", "120", (char *)mode, file,
                    NULL};
    GPid pid;
    GError *err = NULL;
    exited = 0;
    if (!g_spawn_async(NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                       NULL, &pid, &err)) {
        printf("  spawn: %s\n", err->message);
        g_error_free(err);
        return -1;
    }
    g_child_watch_add(pid, on_exit_cb, NULL);
    if (!pump_until(&exited, 1, 20000))
        return -1;
    return exit_status;
}

static const char *path_at(const json_t *a, size_t i)
{
    const char *s = json_string_value(json_array_get(a, i));
    return s ? s : "(none)";
}

static void drop_and_read(void)
{
    printf("a drop of a file, a folder and things that are not local files\n");
    char dropped[PATH_MAX + 32], folder[PATH_MAX + 32];
    snprintf(dropped, sizeof dropped, "%s/dropped.log", dir);
    snprintf(folder, sizeof folder, "%s/a folder", dir);
    GString *l = g_string_new(NULL);
    g_string_append_printf(l, "file://%s/dropped.log\r\n", dir);
    g_string_append(l, "http://example.com/x.log\r\n");
    g_string_append_printf(l, "file://%s/a%%20folder/../dropped.log\r\n", dir);
    g_string_append_printf(l, "file://%s/missing.log\r\n", dir);
    g_string_append_printf(l, "file://localhost%s/a%%20folder\r\n", dir);
    g_string_append(l, "file://evil.example/etc/passwd\r\n");
    int rc = drag("drop main", "drop", l->str, l->len);
    g_string_free(l, TRUE);
    CHECK(rc == 0, "xdnd_source failed (%d)", rc);
    pump_until(&main_s.page, 1, 10000);
    CHECK(main_s.enter == 1, "enter %d", main_s.enter);
    CHECK(main_s.over >= 1, "over %d", main_s.over);
    CHECK(main_s.drop == 1, "drop %d", main_s.drop);
    CHECK(json_array_size(main_s.drop_paths) == 2, "%zu paths",
          json_array_size(main_s.drop_paths));
    CHECK(strcmp(path_at(main_s.drop_paths, 0), dropped) == 0, "%s",
          path_at(main_s.drop_paths, 0));
    CHECK(strcmp(path_at(main_s.drop_paths, 1), folder) == 0, "%s",
          path_at(main_s.drop_paths, 1));
    CHECK(json_equal(main_s.enter_paths, main_s.drop_paths),
          "enter and drop paths differ");
    json_t *r = result_of("read_dropped", 10000);
    CHECK(r && strcmp(json_string_value(json_object_get(r, "ok")) ?
                      json_string_value(json_object_get(r, "ok")) : "",
                      "dropped content\n") == 0,
          "the page could not read the dropped file");
    pump_until(&main_s.page, 3, 10000); /* enter, over..., drop */
    CHECK(main_s.page_drop != NULL, "the page saw no drop");
    r = result_of("read_sibling", 10000);
    CHECK(r && json_object_get(r, "err") && !json_object_get(r, "ok"),
          "the page read a file nobody dropped");
    if (r && json_object_get(r, "err"))
        printf("  (sibling: %s)\n", json_string_value(json_object_get(r, "err")));
}

static void drag_and_leave(void)
{
    printf("a drag that leaves again\n");
    char list[PATH_MAX + 32];
    int n = snprintf(list, sizeof list, "file://%s/dropped.log\r\n", dir);
    int enter = main_s.enter, drop = main_s.drop;
    int rc = drag("drop main", "leave", list, (size_t)n);
    CHECK(rc == 0, "xdnd_source failed (%d)", rc);
    pump_until(&main_s.leave, 1, 10000);
    CHECK(main_s.enter == enter + 1, "enter %d", main_s.enter);
    CHECK(main_s.leave == 1, "leave %d", main_s.leave);
    CHECK(main_s.drop == drop, "a drop was reported");
}

static void hostile(void)
{
    printf("hostile lists\n");
    char sub[PATH_MAX + 16];
    snprintf(sub, sizeof sub, "%s/many", dir);
    mkdir(sub, 0700);
    GString *l = g_string_new(NULL);
    for (int i = 0; i < 10000; i++) {
        char p[PATH_MAX + 40];
        snprintf(p, sizeof p, "%s/f%05d", sub, i);
        if (i < 1100)
            write_file(p, "x");
        g_string_append_printf(l, "file://%s\r\n", p);
    }
    int drops = main_s.drop;
    int rc = drag("drop main", "drop", l->str, l->len);
    CHECK(rc == 0, "xdnd_source failed on 10,000 URIs (%d)", rc);
    pump_until(&main_s.drop, drops + 1, 10000);
    CHECK(main_s.drop == drops + 1, "drop %d", main_s.drop);
    CHECK(json_array_size(main_s.drop_paths) == SASH_DROP_MAX_PATHS,
          "%zu paths", json_array_size(main_s.drop_paths));
    /* One 1 MB URI, URLs, a NUL escape: nothing to report. */
    g_string_truncate(l, 0);
    g_string_append(l, "file:///");
    for (int i = 0; i < (1 << 20); i++)
        g_string_append_c(l, 'a');
    g_string_append(l, "\r\nhttp://example.com/\r\nfile:///etc/passwd%00.log\r\n");
    int enters = main_s.enter;
    drops = main_s.drop;
    rc = drag("drop main", "drop", l->str, l->len);
    CHECK(rc == 0, "xdnd_source failed on a 1 MB list (%d)", rc);
    CHECK(main_s.enter == enters && main_s.drop == drops,
          "a hostile list was reported");
    g_string_free(l, TRUE);
    /* Still alive and taking drops. */
    char list[PATH_MAX + 32];
    int n = snprintf(list, sizeof list, "file://%s/dropped.log\r\n", dir);
    rc = drag("drop main", "drop", list, (size_t)n);
    pump_until(&main_s.drop, drops + 1, 10000);
    CHECK(rc == 0 && main_s.drop == drops + 1, "no drop after the hostile ones");
}

static void not_granted(sash_app *app)
{
    printf("a window whose page may not hear drops\n");
    char quiet[PATH_MAX + 32], list[PATH_MAX + 32];
    snprintf(quiet, sizeof quiet, "%s/quiet.log", dir);
    int n = snprintf(list, sizeof list, "file://%s\r\n", quiet);
    int rc = drag("drop quiet", "drop", list, (size_t)n);
    CHECK(rc == 0, "xdnd_source failed (%d)", rc);
    pump_until(&quiet_s.drop, 1, 10000);
    CHECK(quiet_s.drop == 1, "C did not hear the drop");
    char js[PATH_MAX + 64];
    snprintf(js, sizeof js, "tryRead('quiet_read', '%s')", quiet);
    sash_window_eval(sash_app_get_window(app, "quiet"), js);
    json_t *r = result_of("quiet_read", 10000);
    CHECK(r && json_object_get(r, "err"), "the drop granted a file to a page "
          "that may not hear drops");
    CHECK(quiet_s.page == 0, "the page heard %d drag-drop events", quiet_s.page);
}

static void turned_off(void)
{
    printf("a window with no_drag_drop\n");
    char list[PATH_MAX + 32];
    int n = snprintf(list, sizeof list, "file://%s/dropped.log\r\n", dir);
    int rc = drag("drop off", "leave", list, (size_t)n);
    CHECK(rc == 0, "xdnd_source failed (%d): WebKit did not answer", rc);
    while (g_main_context_iteration(NULL, FALSE))
        ;
    CHECK(off_s.enter + off_s.over + off_s.drop + off_s.leave == 0,
          "Sash reported a drag WebKit owns");
}

int main(int argc, char **argv)
{
    harness_watchdog("droptest", 100);
    if (argc != 2) {
        fprintf(stderr, "usage: droptest XDND_SOURCE\n");
        return 2;
    }
    source_exe = argv[1];
    char tmpl[] = "/tmp/sash-droptest-XXXXXX";
    if (!mkdtemp(tmpl) || !realpath(tmpl, dir))
        return 1;
    char p[PATH_MAX + 32];
    snprintf(p, sizeof p, "%s/dropped.log", dir);
    write_file(p, "dropped content\n");
    snprintf(p, sizeof p, "%s/sibling.log", dir);
    write_file(p, "secret\n");
    snprintf(p, sizeof p, "%s/quiet.log", dir);
    write_file(p, "quiet\n");
    snprintf(p, sizeof p, "%s/a folder", dir);
    mkdir(p, 0700);

    results = json_object();
    sash_app_options o = {.config_json = config, .assets = droptest_assets,
                          .asset_count = droptest_assets_count,
                          .keep_running = 1};
    sash_app *app = sash_app_new(&o);
    if (!app)
        return 1;
    CHECK(sash_plugin_fs(app, NULL) == 0, "fs plugin");
    CHECK(sash_drag_drop_enable(app) == 0, "drag-drop enable");
    sash_listen(app, SASH_EVENT_WINDOW_DRAG_DROP, on_drop_event, NULL, NULL);
    sash_listen(app, "page_saw", on_page_saw, NULL, NULL);
    sash_listen(app, "page_result", harness_keep_result, results, NULL);
    sash_listen(app, "page_ready", on_page_ready, NULL, NULL);
    sash_window_options wo = {.label = "main", .title = "drop main",
                              .width = 400, .height = 300,
                              .has_position = 1, .x = 0, .y = 0};
    sash_window *w = sash_window_new(app, &wo);
    sash_window_options qo = {.label = "quiet", .title = "drop quiet",
                              .width = 400, .height = 300,
                              .has_position = 1, .x = 420, .y = 0};
    sash_window *q = sash_window_new(app, &qo);
    sash_window_options fo = {.label = "off", .title = "drop off",
                              .width = 400, .height = 300,
                              .has_position = 1, .x = 0, .y = 340,
                              .no_drag_drop = 1};
    sash_window *f = sash_window_new(app, &fo);
    CHECK(w && q && f, "windows");
    CHECK(pump_until(&ready_count, 3, 30000), "pages never ready");
    int shown = 0;
    for (int i = 0; i < 3000 && !shown; i++) {
        shown = w && q && f && sash_window_is_shown(w) &&
                sash_window_is_shown(q) && sash_window_is_shown(f) &&
                xid_of("drop main") && xid_of("drop quiet") &&
                xid_of("drop off");
        if (!shown)
            g_main_context_iteration(NULL, FALSE), g_usleep(10000);
    }
    CHECK(shown, "windows never shown");
    if (!failures) {
        drop_and_read();
        drag_and_leave();
        hostile();
        not_granted(app);
        turned_off();
    }
    sash_app_free(app);
    json_decref(results);
    seen *all[] = {&main_s, &quiet_s, &off_s};
    for (int i = 0; i < 3; i++) {
        json_decref(all[i]->enter_paths);
        json_decref(all[i]->drop_paths);
        json_decref(all[i]->page_drop);
    }
    char *rm[] = {"rm", "-rf", dir, NULL};
    g_spawn_sync(NULL, rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                 NULL, NULL);
    printf("droptest: %s (%d failed)\n", failures ? "FAIL" : "PASS", failures);
    return failures ? 1 : 0;
}
