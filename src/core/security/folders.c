/*
 * folders.c - the variables a scope pattern may use ($HOME, $APPDATA,
 * $DOCUMENT, ...), found the XDG way: environment, user-dirs.dirs, then
 * the usual defaults.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "security/capability.h"

/* user-dirs.dirs keys, in the order of the variables from DOCUMENTS on. */
static const char *const user_dir_keys[] = {
    "XDG_DOCUMENTS_DIR", "XDG_DOWNLOAD_DIR", "XDG_DESKTOP_DIR",
    "XDG_PICTURES_DIR", "XDG_MUSIC_DIR", "XDG_VIDEOS_DIR"};
static const char *const user_dir_defaults[] = {
    "Documents", "Downloads", "Desktop", "Pictures", "Music", "Videos"};

static char *join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 2);
    if (!s)
        return NULL;
    memcpy(s, a, na);
    s[na] = '/';
    memcpy(s + na + 1, b, nb + 1);
    char *norm = sash__path_normalize(s);
    free(s);
    return norm;
}

/* An XDG base folder: $ENV if absolute, else $HOME/fallback. */
static char *xdg_base(const char *env, const char *home, const char *fallback)
{
    const char *v = getenv(env);
    if (v && v[0] == '/')
        return sash__path_normalize(v);
    return home ? join(home, fallback) : NULL;
}

/* One XDG_*_DIR="..." line of user-dirs.dirs; "$HOME/" prefixes expand.
 * Returns NULL when the key is absent or points at $HOME itself (which
 * the spec uses to say "disabled"). */
static char *user_dir(const char *config, const char *home, const char *key)
{
    char file[4096];
    snprintf(file, sizeof file, "%s/user-dirs.dirs", config);
    FILE *f = fopen(file, "r");
    if (!f)
        return NULL;
    char line[4096], *found = NULL;
    size_t klen = strlen(key);
    while (!found && fgets(line, sizeof line, f)) {
        if (strncmp(line, key, klen) != 0 || strncmp(line + klen, "=\"", 2))
            continue;
        char *v = line + klen + 2, *end = strrchr(v, '"');
        if (!end)
            continue;
        *end = '\0';
        if (strncmp(v, "$HOME", 5) == 0 && home)
            found = join(home, v + 5);
        else if (v[0] == '/')
            found = sash__path_normalize(v);
        if (found && home && strcmp(found, home) == 0) {
            free(found);
            found = NULL;
            break;
        }
    }
    fclose(f);
    return found;
}

void sash__vars_init(sash__vars *v, const char *identifier)
{
    memset(v, 0, sizeof *v);
    const char *home_env = getenv("HOME");
    char *home = home_env && home_env[0] == '/' ? sash__path_normalize(home_env)
                                                : NULL;
    char *data = xdg_base("XDG_DATA_HOME", home, ".local/share");
    char *config = xdg_base("XDG_CONFIG_HOME", home, ".config");
    char *cache = xdg_base("XDG_CACHE_HOME", home, ".cache");
    const char *id = identifier && *identifier && !strchr(identifier, '/')
                         ? identifier : "app.sash";
    v->value[SASH__VAR_HOME] = home;
    v->value[SASH__VAR_APPDATA] = data ? join(data, id) : NULL;
    v->value[SASH__VAR_APPCONFIG] = config ? join(config, id) : NULL;
    v->value[SASH__VAR_APPCACHE] = cache ? join(cache, id) : NULL;
    for (int i = 0; i < 6; i++) {
        char *d = config ? user_dir(config, home, user_dir_keys[i]) : NULL;
        if (!d && home)
            d = join(home, user_dir_defaults[i]);
        v->value[SASH__VAR_DOCUMENTS + i] = d;
    }
    const char *tmp = getenv("TMPDIR");
    v->value[SASH__VAR_TEMP] = sash__path_normalize(tmp && tmp[0] == '/' ? tmp
                                                                        : "/tmp");
    free(data);
    free(config);
    free(cache);
}

void sash__vars_free(sash__vars *v)
{
    for (int i = 0; i < SASH__VAR_COUNT; i++) {
        free(v->value[i]);
        v->value[i] = NULL;
    }
}

/* Copies s, putting '\' before every glob character. */
