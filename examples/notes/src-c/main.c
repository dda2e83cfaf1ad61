/*
 * The C side of Notes: main() makes the app and its windows.  The
 * commands the page calls are in commands.c (under `sash dev` they are
 * swapped into the running app when you save them).
 */
#include <stdlib.h>
#include <string.h>

#include <sash.h>

#ifdef APP_EMBEDDED_ASSETS
SASH_EMBEDDED_ASSETS(app_assets); /* dist/, embedded by `sash build` */
#endif
SASH_EMBEDDED_CONFIG(app_config); /* sash.json */

int main(void)
{
    sash_app_options opts = {.config_json = app_config};
#ifdef APP_EMBEDDED_ASSETS
    opts.assets = app_assets;
    opts.asset_count = app_assets_count;
#endif
    sash_app *app = sash_app_new(&opts);
    if (!app)
        return 1;
    /* window:* for onCloseRequested: the page saves a pending edit before
     * the window closes. */
    sash_window_enable(app);
    int made;
    const char *smoke = getenv("SASH_SMOKE");
    if (smoke && *smoke && strcmp(smoke, "0")) {
        sash_capability_add(app,
                            "{\"identifier\": \"smoke\", \"windows\": [\"main\"],"
                            " \"permissions\": [\"smoke_done\"]}",
                            NULL, 0);
        sash_window_options w = {.label = "main", .title = "smoke", .width = 1024,
                                 .height = 700,
                                 .path = strcmp(smoke, "edit") ? "/#smoke" : "/#smoke-edit"};
        made = sash_window_new(app, &w) ? 1 : -1;
    } else {
        made = sash_app_create_windows(app);
    }
    int code = made > 0 ? sash_app_run(app) : 1;
    sash_app_free(app);
    return code;
}
