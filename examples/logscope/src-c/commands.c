/*
 * The commands of Logscope.  The index and the current view (every line,
 * or the lines a filter kept) live here; the page reads the view through a
 * windowed rows source ("lines") and never holds more than it shows.
 *
 *   open      {path, progress?: Channel}   index a file on worker threads
 *   filter    {pattern, levels, icase?, progress?: Channel}
 *   lines     rows source: {n, lv, t, text, len, cont} per line of the view
 *   line_text {n}                          the whole text of line n
 *   histogram {bins}                       lines per time bin and level
 *   seek_time {t}                          the view position of time t
 *   seek_line {n}                          the view position of line n
 *   follow    {on}                         tail -f: "logscope:follow" events
 *
 * (main.c, which stays out of the module `sash dev` hot-swaps, holds main()
 * and the `startup` command.)
 * Reads (rows, histogram) take the read side of a rwlock; open and filter
 * build their result unlocked and swap it in under the write side.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sash.h>

#include "logindex.h"

#define TEXT_MAX 400          /* characters of a row sent with the row */
#define FULL_MAX (1u << 20)   /* line_text: at most 1 MiB */

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static li_index *index_;
static uint32_t *view;        /* NULL: every line */
static uint64_t view_n;
static int rows_registered; /* under the write lock */

static size_t lines_count(void *ud);
static int lines_rows(size_t from, size_t to, json_t *out, void *ud);
int logscope_register_rows(sash_app *app);

/* At exit (or when `sash dev` unloads this module): free the index. */
static void follow_end(void);

__attribute__((destructor)) static void logscope_shutdown(void)
{
    follow_end(); /* (sash dev unloading the module while following) */
    pthread_rwlock_wrlock(&lock);
    li_index_free(index_);
    index_ = NULL;
    free(view);
    view = NULL;
    view_n = 0;
    pthread_rwlock_unlock(&lock);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Valid UTF-8 for JSON: invalid bytes become U+FFFD, control characters
 * (but tab) a space.  Writes at most `max` source bytes; returns out's
 * length.  out must hold 3 * max + 1 bytes. */
static size_t utf8_clean(const unsigned char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
                   : (c >> 3) == 30 ? 4 : 0;
        int ok = len > 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; k++)
            ok = (s[i + k] & 0xc0) == 0x80;
        if (ok && len == 2 && c < 0xc2)
            ok = 0;
        if (ok && len == 3) {
            unsigned cp = ((c & 0x0fu) << 12) | ((s[i + 1] & 0x3fu) << 6) | (s[i + 2] & 0x3fu);
            ok = cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff);
        }
        if (ok && len == 4) {
            unsigned cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3fu) << 12) |
                          ((s[i + 2] & 0x3fu) << 6) | (s[i + 3] & 0x3fu);
            ok = cp >= 0x10000 && cp <= 0x10ffff;
        }
        if (!ok) {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
            continue;
        }
        if (len == 1 && (c < 0x20 || c == 0x7f) && c != '\t')
            out[o++] = ' ';
        else {
            memcpy(out + o, s + i, len);
            o += len;
        }
        i += len;
    }
    out[o] = 0;
    return o;
}

/* The workers run at nice 5 (LOGSCOPE_NICE overrides): on a busy machine
 * the page's frames come first, the index a little later. */
static int worker_nice(void)
{
    const char *e = getenv("LOGSCOPE_NICE");
    return e && *e ? atoi(e) : 5;
}

/* ---- open ---------------------------------------------------------------- */

typedef struct progress_ctx {
    sash_call *call;
    sash_channel *ch;
    double t0;
    int filter;
} progress_ctx;

static int on_progress(const li_progress *p, void *ud)
{
    progress_ctx *c = ud;
    if (c->ch) {
        double secs = (now_ms() - c->t0) / 1e3;
        uint64_t done = p->bytes_done < p->bytes_total ? p->bytes_done : p->bytes_total;
        json_t *m = c->filter
            ? json_pack("{s:I,s:I,s:I}", "done", (json_int_t)done, "total",
                        (json_int_t)p->bytes_total, "matches", (json_int_t)p->lines)
            : json_pack("{s:I,s:I,s:I,s:f}", "bytes", (json_int_t)done, "total",
                        (json_int_t)p->bytes_total, "lines", (json_int_t)p->lines,
                        "mbps", secs > 0 ? done / 1048576.0 / secs : 0.0);
        sash_channel_send(c->ch, m); /* DROP mode: a busy page skips one */
    }
    return sash_call_cancelled(c->call);
}

