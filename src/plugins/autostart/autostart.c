/*
 * autostart.c - the autostart plugin: an XDG autostart entry
 * ($XDG_CONFIG_HOME/autostart/<identifier>.desktop) starts the app when
 * the user logs in.  docs/plugins/autostart.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sash_plugins.h>

#include "autostart_internal.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *exec_line; /* the Exec= value, quoted */
static char *entry_name;

size_t sash__autostart_quote(const char *arg, char *out, size_t size)
{
    /* Desktop Entry spec: an argument with reserved characters is put in
     * double quotes, inside which ", `, $ and \ are escaped by \; '%' is
     * doubled (field codes).  Then the .desktop string escapes ('\\')
     * double the backslashes again. */
    size_t o = 0;
#define PUT(c) do { if (o + 1 < size) out[o] = (c); o++; } while (0)
    int quote = !*arg || strpbrk(arg, " \t\n\"'\\><~|&;$*?#()`=%") != NULL;
    if (quote)
        PUT('"');
    for (const char *p = arg; *p; p++) {
        char c = *p;
        if (c == '\n' || c == '\r') /* one line per key */
            c = ' ';
        if (quote && (c == '"' || c == '`' || c == '$')) {
            PUT('\\');
            PUT('\\');
        } else if (c == '\\') {
            PUT('\\');
            PUT('\\');
            if (quote) {
                PUT('\\');
                PUT('\\');
            }
            continue;
        } else if (c == '%') {
            PUT('%');
        }
        PUT(c);
    }
    if (quote)
        PUT('"');
#undef PUT
    if (size)
        out[o < size ? o : size - 1] = '\0';
    return o;
}

/* $XDG_CONFIG_HOME/autostart/<id>.desktop (new string) or NULL. */
static char *entry_path(sash_app *app)
{
    char cfg[4096];
    int n = sash_app_folder(app, SASH_FOLDER_APP_CONFIG, cfg, sizeof cfg);
    if (n < 0 || n >= (int)sizeof cfg)
        return NULL;
    char *slash = strrchr(cfg, '/'); /* the app folder's parent */
    if (!slash)
        return NULL;
    *slash = '\0';
    const char *id = sash_app_identifier(app);
    size_t len = strlen(cfg) + strlen(id) + 32;
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%s/autostart/%s.desktop", cfg, id);
    return p;
}

static void autostart_enable(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    char *path = entry_path(sash_call_app(call));
    if (!path) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "autostart: no config folder ($HOME unset?)");
        return;
    }
    char *dir = strdup(path);
    *strrchr(dir, '/') = '\0';
    mkdir(dir, 0700); /* ~/.config exists on a desktop; autostart may not */
    char *parent = strdup(dir);
    *strrchr(parent, '/') = '\0';
    mkdir(parent, 0700);
    mkdir(dir, 0700);
    free(parent);
    pthread_mutex_lock(&lock);
    char text[9000];
    int n = snprintf(text, sizeof text,
                     "[Desktop Entry]\nType=Application\nName=%s\nExec=%s\n"
                     "X-GNOME-Autostart-enabled=true\nX-Sash-App=%s\n",
                     entry_name, exec_line, sash_app_identifier(sash_call_app(call)));
    pthread_mutex_unlock(&lock);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path);
    int fd = n > 0 && n < (int)sizeof text ? mkostemp(tmp, O_CLOEXEC) : -1;
    int e = fd < 0 ? (errno ? errno : EINVAL) : 0;
    if (!e && write(fd, text, (size_t)n) != n)
        e = errno ? errno : EIO;
    if (fd >= 0 && !e && fchmod(fd, 0644) != 0)
        e = errno;
    if (fd >= 0 && close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e) {
        if (fd >= 0)
            unlink(tmp);
        sash_reject(call, "io_error", "autostart: writing '%s': %s", path, strerror(e));
    } else {
        sash_resolve(call, json_string(path));
    }
    free(dir);
    free(path);
}

static void autostart_disable(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    char *path = entry_path(sash_call_app(call));
    if (!path) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "autostart: no config folder ($HOME unset?)");
        return;
    }
    if (unlink(path) != 0 && errno != ENOENT)
        sash_reject(call, "io_error", "autostart: removing '%s': %s", path, strerror(errno));
    else
        sash_resolve(call, NULL);
    free(path);
}

int sash__autostart_entry_enabled(const char *text)
{
    /* Present, and not switched off by Hidden=true or
     * X-GNOME-Autostart-enabled=false (the user's session settings). */
    if (!text)
        return 0;
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        if ((n == 11 && strncmp(p, "Hidden=true", 11) == 0) ||
            (n == 31 && strncmp(p, "X-GNOME-Autostart-enabled=false", 31) == 0))
            return 0;
        p += n;
        if (*p)
            p++;
    }
    return 1;
}

static void autostart_is_enabled(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    char *path = entry_path(sash_call_app(call));
    FILE *f = path ? fopen(path, "r") : NULL;
    free(path);
    if (!f) {
        sash_resolve(call, json_false());
        return;
    }
    char text[9000];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    sash_resolve(call, json_boolean(sash__autostart_entry_enabled(text)));
}

static void autostart_free(sash_app *app, void *ud)
{
    (void)app;
    (void)ud;
    pthread_mutex_lock(&lock);
    free(exec_line);
    free(entry_name);
    exec_line = entry_name = NULL;
    pthread_mutex_unlock(&lock);
}

static const sash_command_def defs[] = {
    {"autostart:enable", autostart_enable, 0},
    {"autostart:disable", autostart_disable, 0},
    {"autostart:is_enabled", autostart_is_enabled, 0},
};

int sash_plugin_autostart(sash_app *app, const sash_autostart_options *o)
{
    if (!app)
        return SASH_EINVAL;
    if (exec_line)
        return SASH_EEXIST;
    char self[PATH_MAX];
    const char *exe = o && o->exec ? o->exec : NULL;
    char quoted[8192];
    if (!exe) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0)
            return SASH_ENOENT;
        self[n] = '\0';
        sash__autostart_quote(self, quoted, sizeof quoted);
        exe = quoted;
    } /* options->exec is a command line the app wrote: used as is */
    const char *name = o && o->name ? o->name : sash_app_identifier(app);
    char clean[512];
    snprintf(clean, sizeof clean, "%s", name);
    for (char *c = clean; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    pthread_mutex_lock(&lock);
    exec_line = strdup(exe);
    entry_name = strdup(clean);
    int oom = !exec_line || !entry_name;
    pthread_mutex_unlock(&lock);
    if (oom) {
        autostart_free(app, NULL);
        return SASH_ENOMEM;
    }
    const sash_command_def *p[] = {&defs[0], &defs[1], &defs[2]};
    int rc = sash_commands_add(app, p, 3);
    static const char *const names[] = {"autostart:enable", "autostart:disable",
                                        "autostart:is_enabled", NULL};
    if (rc == 0)
        rc = sash_permission_define(app, "autostart:default", names);
    if (rc == 0)
        rc = sash_app_on_free(app, autostart_free, NULL);
    return rc;
}
