/* Fuzz target: asset path resolution.  Whatever the URL path, an accepted
 * one must be a clean absolute path that cannot leave the asset root. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/internal.h"

static const unsigned char body[] = "x";
static const sash_asset assets[] = {
    {"/a/b.js", body, 1, "text/javascript"},
    {"/index.html", body, 1, "text/html"},
};

static void check_clean(const char *p)
{
    if (p[0] != '/')
        abort();
    for (const char *c = p; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\')
            abort();
    for (const char *s = p; s; s = strchr(s + 1, '/')) {
        const char *seg = s + 1;
        size_t n = strcspn(seg, "/");
        if ((n == 1 && seg[0] == '.') || (n == 2 && !strncmp(seg, "..", 2)))
            abort(); /* a dot segment survived */
        if (n == 0 && seg[0] == '/')
            abort(); /* "//" */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = malloc(size + 1), out[256];
    if (!in)
        return 0;
    memcpy(in, data, size);
    in[size] = '\0';
    if (sash__asset_normalize(in, out, sizeof out) == 0) {
        check_clean(out);
        const sash_asset *a = sash__asset_find(assets, 2, out);
        if (a && strcmp(a->path, out) != 0)
            abort();
    }
    free(in);
    return 0;
}
