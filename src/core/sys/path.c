/*
 * path.c - path rules for scopes, in both styles on every OS so that each
 * is unit-tested everywhere: what is absolute, and one canonical form
 * ('/' separators, "." and ".." resolved lexically) that the scope globs
 * match against.  Windows file systems ignore case, so a Windows path's
 * canonical form is lower-case (ASCII): a deny on "C:/Secret/..." must
 * also stop "c:/SECRET/key".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sys/sys.h"

static int is_sep(char c, sash__path_style style)
{
    return c == '/' || (style == SASH__PATH_WINDOWS && c == '\\');
}

/* Length of the root: "/" (POSIX), "C:/" or "//server/share/" (Windows);
 * 0 when the path is not absolute. */
static size_t root_length(const char *p, sash__path_style style)
{
    if (style == SASH__PATH_POSIX)
        return p[0] == '/' ? 1 : 0;
    if (isalpha((unsigned char)p[0]) && p[1] == ':' && is_sep(p[2], style))
        return 3;
    if (is_sep(p[0], style) && is_sep(p[1], style)) { /* UNC */
        size_t i = 2, parts = 0;
        while (parts < 2) {
            size_t start = i;
            while (p[i] && !is_sep(p[i], style))
                i++;
            if (i == start)
                return 0; /* "//" or "//server" alone: not a share */
            parts++;
            if (p[i])
                i++;
            else
                break;
        }
        return parts == 2 ? i : 0;
    }
    return 0;
}

int sash__path_is_absolute(const char *path, sash__path_style style)
{
    return path && root_length(path, style) > 0;
}

static char fold(char c, sash__path_style style)
{
    return style == SASH__PATH_WINDOWS ? (char)tolower((unsigned char)c) : c;
}

/* Writes the root in canonical form; returns its length. */
static size_t copy_root(char *out, const char *p, size_t root,
                        sash__path_style style)
{
    for (size_t i = 0; i < root; i++)
        out[i] = is_sep(p[i], style) ? '/' : fold(p[i], style);
    if (out[root - 1] != '/') /* "//server/share" without a final slash */
        out[root++] = '/';
    return root;
}

char *sash__path_canonical(const char *path, sash__path_style style)
{
    size_t root = path ? root_length(path, style) : 0;
    if (root == 0)
        return NULL;
    char *out = malloc(strlen(path) + 2);
    if (!out)
        return NULL;
    size_t base = copy_root(out, path, root, style), o = base;
    const char *p = path + root;
    while (*p) {
        while (is_sep(*p, style))
            p++;
        size_t len = 0;
        while (p[len] && !is_sep(p[len], style))
            len++;
        if (len == 0)
            break;
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            /* Back to the previous '/', never above the root (as the OS
             * resolves "/.." to "/"). */
            while (o > base && out[o - 1] != '/')
                o--;
            if (o > base)
                o--;
        } else if (!(len == 1 && p[0] == '.')) {
            if (o > base)
                out[o++] = '/';
            for (size_t i = 0; i < len; i++)
                out[o++] = fold(p[i], style);
        }
        p += len;
    }
    /* The root keeps its slash ("/", "C:/"); anything else has none. */
    out[o] = '\0';
    return out;
}
