/*
 * sash_hello.c - the hello world of the size comparison, with Sash: the
 * same page and the same one call as bench/floor/floor_hello.c.
 */
#include "sash.h"

SASH_EMBEDDED_ASSETS(bench_sash_hello_web);
SASH_EMBEDDED_CONFIG(bench_sash_hello_config); /* sash_hello.json */

SASH_COMMAND(greet)
{
    const char *name = "world";
    if (json_unpack((json_t *)args, "{s?s}", "name", &name) != 0) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "name must be a string");
        return;
    }
    sash_resolve(call, json_sprintf("Hello, %s!", name));
}

int main(void)
{
    sash_app_options options = {
        .assets = bench_sash_hello_web,
        .asset_count = bench_sash_hello_web_count,
        .config_json = bench_sash_hello_config,
    };
    sash_app *app = sash_app_new(&options);
    if (!app)
        return 1;
    sash_window_options window = {.label = "main", .title = "Hello"};
    int rc = sash_window_new(app, &window) ? sash_app_run(app) : 1;
    sash_app_free(app);
    return rc;
}
