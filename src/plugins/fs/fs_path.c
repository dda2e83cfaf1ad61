/*
 * fs_path.c - turning a path from the page into the path the fs plugin
 * uses, checked against the window's "fs" scope.  Pure POSIX, no Sash
 * state, so the unit tests and the fuzz target call it directly.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fs_path.h"

const char *sash__fs_path_check(const char *path, size_t len)
{
    if (!path)
        return "path must be a string";
    if (strlen(path) != len)
        return "path contains a NUL byte";
    if (len == 0)
        return "path is empty";
    if (len >= SASH__FS_PATH_MAX)
        return "path is too long (4096 bytes at most)";
    if (path[0] != '/')
        return "path must be absolute (join it with a folder from os.folders())";
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        size_t n = strcspn(p, "/");
        if (n > SASH__FS_NAME_MAX)
            return "a file name in the path is too long (255 bytes at most)";
        p += n;
    }
    return NULL;
}

char *sash__fs_path_normalize(const char *path)
{
    size_t len = strlen(path);
    char *out = malloc(len + 2);
    if (!out)
        return NULL;
    size_t o = 0;
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        size_t n = strcspn(p, "/");
        if (n == 0)
            break;
        if (n == 1 && p[0] == '.') {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* the '/' before the dropped name; "/.." stays "/" */
        } else {
            out[o++] = '/';
            memcpy(out + o, p, n);
            o += n;
        }
        p += n;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    return out;
}

int sash__fs_path_resolve(const char *norm, char **out)
{
    *out = NULL;
    size_t len = strlen(norm);
    char *head = strdup(norm);
    if (!head)
        return ENOMEM;
    size_t cut = len; /* head = norm[0, cut) */
    char real[PATH_MAX];
    for (;;) {
        if (realpath(head, real)) {
            const char *rest = norm + cut; /* "" or "/name/..." */
            size_t rl = strlen(real);
            if (rl == 1 && *rest)
                rl = 0; /* "/" + "/x" */
            if (rl + strlen(rest) >= SASH__FS_PATH_MAX) {
                free(head);
                return ENAMETOOLONG;
            }
            char *r = malloc(rl + strlen(rest) + 1);
            if (!r) {
                free(head);
                return ENOMEM;
            }
            memcpy(r, real, rl);
            strcpy(r + rl, rest);
            free(head);
            *out = r;
            return 0;
        }
        int e = errno;
        if (e != ENOENT) {
            free(head);
            return e; /* ELOOP, EACCES, ENOTDIR... */
        }
        /* A name that exists but does not resolve is a dangling symbolic
         * link: where it leads is unknown, so it is refused. */
        struct stat st;
        if (lstat(head, &st) == 0 && S_ISLNK(st.st_mode)) {
            free(head);
            return EXDEV;
        }
        char *slash = strrchr(head, '/');
        if (!slash || slash == head) {
            /* "/x" with no x: the root exists, so this cannot happen
             * unless "/" itself is unreadable. */
            if (slash == head && head[1]) {
                head[1] = '\0';
                cut = 0;
                continue;
            }
            free(head);
            return ENOENT;
        }
        *slash = '\0';
        cut = (size_t)(slash - head);
    }
}