static json_t *levels_json(const uint64_t *counts)
{
    json_t *a = json_array();
    for (int i = 0; i < LI_LEVELS; i++)
        json_array_append_new(a, json_integer((json_int_t)counts[i]));
    return a;
}

SASH_COMMAND_TYPED(open, "{path: string, progress?: channel<{bytes: int, total: int, lines: int, mbps: number}>}",
                   "{path: string, lines: int, bytes: int, ms: number, mbps: number, "
                   "threads: int, levels: int[], first: int, last: int}")
{
    const char *path = sash_arg_str(call, "path", "");
    if (!*path || !sash_call_scope_allows(call, "fs", path)) {
        sash_reject(call, SASH_CODE_FORBIDDEN,
                    "%s was not chosen in the open dialog or on the command line", path);
        return;
    }
    progress_ctx ctx = {call, sash_call_channel(call, "progress"), now_ms(), 0};
    if (ctx.ch)
        sash_channel_set_capacity(ctx.ch, 4, SASH_CHANNEL_DROP);
    li_options opt = {.progress = on_progress, .user_data = &ctx, .nice = worker_nice()};
    li_index *ix = NULL;
    char err[512];
    int rc = li_index_open(path, &opt, &ix, err, sizeof err);
    sash_channel_free(ctx.ch);
    if (rc) {
        sash_reject(call, rc == LI_ECANCELLED ? SASH_CODE_CANCELLED
                          : rc == LI_ECHANGED ? "changed" : "io", "%s", err);
        return;
    }
    double ms = now_ms() - ctx.t0;
    logscope_register_rows(sash_call_app(call)); /* (see there) */
    pthread_rwlock_wrlock(&lock);
    li_index_free(index_);
    index_ = ix;
    free(view);
    view = NULL;
    view_n = li_count(ix);
    pthread_rwlock_unlock(&lock);
    int64_t first, last;
    li_time_range(ix, &first, &last);
    sash_resolve(call, json_pack("{s:s,s:I,s:I,s:f,s:f,s:i,s:o,s:I,s:I}",
        "path", path, "lines", (json_int_t)li_count(ix), "bytes",
        (json_int_t)li_size(ix), "ms", ms, "mbps",
        ms > 0 ? li_size(ix) / 1048576.0 / (ms / 1e3) : 0.0, "threads",
        li_threads_used(ix), "levels", levels_json(li_level_counts(ix)),
        "first", (json_int_t)first, "last", (json_int_t)last));
}

/* ---- filter -------------------------------------------------------------- */

SASH_COMMAND_TYPED(filter,
                   "{pattern: string, levels: int >= 0 <= 127, icase?: bool, "
                   "progress?: channel<{done: int, total: int, matches: int}>}",
                   "{matches: int, total: int, ms: number}")
{
    const char *pattern = sash_arg_str(call, "pattern", "");
    unsigned levels = (unsigned)sash_arg_int(call, "levels", 127);
    unsigned flags = sash_arg_bool(call, "icase", 0) ? LI_ICASE : 0;
    progress_ctx ctx = {call, sash_call_channel(call, "progress"), now_ms(), 1};
    if (ctx.ch)
        sash_channel_set_capacity(ctx.ch, 4, SASH_CHANNEL_DROP);
    /* The index is read (not changed) by the workers; an open that
     * finishes meanwhile waits for the write lock. */
    pthread_rwlock_rdlock(&lock);
    if (!index_) {
        pthread_rwlock_unlock(&lock);
        sash_channel_free(ctx.ch);
        sash_reject(call, SASH_CODE_NOT_FOUND, "no file is open");
        return;
    }
    li_index *ix = index_;
    uint32_t *hits = NULL;
    uint64_t n = 0;
    char err[512];
    li_options opt = {.progress = on_progress, .user_data = &ctx, .nice = worker_nice()};
    int all = !*pattern && (levels & 127u) == 127u;
    int rc = all ? 0 : li_filter(ix, pattern, flags, levels, &opt, &hits, &n, err,
                                 sizeof err);
    uint64_t total = li_count(ix);
    pthread_rwlock_unlock(&lock);
    sash_channel_free(ctx.ch);
    if (rc) {
        sash_reject(call, rc == LI_EREGEX ? "bad_regex"
                          : rc == LI_ECANCELLED ? SASH_CODE_CANCELLED : "io", "%s", err);
        return;
    }
    pthread_rwlock_wrlock(&lock);
    if (index_ != ix) { /* another file was opened meanwhile */
        pthread_rwlock_unlock(&lock);
        free(hits);
        sash_reject(call, SASH_CODE_CANCELLED, "another file was opened");
        return;
    }
    free(view);
    view = all ? NULL : hits;
    view_n = all ? total : n;
    pthread_rwlock_unlock(&lock);
    sash_resolve(call, json_pack("{s:I,s:I,s:f}", "matches",
                                 (json_int_t)(all ? total : n), "total",
                                 (json_int_t)total, "ms", now_ms() - ctx.t0));
}

