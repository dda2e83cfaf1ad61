/*
 * log.c - the log plugin: one sink for Sash's own messages, sash_log()
 * from C and log:write from the page (JS log.info() ...): stderr and a
 * file in the XDG state folder ($XDG_STATE_HOME/<id>/logs), rotated by
 * size (name.log -> name.log.1 -> ... -> name.log.<keep>).
 * docs/plugins/log.md.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sash_plugins.h>

#include "log_internal.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *file;
static char *path;
static long max_bytes = 1L << 20;
static int keep = 3;
static int to_stderr = 1;
static sash_log_level min_level = SASH_LOG_INFO;
static int installed;

static const char *const level_names[] = {"error", "warning", "info", "debug"};

int sash__log_level_parse(const char *s)
{
    if (!s)
        return -1;
    if (strcmp(s, "error") == 0) return SASH_LOG_ERROR;
    if (strcmp(s, "warn") == 0 || strcmp(s, "warning") == 0) return SASH_LOG_WARNING;
    if (strcmp(s, "info") == 0) return SASH_LOG_INFO;
    if (strcmp(s, "debug") == 0 || strcmp(s, "trace") == 0) return SASH_LOG_DEBUG;
    return -1;
}

size_t sash__log_clean(char *dst, size_t size, const char *src, size_t len)
{
    /* One line per message: control characters (a newline could forge a
     * second entry) become spaces. */
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < size; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[o++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
    }
    if (size)
        dst[o] = '\0';
    return o;
}

/* With the lock held. */
static void rotate_locked(void)
{
    if (!file || !path)
        return;
    fclose(file);
    file = NULL;
    size_t n = strlen(path) + 16;
    char *from = malloc(n), *to = malloc(n);
    if (from && to) {
        for (int i = keep; i >= 1; i--) {
            snprintf(to, n, "%s.%d", path, i);
            if (i == 1)
                snprintf(from, n, "%s", path);
            else
                snprintf(from, n, "%s.%d", path, i - 1);
            rename(from, to); /* a missing one is fine */
        }
    }
    free(from);
    free(to);
    file = fopen(path, "a");
}

static void sink(sash_log_level level, const char *message, void *ud)
{
    (void)ud;
    if ((int)level > (int)min_level)
        return;
    char clean[1100];
    sash__log_clean(clean, sizeof clean, message, strlen(message));
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char when[40];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    const char *name = level_names[(int)level & 3];
    pthread_mutex_lock(&lock);
    if (to_stderr)
        fprintf(stderr, "%s: %s\n", name, clean);
    if (file) {
        fprintf(file, "%s.%03ldZ %s %s\n", when, ts.tv_nsec / 1000000L, name, clean);
        fflush(file);
        if (ftell(file) > max_bytes)
            rotate_locked();
    }
    pthread_mutex_unlock(&lock);
}

/* {level, message}: the page's log line, with the window's label. */
static void log_write(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    int level = sash__log_level_parse(json_string_value(json_object_get(args, "level")));
    json_t *m = json_object_get(args, "message");
    if (level < 0 || !json_is_string(m)) {
        sash_reject(call, SASH_CODE_BAD_ARGS,
                    "log:write takes {level: 'error'|'warn'|'info'|'debug'|'trace', message: string}");
        return;
    }
    char clean[1024];
    sash__log_clean(clean, sizeof clean, json_string_value(m), json_string_length(m));
    sash_log((sash_log_level)level, "[%s] %s", sash_call_window_label(call), clean);
    sash_resolve(call, NULL);
}

static void log_file_path(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    pthread_mutex_lock(&lock);
    json_t *p = path ? json_string(path) : json_null();
    pthread_mutex_unlock(&lock);
    sash_resolve(call, p);
}

static void log_free(sash_app *app, void *ud)
{
    (void)app;
    (void)ud;
    sash_set_log_fn(NULL, NULL);
    pthread_mutex_lock(&lock);
    if (file)
        fclose(file);
    file = NULL;
    free(path);
    path = NULL;
    installed = 0;
    pthread_mutex_unlock(&lock);
}

static int mkdir_p(const char *dir)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || !*p) {
            char c = *p;
            *p = '\0';
            if (mkdir(buf, 0700) != 0 && errno != EEXIST)
                return -1;
            *p = c;
            if (!c)
                return 0;
        }
    }
}

static const sash_command_def defs[] = {
    {"log:write", log_write, 0},
    {"log:file_path", log_file_path, 0},
};

int sash_plugin_log(sash_app *app, const sash_log_options *o)
{
    if (!app)
        return SASH_EINVAL;
    if (installed)
        return SASH_EEXIST;
    max_bytes = o && o->max_bytes > 0 ? o->max_bytes : 1L << 20;
    keep = o && o->keep > 0 ? o->keep : 3;
    to_stderr = !(o && o->no_stderr);
    min_level = o && o->level_set ? o->level : SASH_LOG_INFO;
    if (o && o->file_name && (strchr(o->file_name, '/') || !*o->file_name ||
                              o->file_name[0] == '.'))
        return SASH_EINVAL;
    char dir[4096];
    int n = sash_app_folder(app, SASH_FOLDER_APP_LOG, dir, sizeof dir);
    if (n < 0 || n >= (int)sizeof dir)
        return n < 0 ? n : SASH_EINVAL;
    char name[300];
    snprintf(name, sizeof name, "%s", o && o->file_name ? o->file_name : "");
    if (!name[0])
        snprintf(name, sizeof name, "%.250s.log", sash_app_identifier(app));
    size_t pl = strlen(dir) + strlen(name) + 2;
    pthread_mutex_lock(&lock);
    path = malloc(pl);
    if (path)
        snprintf(path, pl, "%s/%s", dir, name);
    if (path && mkdir_p(dir) == 0)
        file = fopen(path, "a");
    pthread_mutex_unlock(&lock);
    if (!path)
        return SASH_ENOMEM;
    const sash_command_def *p[] = {&defs[0], &defs[1]};
    int rc = sash_commands_add(app, p, 2);
    static const char *const names[] = {"log:write", "log:file_path", NULL};
    if (rc == 0)
        rc = sash_permission_define(app, "log:default", names);
    if (rc == 0)
        rc = sash_app_on_free(app, log_free, NULL);
    if (rc) {
        log_free(app, NULL);
        return rc;
    }
    installed = 1;
    sash_set_log_fn(sink, NULL);
    if (!file)
        sash_log(SASH_LOG_WARNING, "log: cannot open '%s' (%s): logging to stderr only",
                 path, strerror(errno));
    return 0;
}
