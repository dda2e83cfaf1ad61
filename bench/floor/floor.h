/*
 * floor.h - the raw WebKitGTK contender: the same jobs as the sash bench
 * app, written straight against GTK 3 and webkit2gtk-4.1 with no framework.
 * It is the "floor" every other figure is divided by.
 */
#ifndef BENCH_FLOOR_H
#define BENCH_FLOOR_H

#include <gtk/gtk.h>
/* BENCH_GTK4: the GTK4 floor (floor4_*.c) builds the version-free files
 * (scheme, IPC, events) against WebKitGTK 6.0. */
#ifdef BENCH_GTK4
#include <webkit/webkit.h>
#else
#include <webkit2/webkit2.h>
#endif

typedef struct floor_app {
    GtkWidget *window;
    WebKitWebView *view;
    const char *mode; /* startup | idle | ipc | bytes | respond | events */
} floor_app;

/* Serves the embedded page under floor://app/ and echoes raw POST bodies
 * at floor://app/echo. */
void floor_scheme_register(WebKitWebContext *context);

/* Registers the "floor" script message handler with reply: the page's
 * window.webkit.messageHandlers.floor.postMessage({cmd, args}) returns a
 * promise of the reply. */
void floor_ipc_register(WebKitUserContentManager *manager, floor_app *app);

/* Sends `count` events to the page, one evaluate_javascript each: what a
 * program without a framework does. */
void floor_events_send(floor_app *app, long count);

/* Closes the window, which ends the main loop. */
void floor_quit(floor_app *app);

#endif
