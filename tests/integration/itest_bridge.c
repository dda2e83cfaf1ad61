/*
 * itest_bridge.c - commands for the big-data integration pages: raw bytes,
 * channels, cancellation, windowed rows, memory of the process tree.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <unistd.h>

#include <sash.h>

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* Echoes the request bytes (copied: free_fn NULL). */
SASH_COMMAND(bytes_echo)
{
    size_t len;
    const void *b = sash_call_bytes(call, &len);
    sash_resolve_bytes(call, (void *)b, len, NULL);
}

/* {len, sum, args} of the request, to check the bytes arrived unchanged. */
SASH_COMMAND(bytes_sum)
{
    size_t len;
    const unsigned char *b = sash_call_bytes(call, &len);
    unsigned long long sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += b[i];
    sash_resolve(call, json_pack("{s:I,s:I,s:O}", "len", (json_int_t)len, "sum",
                                 (json_int_t)sum, "args", args));
}

/* A JSON call answered with n bytes (i & 255), handed over with free(). */
SASH_COMMAND(make_bytes)
{
    json_int_t n = 0;
    json_unpack((json_t *)args, "{s:I}", "n", &n);
    unsigned char *b = malloc(n > 0 ? (size_t)n : 1);
    for (json_int_t i = 0; i < n; i++)
        b[i] = (unsigned char)(i & 255);
    sash_resolve_bytes(call, b, (size_t)n, free);
}

/* JSON path for the same data, for comparison: a string of n chars. */
SASH_COMMAND(make_string)
{
    json_int_t n = 0;
    json_unpack((json_t *)args, "{s:I}", "n", &n);
    char *s = malloc((size_t)n + 1);
    memset(s, 'x', (size_t)n);
    s[n] = 0;
    sash_resolve(call, json_stringn_nocheck(s, (size_t)n));
    free(s);
}

static atomic_long last_closed_at = -2;
static atomic_long stream_sent; /* messages the running stream has sent */

/* Streams n messages {i} (every `bytes_every`-th as 4 bytes instead) to the
 * channel args.ch, then ends it.  Optional capacity / drop mode. */
SASH_COMMAND(stream)
{
    json_int_t n = 0, every = 0, capacity = 0;
    int drop = 0;
    json_unpack((json_t *)args, "{s:I,s?I,s?I,s?b}", "n", &n, "bytes_every",
                &every, "capacity", &capacity, "drop", &drop);
    sash_channel *ch = sash_call_channel(call, "ch");
    if (!ch) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "args.ch must be a Channel");
        return;
    }
    if (capacity > 0)
        sash_channel_set_capacity(ch, (size_t)capacity,
                                  drop ? SASH_CHANNEL_DROP : SASH_CHANNEL_BLOCK);
    json_int_t sent = 0, dropped = 0, closed_at = -1;
    atomic_store(&stream_sent, 0);
    for (json_int_t i = 0; i < n; i++) {
        int rc;
        if (every > 0 && i % every == every - 1) {
            unsigned char b[4] = {(unsigned char)i, (unsigned char)(i >> 8),
                                  (unsigned char)(i >> 16), 0xAB};
            rc = sash_channel_send_bytes(ch, b, sizeof b, NULL);
        } else {
            rc = sash_channel_send(ch, json_pack("{s:I}", "i", i));
        }
        if (rc == 0)
            atomic_store(&stream_sent, (long)++sent);
        else if (rc == SASH_EFULL)
            dropped++;
        else {
            closed_at = i;
            break;
        }
    }
    sash_channel_free(ch);
    atomic_store(&last_closed_at, (long)closed_at);
    sash_resolve(call, json_pack("{s:I,s:I,s:I}", "sent", sent, "dropped",
                                 dropped, "closed_at", closed_at));
}

/* How many messages the running stream has sent so far. */
SASH_COMMAND(stream_progress)
{
    sash_resolve(call, json_integer(atomic_load(&stream_sent)));
}

