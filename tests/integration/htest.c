/*
 * htest - hostile-page integration tests: the real WebKitGTK, with the
 * app's default security (CSP, deny by default).  `htest PAGE` loads
 * pages/PAGE.html; "hostile-denied" runs in a window labelled "untrusted"
 * that is granted almost nothing, "hostile-remote" is served over HTTP as
 * a dev server would.  Two tiny HTTP servers on 127.0.0.1 (a thread of
 * this process, gone with it) stand for the dev server and for a foreign
 * origin; the foreign one counts every request, which is how the tests
 * prove that a frame or a navigation never reached it.
 */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sash.h>

#include "harness.h"

SASH_EMBEDDED_ASSETS(htest_assets);
SASH_EMBEDDED_CONFIG(htest_config);

#define WATCHDOG_S 150

/* -- The two loopback servers -------------------------------------------- */

enum { DEV, FOREIGN };
static int listen_fd[2], port[2];
static pthread_mutex_t hits_lock = PTHREAD_MUTEX_INITIALIZER;
static json_t *hits; /* "path" -> count, foreign server only */

static const char frame_html[] =
    "<!doctype html><script>\n"
    "var h = window.webkit && webkit.messageHandlers && webkit.messageHandlers.sash;\n"
    "if (h) h.postMessage('{\"cmd\":\"echo\",\"args\":{\"from\":\"foreign\"}}')\n"
    "  .then(function (r) { fetch('/report?ipc=' + encodeURIComponent(r)); });\n"
    "else fetch('/report?noipc');\n"
    "</script>foreign page";

static void respond(int fd, const char *status, const char *extra,
                    const char *mime, const void *body, size_t len)
{
    char head[512];
    int n = snprintf(head, sizeof head, "HTTP/1.1 %s\r\nContent-Type: %s\r\n"
                     "Content-Length: %zu\r\nConnection: close\r\n%s\r\n",
                     status, mime, len, extra);
    harness_send_all(fd, head, (size_t)n);
    harness_send_all(fd, body, len);
}

static const sash_asset *find_asset(const char *path)
{
    for (size_t i = 0; i < htest_assets_count; i++)
        if (strcmp(htest_assets[i].path, path) == 0)
            return &htest_assets[i];
    return NULL;
}

/* Embedded files may be stored deflated: serve their bytes. */
static void serve_asset(int fd, const sash_asset *a)
{
    void *owned;
    const unsigned char *data = sash_asset_data(a, &owned);
    if (data)
        respond(fd, "200 OK", "", a->mime, data, a->size);
    else
        respond(fd, "500 Internal Server Error", "", "text/plain", "no", 2);
    free(owned);
}

static void serve(int which, int fd)
{
    char path[1024];
    harness_read_path(fd, path, sizeof path);
    if (which == FOREIGN) {
        char key[1024];
        snprintf(key, sizeof key, "%.*s", (int)strcspn(path, "?"), path);
        pthread_mutex_lock(&hits_lock);
        json_t *n = json_object_get(hits, key);
        json_object_set_new(hits, key, json_integer(json_integer_value(n) + 1));
        pthread_mutex_unlock(&hits_lock);
        respond(fd, "200 OK", "", "text/html", frame_html, sizeof frame_html - 1);
    } else if (strcmp(path, "/redirect-away") == 0) {
        char loc[128];
        snprintf(loc, sizeof loc, "Location: http://127.0.0.1:%d/landing.html\r\n",
                 port[FOREIGN]);
        respond(fd, "302 Found", loc, "text/plain", "", 0);
    } else {
        const sash_asset *a = find_asset(path);
        if (a)
            serve_asset(fd, a);
        else
            respond(fd, "404 Not Found", "", "text/plain", "no", 2);
    }
    close(fd);
}

/* One thread per connection: WebKit opens speculative connections that
 * send nothing, which must not hold up the real requests. */
static void *connection_thread(void *arg)
{
    intptr_t v = (intptr_t)arg;
    serve((int)(v & 1), (int)(v >> 1));
    return NULL;
}

