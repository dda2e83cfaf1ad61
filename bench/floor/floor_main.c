/*
 * floor_main.c - window, webview and mode of the floor contender.
 *
 * Usage: bench_floor MODE [QUERY]; see bench/web/bench.js for the modes.
 */
#include <stdio.h>
#include <string.h>

#include "bench_out.h"
#include "bench_query.h"
#include "floor.h"
#include "ipc_record.h"

static void on_destroy(GtkWidget *widget, gpointer data)
{
    (void)widget;
    (void)data;
    gtk_main_quit();
}

void floor_quit(floor_app *app)
{
    if (app->window) {
        GtkWidget *w = app->window;
        app->window = NULL;
        gtk_widget_destroy(w);
    }
}

int main(int argc, char **argv)
{
    bench_out_init();
    floor_app app = {.mode = argc > 1 ? argv[1] : "startup"};
    const char *query = argc > 2 ? argv[2] : "";
    if (strcmp(app.mode, "ipc") == 0 &&
        bench_ipc_init((size_t)bench_query_long(query, "n", 5000) + 1) != 0) {
        fprintf(stderr, "bench_floor: out of memory\n");
        return 1;
    }
    gtk_init(NULL, NULL);

    WebKitWebContext *context = webkit_web_context_get_default();
    floor_scheme_register(context);
    WebKitUserContentManager *ucm = webkit_user_content_manager_new();
    floor_ipc_register(ucm, &app);
    app.view = WEBKIT_WEB_VIEW(g_object_new(WEBKIT_TYPE_WEB_VIEW,
                                            "web-context", context,
                                            "user-content-manager", ucm, NULL));
    g_object_unref(ucm);

    app.window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
    gtk_window_set_title(GTK_WINDOW(app.window), "floor");
    gtk_window_set_default_size(GTK_WINDOW(app.window), 800, 600);
    gtk_container_add(GTK_CONTAINER(app.window), GTK_WIDGET(app.view));
    g_signal_connect(app.window, "destroy", G_CALLBACK(on_destroy), NULL);

    char *uri = g_strdup_printf("floor://app/index.html?mode=%s&%s", app.mode,
                                query);
    webkit_web_view_load_uri(app.view, uri);
    g_free(uri);
    gtk_widget_show_all(app.window);
    gtk_main();
    return 0;
}
