/*
 * floor4_main.c - the GTK4 floor: window, webview and mode, written
 * straight against GTK4 and WebKitGTK 6.0 (webkitgtk-6.0).  The scheme,
 * IPC and event code is floor_*.c, built with BENCH_GTK4: the same jobs
 * as the GTK3 floor.  What differs is what GTK4 and 6.0 changed: no
 * gtk_main (a GMainLoop), a window child instead of a container, and
 * WebKitGTK 6.0's web-process sandbox, which is always on.
 *
 * Usage: bench_floor4 MODE [QUERY]; see bench/web/bench.js for the modes.
 */
#include <stdio.h>
#include <string.h>

#include "bench_out.h"
#include "bench_query.h"
#include "floor.h"
#include "ipc_record.h"

static GMainLoop *loop;

static void on_destroy(GtkWidget *widget, gpointer data)
{
    (void)widget;
    (void)data;
    g_main_loop_quit(loop);
}

void floor_quit(floor_app *app)
{
    if (app->window) {
        GtkWidget *w = app->window;
        app->window = NULL;
        gtk_window_destroy(GTK_WINDOW(w));
    }
}

int main(int argc, char **argv)
{
    bench_out_init();
    floor_app app = {.mode = argc > 1 ? argv[1] : "startup"};
    const char *query = argc > 2 ? argv[2] : "";
    if (strcmp(app.mode, "ipc") == 0 &&
        bench_ipc_init((size_t)bench_query_long(query, "n", 5000) + 1) != 0) {
        fprintf(stderr, "bench_floor4: out of memory\n");
        return 1;
    }
    gtk_init();
    loop = g_main_loop_new(NULL, FALSE);

    WebKitWebContext *context = webkit_web_context_get_default();
    floor_scheme_register(context);
    WebKitUserContentManager *ucm = webkit_user_content_manager_new();
    floor_ipc_register(ucm, &app);
    app.view = WEBKIT_WEB_VIEW(g_object_new(WEBKIT_TYPE_WEB_VIEW,
                                            "web-context", context,
                                            "user-content-manager", ucm, NULL));
    g_object_unref(ucm);

    app.window = gtk_window_new();
    gtk_window_set_title(GTK_WINDOW(app.window), "floor");
    gtk_window_set_default_size(GTK_WINDOW(app.window), 800, 600);
    gtk_window_set_child(GTK_WINDOW(app.window), GTK_WIDGET(app.view));
    g_signal_connect(app.window, "destroy", G_CALLBACK(on_destroy), NULL);

    char *uri = g_strdup_printf("floor://app/index.html?mode=%s&%s", app.mode,
                                query);
    webkit_web_view_load_uri(app.view, uri);
    g_free(uri);
    gtk_window_present(GTK_WINDOW(app.window));
    g_main_loop_run(loop);
    return 0;
}
