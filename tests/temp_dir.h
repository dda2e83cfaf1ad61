/*
 * temp_dir.h - a scratch folder of empty files and folders for a test
 * (tests/unit/test_drop.c and tests/contract/contract_drop.c).  POSIX.
 */
#ifndef SASH_TEST_TEMP_DIR_H
#define SASH_TEST_TEMP_DIR_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Makes a new folder from `tmpl` ("/tmp/name-XXXXXX") holding the `n`
 * `names` (empty files; a name ending in '/' is a folder) and writes its
 * canonical path to dir (PATH_MAX bytes).  0, or -1. */
static inline int temp_dir_make(char *dir, const char *tmpl,
                                const char *const *names, int n)
{
    char t[64];
    if (strlen(tmpl) >= sizeof t)
        return -1;
    strcpy(t, tmpl);
    if (!mkdtemp(t) || !realpath(t, dir))
        return -1;
    for (int i = 0; i < n; i++) {
        char p[PATH_MAX + 64];
        size_t len = strlen(names[i]);
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        if (len && names[i][len - 1] == '/') {
            mkdir(p, 0700);
            continue;
        }
        FILE *f = fopen(p, "w");
        if (f)
            fclose(f);
    }
    return 0;
}

/* Removes the `names` (a folder only if empty by then) and the folder. */
static inline void temp_dir_remove(const char *dir, const char *const *names,
                                   int n)
{
    for (int i = 0; i < n; i++) {
        char p[PATH_MAX + 64];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        remove(p);
    }
    rmdir(dir);
}

#endif
