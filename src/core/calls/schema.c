/*
 * schema.c - typed commands: the schema language (see schema.h), parsed
 * once into a small tree, checked against each call's arguments before
 * the command runs, and printed as TypeScript for `sash types`.
 *
 * Errors name a JSON path and the expectation in the schema's own words:
 *   args.limit: expected int >= 0, got "10"
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

enum kind {
    K_ANY, K_NULL, K_BOOL, K_INT, K_NUMBER, K_STRING, K_OBJECT_ANY,
    K_LITERAL, K_ARRAY, K_OBJECT, K_UNION, K_CHANNEL
};

typedef struct node node;

typedef struct field {
    char *name;
    int optional;
    node *type;
} field;

struct node {
    enum kind kind;
    size_t at, len;     /* where it was written, in the schema's text */
    int has_lo, lo_excl, has_hi, hi_excl;
    double lo, hi;      /* int, number */
    char *lit;          /* string literal */
    node *item;         /* array element; channel payload (may be NULL) */
    node **alts;        /* union members */
    size_t nalts;
    field *fields;      /* object */
    size_t nfields;
    int open;           /* object ends with '...' */
};

struct sash__schema {
    char *text;
    node *root;
};

#define MAX_DEPTH 32

/* ------------------------------------------------------------------ */
/* Parser                                                              */
/* ------------------------------------------------------------------ */

typedef struct parser {
    const char *s;
    size_t i;
    char *err;
    size_t err_size;
    int failed;
    int depth;
} parser;

static void fail_at(parser *p, size_t at, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = 1;
    if (!p->err || !p->err_size)
        return;
    int n = snprintf(p->err, p->err_size, "column %zu: ", at + 1);
    if (n < 0 || (size_t)n >= p->err_size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err + n, p->err_size - (size_t)n, fmt, ap);
    va_end(ap);
}

static void oom(parser *p)
{
    if (p->failed)
        return;
    p->failed = 1;
    if (p->err && p->err_size)
        snprintf(p->err, p->err_size, "out of memory");
}

static void skip_ws(parser *p)
{
    while (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' ||
           p->s[p->i] == '\r')
        p->i++;
}

static int is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '$';
}

