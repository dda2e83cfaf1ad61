/* hotswap.c - sash dev's side of the hot swap (issue 16): the dev build in
 * hot-swap mode (a host from src-c/main.c, a module from the other
 * src-c files: cmake/SashApp.cmake), building the module alone with
 * its compiler output captured, and the control socket to the host
 * (src/core/dev/hotswap.c reads it). */
#include <errno.h>
#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"

int cli_hot_sources(const char *root)
{
    char dir[CLI_PATH_MAX];
    if (cli_join(dir, sizeof dir, root, "src-c") != 0)
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        found = e->d_name[0] != '.' && n > 2 && !strcmp(e->d_name + n - 2, ".c") &&
                strcmp(e->d_name, "main.c") != 0;
    }
    closedir(d);
    return found;
}

int cli_hot_uses_sash_app(const char *root)
{
    char path[CLI_PATH_MAX];
    if (cli_join(path, sizeof path, root, "CMakeLists.txt") != 0)
        return 0;
    char *text = cli_read_file(path, NULL);
    int yes = text && strstr(text, "sash_app(") != NULL;
    free(text);
    return yes;
}

int cli_hot_configure(const cli_app *app, int hot)
{
    char bdir[CLI_PATH_MAX], prefix_def[CLI_PATH_MAX + 32], dist_def[CLI_PATH_MAX + 32];
    if (cli_join(bdir, sizeof bdir, app->root, "build/dev") != 0)
        return -1;
    snprintf(prefix_def, sizeof prefix_def, "-DCMAKE_PREFIX_PATH=%s", cli_prefix());
    snprintf(dist_def, sizeof dist_def, "-DSASH_FRONTEND_DIST=%s", app->frontend_dist);
    /* A new build folder gets Ninja when it is there: its no-op check is
     * ~0.1 s against make's ~0.5 s, which is most of a swap's wait.  An
     * existing folder keeps its generator. */
    char cache[CLI_PATH_MAX];
    int ninja = cli_join(cache, sizeof cache, bdir, "CMakeCache.txt") == 0 &&
                !cli_exists(cache) && cli_which("ninja", NULL, 0);
    char *configure[] = {"cmake", "--no-warn-unused-cli", "-S", (char *)app->root,
                         "-B", bdir, prefix_def, dist_def,
                         "-DCMAKE_BUILD_TYPE=Debug", "-DSASH_EMBED_FRONTEND=OFF",
                         hot ? "-DSASH_DEV_HOTSWAP=ON" : "-DSASH_DEV_HOTSWAP=OFF",
                         ninja ? "-G" : NULL, "Ninja", NULL};
    if (cli_run(configure, NULL, 1) != 0) {
        fprintf(stderr, "sash: cmake could not configure %s\n", app->root);
        return -1;
    }
    return 0;
}

int cli_hot_module(const cli_app *app, char *module, size_t msize, char *target,
                   size_t tsize)
{
    char path[CLI_PATH_MAX];
    module[0] = target[0] = '\0';
    if (cli_join(path, sizeof path, app->root, "build/dev/sash-module-path.txt") != 0)
        return -1;
    char *text = cli_read_file(path, NULL);
    if (!text)
        return -1;
    char *nl = strchr(text, '\n');
    int rc = -1;
    if (nl && nl > text) {
        *nl = '\0';
        char *t = nl + 1;
        t[strcspn(t, "\r\n")] = '\0';
        if (*t) {
            snprintf(module, msize, "%s", text);
            snprintf(target, tsize, "%s", t);
            rc = 0;
        }
    }
    free(text);
    return rc;
}

char *cli_hot_build(const cli_app *app, const char *target, int *status)
{
    char bdir[CLI_PATH_MAX];
    *status = -1;
    if (cli_join(bdir, sizeof bdir, app->root, "build/dev") != 0)
        return NULL;
    int fds[2];
    if (pipe(fds) != 0)
        return NULL;
    char *argv[] = {"cmake", "--build", bdir, "-j", "2", target ? "--target" : NULL,
                    (char *)target, NULL};
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        setpgid(0, 0);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        int in = open("/dev/null", O_RDONLY);
        if (in >= 0) {
            dup2(in, 0);
            close(in);
        }
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    setpgid(pid, pid);
    close(fds[1]);
    cli_fg_child = pid;
    size_t len = 0, cap = 8192;
    char *out = malloc(cap);
    char buf[4096];
    ssize_t got;
    while ((got = read(fds[0], buf, sizeof buf)) > 0 || (got < 0 && errno == EINTR)) {
        if (got <= 0)
            continue;
        if (out && len + (size_t)got + 1 > cap) {
            char *o = realloc(out, cap * 2 + (size_t)got);
            if (!o) {
                free(out);
                out = NULL;
            } else {
                out = o;
                cap = cap * 2 + (size_t)got;
            }
        }
        if (out) {
            memcpy(out + len, buf, (size_t)got);
            len += (size_t)got;
        }
    }
    close(fds[0]);
    *status = cli_wait(pid);
    cli_fg_child = 0;
    if (out)
        out[len] = '\0';
    return out;
}

/* The compiler's lines from a failed build's output (make's and cmake's
 * own lines dropped), at most ~6 KB: what the overlay shows. */
