/*
 * json_fast.c - the IPC path's JSON reader and writer (json_fast.h).
 *
 * jansson stays the data model (json_t) and the parser of everything else;
 * this file only replaces json_loadb()/json_dumps() on the bridge, where
 * whole messages pass through and jansson's byte-at-a-time string lexer
 * and escaper were most of a large call's time (10 MB: 167 ms to load,
 * 107 ms to dump on the bench machine).  Strings are scanned in runs: a
 * table says which bytes end a run, plain runs are copied with memcpy.
 *
 * It accepts exactly what json_loadb(JSON_ALLOW_NUL) accepts and builds
 * the same values, and writes what json_dumps(JSON_COMPACT) writes; the
 * differential fuzz target (tests/fuzz/fuzz_json.c) holds it to that.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_fast.h"

_Static_assert(sizeof(json_int_t) == sizeof(long long),
               "jansson's integers are long long");

/* jansson's own limit (JSON_PARSER_MAX_DEPTH): the same inputs fail. */
#define MAX_DEPTH 2048

/* Byte classes inside a string: 0 plain ASCII, 1 ends a plain run ('"',
 * '\\', control), 2 starts a multi-byte UTF-8 sequence (checked). */
static const unsigned char string_class[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Length of the valid UTF-8 sequence at p (max n bytes), or 0 if invalid:
 * no overlong forms, no surrogates, nothing above U+10FFFF. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

/* -- Reader ---------------------------------------------------------------- */

typedef struct reader {
    const unsigned char *p, *end, *start;
    int depth, max_depth;
    int failed, too_deep;
    size_t fail_at;
    char *buf; /* scratch for strings with escapes */
    size_t cap;
} reader;

static json_t *fail(reader *r, const unsigned char *at)
{
    if (!r->failed) {
        r->failed = 1;
        r->fail_at = (size_t)(at - r->start);
    }
    return NULL;
}

static void skip_ws(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' ||
                             *r->p == '\t'))
        r->p++;
}

static int reserve(reader *r, size_t need)
{
    if (need <= r->cap)
        return 0;
    size_t cap = r->cap ? r->cap : 256;
    while (cap < need)
        cap *= 2;
    char *b = realloc(r->buf, cap);
    if (!b)
        return -1;
    r->buf = b;
    r->cap = cap;
    return 0;
}