static void *server_thread(void *arg)
{
    (void)arg;
    struct pollfd p[2] = {{listen_fd[DEV], POLLIN, 0},
                          {listen_fd[FOREIGN], POLLIN, 0}};
    for (;;) {
        if (poll(p, 2, -1) <= 0)
            continue;
        for (int i = 0; i < 2; i++) {
            if (!(p[i].revents & POLLIN))
                continue;
            int fd = accept(listen_fd[i], NULL, NULL);
            pthread_t t;
            if (fd >= 0 && pthread_create(&t, NULL, connection_thread,
                                          (void *)(((intptr_t)fd << 1) | i)) == 0)
                pthread_detach(t);
            else if (fd >= 0)
                close(fd);
        }
    }
    return NULL;
}

/* -- Commands ---------------------------------------------------------------- */

static sash_call *held[1024];
static int nheld;
static json_t *opened; /* URLs the open-URL handler received */

SASH_COMMAND(echo)
{
    sash_resolve(call, json_deep_copy(args));
}

SASH_COMMAND(echo_bytes)
{
    size_t len;
    const void *data = sash_call_bytes(call, &len);
    sash_resolve_bytes(call, (void *)data, len, NULL); /* copied */
}

/* The app process's resident and peak memory (KB), from /proc. */
SASH_COMMAND(app_memory)
{
    long rss = -1, hwm = -1;
    char line[256];
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f)) {
        sscanf(line, "VmRSS: %ld", &rss);
        sscanf(line, "VmHWM: %ld", &hwm);
    }
    if (f)
        fclose(f);
    sash_resolve(call, json_pack("{s:I,s:I}", "rss_kb", (json_int_t)rss,
                                 "hwm_kb", (json_int_t)hwm));
}

SASH_COMMAND(greet)
{
    sash_resolve(call, json_string("hello"));
}

/* Registered but granted to no window: the page must never reach them. */
SASH_COMMAND(secret) { sash_resolve(call, json_string("the secret")); }
SASH_COMMAND(delete_everything) { sash_resolve(call, json_string("deleted")); }

/* Completes later (on emit('release')): keeps calls in flight. */
SASH_COMMAND_FLAGS(hold, SASH_COMMAND_UI_THREAD)
{
    if (nheld < 1024)
        held[nheld++] = call;
    else
        sash_reject(call, "test", "too many held");
}

static void on_release(sash_app *app, const char *label, const char *name,
                       const json_t *payload, void *ud)
{
    (void)app, (void)label, (void)name, (void)payload, (void)ud;
    for (int i = 0; i < nheld; i++)
        sash_resolve(held[i], json_integer(i));
    nheld = 0;
}

SASH_COMMAND(server_info)
{
    char foreign[64];
    snprintf(foreign, sizeof foreign, "http://127.0.0.1:%d", port[FOREIGN]);
    pthread_mutex_lock(&hits_lock);
    json_t *h = json_deep_copy(hits);
    pthread_mutex_unlock(&hits_lock);
    sash_resolve(call, json_pack("{s:s,s:o}", "foreign", foreign, "hits", h));
}

/* Runs a script as the app does (evaluate_javascript), which WebKit treats
 * as a user gesture: the way to test what a real click does. */
SASH_COMMAND_FLAGS(gesture, SASH_COMMAND_UI_THREAD)
{
    const char *js = json_string_value(json_object_get(args, "js"));
    sash_window *w = sash_app_get_window(sash_call_app(call),
                                         sash_call_window_label(call));
    int rc = js ? sash_window_eval(w, js) : SASH_EINVAL;
    if (rc == 0)
        sash_resolve(call, NULL);
    else
        sash_reject(call, SASH_CODE_BAD_ARGS, "gesture: %s", sash_strerror(rc));
}

static void on_open_url(sash_app *app, const char *label, const char *url,
                        void *ud)
{
    (void)app, (void)ud;
    json_array_append_new(opened, json_pack("{s:s,s:s}", "window", label,
                                            "url", url));
}

SASH_COMMAND_FLAGS(external_log, SASH_COMMAND_UI_THREAD)
{
    sash_resolve(call, json_deep_copy(opened));
}

/* -- Sandbox: is the web process in other namespaces than ours? ----------- */

