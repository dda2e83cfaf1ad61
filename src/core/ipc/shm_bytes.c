/*
 * shm_bytes.c - sash_bytes_alloc(): buffers C fills in pooled shared
 * memory, so big bytes reach the page without a copy in the app (the
 * backend sends the buffer itself; sys/shm.c holds the pool).
 */
#include <stdlib.h>

#include "internal.h"
#include "sys/shm.h"

static const char *volatile shm_anchor; /* see platform.h */

void *sash_bytes_alloc(sash_app *app, size_t size)
{
    shm_anchor = &sash__platform_shm_anchor;
    if (!app)
        return sash__fail(SASH_EINVAL, "sash_bytes_alloc: NULL app"), NULL;
    size_t max = sash__app_max_message(app);
    if (size > max)
        return sash__fail(SASH_EINVAL, "sash_bytes_alloc: %zu bytes exceed "
                          "security.limits.maxMessageBytes (%zu)", size, max),
               NULL;
    sash__shm *b = sash__shm_get(size);
    if (b)
        return b->map;
    void *p = malloc(size ? size : 1); /* no shared memory here */
    if (!p)
        sash__fail(SASH_ENOMEM, "sash_bytes_alloc: out of memory");
    return p;
}

void sash_bytes_free(void *data)
{
    if (!data)
        return;
    sash__shm *b = sash__shm_of(data);
    if (b)
        sash__shm_put(b);
    else
        free(data);
}
