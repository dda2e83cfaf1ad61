/* Fuzz target: typed commands' schema parser, validator and TypeScript
 * printer.  Input: schema '\n' JSON value.  No crash, no leak, and:
 * a parse error always names a column inside the text (or one past its
 * end); a parsed schema keeps its text; the validator gives the same
 * answer twice and a rejection always says where ("args...: ") and is
 * NUL-terminated within its buffer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/calls/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *nl = memchr(buf, '\n', size);
    const char *schema = buf, *value = "";
    size_t value_len = 0;
    if (nl) {
        *nl = '\0';
        value = nl + 1;
        value_len = size - (size_t)(value - buf);
    }
    char err[160];
    sash__schema *s = sash__schema_parse(schema, err, sizeof err);
    if (!s) {
        unsigned long col = 0;
        if (strcmp(err, "out of memory") != 0 &&
            (sscanf(err, "column %lu:", &col) != 1 || col < 1 ||
             col > strlen(schema) + 1))
            abort();
        free(buf);
        return 0;
    }
    if (strcmp(sash__schema_text(s), schema) != 0)
        abort();
    free(sash__schema_ts(s));
    json_t *v = json_loadb(value, value_len, JSON_DECODE_ANY | JSON_ALLOW_NUL,
                           NULL);
    char e1[200], e2[200];
    int r1 = sash__schema_check(s, v, "args", e1, sizeof e1);
    int r2 = sash__schema_check(s, v, "args", e2, sizeof e2);
    if (r1 != r2 || (r1 && (strcmp(e1, e2) != 0 || strncmp(e1, "args", 4) != 0 ||
                            !strstr(e1, ": "))))
        abort();
    /* Absent arguments, and a tiny buffer, must be safe too. */
    char tiny[8];
    sash__schema_check(s, NULL, "args", tiny, sizeof tiny);
    sash__schema_check(s, v, "args", NULL, 0);
    json_decref(v);
    sash__schema_free(s);
    free(buf);
    return 0;
}
