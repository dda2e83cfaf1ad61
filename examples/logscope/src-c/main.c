/*
 * Logscope: a viewer for large log files.  main() makes the app and its
 * window; a path on the command line (`logscope FILE`) is granted to the
 * window's fs scope, as a pick in the open dialog is, and the page opens
 * it at start (`startup`).  The commands are in commands.c, the engine
 * (indexing, filtering, bins) in logindex.c.
 */
#define _DEFAULT_SOURCE /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sash.h>

#ifdef APP_EMBEDDED_ASSETS
SASH_EMBEDDED_ASSETS(app_assets); /* dist/, embedded by `sash build` */
#endif
SASH_EMBEDDED_CONFIG(app_config); /* sash.json */

static char startup_path[PATH_MAX];

/* commands.c's rows source; weak: `sash dev` builds main.c alone (the
 * commands are a module it swaps), and `open` registers it then. */
extern int logscope_register_rows(sash_app *app) __attribute__((weak));

/* invoke('startup') -> the file given on the command line, or null. */
SASH_COMMAND_TYPED(startup, NULL, "string | null")
{
    sash_resolve(call, *startup_path ? json_string(startup_path) : json_null());
}

int main(int argc, char **argv)
{
    sash_app_options opts = {.config_json = app_config};
#ifdef APP_EMBEDDED_ASSETS
    opts.assets = app_assets;
    opts.asset_count = app_assets_count;
#endif
    sash_app *app = sash_app_new(&opts);
    if (!app)
        return 1;
    if ((logscope_register_rows && logscope_register_rows(app) != 0) ||
        sash_dialog_enable(app) != 0 || sash_drag_drop_enable(app) != 0 ||
        sash_app_create_windows(app) <= 0) {
        sash_app_free(app);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-')
            continue;
        if (!realpath(argv[i], startup_path)) {
            fprintf(stderr, "logscope: %s: no such file\n", argv[i]);
            startup_path[0] = 0;
        } else if (sash_window_scope_grant(sash_app_get_window(app, "main"), "fs",
                                           startup_path, 0) != 0) {
            startup_path[0] = 0;
        }
        break;
    }
    int code = sash_app_run(app);
    sash_app_free(app);
    return code;
}
