/*
 * file_real.c - the system layer's view of one existing file: its real
 * path and whether it is a regular file or a folder (file drag-and-drop,
 * app/drop.c).  POSIX and Win32 sides.
 */
#ifndef _WIN32
#define _DEFAULT_SOURCE /* realpath */
#endif
#include <stdlib.h>
#include <sys/stat.h>

#include "sash.h"
#include "sys/sys.h"

char *sash__file_real(const char *path, int *is_dir)
{
    if (!path || !is_dir)
        return NULL;
#ifdef _WIN32
    char *real = _fullpath(NULL, path, 0);
    struct _stat64 st;
    int bad = !real || _stat64(real, &st) != 0;
#else
    char *real = realpath(path, NULL);
    struct stat st;
    int bad = !real || stat(real, &st) != 0;
#endif
    if (bad || !((st.st_mode & S_IFMT) == S_IFREG ||
                 (st.st_mode & S_IFMT) == S_IFDIR)) {
        free(real);
        return NULL;
    }
    *is_dir = (st.st_mode & S_IFMT) == S_IFDIR;
    return real;
}