static int is_ident(char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

/* What is at p->i, for messages: a short quote or "the end". */
static const char *found(parser *p, char buf[24])
{
    if (!p->s[p->i])
        return "the end";
    size_t n = 0;
    buf[n++] = '\'';
    if (!is_ident(p->s[p->i]))
        buf[n++] = p->s[p->i];
    for (size_t k = p->i; is_ident(p->s[k]) && n < 18; k++)
        buf[n++] = p->s[k];
    buf[n++] = '\'';
    buf[n] = 0;
    return buf;
}

static int accept(parser *p, const char *tok)
{
    skip_ws(p);
    size_t n = strlen(tok);
    if (strncmp(p->s + p->i, tok, n) != 0)
        return 0;
    p->i += n;
    return 1;
}

static void expect(parser *p, const char *tok)
{
    if (p->failed)
        return;
    if (!accept(p, tok)) {
        char b[24];
        fail_at(p, p->i, "expected '%s', found %s", tok, found(p, b));
    }
}

/* An identifier; returns its length (0 if none). */
static size_t ident(parser *p)
{
    skip_ws(p);
    size_t n = 0;
    if (is_ident_start(p->s[p->i]))
        while (is_ident(p->s[p->i + n]))
            n++;
    return n;
}

/* A quoted string at p->i ('x' or "x", backslash escapes the next char);
 * returns it unescaped (caller frees), or NULL after fail(). */
static char *quoted(parser *p)
{
    char q = p->s[p->i];
    size_t start = p->i++;
    size_t cap = 16, n = 0;
    char *out = malloc(cap);
    if (!out) {
        oom(p);
        return NULL;
    }
    for (;;) {
        char c = p->s[p->i];
        if (!c) {
            fail_at(p, start, "unterminated string");
            free(out);
            return NULL;
        }
        p->i++;
        if (c == q)
            break;
        if (c == '\\' && p->s[p->i])
            c = p->s[p->i++];
        if (n + 2 > cap) {
            char *o = realloc(out, cap *= 2);
            if (!o) {
                free(out);
                oom(p);
                return NULL;
            }
            out = o;
        }
        out[n++] = c;
    }
    out[n] = 0;
    return out;
}

static void node_free(node *n)
{
    if (!n)
        return;
    free(n->lit);
    node_free(n->item);
    for (size_t i = 0; i < n->nalts; i++)
        node_free(n->alts[i]);
    free(n->alts);
    for (size_t i = 0; i < n->nfields; i++) {
        free(n->fields[i].name);
        node_free(n->fields[i].type);
    }
    free(n->fields);
    free(n);
}

static node *new_node(parser *p, enum kind k, size_t at)
{
    node *n = calloc(1, sizeof *n);
    if (!n) {
        oom(p);
        return NULL;
    }
    n->kind = k;
    n->at = at;
    return n;
}

static node *parse_type(parser *p);

static void parse_bounds(parser *p, node *n)
{
    for (;;) {
        skip_ws(p);
        size_t at = p->i;
        int lower, excl;
        if (accept(p, ">="))
            lower = 1, excl = 0;
        else if (accept(p, ">"))
            lower = 1, excl = 1;
        else if (accept(p, "<="))
            lower = 0, excl = 0;
        else if (accept(p, "<"))
            lower = 0, excl = 1;
        else
            return;
        skip_ws(p);
        const char *s = p->s + p->i;
        if (!(isdigit((unsigned char)s[0]) ||
              (s[0] == '-' && isdigit((unsigned char)s[1])))) {
            /* "channel<int>": that '>' closes the channel, it is no bound */
            if (!excl || !lower) {
                char b[24];
                fail_at(p, p->i, "expected a number after the comparison, "
                        "found %s", found(p, b));
            }
            p->i = at;
            return;
        }
        char *end;
        double v = strtod(s, &end);
        if (!isfinite(v)) {
            fail_at(p, p->i, "number out of range");
            return;
        }
        p->i += (size_t)(end - s);
        if ((lower && n->has_lo) || (!lower && n->has_hi)) {
            fail_at(p, at, "a second %s bound", lower ? "lower" : "upper");
            return;
        }
        if (lower)
            n->has_lo = 1, n->lo_excl = excl, n->lo = v;
        else
            n->has_hi = 1, n->hi_excl = excl, n->hi = v;
    }
}

static int add_field(parser *p, node *obj, char *name, int optional, node *t)
{
    for (size_t i = 0; i < obj->nfields; i++)
        if (strcmp(obj->fields[i].name, name) == 0)
            return -1;
    field *f = realloc(obj->fields, (obj->nfields + 1) * sizeof *f);
    if (!f) {
        oom(p);
        return -2;
    }
    obj->fields = f;
    f[obj->nfields++] = (field){name, optional, t};
    return 0;
}

static node *parse_object(parser *p, size_t at)
{
    node *n = new_node(p, K_OBJECT, at);
    if (!n)
        return NULL;
    for (;;) {
        skip_ws(p);
        if (accept(p, "}"))
            return n;
        if (accept(p, "...")) {
            n->open = 1;
            accept(p, ",");
            expect(p, "}");
            break;
        }
        size_t fat = p->i;
        char *name = NULL;
        size_t len = ident(p);
        if (len) {
            name = malloc(len + 1);
            if (!name) {
                oom(p);
                break;
            }
            memcpy(name, p->s + p->i, len);
            name[len] = 0;
            p->i += len;
        } else if (p->s[p->i] == '\'' || p->s[p->i] == '"') {
            name = quoted(p);
            if (!name)
                break;
        } else {
            char b[24];
            fail_at(p, p->i, "expected a field name or '}', found %s",
                    found(p, b));
            break;
        }
        int optional = accept(p, "?");
        expect(p, ":");
        node *t = p->failed ? NULL : parse_type(p);
        if (!t) {
            free(name);
            break;
        }
        int rc = add_field(p, n, name, optional, t);
        if (rc != 0) {
            if (rc == -1)
                fail_at(p, fat, "field '%s' appears twice", name);
            free(name);
            node_free(t);
            break;
        }
        skip_ws(p);
        if (accept(p, ","))
            continue;
        if (!accept(p, "}")) {
            char b[24];
            fail_at(p, p->i, "expected ',' or '}', found %s", found(p, b));
            break;
        }
        return n;
    }
    if (!p->failed)
        return n;
    node_free(n);
    return NULL;
}

static const struct {
    const char *word;
    enum kind kind;
} words[] = {
    {"string", K_STRING}, {"bool", K_BOOL},     {"boolean", K_BOOL},
    {"null", K_NULL},     {"any", K_ANY},       {"object", K_OBJECT_ANY},
    {"int", K_INT},       {"number", K_NUMBER}, {"double", K_NUMBER},
    {"channel", K_CHANNEL},
};

static node *parse_primary(parser *p)
{
    skip_ws(p);
    size_t at = p->i;
    char c = p->s[at];
    node *n = NULL;
    if (c == '{') {
        p->i++;
        n = parse_object(p, at);
    } else if (c == '(') {
        p->i++;
        n = parse_type(p);
        expect(p, ")");
        if (p->failed) {
            node_free(n);
            return NULL;
        }
        return n; /* keeps the inner span: "(a|b)" reads as "a|b" */
    } else if (c == '\'' || c == '"') {
        char *lit = quoted(p);
        if (lit && (n = new_node(p, K_LITERAL, at)))
            n->lit = lit;
        else
            free(lit);
    } else {
        size_t len = ident(p);
        for (size_t k = 0; len && k < sizeof words / sizeof *words; k++) {
            if (strlen(words[k].word) == len &&
                memcmp(words[k].word, p->s + at, len) == 0) {
                p->i += len;
                n = new_node(p, words[k].kind, at);
                break;
            }
        }
        if (!n && !p->failed) {
            char b[24];
            if (len)
                fail_at(p, at, "unknown type '%.*s' (known: string, int, "
                        "number, bool, null, any, object, channel, "
                        "'literal', {...}, T[])", (int)len, p->s + at);
            else
                fail_at(p, at, "expected a type, found %s", found(p, b));
            return NULL;
        }
        if (n && (n->kind == K_INT || n->kind == K_NUMBER))
            parse_bounds(p, n);
        else if (n && n->kind == K_CHANNEL && accept(p, "<")) {
            n->item = parse_type(p);
            expect(p, ">");
        }
    }
    if (n && !p->failed)
        n->len = p->i - at;
    if (p->failed) {
        node_free(n);
        return NULL;
    }
    return n;
}

static node *parse_member(parser *p)
{
    skip_ws(p);
    size_t at = p->i;
    node *n = parse_primary(p);
    int dims = 0;
    while (n && accept(p, "[")) {
        if (++dims > MAX_DEPTH)
            fail_at(p, p->i - 1, "more than %d array dimensions", MAX_DEPTH);
        expect(p, "]");
        node *a = p->failed ? NULL : new_node(p, K_ARRAY, at);
        if (!a) {
            node_free(n);
            return NULL;
        }
        a->item = n;
        a->len = p->i - at;
        n = a;
    }
    return n;
}

static node *parse_type(parser *p)
{
    if (++p->depth > MAX_DEPTH) {
        fail_at(p, p->i, "nested deeper than %d levels", MAX_DEPTH);
        return NULL;
    }
    skip_ws(p);
    size_t at = p->i;
    node *n = parse_member(p);
    if (n && accept(p, "|")) {
        node *u = new_node(p, K_UNION, at);
        node **alts = u ? malloc(2 * sizeof *alts) : NULL;
        if (!alts) {
            oom(p);
            free(u);
            node_free(n);
            p->depth--;
            return NULL;
        }
        u->alts = alts;
        u->alts[u->nalts++] = n;
        size_t cap = 2;
        do {
            node *m = parse_member(p);
            if (!m)
                break;
            if (u->nalts == cap) {
                node **a = realloc(u->alts, (cap *= 2) * sizeof *a);
                if (!a) {
                    node_free(m);
                    oom(p);
                    break;
                }
                u->alts = a;
            }
            u->alts[u->nalts++] = m;
        } while (accept(p, "|"));
        u->len = p->i - at;
        n = u;
        if (p->failed) {
            node_free(n);
            n = NULL;
        }
    }
    p->depth--;
    return n;
}

sash__schema *sash__schema_parse(const char *text, char *err, size_t err_size)
{
    if (err && err_size)
        err[0] = 0;
    if (!text) {
        if (err && err_size)
            snprintf(err, err_size, "column 1: no schema (NULL)");
        return NULL;
    }
    parser p = {.s = text, .err = err, .err_size = err_size};
    node *root = parse_type(&p);
    skip_ws(&p);
    if (root && text[p.i]) {
        char b[24];
        fail_at(&p, p.i, "unexpected %s after the type", found(&p, b));
    }
    sash__schema *s = NULL;
    if (!p.failed && root) {
        s = malloc(sizeof *s);
        size_t n = strlen(text);
        char *copy = s ? malloc(n + 1) : NULL;
        if (copy) {
            memcpy(copy, text, n + 1);
            s->text = copy;
            s->root = root;
            return s;
        }
        free(s);
        oom(&p);
    }
    node_free(root);
    return NULL;
}

void sash__schema_free(sash__schema *s)
{
    if (!s)
        return;
    node_free(s->root);
    free(s->text);
    free(s);
}

const char *sash__schema_text(const sash__schema *s)
{
    return s ? s->text : NULL;
}

int sash__schema_is_object(const sash__schema *s)
{
    return s && s->root->kind == K_OBJECT;
}

/* ------------------------------------------------------------------ */
/* Validator                                                           */
/* ------------------------------------------------------------------ */

/* The path to the value being checked, as segments: it is written out
 * only for a message, so a passing check formats nothing. */
typedef struct segment {
    const char *key; /* NULL: an array index */
    size_t index;
} segment;

#define MAX_SEGMENTS 64

typedef struct checker {
    const char *text;
    const char *root;
    segment segs[MAX_SEGMENTS];
    size_t nsegs; /* may exceed MAX_SEGMENTS: the rest are not kept */
    char *err;    /* NULL: a quiet try (a union member), no message */
    size_t err_size;
} checker;

/* Whether the JSON value has the shape of kind k (constraints aside). */
static int shape_ok(const node *n, const json_t *v)
{
    switch (n->kind) {
    case K_ANY: return 1;
    case K_NULL: return json_is_null(v);
    case K_BOOL: return json_is_boolean(v);
    case K_INT: return json_is_integer(v);
    case K_NUMBER: return json_is_number(v);
    case K_STRING: case K_LITERAL: return json_is_string(v);
    case K_OBJECT_ANY: case K_OBJECT: case K_CHANNEL: return json_is_object(v);
    case K_ARRAY: return json_is_array(v);
    case K_UNION: break;
    }
    return 0;
}

static void describe_value(const json_t *v, char *out, size_t size)
{
    if (!v) {
        snprintf(out, size, "nothing");
    } else if (json_is_object(v)) {
        snprintf(out, size, "an object");
    } else if (json_is_array(v)) {
        snprintf(out, size, "an array");
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t n = json_string_length(v);
        size_t k = 0, o = 0;
        out[o++] = '"';
        /* Room for the widest character (a 6-byte \u escape) and what
         * follows the loop ("...", the quote, the NUL): 11 bytes.  (The
         * fuzzer found the old bound, 8, one escape short.) */
        for (; k < n && o + 6 + 5 < size && k < 32; k++) {
            unsigned char c = (unsigned char)s[k];
            if (c == '"' || c == '\\')
                out[o++] = '\\', out[o++] = (char)c;
            else if (c < 0x20)
                o += (size_t)snprintf(out + o, size - o, "\\u%04x", c);
            else
                out[o++] = (char)c;
        }
        if (k < n)
            out[o++] = '.', out[o++] = '.', out[o++] = '.';
        out[o++] = '"';
        out[o] = 0;
    } else if (json_is_integer(v)) {
        snprintf(out, size, "%lld", (long long)json_integer_value(v));
    } else if (json_is_real(v)) {
        snprintf(out, size, "%.17g", json_real_value(v));
    } else {
        snprintf(out, size, "%s", json_is_true(v) ? "true"
                                  : json_is_false(v) ? "false" : "null");
    }
}

/* The type as written, whitespace runs collapsed, long ones shortened. */
static void describe_type(const checker *c, const node *n, char *out,
                          size_t size)
{
    if (n->kind == K_OBJECT && n->len > 60) {
        snprintf(out, size, "an object");
        return;
    }
    size_t o = 0;
    for (size_t k = 0; k < n->len && o + 4 < size; k++) {
        char ch = c->text[n->at + k];
        if (ch == '\n' || ch == '\t' || ch == '\r')
            ch = ' ';
        if (ch == ' ' && o && out[o - 1] == ' ')
            continue;
        out[o++] = ch;
    }
    if (o + 4 >= size && n->len)
        o = o > 3 ? o - 3 : o, out[o++] = '.', out[o++] = '.', out[o++] = '.';
    out[o] = 0;
}

/* "root.key[3].name", cut to fit. */
static void render_path(const checker *c, char *out, size_t size)
{
    size_t o = (size_t)snprintf(out, size, "%.60s", c->root);
    size_t n = c->nsegs < MAX_SEGMENTS ? c->nsegs : MAX_SEGMENTS;
    for (size_t i = 0; i < n && o < size; i++) {
        int w = c->segs[i].key
                    ? snprintf(out + o, size - o, ".%.60s", c->segs[i].key)
                    : snprintf(out + o, size - o, "[%zu]", c->segs[i].index);
        if (w < 0)
            break;
        o += (size_t)w;
    }
    if (c->nsegs > MAX_SEGMENTS && o + 4 < size)
        snprintf(out + o, size - o, "...");
}

static int mismatch(checker *c, const node *n, const json_t *v)
{
    if (!c->err || !c->err_size)
        return -1;
    char want[96], got[64], path[200];
    describe_type(c, n, want, sizeof want);
    describe_value(v, got, sizeof got);
    render_path(c, path, sizeof path);
    snprintf(c->err, c->err_size, "%s: expected %s, got %s", path, want, got);
    return -1;
}

/* Enters ".key" or "[i]"; returns the depth to go back to. */
static size_t path_push(checker *c, const char *key, size_t index)
{
    size_t old = c->nsegs;
    if (old < MAX_SEGMENTS)
        c->segs[old] = (segment){key, index};
    c->nsegs = old + 1;
    return old;
}

static int check(checker *c, const node *n, const json_t *v);

static int check_object(checker *c, const node *n, const json_t *v)
{
    size_t present = 0;
    for (size_t i = 0; i < n->nfields; i++) {
        const field *f = &n->fields[i];
        json_t *fv = v ? json_object_get(v, f->name) : NULL;
        present += fv != NULL;
        if (!fv) {
            if (f->optional)
                continue;
            if (!c->err || !c->err_size)
                return -1;
            size_t old = path_push(c, f->name, 0);
            char want[96], path[200];
            describe_type(c, f->type, want, sizeof want);
            render_path(c, path, sizeof path);
            snprintf(c->err, c->err_size, "%s: missing, expected %s", path, want);
            c->nsegs = old;
            return -1;
        }
        size_t old = path_push(c, f->name, 0);
        if (check(c, f->type, fv) != 0)
            return -1;
        c->nsegs = old;
    }
    if (n->open || !v || json_object_size(v) == present)
        return 0;
    /* Keys the schema does not list: name the first. */
    const char *key;
    json_t *fv;
    void *it = json_object_iter((json_t *)v);
    for (; it; it = json_object_iter_next((json_t *)v, it)) {
        key = json_object_iter_key(it);
        fv = json_object_iter_value(it);
        (void)fv;
        size_t i = 0;
        while (i < n->nfields && strcmp(n->fields[i].name, key) != 0)
            i++;
        if (i < n->nfields)
            continue;
        size_t old = path_push(c, key, 0);
        if (c->err && c->err_size) {
            char path[200];
            render_path(c, path, sizeof path);
            int w = snprintf(c->err, c->err_size, "%s: unexpected field "
                             "(expected ", path);
            for (size_t k = 0; w > 0 && (size_t)w < c->err_size &&
                               k < n->nfields; k++)
                w += snprintf(c->err + w, c->err_size - (size_t)w, "%s%s",
                              k ? ", " : "", n->fields[k].name);
            if (!n->nfields && w > 0 && (size_t)w < c->err_size)
                w += snprintf(c->err + w, c->err_size - (size_t)w, "no fields");
            if (w > 0 && (size_t)w < c->err_size)
                snprintf(c->err + w, c->err_size - (size_t)w, ")");
        }
        c->nsegs = old;
        return -1;
    }
    return 0;
}

static int check(checker *c, const node *n, const json_t *v)
{
    switch (n->kind) {
    case K_ANY:
        return v ? 0 : mismatch(c, n, v);
    case K_INT:
    case K_NUMBER: {
        if (!shape_ok(n, v))
            return mismatch(c, n, v);
        double d = json_number_value(v);
        if (n->has_lo && (n->lo_excl ? !(d > n->lo) : !(d >= n->lo)))
            return mismatch(c, n, v);
        if (n->has_hi && (n->hi_excl ? !(d < n->hi) : !(d <= n->hi)))
            return mismatch(c, n, v);
        return 0;
    }
    case K_LITERAL:
        if (!json_is_string(v) || json_string_length(v) != strlen(n->lit) ||
            strcmp(json_string_value(v), n->lit) != 0)
            return mismatch(c, n, v);
        return 0;
    case K_CHANNEL: {
        json_t *id = json_object_get(v, "__sash_channel__");
        if (!json_is_integer(id) || json_integer_value(id) <= 0)
            return mismatch(c, n, v);
        return 0;
    }
    case K_ARRAY: {
        if (!json_is_array(v))
            return mismatch(c, n, v);
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            size_t old = path_push(c, NULL, i);
            if (check(c, n->item, item) != 0)
                return -1;
            c->nsegs = old;
        }
        return 0;
    }
    case K_OBJECT:
        if (!json_is_object(v))
            return mismatch(c, n, v);
        return check_object(c, n, v);
    case K_UNION: {
        const node *only = NULL;
        size_t shaped = 0;
        for (size_t i = 0; i < n->nalts; i++) {
            const node *a = n->alts[i];
            if (a->kind == K_UNION ? 1 : shape_ok(a, v)) {
                /* A quiet try: no message unless it is the only one. */
                char *err = c->err;
                size_t depth = c->nsegs;
                c->err = NULL;
                int rc = check(c, a, v);
                c->err = err;
                c->nsegs = depth;
                if (rc == 0)
                    return 0;
                shaped++;
                only = a;
            }
        }
        /* One member had the right shape: its own message says more. */
        if (shaped == 1 && only->kind != K_LITERAL)
            return check(c, only, v);
        return mismatch(c, n, v);
    }
    default:
        return shape_ok(n, v) ? 0 : mismatch(c, n, v);
    }
}

