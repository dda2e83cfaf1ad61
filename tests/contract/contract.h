/*
 * contract.h - the backend contract suite (SQLite's "the tests are the
 * spec"): one set of tests, contract.c, run against every backend through a
 * small driver.  A driver creates an app on its backend with one window
 * "main" whose page has the bridge, and plays the page's part: invoking
 * commands and reporting what the page saw.  The in-memory backend's
 * driver is driver_fake.c; the GTK backend's, driver_gtk.c (Xvfb).
 */
#ifndef SASH_CONTRACT_H
#define SASH_CONTRACT_H

#include <stdatomic.h>

#include "internal.h"

typedef struct contract_driver {
    const char *name;
    /* A new app on the backend, with window "main" loaded and shown, the
     * config `config_json` (grants), and `worker_threads` workers. */
    sash_app *(*app_new)(const char *config_json, int worker_threads);
    /* Runs the UI thread's loop until *flag != 0 or `ms` passed; returns
     * *flag.  Called on the UI thread. */
    int (*pump_until)(sash_app *app, atomic_int *flag, int ms);
    /* The page calls invoke(cmd, args) (args: JSON text) through the
     * backend's real transport; the outcome as the page saw it is written
     * to `out` as {"ok":value} or {"err":"code"}.  0, or -1 if the page
     * saw nothing within 10 s.  With out_size 0 the page only sends it
     * (0 once sent); args NULL = none. */
    int (*invoke)(sash_app *app, sash_window *w, const char *cmd,
                  const char *args, char *out, size_t out_size);
    /* How many events named `name` the page's listener has received so
     * far, in order: returns the count and writes the last payload (JSON
     * text).  The listener is installed by the driver's page. */
    int (*events_seen)(sash_app *app, sash_window *w, const char *name,
                       char *last, size_t last_size);
    /* The page reloads (a new page in the same window). */
    void (*reload)(sash_app *app, sash_window *w);

    /* Menus (contract_menu.c): the user picks the item labelled `text` in
     * the menu bar of `w`, as the toolkit reports it.  0, or -1 if the bar
     * shows no such item (or w has no bar). */
    int (*menu_pick)(sash_app *app, sash_window *w, const char *text);

    /* Frees `app` (sash_app_free) while something else still holds the
     * views of its pages, as the engine itself may (a first load not
     * answered yet, a script in flight), then runs the loop a while:
     * returns 1 if no page of the freed app committed a load after the
     * free, 0 if one did (it loaded from the freed app).  NULL on a
     * backend whose pages cannot outlive their app. */
    int (*free_app_holding_views)(sash_app *app);
} contract_driver;

/* The menu part of the suite (contract_menu.c). */
int contract_menu_run(const contract_driver *d);

/* Skips the running test when the backend of `app` lacks table entry
 * `entry`: a backend without a feature reports it as unsupported (the
 * core's promise, tested in unit.platform_support), so its contract tests
 * have nothing to check there.  cmocka counts the test as skipped. */
#define CONTRACT_NEEDS(app, entry)                                           \
    do {                                                                     \
        if (!(app)->platform->entry) {                                       \
            printf("  (the %s backend has no " #entry ": skipped)\n",         \
                   (app)->platform->name);                                   \
            skip();                                                          \
        }                                                                    \
    } while (0)

/* Runs every contract test against `d`; the exit status of a test program. */
int contract_run(const contract_driver *d);
/* The window-state entries' tests (contract_window.c), run by contract_run. */
int contract_window_run(const contract_driver *d);

#endif