/* Where the last stream stopped, for a page that reloaded meanwhile. */
SASH_COMMAND(last_stream_closed_at)
{
    sash_resolve(call, json_integer(atomic_load(&last_closed_at)));
}

static atomic_int cancel_seen = -1;

/* Runs until the page cancels it or ms pass; remembers what it saw. */
SASH_COMMAND(cancellable)
{
    json_int_t ms = 3000;
    json_unpack((json_t *)args, "{s?I}", "ms", &ms);
    int cancelled = 0;
    for (json_int_t t = 0; t < ms && !cancelled; t += 10) {
        sleep_ms(10);
        cancelled = sash_call_cancelled(call);
    }
    atomic_store(&cancel_seen, cancelled);
    sash_resolve(call, json_pack("{s:b}", "cancelled", cancelled));
}

SASH_COMMAND(last_cancel_seen)
{
    sash_resolve(call, json_integer(atomic_load(&cancel_seen)));
}

/* Private memory (USS: Private_Clean + Private_Dirty) of this process and
 * all its descendants (WebKit's web and network processes), in KiB.  Not
 * PSS: PSS moves when *other* processes map the same libraries, as
 * parallel tests do, while private memory is what a leak grows. */
static long tree_uss_kib(int root)
{
    long total = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        int pid = atoi(e->d_name);
        if (pid <= 0)
            continue;
        int p = pid, in_tree = 0;
        for (int hops = 0; hops < 16 && p > 1 && !in_tree; hops++) {
            if (p == root) {
                in_tree = 1;
                break;
            }
            char path[64], buf[512];
            snprintf(path, sizeof path, "/proc/%d/stat", p);
            FILE *f = fopen(path, "r");
            if (!f || !fgets(buf, sizeof buf, f)) {
                if (f)
                    fclose(f);
                break;
            }
            fclose(f);
            char *rp = strrchr(buf, ')');
            int ppid = 0;
            if (!rp || sscanf(rp + 2, "%*c %d", &ppid) != 1)
                break;
            p = ppid;
        }
        if (!in_tree)
            continue;
        char path[64], line[256];
        snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
        FILE *f = fopen(path, "r");
        while (f && fgets(line, sizeof line, f)) {
            long kib;
            if (sscanf(line, "Private_Clean: %ld kB", &kib) == 1 ||
                sscanf(line, "Private_Dirty: %ld kB", &kib) == 1)
                total += kib;
        }
        if (f)
            fclose(f);
        if (getenv("ITEST_MEM_VERBOSE"))
            fprintf(stderr, "pid %d: total so far %ld KiB\n", pid, total);
    }
    if (d)
        closedir(d);
    return total;
}

static gboolean measure_later(gpointer call)
{
    if (getenv("ITEST_TRIM"))
        malloc_trim(0);
    sash_resolve(call, json_pack("{s:I}", "uss_kib",
                                 (json_int_t)tree_uss_kib((int)getpid())));
    return G_SOURCE_REMOVE;
}

/* Measures the tree after a quiet second (WebKitGTK 4.1 has no call to
 * force a JS collection; JSC collects on its own timers when idle). */
SASH_COMMAND_FLAGS(tree_memory, SASH_COMMAND_UI_THREAD)
{
    json_int_t wait = 1000;
    json_unpack((json_t *)args, "{s?I}", "wait_ms", &wait);
    g_timeout_add((guint)wait, measure_later, call);
}

static size_t million(void *ud)
{
    (void)ud;
    return 1000000;
}

static int million_rows(size_t from, size_t to, json_t *out, void *ud)
{
    (void)ud;
    for (size_t i = from; i < to; i++)
        json_array_append_new(out, json_pack("{s:I,s:o}", "id", (json_int_t)i,
                                             "name", json_sprintf("row %zu", i)));
    return 0;
}

void itest_bridge_register(sash_app *app)
{
    sash_rows_register(app, "big_rows", million, million_rows, NULL);
}
