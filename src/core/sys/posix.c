/*
 * posix.c - the system layer on POSIX systems (Linux, the BSDs, macOS).
 */
#ifndef _WIN32
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sash.h"
#include "sys/sys.h"

typedef struct start_info {
    void (*fn)(void *);
    void *arg;
} start_info;

static void *thread_main(void *p)
{
    start_info s = *(start_info *)p;
    free(p);
    s.fn(s.arg);
    return NULL;
}

int sash__thread_start(sash__thread *t, void (*fn)(void *), void *arg)
{
    start_info *s = malloc(sizeof *s);
    if (!s)
        return SASH_ENOMEM;
    *s = (start_info){fn, arg};
    if (pthread_create(t, NULL, thread_main, s) != 0) {
        free(s);
        return SASH_EPLATFORM;
    }
    return 0;
}

void sash__thread_join(sash__thread t)
{
    pthread_join(t, NULL);
}

void sash__thread_detach(sash__thread t)
{
    pthread_detach(t);
}

uint64_t sash__now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

int sash__cond_timedwait_ms(sash__cond *c, sash__mutex *m, unsigned ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until); /* the clock the condition uses */
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    until.tv_sec += ms / 1000 + until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    return pthread_cond_timedwait(c, m, &until) == ETIMEDOUT;
}

void sash__sleep_ms(unsigned ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) != 0 && errno == EINTR)
        ;
}

int sash__random_bytes(void *buf, size_t len)
{
    FILE *f = fopen("/dev/urandom", "rb");
    int ok = f && fread(buf, 1, len, f) == len;
    if (f)
        fclose(f);
    return ok ? 0 : -1;
}

int sash__cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

long sash__process_id(void)
{
    return (long)getpid();
}

/* -- known folders: XDG ------------------------------------------------------ */

static char *join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 2);
    if (!s)
        return NULL;
    memcpy(s, a, na);
    s[na] = '/';
    memcpy(s + na + 1, b, nb + 1);
    char *canon = sash__path_canonical(s, SASH__PATH_POSIX);
    free(s);
    return canon;
}

static char *home_folder(void)
{
    const char *h = getenv("HOME");
    return h && h[0] == '/' ? sash__path_canonical(h, SASH__PATH_POSIX) : NULL;
}

/* An XDG base folder: $ENV if absolute, else $HOME/fallback. */
static char *xdg_base(const char *env, const char *fallback)
{
    const char *v = getenv(env);
    if (v && v[0] == '/')
        return sash__path_canonical(v, SASH__PATH_POSIX);
    char *home = home_folder();
    char *r = home ? join(home, fallback) : NULL;
    free(home);
    return r;
}

/* One XDG_*_DIR="..." line of user-dirs.dirs; "$HOME/" prefixes expand.
 * NULL when the key is absent or names $HOME itself (the spec's way to
 * say "disabled"). */
static char *user_dir(const char *key)
{
    char *config = xdg_base("XDG_CONFIG_HOME", ".config");
    char *home = home_folder();
    char file[4096];
    snprintf(file, sizeof file, "%s/user-dirs.dirs", config ? config : "");
    FILE *f = config ? fopen(file, "r") : NULL;
    char line[4096], *found = NULL;
    size_t klen = strlen(key);
    while (f && !found && fgets(line, sizeof line, f)) {
        if (strncmp(line, key, klen) != 0 || strncmp(line + klen, "=\"", 2))
            continue;
        char *v = line + klen + 2, *end = strrchr(v, '"');
        if (!end)
            continue;
        *end = '\0';
        if (strncmp(v, "$HOME", 5) == 0 && home)
            found = join(home, v + 5);
        else if (v[0] == '/')
            found = sash__path_canonical(v, SASH__PATH_POSIX);
        if (found && home && strcmp(found, home) == 0) {
            free(found);
            found = NULL;
            break;
        }
    }
    if (f)
        fclose(f);
    free(config);
    free(home);
    return found;
}

static char *per_app(const char *env, const char *fallback, const char *id)
{
    char *base = xdg_base(env, fallback);
    char *r = base ? join(base, id) : NULL;
    free(base);
    return r;
}

char *sash__known_folder(sash__folder folder, const char *identifier)
{
    static const char *const keys[] = {
        "XDG_DOCUMENTS_DIR", "XDG_DOWNLOAD_DIR", "XDG_DESKTOP_DIR",
        "XDG_PICTURES_DIR", "XDG_MUSIC_DIR", "XDG_VIDEOS_DIR"};
    static const char *const defaults[] = {
        "Documents", "Downloads", "Desktop", "Pictures", "Music", "Videos"};
    const char *id = identifier && *identifier ? identifier : "app.sash";
    switch (folder) {
    case SASH__FOLDER_HOME: return home_folder();
    case SASH__FOLDER_APPDATA: return per_app("XDG_DATA_HOME", ".local/share", id);
    case SASH__FOLDER_APPCONFIG: return per_app("XDG_CONFIG_HOME", ".config", id);
    case SASH__FOLDER_APPCACHE: return per_app("XDG_CACHE_HOME", ".cache", id);
    case SASH__FOLDER_TEMP: {
        const char *t = getenv("TMPDIR");
        return sash__path_canonical(t && t[0] == '/' ? t : "/tmp",
                                    SASH__PATH_POSIX);
    }
    case SASH__FOLDER_COUNT: return NULL;
    default: break;
    }
    int i = (int)folder - (int)SASH__FOLDER_DOCUMENTS;
    char *d = user_dir(keys[i]);
    if (!d) {
        char *home = home_folder();
        d = home ? join(home, defaults[i]) : NULL;
        free(home);
    }
    return d;
}
#endif