int sash__schema_check(const sash__schema *s, const json_t *v,
                       const char *root, char *err, size_t err_size)
{
    if (!s)
        return 0;
    checker c = {.text = s->text, .root = root ? root : "value", .err = err,
                 .err_size = err_size};
    if (!v && s->root->kind == K_OBJECT)
        return check_object(&c, s->root, NULL);
    return check(&c, s->root, v);
}

/* ------------------------------------------------------------------ */
/* TypeScript                                                          */
/* ------------------------------------------------------------------ */

typedef struct out {
    char *s;
    size_t len, cap;
    int failed;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->failed)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 64;
        while (o->len + n + 1 > cap)
            cap *= 2;
        char *b = realloc(o->s, cap);
        if (!b) {
            o->failed = 1;
            return;
        }
        o->s = b;
        o->cap = cap;
    }
    memcpy(o->s + o->len, s, n);
    o->len += n;
    o->s[o->len] = 0;
}

static void puts_(out *o, const char *s) { put(o, s, strlen(s)); }

static void put_quoted(out *o, const char *s)
{
    puts_(o, "'");
    for (; *s; s++) {
        char esc[8];
        unsigned char c = (unsigned char)*s;
        if (c == '\'' || c == '\\')
            snprintf(esc, sizeof esc, "\\%c", c);
        else if (c < 0x20)
            snprintf(esc, sizeof esc, "\\x%02x", c);
        else
            esc[0] = (char)c, esc[1] = 0;
        puts_(o, esc);
    }
    puts_(o, "'");
}

