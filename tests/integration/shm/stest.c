/*
 * stest - the shared-memory bytes path on the real engine: `stest PAGE`
 * loads shm/pages/PAGE.html, whose tests report through invoke('__report')
 * as itest's do.  Commands here tell the page where its bytes arrived (a
 * memfd mapping or the heap), count the pool's buffers and the mappings of
 * the app and its web processes, and return the log lines Sash wrote.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sash.h>

#include "../harness.h"

SASH_EMBEDDED_ASSETS(stest_assets);
SASH_EMBEDDED_CONFIG(stest_config);

/* Internal (linked statically): the pool's buffers and their bytes. */
void sash__shm_counts(size_t *buffers, size_t *bytes);

#define WATCHDOG_S 120

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char log_text[8192];

static void on_log(sash_log_level level, const char *message, void *ud)
{
    (void)ud;
    (void)level;
    fprintf(stderr, "sash: %s\n", message);
    pthread_mutex_lock(&log_lock);
    size_t n = strlen(log_text);
    if (n + strlen(message) + 2 < sizeof log_text)
        snprintf(log_text + n, sizeof log_text - n, "%s\n", message);
    pthread_mutex_unlock(&log_lock);
}

static uint64_t fnv(const unsigned char *b, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

/* The name of the mapping holding `p` in /proc/self/maps ("" for none). */
static void mapping_of(const void *p, char *out, size_t size)
{
    out[0] = 0;
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return;
    char line[512];
    uintptr_t a = (uintptr_t)p;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char name[256] = "";
        if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %255[^\n]", &lo, &hi, name) >= 2 &&
            a >= lo && a < hi) {
            snprintf(out, size, "%s", name);
            break;
        }
    }
    fclose(f);
}

/* Echo: the bytes back, copied by Sash (free_fn NULL). */
SASH_COMMAND(shm_echo)
{
    size_t len;
    const void *b = sash_call_bytes(call, &len);
    sash_resolve_bytes(call, (void *)b, len, NULL);
}

/* Echo through sash_bytes_alloc(): C side copies into shared memory once
 * (here, from the request) and Sash sends that buffer as it is. */
SASH_COMMAND(shm_echo_alloc)
{
    size_t len;
    const void *b = sash_call_bytes(call, &len);
    void *out = sash_bytes_alloc(sash_call_app(call), len);
    if (!out) {
        sash_reject(call, SASH_CODE_INTERNAL, "sash_bytes_alloc failed");
        return;
    }
    if (len)
        memcpy(out, b, len);
    sash_resolve_bytes(call, out, len, sash_bytes_free);
}

/* {len, hash, mapping} of the request's bytes. */
SASH_COMMAND(shm_hash)
{
    size_t len;
    const unsigned char *b = sash_call_bytes(call, &len);
    char where[256];
    mapping_of(b, where, sizeof where);
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)fnv(b, len));
    sash_resolve(call, json_pack("{s:I,s:s,s:s}", "len", (json_int_t)len, "hash",
                                 hex, "mapping", where));
}

/* n bytes of pattern (i * 7 + seed) & 255, from sash_bytes_alloc(). */
SASH_COMMAND(shm_make)
{
    json_int_t n = 0, seed = 0;
    json_unpack((json_t *)args, "{s:I,s?I}", "n", &n, "seed", &seed);
    unsigned char *b = sash_bytes_alloc(sash_call_app(call), (size_t)n);
    if (!b) {
        const char *why = "";
        sash_last_error(&why);
        sash_reject(call, SASH_CODE_TOO_LARGE, "%s", why);
        return;
    }
    for (json_int_t i = 0; i < n; i++)
        b[i] = (unsigned char)((i * 7 + seed) & 255);
    sash_resolve_bytes(call, b, (size_t)n, sash_bytes_free);
}

/* k messages of n bytes each on args.ch, then the channel ends. */
SASH_COMMAND(shm_stream)
{
    json_int_t n = 0, k = 0;
    json_unpack((json_t *)args, "{s:I,s:I}", "n", &n, "k", &k);
    sash_channel *ch = sash_call_channel(call, "ch");
    if (!ch) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "no channel");
        return;
    }
    for (json_int_t j = 0; j < k; j++) {
        unsigned char *b = sash_bytes_alloc(sash_call_app(call), (size_t)n);
        for (json_int_t i = 0; b && i < n; i++)
            b[i] = (unsigned char)((i * 7 + j) & 255);
        if (!b || sash_channel_send_bytes(ch, b, (size_t)n, sash_bytes_free) != 0)
            break;
    }
    sash_channel_free(ch);
    sash_resolve(call, NULL);
}

/* Lines of a maps file, and how many of them map a memfd. */
static long count_lines(const char *path, long *memfds)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long n = 0;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        n++;
        if (memfds && strstr(line, "/memfd:"))
            (*memfds)++;
    }
    fclose(f);
    return n;
}

