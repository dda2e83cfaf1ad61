/*
 * bridge.c - builds the init script injected into every page: the
 * backend's transport followed by bridge.js (embedded at build time).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *sash__bridge_script(const char *transport_js)
{
    static const char head[] = "(function(){'use strict';const post=";
    static const char mid[] = ";\n";
    static const char tail[] = "\n})();";
    sash__buf b = {0};
    if (!transport_js ||
        sash__buf_append(&b, head, sizeof head - 1) != 0 ||
        sash__buf_append(&b, transport_js, strlen(transport_js)) != 0 ||
        sash__buf_append(&b, mid, sizeof mid - 1) != 0 ||
        sash__buf_append(&b, sash__bridge_js, strlen(sash__bridge_js)) != 0 ||
        sash__buf_append(&b, tail, sizeof tail - 1) != 0) {
        sash__buf_free(&b);
        return NULL;
    }
    return b.data;
}
