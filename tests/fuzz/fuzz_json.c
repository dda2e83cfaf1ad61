/* Fuzz target: the bridge's JSON reader and writer (src/core/ipc/json_fast)
 * against jansson, the reference.  For any input: both readers accept it
 * or both refuse it, and accepted values are equal; for every accepted
 * value both writers produce the same text; and what the fast writer
 * writes, the fast reader reads back equal. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/ipc/json_fast.h"

static void differ(const char *what, const uint8_t *data, size_t size)
{
    fprintf(stderr, "json_fast differs from jansson: %s (input %zu bytes)\n",
            what, size);
    (void)data;
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memchr(data, '\0', size)) {
        /* jansson's reader skips raw NUL bytes (its stream buffer reads a
         * NUL as "chunk ended"), so it accepts "[1\0]"; a raw NUL is never
         * valid JSON and the fast reader refuses it, which is what the page
         * needs (JSON.stringify never writes one). */
        json_t *got = sash__json_read((const char *)data, size, NULL);
        if (got)
            differ("fast reader accepted a raw NUL byte", data, size);
        return 0;
    }
    json_t *ref = json_loadb((const char *)data, size, JSON_ALLOW_NUL, NULL);
    json_t *got = sash__json_read((const char *)data, size, NULL);
    if (!ref != !got)
        differ(ref ? "fast reader refused valid JSON" : "fast reader accepted invalid JSON",
               data, size);
    if (ref && !json_equal(ref, got))
        differ("different values", data, size);
    if (ref) {
        char *a = json_dumps(ref, JSON_COMPACT);
        size_t blen = 0;
        char *b = sash__json_write(ref, &blen);
        if (!a != !b || (a && (strlen(a) != blen || memcmp(a, b, blen) != 0)))
            differ("different output", data, size);
        if (b) {
            json_t *back = sash__json_read(b, blen, NULL);
            if (!back || !json_equal(back, ref))
                differ("its own output does not read back", data, size);
            json_decref(back);
        }
        free(a);
        free(b);
    }
    json_decref(ref);
    json_decref(got);
    return 0;
}
