/*
 * inflate.c - embedded data stored deflated by sash-embed --deflate (the
 * bridge script, front-end files): inflated when used.  zlib is already
 * in every WebKit process, so this costs the app a few imports, against
 * a front end 3-4x smaller in its binary.
 */
#include <stdlib.h>

#include "internal.h"

#ifdef SASH_HAVE_ZLIB
#include <limits.h>
#include <zlib.h>

int sash__inflate(const unsigned char *in, size_t in_size, unsigned char *out,
                  size_t out_size)
{
    if (in_size > UINT_MAX || out_size > UINT_MAX)
        return -1;
    z_stream z = {0};
    if (inflateInit2(&z, -15) != Z_OK)
        return -1;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)in_size;
    z.next_out = out;
    z.avail_out = (uInt)out_size;
    int rc = inflate(&z, Z_FINISH);
    /* Exactly out_size bytes and the end of the stream: anything else is
     * data that does not match its table entry. */
    int ok = rc == Z_STREAM_END && z.total_out == out_size;
    inflateEnd(&z);
    return ok ? 0 : -1;
}
#else
int sash__inflate(const unsigned char *in, size_t in_size, unsigned char *out,
                  size_t out_size)
{
    (void)in, (void)in_size, (void)out, (void)out_size;
    return -1;
}
#endif

const unsigned char *sash_asset_data(const sash_asset *a, void **owned)
{
    if (owned)
        *owned = NULL;
    if (!a || !owned) {
        sash__fail(SASH_EINVAL, "sash_asset_data: NULL %s", a ? "owned" : "asset");
        return NULL;
    }
    if (!a->packed)
        return a->data;
    unsigned char *out = malloc(a->size ? a->size : 1);
    if (!out) {
        sash__fail(SASH_ENOMEM, "sash_asset_data: %zu bytes", a->size);
        return NULL;
    }
    if (sash__inflate(a->data, a->packed, out, a->size) != 0) {
        free(out);
        sash__fail(SASH_EINVAL, "embedded file %.300s does not inflate to %zu "
                   "bytes%s", a->path ? a->path : "?", a->size,
#ifdef SASH_HAVE_ZLIB
                   ""
#else
                   " (this libsash has no zlib)"
#endif
                   );
        return NULL;
    }
    *owned = out;
    return out;
}