/* How many PID namespaces deep the process is, from the NSpid line of
 * its status (readable without ptrace rights, unlike /proc/PID/ns). */
static int pid_ns_depth(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    int depth = -1;
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, "NSpid:", 6) != 0)
            continue;
        depth = 0;
        for (char *p = strtok(line + 6, " \t\n"); p; p = strtok(NULL, " \t\n"))
            depth++;
    }
    if (f)
        fclose(f);
    return depth;
}

static int is_web_process(int pid)
{
    char path[64], comm[64] = "";
    snprintf(path, sizeof path, "/proc/%d/comm", pid);
    FILE *f = fopen(path, "r");
    if (f) {
        if (!fgets(comm, sizeof comm, f))
            comm[0] = '\0';
        fclose(f);
    }
    return strncmp(comm, "WebKitWebProces", 15) == 0; /* comm is cut at 15 */
}

/* The first WebKitWebProcess among our descendants. */
static pid_t web_process(void)
{
    pid_t best = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && !best && (e = readdir(d))) {
        int pid = atoi(e->d_name);
        if (pid <= 0 || !is_web_process(pid))
            continue;
        /* Walk up: it must descend from us (parallel tests run others). */
        for (int q = pid, depth = 0; q > 1 && depth < 8; depth++) {
            char path[64];
            snprintf(path, sizeof path, "/proc/%d/stat", q);
            FILE *f = fopen(path, "r");
            int ppid = 0;
            if (!f || fscanf(f, "%*d %*s %*c %d", &ppid) != 1)
                ppid = 0;
            if (f)
                fclose(f);
            if (ppid == getpid()) {
                best = pid;
                break;
            }
            q = ppid;
        }
    }
    if (d)
        closedir(d);
    return best;
}

SASH_COMMAND(sandbox_status)
{
    /* Expect the sandbox exactly when bubblewrap really works here. */
    int works = access("/usr/bin/bwrap", X_OK) == 0 &&
                system("bwrap --ro-bind / / --unshare-all --die-with-parent "
                       "true >/dev/null 2>&1") == 0 &&
                system("command -v xdg-dbus-proxy >/dev/null 2>&1") == 0 &&
                !getenv("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS");
    pid_t pid = web_process();
    sash_resolve(call, json_pack("{s:b,s:i,s:i,s:i}", "expected", works,
                                 "pid", (int)pid, "ours", pid_ns_depth(getpid()),
                                 "theirs", pid ? pid_ns_depth(pid) : -1));
}

SASH_COMMAND_FLAGS(__report, SASH_COMMAND_UI_THREAD)
{
    harness_report(call, args, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: htest PAGE\n");
        return 2;
    }
    const char *page = argv[1];
    pthread_t t;
    harness_watchdog("htest", WATCHDOG_S);
    hits = json_object();
    opened = json_array();
    if ((listen_fd[DEV] = harness_listen(&port[DEV])) < 0 ||
        (listen_fd[FOREIGN] = harness_listen(&port[FOREIGN])) < 0) {
        perror("htest: loopback server");
        return 1;
    }
    pthread_create(&t, NULL, server_thread, NULL);

    char dev[64];
    snprintf(dev, sizeof dev, "http://127.0.0.1:%d", port[DEV]);
    int remote = strcmp(page, "hostile-remote") == 0;
    sash_app_options o = {.config_json = htest_config,
                          .assets = htest_assets,
                          .asset_count = htest_assets_count,
                          .dev_url = remote ? dev : NULL};
    unsetenv("SASH_DEV_URL");
    sash_app *app = sash_app_new(&o);
    if (!app)
        return 1;
    sash_listen(app, "release", on_release, NULL, NULL);
    sash_app_on_open_url(app, on_open_url, NULL);
    char path[256];
    snprintf(path, sizeof path, "/%s.html", page);
    int untrusted = strcmp(page, "hostile-denied") == 0;
    sash_window_options wo = {.label = untrusted ? "untrusted" : "main",
                              .title = page, .path = path};
    if (!sash_window_new(app, &wo))
        return 1;
    int code = sash_app_run(app);
    sash_app_free(app);
    return code;
}
