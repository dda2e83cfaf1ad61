/*
 * scope.c - scope patterns: variables expanded and escaped for the glob
 * matcher, and paths normalised lexically before they are matched.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "security/capability.h"
#include "security/glob.h"

/* The names of the variables, in sash__var order. */
static const char *const var_names[SASH__VAR_COUNT] = {
    "HOME", "APPDATA", "APPCONFIG", "APPCACHE", "DOCUMENTS", "DOWNLOADS",
    "DESKTOP", "PICTURES", "MUSIC", "VIDEOS", "TEMP"};

static size_t escape_into(char *out, const char *s)
{
    size_t o = 0;
    for (; *s; s++) {
        if (strchr("*?[]\\", *s))
            out[o++] = '\\';
        out[o++] = *s;
    }
    return o;
}

/* Refuses "." and ".." segments: paths are normalised before matching, so
 * a pattern holding them could never match (a deny that silently denies
 * nothing). */
static int has_dot_segment(const char *p)
{
    for (const char *s = p; s; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL) {
        size_t n = strcspn(s, "/");
        if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
            return 1;
    }
    return 0;
}

int sash__scope_expand(const char *pattern, const sash__vars *v, char **out,
                       char *err, size_t err_size)
{
    *out = NULL;
    const char *rest = pattern, *value = "";
    if (pattern[0] == '$') {
        size_t n = 1;
        while ((pattern[n] >= 'A' && pattern[n] <= 'Z') || pattern[n] == '_')
            n++;
        int idx = -1;
        for (int i = 0; i < SASH__VAR_COUNT; i++)
            if (strlen(var_names[i]) == n - 1 &&
                strncmp(var_names[i], pattern + 1, n - 1) == 0)
                idx = i;
        if (idx < 0) {
            snprintf(err, err_size, "unknown variable $%.*s (known: $HOME, "
                     "$APPDATA, $APPCONFIG, $APPCACHE, $DOCUMENTS, $DOWNLOADS, "
                     "$DESKTOP, $PICTURES, $MUSIC, $VIDEOS, $TEMP)",
                     (int)(n - 1 > 40 ? 40 : n - 1), pattern + 1);
            return -1;
        }
        if (!v->value[idx]) {
            snprintf(err, err_size, "$%s is not available here (HOME is not "
                     "set)", var_names[idx]);
            return -1;
        }
        if (pattern[n] != '\0' && pattern[n] != '/') {
            snprintf(err, err_size, "$%s must be followed by '/' or end the "
                     "pattern", var_names[idx]);
            return -1;
        }
        value = v->value[idx];
        rest = pattern + n;
    } else if (!sash__path_is_absolute(pattern, SASH__PATH_NATIVE) &&
               strncmp(pattern, "**/", 3) != 0) {
        snprintf(err, err_size, "a scope path must be absolute (with '/' "
                 "separators), start with \"**/\" or with a variable such "
                 "as $APPDATA");
        return -1;
    }
    if (sash__glob_check(rest) != 0 || has_dot_segment(rest)) {
        snprintf(err, err_size, "malformed pattern (an unclosed '[', a "
                 "trailing '\\', or a '.' or '..' segment)");
        return -1;
    }
    size_t vlen = strlen(value), rlen = strlen(rest);
    char *s = malloc(2 * vlen + rlen + 1);
    if (!s) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    size_t o = escape_into(s, value);
    memcpy(s + o, rest, rlen + 1);
    if (o && s[o - 1] == '/' && rest[0] == '/') /* "$X/..." with X a root */
        memmove(s + o - 1, s + o, rlen + 1);
    if (SASH__PATH_NATIVE == SASH__PATH_WINDOWS) /* matched case-blind */
        for (char *c = s; *c; c++)
            *c = (char)tolower((unsigned char)*c);
    *out = s;
    return 0;
}

char *sash__path_normalize(const char *path)
{
    return sash__path_canonical(path, SASH__PATH_NATIVE);
}
