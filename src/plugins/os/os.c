/*
 * os.c - the os plugin: platform facts (os:info) and the app's and user's
 * folders (os:folders).  Path helpers are pure JS (@sash/api/path).
 * docs/plugins/os.md.
 */
#define _DEFAULT_SOURCE
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <sash_plugins.h>

#include "os_internal.h"

size_t sash__os_locale_tag(const char *posix, char *out, size_t size)
{
    /* "en_US.UTF-8@euro" -> "en-US"; "C"/"POSIX"/empty -> "en-US". */
    if (size == 0)
        return 0;
    out[0] = '\0';
    if (!posix || !*posix || strcmp(posix, "C") == 0 || strcmp(posix, "POSIX") == 0 ||
        strncmp(posix, "C.", 2) == 0) {
        snprintf(out, size, "en-US");
        return strlen(out);
    }
    size_t o = 0;
    for (const char *p = posix; *p && *p != '.' && *p != '@' && o + 1 < size; p++) {
        char c = *p == '_' ? '-' : *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-'))
            break;
        out[o++] = c;
    }
    out[o] = '\0';
    if (o == 0)
        snprintf(out, size, "en-US");
    return strlen(out);
}

/* VERSION_ID / PRETTY_NAME / ID of /etc/os-release (or NULL). */
static json_t *os_release(const char *key)
{
    FILE *f = fopen("/etc/os-release", "r");
    if (!f)
        f = fopen("/usr/lib/os-release", "r");
    if (!f)
        return NULL;
    char line[512];
    size_t kl = strlen(key);
    json_t *v = NULL;
    while (!v && fgets(line, sizeof line, f)) {
        if (strncmp(line, key, kl) != 0 || line[kl] != '=')
            continue;
        char *s = line + kl + 1;
        s[strcspn(s, "\r\n")] = '\0';
        size_t n = strlen(s);
        if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
            s[n - 1] = '\0';
            s++;
        }
        v = json_string(s);
    }
    fclose(f);
    return v;
}

static void os_info(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    struct utsname u;
    json_t *o = json_object();
    json_object_set_new(o, "platform", json_string("linux"));
    json_object_set_new(o, "family", json_string("unix"));
    if (uname(&u) == 0) {
        json_object_set_new(o, "arch", json_string(u.machine));
        json_object_set_new(o, "kernelVersion", json_string(u.release));
    }
    json_t *v = os_release("VERSION_ID");
    json_object_set_new(o, "version", v ? v : json_string(uname(&u) == 0 ? u.release : ""));
    v = os_release("PRETTY_NAME");
    json_object_set_new(o, "name", v ? v : json_string("Linux"));
    v = os_release("ID");
    json_object_set_new(o, "distro", v ? v : json_null());
    const char *lc = getenv("LC_ALL");
    if (!lc || !*lc)
        lc = getenv("LC_MESSAGES");
    if (!lc || !*lc)
        lc = getenv("LANG");
    char tag[64];
    sash__os_locale_tag(lc, tag, sizeof tag);
    json_object_set_new(o, "locale", json_string(tag));
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) == 0) {
        json_t *h = json_string(host);
        json_object_set_new(o, "hostname", h ? h : json_null());
    }
    json_object_set_new(o, "appIdentifier", json_string(sash_app_identifier(sash_call_app(call))));
    json_object_set_new(o, "eol", json_string("\n"));
    json_object_set_new(o, "pathSeparator", json_string("/"));
    sash_resolve(call, o);
}

static void os_folders(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    static const struct { const char *key; sash_folder f; } map[] = {
        {"home", SASH_FOLDER_HOME},           {"appData", SASH_FOLDER_APP_DATA},
        {"appConfig", SASH_FOLDER_APP_CONFIG}, {"appCache", SASH_FOLDER_APP_CACHE},
        {"appLog", SASH_FOLDER_APP_LOG},       {"documents", SASH_FOLDER_DOCUMENTS},
        {"downloads", SASH_FOLDER_DOWNLOADS},  {"desktop", SASH_FOLDER_DESKTOP},
        {"pictures", SASH_FOLDER_PICTURES},    {"music", SASH_FOLDER_MUSIC},
        {"videos", SASH_FOLDER_VIDEOS},        {"temp", SASH_FOLDER_TEMP},
    };
    json_t *o = json_object();
    sash_app *app = sash_call_app(call);
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        char buf[4096];
        int n = sash_app_folder(app, map[i].f, buf, sizeof buf);
        json_t *v = n > 0 && n < (int)sizeof buf ? json_string(buf) : NULL;
        json_object_set_new(o, map[i].key, v ? v : json_null());
    }
    sash_resolve(call, o);
}

static const sash_command_def defs[] = {
    {"os:info", os_info, 0},
    {"os:folders", os_folders, 0},
};

int sash_plugin_os(sash_app *app, const void *options)
{
    (void)options;
    if (!app)
        return SASH_EINVAL;
    const sash_command_def *p[] = {&defs[0], &defs[1]};
    int rc = sash_commands_add(app, p, 2);
    static const char *const names[] = {"os:info", "os:folders", NULL};
    if (rc == 0)
        rc = sash_permission_define(app, "os:default", names);
    return rc;
}
