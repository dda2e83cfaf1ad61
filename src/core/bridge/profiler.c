/*
 * profiler.c - see profiler.h.  Latencies keep the last RING samples per
 * name, so p50/p99 describe recent behaviour, in bounded memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "bridge/profiler.h"

#define RING 1024

typedef struct entry {
    char *name;
    char kind; /* 'c' call, 'e' event, 'h' channel */
    uint64_t count, errors, bytes_in, bytes_out;
    uint32_t lat_us[RING];
    unsigned nlat;
    int warned;
} entry;

struct sash__profiler {
    sash__mutex lock;
    entry *items;
    size_t count, cap;
};

struct sash__profiler *sash__profiler_new(void)
{
    struct sash__profiler *p = calloc(1, sizeof *p);
    if (p)
        sash__mutex_init(&p->lock);
    return p;
}

void sash__profiler_free(struct sash__profiler *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i].name);
    free(p->items);
    sash__mutex_destroy(&p->lock);
    free(p);
}

/* Finds or adds (kind, name); call with the lock held.  NULL on OOM. */
static entry *get(struct sash__profiler *p, char kind, const char *name)
{
    for (size_t i = 0; i < p->count; i++)
        if (p->items[i].kind == kind && strcmp(p->items[i].name, name) == 0)
            return &p->items[i];
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        entry *items = realloc(p->items, cap * sizeof *items);
        if (!items)
            return NULL;
        p->items = items;
        p->cap = cap;
    }
    entry *e = &p->items[p->count];
    memset(e, 0, sizeof *e);
    if (!(e->name = sash__strdup(name)))
        return NULL;
    e->kind = kind;
    p->count++;
    return e;
}

static void add_latency(entry *e, uint64_t ns)
{
    uint64_t us = ns / 1000;
    e->lat_us[e->nlat++ % RING] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
}

void sash__profile_call(sash_app *app, const char *command, uint64_t started_ns,
                        size_t in_bytes, size_t out_bytes, int failed, int in_json,
                        int out_json)
{
    struct sash__profiler *p = app->profiler;
    int warn = 0;
    sash__mutex_lock(&p->lock);
    entry *e = get(p, 'c', command);
    if (e) {
        e->count++;
        e->errors += failed != 0;
        e->bytes_in += in_bytes;
        e->bytes_out += out_bytes;
        add_latency(e, sash__now_ns() - started_ns);
        /* Raw bytes in or out are what the warning recommends: only JSON counts. */
        if (((in_json && in_bytes > SASH_PROFILE_WARN_JSON_BYTES) ||
             (out_json && out_bytes > SASH_PROFILE_WARN_JSON_BYTES)) && !e->warned)
            warn = e->warned = 1;
    }
    sash__mutex_unlock(&p->lock);
    if (warn)
        sash__warn("command '%s' moved %.1f MB in / %.1f MB out "
                "(JSON over 1 MB): send raw bytes "
                "(invoke(cmd, Uint8Array) / sash_resolve_bytes), a channel or "
                "windowed rows instead", command, in_bytes / 1048576.0,
                out_bytes / 1048576.0);
}

void sash__profile_event(sash_app *app, const char *name, size_t bytes,
                         uint64_t latency_ns)
{
    struct sash__profiler *p = app->profiler;
    sash__mutex_lock(&p->lock);
    entry *e = get(p, 'e', name);
    if (e) {
        e->count++;
        e->bytes_out += bytes;
        add_latency(e, latency_ns);
    }
    sash__mutex_unlock(&p->lock);
}

void sash__profile_channel(sash_app *app, size_t bytes)
{
    struct sash__profiler *p = app->profiler;
    sash__mutex_lock(&p->lock);
    entry *e = get(p, 'h', "channels");
    if (e) {
        e->count++;
        e->bytes_out += bytes;
    }
    sash__mutex_unlock(&p->lock);
}

void sash__profile_ui_block(sash_app *app, const char *what, uint64_t ns)
{
    (void)app;
    if (ns > SASH_PROFILE_WARN_UI_NS)
        sash__warn("the UI thread was blocked %.1f ms by "
                "%s (a frame is 16 ms): move the work to a worker",
                ns / 1e6, what);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static json_t *entry_json(const entry *e)
{
    unsigned n = e->nlat < RING ? e->nlat : RING;
    uint32_t sorted[RING];
    memcpy(sorted, e->lat_us, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_u32);
    double p50 = n ? sorted[n / 2] / 1000.0 : 0;
    double p99 = n ? sorted[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1] / 1000.0 : 0;
    return json_pack("{s:I,s:I,s:I,s:I,s:f,s:f}", "count", (json_int_t)e->count,
                     "errors", (json_int_t)e->errors, "bytes_in",
                     (json_int_t)e->bytes_in, "bytes_out",
                     (json_int_t)e->bytes_out, "p50_ms", p50, "p99_ms", p99);
}

json_t *sash_app_stats(sash_app *app)
{
    return app && app->profiler ? sash__profiler_stats(app) : NULL;
}

json_t *sash__profiler_stats(sash_app *app)
{
    struct sash__profiler *p = app->profiler;
    json_t *calls = json_object(), *events = json_object(), *chans = NULL;
    sash__mutex_lock(&p->lock);
    for (size_t i = 0; i < p->count; i++) {
        const entry *e = &p->items[i];
        if (e->kind == 'c')
            json_object_set_new(calls, e->name, entry_json(e));
        else if (e->kind == 'e')
            json_object_set_new(events, e->name, entry_json(e));
        else
            chans = json_pack("{s:I,s:I}", "messages", (json_int_t)e->count,
                              "bytes", (json_int_t)e->bytes_out);
    }
    sash__mutex_unlock(&p->lock);
    return json_pack("{s:o,s:o,s:o}", "calls", calls, "events", events,
                     "channels", chans ? chans : json_pack("{s:i,s:i}",
                                                           "messages", 0,
                                                           "bytes", 0));
}
