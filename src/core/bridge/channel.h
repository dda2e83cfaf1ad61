/*
 * channel.h - channels, core side (see channel.c).
 */
#ifndef SASH_CHANNEL_H
#define SASH_CHANNEL_H

#include "internal.h"

void sash__channel_ack(sash_window *w, long id, size_t n);
void sash__channel_closed_by_page(sash_window *w, long id);
/* Closes every channel of a window (page changed or window closed). */
void sash__channels_close_window(sash_app *app, const sash_window *w);
/* Queues a delivery entry ("[...]") for window w; takes `text`. */
int sash__deliver_post(sash_window *w, int page_gen, char *text);
/* sash_channel_send_bytes() itself (channel_bytes.c calls it). */
int sash__channel_send_bytes(sash_channel *ch, void *data, size_t len,
                             void (*free_fn)(void *));

#endif
