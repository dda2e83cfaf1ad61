/* fsutil.c - files, folders and the install prefix. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

char *cli_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2 + 1);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int err = ferror(f);
    fclose(f);
    if (!buf || err) {
        free(buf);
        errno = err ? EIO : ENOMEM;
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int cli_write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t put = fwrite(data, 1, len, f);
    if (fclose(f) != 0 || put != len)
        return -1;
    return 0;
}

int cli_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int cli_dir_empty(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int empty = 1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            empty = 0;
            break;
        }
    }
    closedir(d);
    return empty;
}

int cli_mkdirs(const char *path)
{
    char buf[CLI_PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

int cli_fmt(char *dst, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(dst, size, fmt, ap);
    va_end(ap);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

int cli_join(char *dst, size_t size, const char *a, const char *b)
{
    int n = snprintf(dst, size, "%s/%s", a, b);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

const char *cli_prefix(void)
{
    static char prefix[CLI_PATH_MAX];
    if (prefix[0])
        return prefix;
    /* SASH_PREFIX lets a build-tree sash use an installed share/ (tests). */
    const char *env = getenv("SASH_PREFIX");
    if (env && *env) {
        snprintf(prefix, sizeof prefix, "%s", env);
        return prefix;
    }
    char exe[CLI_PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(prefix, sizeof prefix, "/usr/local");
        return prefix;
    }
    exe[n] = '\0';
    char *slash = strrchr(exe, '/'); /* <prefix>/bin/sash -> <prefix>/bin */
    if (slash)
        *slash = '\0';
    slash = strrchr(exe, '/'); /* -> <prefix> */
    if (slash && slash != exe)
        *slash = '\0';
    snprintf(prefix, sizeof prefix, "%s", exe);
    return prefix;
}

int cli_share(char *dst, size_t size, const char *sub)
{
    int n = snprintf(dst, size, "%s/share/sash/%s", cli_prefix(), sub);
    if (n < 0 || (size_t)n >= size)
        return -1;
    return cli_exists(dst) ? 0 : -1;
}

int cli_which(const char *prog, char *out, size_t size)
{
    const char *path = getenv("PATH");
    if (!path)
        return 0;
    while (*path) {
        const char *end = strchr(path, ':');
        size_t len = end ? (size_t)(end - path) : strlen(path);
        char cand[CLI_PATH_MAX];
        int n = snprintf(cand, sizeof cand, "%.*s/%s", (int)len,
                         len ? path : ".", prog);
        if (n > 0 && (size_t)n < sizeof cand && access(cand, X_OK) == 0 &&
            !cli_is_dir(cand)) {
            if (out)
                snprintf(out, size, "%s", cand);
            return 1;
        }
        if (!end)
            break;
        path = end + 1;
    }
    return 0;
}
