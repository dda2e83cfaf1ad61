/* Fuzz target: the fs plugin's path checks (the page's path strings).
 * Input: a path (NULs included).  No crash; the checks accept only
 * absolute NUL-free paths; the normal form starts with '/', holds no "//",
 * "." or ".." component, and normalising it again changes nothing; the
 * resolved path (realpath of the longest existing prefix) is absolute. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/plugins/fs/fs_path.h"

static int normal(const char *p)
{
    if (p[0] != '/')
        return 0;
    if (strcmp(p, "/") == 0)
        return 1;
    if (strstr(p, "//") || strstr(p, "/./") || strstr(p, "/../"))
        return 0;
    size_t n = strlen(p);
    if (p[n - 1] == '/')
        return 0;
    if ((n >= 2 && strcmp(p + n - 2, "/.") == 0) || (n >= 3 && strcmp(p + n - 3, "/..") == 0))
        return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    const char *bad = sash__fs_path_check(buf, size);
    if (!bad) {
        if (memchr(data, 0, size) || buf[0] != '/')
            abort();
        char *norm = sash__fs_path_normalize(buf);
        if (norm) {
            if (!normal(norm))
                abort();
            char *again = sash__fs_path_normalize(norm);
            if (again && strcmp(again, norm) != 0)
                abort();
            free(again);
            char *real = NULL;
            if (sash__fs_path_resolve(norm, &real) == 0 && (!real || real[0] != '/'))
                abort();
            free(real);
            free(norm);
        }
    }
    free(buf);
    return 0;
}
