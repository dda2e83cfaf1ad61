/*
 * fs_path.h - path checks of the fs plugin (fs_path.c).
 */
#ifndef SASH_FS_PATH_H
#define SASH_FS_PATH_H

#include <stddef.h>

#define SASH__FS_PATH_MAX 4096
#define SASH__FS_NAME_MAX 255

/* NULL if `path` (len bytes, as JSON gave it) is acceptable: absolute, no
 * NUL, not too long, no name over 255 bytes.  Else the reason. */
const char *sash__fs_path_check(const char *path, size_t len);

/* The lexical normal form of an absolute path: no "//", ".", ".."; "/.."
 * is "/".  New string (NULL: out of memory). */
char *sash__fs_path_normalize(const char *path);

/* realpath() of the longest existing prefix of `norm` (normalised), with
 * the rest appended: the path a symbolic link cannot lead out of.  0 and
 * *out (new string), or an errno: ELOOP (symlink loop), EXDEV (a dangling
 * symbolic link), ENAMETOOLONG, EACCES, ENOTDIR, ENOMEM. */
int sash__fs_path_resolve(const char *norm, char **out);

#endif