/* ---- rows ------------------------------------------------------------------ */

/* main() registers the rows source when this file is linked into it (a
 * normal build); under `sash dev`'s hot swap, main.c is built alone and
 * `open` registers it with the first file. */
int logscope_register_rows(sash_app *app)
{
    pthread_rwlock_wrlock(&lock);
    int rc = rows_registered ? 0 : sash_rows_register(app, "lines", lines_count, lines_rows, NULL);
    if (rc == 0)
        rows_registered = 1;
    pthread_rwlock_unlock(&lock);
    return rc;
}

static size_t lines_count(void *ud)
{
    (void)ud;
    pthread_rwlock_rdlock(&lock);
    size_t n = index_ ? (size_t)view_n : 0;
    pthread_rwlock_unlock(&lock);
    return n;
}

static int lines_rows(size_t from, size_t to, json_t *out, void *ud)
{
    (void)ud;
    char raw[TEXT_MAX * 4], text[TEXT_MAX * 4 * 3 + 1];
    pthread_rwlock_rdlock(&lock);
    for (size_t i = from; index_ && i < to && i < view_n; i++) {
        uint64_t line = view ? view[i] : i;
        uint64_t len = li_line_length(index_, line);
        long got = li_line_read(index_, line, raw, sizeof raw);
        if (got < 0)
            got = 0;
        /* cut at TEXT_MAX characters (not bytes: no split sequence) */
        size_t cut = 0, chars = 0;
        while (cut < (size_t)got && chars < TEXT_MAX) {
            cut++;
            while (cut < (size_t)got && ((unsigned char)raw[cut] & 0xc0) == 0x80)
                cut++;
            chars++;
        }
        utf8_clean((const unsigned char *)raw, cut, text);
        unsigned fl = li_line_flags(index_, line);
        json_array_append_new(out, json_pack("{s:I,s:i,s:I,s:s,s:I,s:b}",
            "n", (json_int_t)line, "lv", (int)(fl & LI_LEVEL_MASK), "t",
            (json_int_t)li_line_time(index_, line), "text", text, "len",
            (json_int_t)len, "cont", (fl & LI_CONT) != 0));
    }
    pthread_rwlock_unlock(&lock);
    return 0;
}

SASH_COMMAND_TYPED(line_text, "{n: int >= 0}", "{text: string, len: int, cut: bool}")
{
    uint64_t n = (uint64_t)sash_arg_int(call, "n", 0);
    pthread_rwlock_rdlock(&lock);
    if (!index_ || n >= li_count(index_)) {
        pthread_rwlock_unlock(&lock);
        sash_reject(call, SASH_CODE_NOT_FOUND, "no line %llu", (unsigned long long)n);
        return;
    }
    uint64_t len = li_line_length(index_, n);
    size_t want = len < FULL_MAX ? (size_t)len : FULL_MAX;
    char *raw = malloc(want + 1), *text = malloc(want * 3 + 1);
    long got = raw && text ? li_line_read(index_, n, raw, want) : -1;
    pthread_rwlock_unlock(&lock);
    if (got < 0) {
        free(raw);
        free(text);
        sash_reject(call, "io", "cannot read line %llu", (unsigned long long)n);
        return;
    }
    utf8_clean((const unsigned char *)raw, (size_t)got, text);
    sash_resolve(call, json_pack("{s:s,s:I,s:b}", "text", text, "len",
                                 (json_int_t)len, "cut", len > want));
    free(raw);
    free(text);
}