static int plain_key(const char *k)
{
    if (!is_ident_start(*k))
        return 0;
    for (; *k; k++)
        if (!is_ident(*k))
            return 0;
    return 1;
}

static void ts(out *o, const node *n)
{
    switch (n->kind) {
    case K_ANY: puts_(o, "unknown"); break;
    case K_NULL: puts_(o, "null"); break;
    case K_BOOL: puts_(o, "boolean"); break;
    case K_INT: case K_NUMBER: puts_(o, "number"); break;
    case K_STRING: puts_(o, "string"); break;
    case K_OBJECT_ANY: puts_(o, "Record<string, unknown>"); break;
    case K_LITERAL: put_quoted(o, n->lit); break;
    case K_CHANNEL:
        puts_(o, "Channel<");
        if (n->item)
            ts(o, n->item);
        else
            puts_(o, "any");
        puts_(o, ">");
        break;
    case K_ARRAY:
        if (n->item->kind == K_UNION) {
            puts_(o, "(");
            ts(o, n->item);
            puts_(o, ")[]");
        } else {
            ts(o, n->item);
            puts_(o, "[]");
        }
        break;
    case K_UNION:
        for (size_t i = 0; i < n->nalts; i++) {
            if (i)
                puts_(o, " | ");
            ts(o, n->alts[i]);
        }
        break;
    case K_OBJECT:
        if (!n->nfields) {
            puts_(o, n->open ? "Record<string, unknown>"
                             : "Record<string, never>");
            break;
        }
        puts_(o, "{ ");
        for (size_t i = 0; i < n->nfields; i++) {
            const field *f = &n->fields[i];
            if (plain_key(f->name))
                puts_(o, f->name);
            else
                put_quoted(o, f->name);
            puts_(o, f->optional ? "?: " : ": ");
            ts(o, f->type);
            puts_(o, "; ");
        }
        if (n->open)
            puts_(o, "[key: string]: unknown; ");
        puts_(o, "}");
        break;
    }
}

char *sash__schema_ts(const sash__schema *s)
{
    out o = {0};
    if (!s)
        puts_(&o, "unknown");
    else
        ts(&o, s->root);
    if (o.failed) {
        free(o.s);
        return NULL;
    }
    return o.s;
}