/* Descriptors of a process that name a Sash memfd ("memfd:sash-..."). */
static long count_fds(long pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/fd", pid);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    long n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        char p[340], t[256];
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        ssize_t k = readlink(p, t, sizeof t - 1);
        if (k > 0) {
            t[k] = 0;
            n += strstr(t, "memfd:sash") != NULL;
        }
    }
    closedir(d);
    return n;
}

static long parent_of(long pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    long ppid = -1;
    if (!p || sscanf(p + 2, "%*c %ld", &ppid) != 1)
        return -1;
    return ppid;
}

/* Mappings of this process and of its web processes (descendants whose
 * command is WebKitWebProcess). */
SASH_COMMAND(shm_maps)
{
    long self = (long)getpid(), web = 0, web_memfd = 0, app_memfd = 0, web_fds = 0;
    int webs = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        long pid = strtol(e->d_name, NULL, 10);
        if (pid <= 0)
            continue;
        char path[64], comm[64] = "";
        snprintf(path, sizeof path, "/proc/%ld/comm", pid);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        if (!fgets(comm, sizeof comm, f))
            comm[0] = 0;
        fclose(f);
        if (strncmp(comm, "WebKitWebProces", 15) != 0)
            continue;
        long p = pid;
        for (int i = 0; i < 8 && p > 1 && p != self; i++)
            p = parent_of(p);
        if (p != self)
            continue;
        snprintf(path, sizeof path, "/proc/%ld/maps", pid);
        long n = count_lines(path, &web_memfd);
        if (n > 0) {
            web += n;
            webs++;
            long fds = count_fds(pid);
            web_fds = fds < 0 || web_fds < 0 ? -1 : web_fds + fds;
        }
    }
    if (d)
        closedir(d);
    size_t bufs, bytes;
    sash__shm_counts(&bufs, &bytes);
    long app = count_lines("/proc/self/maps", &app_memfd);

    sash_resolve(call, json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:i,s:I,s:I}",
                                 "app", (json_int_t)app, "app_memfd",
                                 (json_int_t)app_memfd, "app_fds",
                                 (json_int_t)count_fds(self), "web", (json_int_t)web,
                                 "web_memfd", (json_int_t)web_memfd, "web_fds",
                                 (json_int_t)web_fds, "web_processes", webs, "pool",
                                 (json_int_t)bufs, "pool_bytes", (json_int_t)bytes));
}

/* Waits (up to args.ms) until Sash logged a line holding args.text. */
SASH_COMMAND(shm_wait_log)
{
    const char *text = getenv("STEST_EXPECT_LOG"); /* the run's own reason */
    json_int_t ms = 15000;
    if (!text)
        text = "shared-memory bytes off";
    json_unpack((json_t *)args, "{s?s,s?I}", "text", &text, "ms", &ms);
    int found = 0;
    struct timespec tick = {0, 10000000};
    for (json_int_t waited = 0; !found && waited <= ms; waited += 10) {
        pthread_mutex_lock(&log_lock);
        found = strstr(log_text, text) != NULL;
        pthread_mutex_unlock(&log_lock);
        if (!found)
            nanosleep(&tick, NULL);
    }
    pthread_mutex_lock(&log_lock);
    json_t *r = json_pack("{s:b,s:s}", "found", found, "log", log_text);
    pthread_mutex_unlock(&log_lock);
    sash_resolve(call, r);
}

/* A second window that takes big buffers and is closed while some are
 * in flight (close.html asks). */
SASH_COMMAND_FLAGS(shm_open_second, SASH_COMMAND_UI_THREAD)
{
    sash_window_options wo = {.label = "second", .title = "second",
                              .path = "/second.html"};
    sash_window *w = sash_window_new(sash_call_app(call), &wo);
    if (w)
        sash_resolve(call, NULL);
    else {
        const char *why = "";
        sash_last_error(&why);
        sash_reject(call, SASH_CODE_INTERNAL, "%s", why);
    }
}

SASH_COMMAND_FLAGS(shm_close_me, SASH_COMMAND_UI_THREAD)
{
    sash_app *app = sash_call_app(call);
    sash_window *w = sash_app_get_window(app, sash_call_window_label(call));
    sash_resolve(call, NULL);
    sash_window_close(w);
    sash_emit_to(app, "main", "second_closed", NULL);
}

SASH_COMMAND_FLAGS(__report, SASH_COMMAND_UI_THREAD)
{
    harness_report(call, args, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: stest PAGE\n");
        return 2;
    }
    harness_watchdog("stest", WATCHDOG_S);
    sash_set_log_fn(on_log, NULL);
    sash_app_options o = {.config_json = stest_config,
                          .assets = stest_assets,
                          .asset_count = stest_assets_count};
    sash_app *app = sash_app_new(&o);
    if (!app)
        return 1;
    char path[256];
    snprintf(path, sizeof path, "/%s.html", argv[1]);
    sash_window_options wo = {.label = "main", .title = argv[1], .path = path};
    if (!sash_window_new(app, &wo))
        return 1;
    int code = sash_app_run(app);
    sash_app_free(app);
    return code;
}