/* ---- time ------------------------------------------------------------------ */

SASH_COMMAND_TYPED(histogram, "{bins: int >= 1 <= 1000}",
                   "{t0: int, step: int, bins: int, levels: int, counts: int[]}")
{
    int bins = (int)sash_arg_int(call, "bins", 120);
    uint64_t *counts = calloc((size_t)bins * LI_LEVELS, sizeof *counts);
    if (!counts) {
        sash_reject(call, SASH_CODE_INTERNAL, "out of memory");
        return;
    }
    int64_t t0 = 0, step = 0;
    pthread_rwlock_rdlock(&lock);
    int used = index_ ? li_histogram(index_, view, view_n, bins, &t0, &step, counts) : -1;
    pthread_rwlock_unlock(&lock);
    bins = used > 0 ? used : 0;
    json_t *a = json_array();
    for (int i = 0; i < bins * LI_LEVELS; i++)
        json_array_append_new(a, json_integer((json_int_t)counts[i]));
    free(counts);
    sash_resolve(call, json_pack("{s:I,s:I,s:i,s:i,s:o}", "t0", (json_int_t)t0,
                                 "step", (json_int_t)step, "bins", bins,
                                 "levels", LI_LEVELS, "counts", a));
}

/* The view position of file line n (0-based), or of the first line after
 * it that the view holds. */
SASH_COMMAND_TYPED(seek_line, "{n: int >= 0}", "int")
{
    uint64_t n = (uint64_t)sash_arg_int(call, "n", 0), at;
    pthread_rwlock_rdlock(&lock);
    if (!view) {
        at = n < view_n ? n : view_n ? view_n - 1 : 0;
    } else { /* the view is ascending: binary search */
        uint64_t lo = 0, hi = view_n;
        while (lo < hi) {
            uint64_t mid = lo + (hi - lo) / 2;
            if (view[mid] < n)
                lo = mid + 1;
            else
                hi = mid;
        }
        at = lo;
    }
    pthread_rwlock_unlock(&lock);
    sash_resolve(call, json_integer((json_int_t)at));
}

SASH_COMMAND_TYPED(seek_time, "{t: int}", "int")
{
    int64_t t = sash_arg_int(call, "t", 0);
    pthread_rwlock_rdlock(&lock);
    uint64_t at = index_ ? li_seek_time(index_, view, view_n, t) : 0;
    pthread_rwlock_unlock(&lock);
    sash_resolve(call, json_integer((json_int_t)at));
}

/* ---- follow (tail -f) ------------------------------------------------------
 * A thread polls the open file every 250 ms (portable, and as cheap as a
 * watch for one file): appended lines are indexed in place
 * (li_index_update, under the write lock: an append is small), a file that
 * shrank or was replaced (rotation) is indexed again from the start.  Each
 * change is the event "logscope:follow" {lines, bytes, added, levels,
 * first, last, reindexed, notice}; the page updates its list, histogram and
 * filter, and scrolls to the end while following. */

#define FOLLOW_MS 250

static pthread_mutex_t follow_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t follow_cond = PTHREAD_COND_INITIALIZER;
static pthread_t follow_thread;
static int follow_running, follow_stop;
static int follow_hooked;

static void follow_emit(sash_app *app, li_index *ix, uint64_t added,
                        int reindexed, const char *notice)
{
    int64_t first, last;
    li_time_range(ix, &first, &last);
    sash_emit(app, "logscope:follow", json_pack(
        "{s:I,s:I,s:I,s:o,s:I,s:I,s:b,s:s?}", "lines", (json_int_t)li_count(ix),
        "bytes", (json_int_t)li_size(ix), "added", (json_int_t)added,
        "levels", levels_json(li_level_counts(ix)), "first", (json_int_t)first,
        "last", (json_int_t)last, "reindexed", reindexed, "notice", notice));
}

