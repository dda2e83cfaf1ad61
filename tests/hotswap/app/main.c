/*
 * The hot-swap test app's host: the app, its window, and `tick`, which the
 * page calls ~10 times a second with its state (printed when it changes)
 * and which answers the next action the test wrote to $HS_ACTION_FILE.
 * The commands under test are in commands.c (the module).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sash.h>

SASH_EMBEDDED_ASSETS(hs_assets);
SASH_EMBEDDED_CONFIG(hs_config);

static char *last_state;

SASH_COMMAND(tick)
{
    char *text = json_dumps(args, JSON_COMPACT | JSON_SORT_KEYS);
    if (text && (!last_state || strcmp(text, last_state))) {
        printf("hs-state %s\n", text);
        fflush(stdout);
        free(last_state);
        last_state = text;
    } else {
        free(text);
    }
    const char *path = getenv("HS_ACTION_FILE");
    char action[64] = "";
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f) {
        if (!fgets(action, sizeof action, f))
            action[0] = '\0';
        fclose(f);
        remove(path);
        action[strcspn(action, "\r\n")] = '\0';
    }
    if (!strcmp(action, "quit"))
        sash_app_quit(sash_call_app(call), 0);
    sash_resolve(call, *action ? json_string(action) : json_null());
}

int main(void)
{
    sash_app_options opts = {.config_json = hs_config, .assets = hs_assets,
                             .asset_count = hs_assets_count};
    sash_app *app = sash_app_new(&opts);
    if (!app)
        return 1;
    int code = sash_app_create_windows(app) > 0 ? sash_app_run(app) : 1;
    sash_app_free(app);
    free(last_state);
    return code;
}
