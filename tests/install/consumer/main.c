/* Links every kind of public symbol a user touches: the app, a command,
 * embedded assets.  Runs without a display: sash_app_new() fails cleanly. */
#include <stdio.h>

#include <sash.h>

SASH_EMBEDDED_ASSETS(consumer_assets);

SASH_COMMAND(ping)
{
    sash_resolve(call, json_string("pong"));
}

int main(void)
{
    sash_app_options o = {.assets = consumer_assets,
                          .asset_count = consumer_assets_count};
    printf("sash %s, %zu asset(s), %s\n", SASH_VERSION_STRING, o.asset_count,
           sash_strerror(SASH_ENOENT));
    if (consumer_assets_count != 1)
        return 1;
    return 0;
}
