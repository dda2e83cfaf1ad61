/*
 * ftest - per-frame origin under attack (docs/security.md "Frames"), the
 * real WebKitGTK with Sash's web extension.  `ftest MODE`:
 *   allowed  frames.html; a capability with "frames": "same-origin"
 *   denied   frames.html; no capability grants frames
 *   reload   frames-reload.html: a token stolen before a reload is refused
 *   noext    frames-noext.html, run with SASH_SHM=0: no extension, so the
 *            listed foreign origin stays blocked and one line says why
 * A loopback HTTP server (a thread of this process, gone with it) is the
 * foreign origin listed in security.frameOrigins; it serves the hostile
 * frame and counts requests.  The config is made here, with its port.
 */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sash.h>

#include "../harness.h"

SASH_EMBEDDED_ASSETS(ftest_assets);

#define WATCHDOG_S 100

static int listen_fd, port;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static json_t *hits;  /* foreign server: "path" -> count */
static json_t *logs;  /* warnings Sash logged */
static atomic_int probes; /* calls of `probe` that reached C */
static const char *mode;

static const sash_asset *find_asset(const char *path)
{
    for (size_t i = 0; i < ftest_assets_count; i++)
        if (strcmp(ftest_assets[i].path, path) == 0)
            return &ftest_assets[i];
    return NULL;
}

static void serve(int fd)
{
    char path[1024];
    harness_read_path(fd, path, sizeof path);
    path[strcspn(path, "?")] = '\0';
    pthread_mutex_lock(&lock);
    json_t *n = json_object_get(hits, path);
    json_object_set_new(hits, path, json_integer(json_integer_value(n) + 1));
    pthread_mutex_unlock(&lock);
    /* Only the hostile frame's files, served as a foreign site would. */
    const sash_asset *a = strncmp(path, "/foreign-", 9) == 0 ? find_asset(path) : NULL;
    void *owned = NULL;
    const unsigned char *data = a ? sash_asset_data(a, &owned) : NULL;
    char head[256];
    int len = snprintf(head, sizeof head, "HTTP/1.1 %s\r\nContent-Type: %s\r\n"
                       "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                       data ? "200 OK" : "404 Not Found",
                       data ? a->mime : "text/plain", data ? a->size : 0);
    harness_send_all(fd, head, (size_t)len);
    if (data)
        harness_send_all(fd, data, a->size);
    free(owned);
    close(fd);
}

static void *connection_thread(void *arg)
{
    serve((int)(intptr_t)arg);
    return NULL;
}

static void *server_thread(void *arg)
{
    (void)arg;
    for (;;) {
        int fd = accept(listen_fd, NULL, NULL);
        pthread_t t;
        if (fd >= 0 && pthread_create(&t, NULL, connection_thread,
                                      (void *)(intptr_t)fd) == 0)
            pthread_detach(t);
        else if (fd >= 0)
            close(fd);
    }
    return NULL;
}

static void on_log(sash_log_level level, const char *message, void *ud)
{
    (void)ud;
    /* Debug is on for the top-frame guard's line: keep only that one. */
    if (level == SASH_LOG_DEBUG && !strstr(message, "top frame"))
        return;
    fprintf(stderr, "sash: %s\n", message);
    pthread_mutex_lock(&lock);
    json_array_append_new(logs, json_string(message));
    pthread_mutex_unlock(&lock);
}

SASH_COMMAND(echo)
{
    sash_resolve(call, json_deep_copy(args));
}

/* Granted to frames: answers which bytes or arguments it got. */
SASH_COMMAND(frame_echo)
{
    size_t len = 0;
    const void *data = sash_call_bytes(call, &len);
    if (data && len == 3) { /* bytes back through the same path */
        sash_resolve_bytes(call, (void *)data, len, NULL);
        return;
    }
    sash_resolve(call, json_pack("{s:O?,s:I}", "args", args, "bytes",
                                 (json_int_t)(data ? len : 0)));
}

/* Granted to every frame and window: the foreign frame tries it by every
 * path, and this counts what got through (must stay 0). */
SASH_COMMAND(probe)
{
    atomic_fetch_add(&probes, 1);
    sash_resolve(call, json_string("reached"));
}

SASH_COMMAND(server_info)
{
    char foreign[64];
    snprintf(foreign, sizeof foreign, "http://127.0.0.1:%d", port);
    pthread_mutex_lock(&lock);
    json_t *h = json_deep_copy(hits), *l = json_deep_copy(logs);
    pthread_mutex_unlock(&lock);
    sash_resolve(call, json_pack("{s:s,s:s,s:o,s:o,s:i}", "mode", mode,
                                 "foreign", foreign, "hits", h, "logs", l,
                                 "probes", atomic_load(&probes)));
}

SASH_COMMAND_FLAGS(__report, SASH_COMMAND_UI_THREAD)
{
    harness_report(call, args, NULL); /* HARNESS_HOLD=1: stays up for a screenshot */
}

int main(int argc, char **argv)
{
    if (argc != 2 || (strcmp(argv[1], "allowed") && strcmp(argv[1], "denied") &&
                      strcmp(argv[1], "reload") && strcmp(argv[1], "noext"))) {
        fprintf(stderr, "usage: ftest allowed|denied|reload|noext\n");
        return 2;
    }
    mode = argv[1];
    harness_watchdog("ftest", WATCHDOG_S);
    hits = json_object();
    logs = json_array();
    sash_set_log_fn(on_log, NULL);
    if ((listen_fd = harness_listen(&port)) < 0) {
        perror("ftest: loopback server");
        return 1;
    }
    pthread_t t;
    pthread_create(&t, NULL, server_thread, NULL);

    /* "frames": "same-origin" only in mode allowed; probe is granted to
     * every frame, so only the frame check can stop the foreign frame. */
    char config[2048];
    int allowed = strcmp(mode, "allowed") == 0;
    snprintf(config, sizeof config,
             "{\"app\": {\"identifier\": \"dev.sash.ftest\", \"name\": \"ftest\"},"
             " \"security\": {\"frameOrigins\": [\"http://127.0.0.1:%d\"],"
             "  \"capabilities\": ["
             "   {\"identifier\": \"top\", \"windows\": [\"*\"],"
             "    \"permissions\": [\"__report\", \"echo\", \"server_info\"]},"
             "   {\"identifier\": \"framed\", \"windows\": [\"*\"],"
             "    \"frames\": \"%s\", \"permissions\": [\"frame_echo\", \"probe\"]}"
             "  ]}}", port, allowed ? "same-origin" : "top");
    sash_app_options o = {.config_json = config,
                          .assets = ftest_assets,
                          .asset_count = ftest_assets_count,
                          .debug = 1};
    unsetenv("SASH_DEV_URL");
    sash_app *app = sash_app_new(&o);
    if (!app)
        return 1;
    const char *page = strcmp(mode, "reload") == 0 ? "/frames-reload.html"
                       : strcmp(mode, "noext") == 0 ? "/frames-noext.html"
                                                    : "/frames.html";
    sash_window_options wo = {.label = "main", .title = mode, .path = page};
    if (!sash_window_new(app, &wo))
        return 1;
    int code = sash_app_run(app);
    sash_app_free(app);
    return code;
}
