/*
 * parked.c - bytes a JSON call resolved with (sash_resolve_bytes), parked
 * until the page fetches them by token from the raw scheme (the message
 * handler carries text only), dropped if the page goes away first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"

typedef struct blob {
    char token[33];
    sash_window *window; /* a reference: its in_flight counts the blob */
    sash__payload payload;
    struct blob *next;
} blob;

/* Unguessable enough that one page cannot fetch another window's bytes by
 * counting: a per-process random secret mixed into a counter. */
static void make_token(sash_app *app, char out[33])
{
    uint64_t n = ++app->blob_counter;
    uint64_t a = app->blob_secret ^ (n * 0x9E3779B97F4A7C15u);
    uint64_t b = (app->blob_secret >> 17) ^ (n * 0xC2B2AE3D27D4EB4Fu) ^ a;
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)a,
             (unsigned long long)b);
}

int sash__blob_put(sash_window *w, int page_gen, sash__payload *p, char token[33])
{
    sash_app *app = w->app;
    blob *b = calloc(1, sizeof *b);
    if (!b) {
        sash__payload_free(p);
        return SASH_ENOMEM;
    }
    b->window = w;
    b->payload = *p;
    memset(p, 0, sizeof *p);
    sash__mutex_lock(&app->blob_lock);
    /* Checked under the lock: a page that ends bumps page_gen before it
     * drops its blobs under this lock, so a blob parked here either sees
     * the new generation or is dropped with the page. */
    if (atomic_load(&w->page_gen) != page_gen) {
        sash__mutex_unlock(&app->blob_lock);
        sash__payload_free(&b->payload);
        free(b);
        return SASH_ECANCELLED;
    }
    make_token(app, b->token);
    memcpy(token, b->token, 33);
    b->next = app->blobs;
    app->blobs = b;
    /* A parked result is a reply the page has not fetched yet: it counts
     * towards security.limits.maxInFlight until taken, so a page that
     * never takes its bytes gets `busy` instead of growing the app. */
    atomic_fetch_add(&w->in_flight, 1);
    sash__window_ref(w);
    sash__mutex_unlock(&app->blob_lock);
    return 0;
}

int sash__blob_take(sash_app *app, const sash_window *w, const char *token,
                    sash__payload *out)
{
    blob *found = NULL;
    sash__mutex_lock(&app->blob_lock);
    for (blob **p = &app->blobs; *p; p = &(*p)->next) {
        if ((*p)->window == w && strcmp((*p)->token, token) == 0) {
            found = *p;
            *p = found->next;
            atomic_fetch_sub(&found->window->in_flight, 1);
            break;
        }
    }
    sash__mutex_unlock(&app->blob_lock);
    if (!found)
        return SASH_ENOENT;
    *out = found->payload;
    sash__window_unref(found->window);
    free(found);
    return 0;
}

void sash__blobs_drop_window(sash_app *app, const sash_window *w)
{
    blob *drop = NULL;
    sash__mutex_lock(&app->blob_lock);
    for (blob **p = &app->blobs; *p;) {
        blob *b = *p;
        if (!w || b->window == w) {
            *p = b->next;
            atomic_fetch_sub(&b->window->in_flight, 1);
            b->next = drop;
            drop = b;
        } else {
            p = &b->next;
        }
    }
    sash__mutex_unlock(&app->blob_lock);
    while (drop) {
        blob *next = drop->next;
        sash__payload_free(&drop->payload);
        sash__window_unref(drop->window);
        free(drop);
        drop = next;
    }
}
