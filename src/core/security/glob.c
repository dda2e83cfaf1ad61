/*
 * glob.c - see glob.h.
 *
 * Two levels, each the classic greedy matcher that remembers only its last
 * star: characters within a segment ('*'), and segments within a path
 * ("**").  Remembering one star per level is enough because every other
 * element consumes exactly one unit (a character, or a segment), so the
 * leftmost fit of what follows a star is always the best one.  That keeps
 * the work polynomial, where a recursive matcher can be driven exponential
 * by patterns like "*a*a*a*a*b".
 *
 * Units are UTF-8 characters: a star gives up one character at a time and
 * '?' takes a whole one, so a match never stops inside a character of valid
 * UTF-8.  Invalid bytes are units of their own.
 */
#include <string.h>

#include "security/glob.h"

/* Length of the UTF-8 sequence at t (at most n bytes); 1 when invalid. */
static size_t unit_len(const unsigned char *t, size_t n)
{
    size_t len = t[0] < 0x80 ? 1 : t[0] >= 0xf0 && t[0] < 0xf5 ? 4
                 : t[0] >= 0xe0 ? 3 : t[0] >= 0xc2 ? 2 : 1;
    if (len > n)
        return 1;
    for (size_t i = 1; i < len; i++)
        if ((t[i] & 0xc0) != 0x80)
            return 1;
    return len;
}

/* The class at p ("[...]", within n bytes): its length through ']', or 0
 * when it is not closed (then '[' is an ordinary character).  *hit says
 * whether byte c belongs to it. */
static size_t class_parse(const char *p, size_t n, unsigned char c, int *hit)
{
    size_t i = 1;
    int negate = 0, in = 0;
    if (i < n && (p[i] == '!' || p[i] == '^')) {
        negate = 1;
        i++;
    }
    size_t first = i; /* a ']' right after '[' or '[!' is a member */
    while (i < n && (p[i] != ']' || i == first)) {
        unsigned char lo = (unsigned char)p[i];
        if (lo == '\\' && i + 1 < n)
            lo = (unsigned char)p[++i];
        unsigned char hi = lo;
        if (i + 2 < n && p[i + 1] == '-' && p[i + 2] != ']') {
            i += 2;
            hi = (unsigned char)p[i];
            if (hi == '\\' && i + 1 < n)
                hi = (unsigned char)p[++i];
        }
        if (c >= lo && c <= hi)
            in = 1;
        i++;
    }
    if (i >= n)
        return 0;
    *hit = in != negate;
    return i + 1;
}

/* Matches one pattern element (not '*') at p against the text at t (tn >= 1).
 * Returns the pattern bytes used and sets *tl to the text bytes consumed, or
 * returns 0 on a mismatch. */
static size_t element(const char *p, size_t pn, const char *t, size_t tn,
                      size_t *tl)
{
    const unsigned char *u = (const unsigned char *)t;
    if (p[0] == '?') {
        *tl = unit_len(u, tn);
        return 1;
    }
    if (p[0] == '[') {
        int hit = 0;
        size_t len = class_parse(p, pn, u[0], &hit);
        if (len) {
            *tl = unit_len(u, tn);
            return hit ? len : 0;
        }
    }
    size_t used = 1;
    char want = p[0];
    if (p[0] == '\\' && pn > 1) {
        want = p[1];
        used = 2;
    }
    *tl = 1;
    return t[0] == want ? used : 0;
}

/* One run (a segment in path mode, else the whole text). */
static int match_run(const char *p, size_t pn, const char *t, size_t tn)
{
    size_t pi = 0, ti = 0, star_p = 0, star_t = 0;
    int star = 0;
    while (ti < tn) {
        if (pi < pn && p[pi] == '*') {
            while (pi < pn && p[pi] == '*')
                pi++;
            star = 1;
            star_p = pi;
            star_t = ti;
            continue;
        }
        size_t tl = 0;
        size_t pl = pi < pn ? element(p + pi, pn - pi, t + ti, tn - ti, &tl) : 0;
        if (pl) {
            pi += pl;
            ti += tl;
            continue;
        }
        if (!star)
            return 0;
        star_t += unit_len((const unsigned char *)t + star_t, tn - star_t);
        pi = star_p;
        ti = star_t;
    }
    while (pi < pn && p[pi] == '*')
        pi++;
    return pi == pn;
}

static size_t seg_len(const char *s)
{
    const char *e = strchr(s, '/');
    return e ? (size_t)(e - s) : strlen(s);
}

/* The segment after s, or NULL at the end. */
static const char *seg_next(const char *s)
{
    const char *e = strchr(s, '/');
    return e ? e + 1 : NULL;
}

static int is_globstar(const char *s)
{
    return s[0] == '*' && s[1] == '*' && (s[2] == '/' || s[2] == '\0');
}

static int match_path(const char *p, const char *t)
{
    const char *ps = p, *ts = t, *star_p = NULL, *star_t = NULL;
    int star = 0;
    while (ts) {
        if (ps && is_globstar(ps)) {
            star = 1;
            star_p = ps = seg_next(ps);
            star_t = ts;
            continue;
        }
        if (ps && match_run(ps, seg_len(ps), ts, seg_len(ts))) {
            ps = seg_next(ps);
            ts = seg_next(ts);
            continue;
        }
        if (!star)
            return 0;
        ps = star_p;
        ts = star_t = seg_next(star_t);
    }
    while (ps && is_globstar(ps))
        ps = seg_next(ps);
    return ps == NULL;
}

int sash__glob_match(const char *pattern, const char *text, unsigned flags)
{
    if (!pattern || !text)
        return 0;
    if (flags & SASH__GLOB_PATH)
        return match_path(pattern, text);
    return match_run(pattern, strlen(pattern), text, strlen(text));
}

int sash__glob_check(const char *pattern)
{
    if (!pattern)
        return -1;
    size_t n = strlen(pattern);
    for (size_t i = 0; i < n; i++) {
        int hit;
        if (pattern[i] == '\\' && ++i == n)
            return -1;
        if (pattern[i] == '[') {
            size_t len = class_parse(pattern + i, n - i, 0, &hit);
            if (!len)
                return -1;
            i += len - 1;
        }
    }
    return 0;
}