/* One poll: 0 nothing new, 1 reported. */
static int follow_poll(sash_app *app)
{
    char err[512] = "";
    uint64_t added = 0, before;
    pthread_rwlock_wrlock(&lock);
    if (!index_) {
        pthread_rwlock_unlock(&lock);
        return 0;
    }
    before = li_size(index_);
    int rc = li_index_update(index_, &added, err, sizeof err);
    if (rc == 0) {
        if (!view)
            view_n = li_count(index_);
        int grew = li_size(index_) != before;
        if (grew)
            follow_emit(app, index_, added, 0, NULL);
        pthread_rwlock_unlock(&lock);
        return grew;
    }
    char *path = strdup(li_path(index_));
    li_index *old = index_;
    pthread_rwlock_unlock(&lock);
    if (rc != LI_ETRUNCATED && rc != LI_EROTATED) {
        free(path);
        return 0; /* a read error: try again at the next tick */
    }
    /* Truncated or rotated: index the path again (it may be gone for a
     * moment during a rotation: keep the old index until it is back). */
    li_options opt = {.nice = worker_nice()};
    li_index *ix = NULL;
    char err2[512];
    if (!path || li_index_open(path, &opt, &ix, err2, sizeof err2) != 0) {
        free(path);
        return 0;
    }
    free(path);
    pthread_rwlock_wrlock(&lock);
    if (index_ != old) { /* another file was opened meanwhile */
        pthread_rwlock_unlock(&lock);
        li_index_free(ix);
        return 0;
    }
    li_index_free(index_);
    index_ = ix;
    free(view);
    view = NULL;
    view_n = li_count(ix);
    char notice[600];
    snprintf(notice, sizeof notice, "%s: indexed again from the start", err);
    follow_emit(app, ix, li_count(ix), 1, notice);
    pthread_rwlock_unlock(&lock);
    return 1;
}

static void *follow_main(void *arg)
{
    sash_app *app = arg;
    pthread_mutex_lock(&follow_lock);
    while (!follow_stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += FOLLOW_MS * 1000000L;
        until.tv_sec += until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        pthread_cond_timedwait(&follow_cond, &follow_lock, &until);
        if (follow_stop)
            break;
        pthread_mutex_unlock(&follow_lock);
        follow_poll(app);
        pthread_mutex_lock(&follow_lock);
    }
    pthread_mutex_unlock(&follow_lock);
    return NULL;
}

static void follow_end(void)
{
    pthread_mutex_lock(&follow_lock);
    int running = follow_running;
    follow_stop = 1;
    follow_running = 0;
    pthread_cond_broadcast(&follow_cond);
    pthread_mutex_unlock(&follow_lock);
    if (running)
        pthread_join(follow_thread, NULL);
}

static void follow_on_free(sash_app *app, void *ud)
{
    (void)app, (void)ud;
    follow_end();
    follow_hooked = 0;
}

SASH_COMMAND_TYPED(follow, "{on: bool}", "{following: bool}")
{
    int on = sash_arg_bool(call, "on", 0);
    sash_app *app = sash_call_app(call);
    if (!on) {
        follow_end();
        sash_resolve(call, json_pack("{s:b}", "following", 0));
        return;
    }
    pthread_rwlock_rdlock(&lock);
    int open = index_ != NULL;
    pthread_rwlock_unlock(&lock);
    if (!open) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "no file is open");
        return;
    }
    pthread_mutex_lock(&follow_lock);
    int rc = 0;
    if (!follow_running) {
        follow_stop = 0;
        rc = pthread_create(&follow_thread, NULL, follow_main, app);
        follow_running = rc == 0;
    }
    pthread_mutex_unlock(&follow_lock);
    if (rc != 0) {
        sash_reject(call, "io", "cannot start following: %s", strerror(rc));
        return;
    }
    if (!follow_hooked && sash_app_on_free(app, follow_on_free, NULL) == 0)
        follow_hooked = 1;
    sash_resolve(call, json_pack("{s:b}", "following", 1));
}
