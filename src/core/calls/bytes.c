/*
 * bytes.c - calls that move bytes: sash_resolve_bytes(), sash_call_bytes().
 * Apart from call.c so that only apps using them link the backend's
 * shared-memory path (platform.h, sash__platform_shm_anchor).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"

/* A reference the linker keeps: it pulls the backend's shm code in. */
static const char *volatile shm_anchor;

int sash_resolve_bytes(sash_call *call, void *data, size_t len,
                       void (*free_fn)(void *))
{
    if (!call || (!data && len)) {
        if (data && free_fn)
            free_fn(data);
        return SASH_EINVAL;
    }
    shm_anchor = &sash__platform_shm_anchor;
    if (sash__call_claim(call) != 0) {
        if (data && free_fn)
            free_fn(data);
        return SASH_EDONE;
    }
    sash__payload p;
    if (sash__payload_bytes(&p, data, len, free_fn) != 0) {
        p.text = sash__error_reply(SASH_CODE_INTERNAL, "out of memory");
        sash__call_finish(call, &p, 1);
        return SASH_ENOMEM;
    }
    if (!call->raw) {
        /* The message handler can only carry text: park the bytes and let
         * the page fetch them by token over the raw scheme. */
        char token[33];
        if (sash__blob_put(call->window, call->page_gen, &p, token) != 0) {
            p.text = sash__error_reply(SASH_CODE_INTERNAL, "out of memory");
        } else {
            char text[80];
            snprintf(text, sizeof text, "{\"ok\":null,\"bytes\":\"%s\"}", token);
            p.text = sash__strdup(text);
        }
    }
    return sash__call_finish(call, &p, 0);
}

const void *sash_call_bytes(const sash_call *call, size_t *len)
{
    shm_anchor = &sash__platform_shm_anchor;
    if (len)
        *len = call ? call->bytes_len : 0;
    return call && call->bytes ? call->bytes + call->bytes_off : NULL;
}

