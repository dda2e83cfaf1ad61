/*
 * bridge.c - builds the init script injected into every page: the
 * backend's transport followed by bridge.js (embedded at build time).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* bridge.js's text: the embedded bytes, or (stored deflated) a new
 * buffer the caller frees. */
static char *bridge_text(void)
{
    if (!sash__bridge_js_packed)
        return (char *)sash__bridge_js;
    unsigned char *text = malloc(sash__bridge_js_size + 1);
    if (text && sash__inflate(sash__bridge_js, sash__bridge_js_packed, text,
                              sash__bridge_js_size) != 0) {
        free(text);
        return NULL;
    }
    return (char *)text;
}

/* The raw path's key and the message limit are constants of the bridge's
 * closure: page script cannot read them, so only the bridge can send a
 * body the backend will read (see raw_key in internal.h). */
char *sash__bridge_script(const sash__platform *platform, const char *raw_key,
                          size_t max_message)
{
    static const char head[] = "(function(){'use strict';const post=";
    static const char tail[] = "\n})();";
    const char *transport_js = platform->transport_js;
    char consts[600];
    int n = snprintf(consts, sizeof consts, ";\nconst RAW_KEY='%s';"
                     "const MAX_MESSAGE=%zu;const APP_ORIGIN='%s';"
                     "const RAW_SAME='%s';const RAW_OTHER='%s';"
                     "const PULL=%d;\n", raw_key,
                     max_message, platform->app_origin, platform->raw_path,
                     platform->raw_url, platform->pull_deliveries ? 1 : 0);
    sash__buf b = {0};
    char *js = bridge_text();
    if (!js || !transport_js || !raw_key || n < 0 || (size_t)n >= sizeof consts ||
        sash__buf_append(&b, head, sizeof head - 1) != 0 ||
        sash__buf_append(&b, transport_js, strlen(transport_js)) != 0 ||
        sash__buf_append(&b, consts, strlen(consts)) != 0 ||
        sash__buf_append(&b, js, sash__bridge_js_size) != 0 ||
        sash__buf_append(&b, tail, sizeof tail - 1) != 0) {
        sash__buf_free(&b);
        b.data = NULL;
    }
    if (js != (const char *)sash__bridge_js)
        free(js);
    return b.data;
}