static char *compiler_lines(const char *out)
{
    size_t cap = 6144, n = 0;
    char *r = malloc(cap + 1);
    if (!r)
        return NULL;
    for (const char *p = out; *p && n < cap;) {
        const char *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        int noise = !strncmp(p, "make", 4) || !strncmp(p, "gmake", 5) ||
                    !strncmp(p, "[", 1) || !strncmp(p, "ninja", 5) ||
                    !strncmp(p, "Consolidate", 11) || !strncmp(p, "FAILED:", 7) ||
                    l == 0;
        if (!noise) { /* the compiler's command line (Ninja prints it) */
            char line[512];
            snprintf(line, sizeof line, "%.*s", (int)(l < 511 ? l : 511), p);
            noise = strstr(line, " -c ") && strstr(line, " -o ");
        }
        if (!noise) {
            if (n + l + 1 > cap)
                l = cap - n - 1;
            memcpy(r + n, p, l);
            n += l;
            r[n++] = '\n';
        }
        p = e ? e + 1 : p + l;
    }
    r[n] = '\0';
    return r;
}

int cli_hot_send_error(int fd, const char *build_output)
{
    char *lines = compiler_lines(build_output ? build_output : "");
    json_t *s = lines ? json_string(lines) : NULL;
    if (!s) /* not UTF-8 */
        s = json_string("the build failed (its output is not UTF-8; see the terminal)");
    free(lines);
    char *lit = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
    json_decref(s);
    if (!lit)
        return -1;
    size_t n = strlen(lit) + 8;
    char *line = malloc(n);
    int rc = -1;
    if (line) {
        snprintf(line, n, "error %s\n", lit);
        rc = send(fd, line, strlen(line), MSG_NOSIGNAL) == (ssize_t)strlen(line) ? 0 : -1;
        free(line);
    }
    free(lit);
    return rc;
}

/* Sends `line` (ending in a newline) and reads one answer line. */
static int request(int fd, const char *line, char *answer, size_t size, int timeout_ms)
{
    answer[0] = '\0';
    size_t n = strlen(line);
    if (send(fd, line, n, MSG_NOSIGNAL) != (ssize_t)n) {
        snprintf(answer, size, "failed the app does not listen (%s)", strerror(errno));
        return -1;
    }
    size_t len = 0;
    long long until = cli_now_ms() + timeout_ms;
    for (;;) {
        long long left = until - cli_now_ms();
        if (left <= 0) {
            snprintf(answer, size, "failed no answer from the app in %d s", timeout_ms / 1000);
            return -1;
        }
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, (int)(left > 1000 ? 1000 : left));
        if (r < 0 && errno != EINTR)
            return -1;
        if (r <= 0)
            continue;
        char c;
        ssize_t got = recv(fd, &c, 1, 0);
        if (got <= 0) {
            snprintf(answer, size, "failed the app closed its control socket");
            return -1;
        }
        if (c == '\n')
            break;
        if (len + 1 < size) {
            answer[len++] = c;
            answer[len] = '\0';
        }
    }
    return strncmp(answer, "failed", 6) == 0 ? -1 : 0;
}

int cli_hot_swap(int fd, const char *module, char *answer, size_t size, int timeout_ms)
{
    char line[CLI_PATH_MAX + 16];
    int n = snprintf(line, sizeof line, "swap %s\n", module);
    if (n <= 0 || (size_t)n >= sizeof line) {
        snprintf(answer, size, "failed the module's path is too long");
        return -1;
    }
    return request(fd, line, answer, size, timeout_ms);
}

int cli_hot_config_only(const char *before, const char *after)
{
    json_t *a = json_loads(before, 0, NULL), *b = json_loads(after, 0, NULL);
    int rc = -1;
    if (a && b) {
        json_t *ca = json_object_get(json_object_get(a, "security"), "capabilities");
        json_t *cb = json_object_get(json_object_get(b, "security"), "capabilities");
        int caps_same = json_equal(ca, cb) || (!ca && !cb);
        json_incref(ca);
        json_incref(cb);
        json_object_del(json_object_get(a, "security"), "capabilities");
        json_object_del(json_object_get(b, "security"), "capabilities");
        if (json_equal(a, b))
            rc = caps_same ? 0 : 1;
        json_decref(ca);
        json_decref(cb);
    }
    json_decref(a);
    json_decref(b);
    return rc;
}

int cli_hot_send_config(int fd, const char *text, char *answer, size_t size)
{
    json_t *s = json_string(text);
    char *lit = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
    json_decref(s);
    if (!lit) {
        snprintf(answer, size, "failed sash.json is not UTF-8");
        return -1;
    }
    size_t n = strlen(lit) + 10;
    char *line = malloc(n);
    int rc = -1;
    if (line) {
        snprintf(line, n, "config %s\n", lit);
        rc = request(fd, line, answer, size, 10000);
        free(line);
    }
    free(lit);
    return rc;
}

int cli_hot_pair(int *parent, int *child)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return -1;
    fcntl(sv[0], F_SETFD, FD_CLOEXEC); /* the app inherits only its end */
    *parent = sv[0];
    *child = sv[1];
    return 0;
}

long long cli_mtime_ns(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    return (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}
