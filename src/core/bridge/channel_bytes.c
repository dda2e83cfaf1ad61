/*
 * channel_bytes.c - sash_channel_send_bytes().  Apart from channel.c so
 * that only apps sending bytes link the backend's shared-memory path
 * (platform.h, sash__platform_shm_anchor).
 */
#include "bridge/channel.h"

static const char *volatile shm_anchor; /* see platform.h */

int sash_channel_send_bytes(sash_channel *ch, void *data, size_t len,
                            void (*free_fn)(void *))
{
    shm_anchor = &sash__platform_shm_anchor;
    return sash__channel_send_bytes(ch, data, len, free_fn);
}