static int hex4(const unsigned char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return -1;
        v = v << 4 | d;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* One \uXXXX escape (a surrogate pair takes two) at r->p (after the
 * backslash and 'u'); appends its UTF-8 to r->buf at *len. */
static int read_u_escape(reader *r, size_t *len)
{
    unsigned cp, lo;
    if (r->end - r->p < 4 || hex4(r->p, &cp) != 0)
        return -1;
    r->p += 4;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return -1; /* a low surrogate alone */
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
            hex4(r->p + 2, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
            return -1;
        r->p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    *len += put_utf8(r->buf + *len, cp);
    return 0;
}

/* The string at r->p (after the opening quote).  Sets *out and *len to the
 * decoded text: the input itself when it has no escapes, else r->buf. */
static int read_string(reader *r, const char **out, size_t *len)
{
    const unsigned char *run = r->p;
    size_t n = 0;
    int escaped = 0;
    for (;;) {
        while (r->p < r->end && string_class[*r->p] == 0)
            r->p++;
        if (r->p >= r->end)
            return -1;
        unsigned c = *r->p;
        if (c >= 0x80) {
            size_t k = utf8_seq(r->p, (size_t)(r->end - r->p));
            if (!k)
                return -1;
            r->p += k;
            continue;
        }
        if (c != '"' && c != '\\')
            return -1; /* a control character */
        if (escaped || c == '\\') {
            size_t plain = (size_t)(r->p - run);
            if (reserve(r, n + plain + 8) != 0)
                return -1;
            memcpy(r->buf + n, run, plain);
            n += plain;
            escaped = 1;
        }
        if (c == '"') {
            if (!escaped) {
                *out = (const char *)run;
                *len = (size_t)(r->p - run);
            } else {
                *out = r->buf;
                *len = n;
            }
            r->p++;
            return 0;
        }
        /* an escape: the scratch has room for 8 more bytes */
        if (++r->p >= r->end)
            return -1;
        c = *r->p++;
        static const char simple_in[] = "\"\\/bfnrt", simple_out[] = "\"\\/\b\f\n\r\t";
        const char *s = c ? strchr(simple_in, (int)c) : NULL;
        if (s)
            r->buf[n++] = simple_out[s - simple_in];
        else if (c != 'u' || read_u_escape(r, &n) != 0)
            return -1;
        run = r->p;
    }
}

static json_t *read_value(reader *r);

static json_t *read_number(reader *r)
{
    const unsigned char *s = r->p, *p = s;
    int real = 0;
    if (p < r->end && *p == '-')
        p++;
    if (p >= r->end || *p < '0' || *p > '9')
        return fail(r, p);
    if (*p == '0')
        p++;
    else
        while (p < r->end && *p >= '0' && *p <= '9')
            p++;
    if (p < r->end && *p == '.') {
        real = 1;
        if (++p >= r->end || *p < '0' || *p > '9')
            return fail(r, p);
        while (p < r->end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < r->end && (*p == 'e' || *p == 'E')) {
        real = 1;
        p++;
        if (p < r->end && (*p == '+' || *p == '-'))
            p++;
        if (p >= r->end || *p < '0' || *p > '9')
            return fail(r, p);
        while (p < r->end && *p >= '0' && *p <= '9')
            p++;
    }
    r->p = p;
    if (real) {
        /* Rare and short: jansson's own conversion, locale-proof and with
         * its overflow rule. */
        json_t *v = json_loadb((const char *)s, (size_t)(p - s), JSON_DECODE_ANY, NULL);
        return v ? v : fail(r, s);
    }
    int neg = *s == '-';
    json_int_t v = 0;
    for (const unsigned char *d = s + neg; d < p; d++) {
        int digit = *d - '0';
        if (neg ? v < (LLONG_MIN + digit) / 10 : v > (LLONG_MAX - digit) / 10)
            return fail(r, s); /* jansson: "too big integer" */
        v = neg ? v * 10 - digit : v * 10 + digit;
    }
    json_t *j = json_integer(v);
    return j ? j : fail(r, s);
}

static json_t *read_array(reader *r)
{
    json_t *a = json_array();
    if (!a)
        return fail(r, r->p);
    skip_ws(r);
    if (r->p < r->end && *r->p == ']') {
        r->p++;
        return a;
    }
    for (;;) {
        json_t *v = read_value(r);
        if (!v || json_array_append_new(a, v) != 0)
            break;
        skip_ws(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == ']') {
            r->p++;
            return a;
        }
        break;
    }
    json_decref(a);
    return fail(r, r->p);
}

static json_t *read_object(reader *r)
{
    json_t *o = json_object();
    if (!o)
        return fail(r, r->p);
    skip_ws(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        return o;
    }
    for (;;) {
        const char *key;
        size_t klen;
        if (r->p >= r->end || *r->p != '"')
            break;
        r->p++;
        if (read_string(r, &key, &klen) != 0 || memchr(key, '\0', klen))
            break; /* jansson refuses NUL in keys */
        /* The key may live in the scratch, which the value can reuse. */
        char small[64], *k = klen < sizeof small ? small : malloc(klen + 1);
        if (!k)
            break;
        memcpy(k, key, klen);
        k[klen] = '\0';
        skip_ws(r);
        json_t *v = NULL;
        if (r->p < r->end && *r->p == ':') {
            r->p++;
            v = read_value(r);
        }
        int ok = v && json_object_setn_new_nocheck(o, k, klen, v) == 0;
        if (k != small)
            free(k);
        if (!ok)
            break;
        skip_ws(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            skip_ws(r);
            continue;
        }
        if (r->p < r->end && *r->p == '}') {
            r->p++;
            return o;
        }
        break;
    }
    json_decref(o);
    return fail(r, r->p);
}

static json_t *read_literal(reader *r, const char *word, json_t *value)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return fail(r, r->p);
    r->p += n;
    return value;
}

static json_t *read_value(reader *r)
{
    skip_ws(r);
    if (r->p >= r->end)
        return fail(r, r->p);
    unsigned c = *r->p;
    if (c == '{' || c == '[') {
        if (++r->depth > r->max_depth) {
            r->too_deep = 1;
            return fail(r, r->p);
        }
        r->p++;
        json_t *v = c == '{' ? read_object(r) : read_array(r);
        r->depth--;
        return v;
    }
    if (c == '"') {
        const char *s;
        size_t len;
        const unsigned char *at = r->p++;
        if (read_string(r, &s, &len) != 0)
            return fail(r, r->p > at ? r->p : at);
        json_t *v = json_stringn_nocheck(s, len);
        return v ? v : fail(r, at);
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return read_number(r);
    if (c == 't')
        return read_literal(r, "true", json_true());
    if (c == 'f')
        return read_literal(r, "false", json_false());
    if (c == 'n')
        return read_literal(r, "null", json_null());
    return fail(r, r->p);
}

json_t *sash__json_read(const char *text, size_t len, size_t *error_at)
{
    return sash__json_read_limited(text, len, MAX_DEPTH, NULL, error_at);
}

json_t *sash__json_read_limited(const char *text, size_t len, int max_depth,
                                int *too_deep, size_t *error_at)
{
    reader r = {(const unsigned char *)text, (const unsigned char *)text + len,
                (const unsigned char *)text, 0,
                max_depth < MAX_DEPTH ? max_depth : MAX_DEPTH, 0, 0, 0, NULL, 0};
    json_t *v = NULL;
    skip_ws(&r);
    if (r.p < r.end && (*r.p == '{' || *r.p == '['))
        v = read_value(&r);
    else
        fail(&r, r.p);
    if (v) {
        skip_ws(&r);
        if (r.p != r.end) {
            json_decref(v);
            v = fail(&r, r.p);
        }
    }
    free(r.buf);
    if (!v && error_at)
        *error_at = r.fail_at;
    if (too_deep)
        *too_deep = !v && r.too_deep;
    return v;
}

/* -- Writer ---------------------------------------------------------------- */

typedef struct writer {
    char *buf;
    size_t len, cap;
    int failed;
} writer;

static int grow_to(writer *w, size_t need)
{
    if (w->failed)
        return -1;
    if (need <= w->cap)
        return 0;
    size_t cap = w->cap ? w->cap : 256;
    while (cap < need)
        cap *= 2;
    char *b = realloc(w->buf, cap);
    if (!b) {
        w->failed = 1;
        return -1;
    }
    w->buf = b;
    w->cap = cap;
    return 0;
}

static void put(writer *w, const char *s, size_t n)
{
    if (grow_to(w, w->len + n + 1) == 0) {
        memcpy(w->buf + w->len, s, n);
        w->len += n;
    }
}

static void put_string(writer *w, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    put(w, "\"", 1);
    while (p < end && !w->failed) {
        const unsigned char *run = p;
        while (p < end && string_class[*p] == 0)
            p++;
        put(w, (const char *)run, (size_t)(p - run));
        if (p >= end)
            break;
        if (*p >= 0x80) {
            size_t k = utf8_seq(p, (size_t)(end - p));
            if (!k) { /* jansson's dump fails on invalid UTF-8 too */
                w->failed = 1;
                break;
            }
            put(w, (const char *)p, k);
            p += k;
            continue;
        }
        char esc[8];
        unsigned c = *p++;
        switch (c) {
        case '"': put(w, "\\\"", 2); break;
        case '\\': put(w, "\\\\", 2); break;
        case '\b': put(w, "\\b", 2); break;
        case '\f': put(w, "\\f", 2); break;
        case '\n': put(w, "\\n", 2); break;
        case '\r': put(w, "\\r", 2); break;
        case '\t': put(w, "\\t", 2); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04X", c);
            put(w, esc, 6);
        }
    }
    put(w, "\"", 1);
}

/* jansson's real format: %.17g, the locale's decimal point made '.', and
 * ".0" added when it would read back as an integer. */
static void put_real(writer *w, double d)
{
    char b[40];
    int n = snprintf(b, sizeof b, "%.17g", d);
    if (n <= 0 || (size_t)n >= sizeof b) {
        w->failed = 1;
        return;
    }
    for (char *c = b; *c; c++)
        if (*c == ',')
            *c = '.';
    char *e = strchr(b, 'e');
    if (e) { /* "1e+300" -> "1e300", "1e-07" -> "1e-7", as jansson writes */
        char *at = e + 1 + (e[1] == '-');
        char *digits = at + (*at == '+');
        while (digits[0] == '0' && digits[1])
            digits++;
        memmove(at, digits, strlen(digits) + 1);
        n = (int)strlen(b);
    } else if (!strchr(b, '.')) {
        b[n++] = '.';
        b[n++] = '0';
        b[n] = '\0';
    }
    put(w, b, (size_t)n);
}

static void put_value(writer *w, const json_t *v, int depth)
{
    char num[32];
    if (w->failed)
        return;
    if (depth > MAX_DEPTH) { /* a cycle, or deeper than jansson would go */
        w->failed = 1;
        return;
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *item;
        size_t key_len;
        int first = 1;
        put(w, "{", 1);
        json_object_keylen_foreach((json_t *)v, key, key_len, item) {
            if (!first)
                put(w, ",", 1);
            first = 0;
            put_string(w, key, key_len);
            put(w, ":", 1);
            put_value(w, item, depth + 1);
        }
        put(w, "}", 1);
        break;
    }
    case JSON_ARRAY:
        put(w, "[", 1);
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i)
                put(w, ",", 1);
            put_value(w, json_array_get(v, i), depth + 1);
        }
        put(w, "]", 1);
        break;
    case JSON_STRING:
        put_string(w, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        put(w, num, (size_t)snprintf(num, sizeof num, "%lld",
                                     (long long)json_integer_value(v)));
        break;
    case JSON_REAL:
        put_real(w, json_real_value(v));
        break;
    case JSON_TRUE:
        put(w, "true", 4);
        break;
    case JSON_FALSE:
        put(w, "false", 5);
        break;
    case JSON_NULL:
        put(w, "null", 4);
        break;
    }
}

char *sash__json_write(const json_t *value, size_t *len)
{
    writer w = {NULL, 0, 0, 0};
    if (!value)
        return NULL;
    put_value(&w, value, 0);
    if (w.failed || grow_to(&w, w.len + 1) != 0) {
        free(w.buf);
        return NULL;
    }
    w.buf[w.len] = '\0';
    if (len)
        *len = w.len;
    return w.buf;
}
