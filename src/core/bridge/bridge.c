/*
 * bridge.c - builds the init script injected into every page: the
 * backend's transport followed by bridge.js (embedded at build time).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The raw path's key and the message limit are constants of the bridge's
 * closure: page script cannot read them, so only the bridge can send a
 * body the backend will read (see raw_key in internal.h). */
char *sash__bridge_script(const char *transport_js, const char *raw_key,
                          size_t max_message)
{
    static const char head[] = "(function(){'use strict';const post=";
    static const char tail[] = "\n})();";
    char consts[200];
    snprintf(consts, sizeof consts, ";\nconst RAW_KEY='%s';"
             "const MAX_MESSAGE=%zu;\n", raw_key, max_message);
    sash__buf b = {0};
    if (!transport_js || !raw_key ||
        sash__buf_append(&b, head, sizeof head - 1) != 0 ||
        sash__buf_append(&b, transport_js, strlen(transport_js)) != 0 ||
        sash__buf_append(&b, consts, strlen(consts)) != 0 ||
        sash__buf_append(&b, sash__bridge_js, strlen(sash__bridge_js)) != 0 ||
        sash__buf_append(&b, tail, sizeof tail - 1) != 0) {
        sash__buf_free(&b);
        return NULL;
    }
    return b.data;
}
