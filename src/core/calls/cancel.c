/*
 * cancel.c - calls the page gave an id, tracked per window so that the
 * page's AbortSignal can mark them cancelled (sash_call_cancelled()).
 */
#include "calls/call.h"

void sash__calls_track(sash_call *c)
{
    sash_window *w = c->window;
    sash__mutex_lock(&w->calls_lock);
    c->next_tracked = w->tracked;
    w->tracked = c;
    sash__mutex_unlock(&w->calls_lock);
}

void sash__calls_untrack(sash_call *c)
{
    sash_window *w = c->window;
    sash__mutex_lock(&w->calls_lock);
    for (sash_call **p = &w->tracked; *p; p = &(*p)->next_tracked) {
        if (*p == c) {
            *p = c->next_tracked;
            break;
        }
    }
    sash__mutex_unlock(&w->calls_lock);
}

void sash__calls_cancel(sash_window *w, long js_id)
{
    sash__mutex_lock(&w->calls_lock);
    for (sash_call *c = w->tracked; c; c = c->next_tracked)
        if (c->js_id == js_id)
            atomic_store(&c->cancelled, 1);
    sash__mutex_unlock(&w->calls_lock);
}
