/*
 * sash-embed - turns a front-end folder into C data, at build time.
 *
 *   sash-embed assets DIR OUT.c SYMBOL   every file under DIR (dot files
 *       skipped) as `const sash_asset SYMBOL[]` sorted by path, with
 *       `const size_t SYMBOL_count`; the MIME type is stored per file.
 *   sash-embed string FILE OUT.c SYMBOL  one file as `const char SYMBOL[]`,
 *       NUL-terminated.
 *   sash-embed json FILE OUT.c SYMBOL  the same for a JSON file (sash.json),
 *       without the whitespace between its tokens when it parses (a
 *       malformed file is stored as is, so the app's error names the
 *       line and column in the file).
 *   sash-embed js FILE OUT.c SYMBOL  a script, without its indentation,
 *       blank lines and whole-line // comments (the bridge script: a third
 *       smaller in every app binary), as `const unsigned char SYMBOL[]` with
 *       `SYMBOL_size` (its length) and `SYMBOL_packed` (below).  Line breaks
 *       stay, so semicolon insertion is unchanged.
 *
 *   --deflate before the mode stores assets and js data raw-deflated (zlib,
 *   level 9) where that saves at least an eighth: `packed` / `SYMBOL_packed`
 *   give the stored size (0 = stored as is) and the library inflates them
 *   when served (sash__asset_data).  Text compresses 3-4x: a Vue app's
 *   bundle is most of its binary.  CMake passes it when libsash was built
 *   with zlib (SASH_EMBED_DEFLATE).
 *
 * The output is written to OUT.c.tmp and renamed, so a failed run never
 * leaves a half-written source behind.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#ifdef SASH_EMBED_ZLIB
#include <zlib.h>
#endif

const char *sash__mime_for(const char *path);

typedef struct file_list {
    char **paths; /* relative to the root, starting with '/' */
    size_t count, cap;
} file_list;

static int list_add(file_list *l, const char *path)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p)
            return -1;
        l->paths = p;
        l->cap = cap;
    }
    l->paths[l->count] = strdup(path);
    return l->paths[l->count++] ? 0 : -1;
}

static int walk(const char *root, const char *rel, file_list *out)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s%s", root, rel);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "sash-embed: cannot open %s: %s\n", dir, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char sub[4096], full[8192];
        snprintf(sub, sizeof sub, "%s/%s", rel, e->d_name);
        snprintf(full, sizeof full, "%s%s", root, sub);
        struct stat st;
        if (stat(full, &st) != 0)
            rc = -1;
        else if (S_ISDIR(st.st_mode))
            rc = walk(root, sub, out);
        else if (S_ISREG(st.st_mode))
            rc = list_add(out, sub);
    }
    closedir(d);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int deflate_on; /* --deflate */

/* The whole file, malloc'd (+1 byte for a NUL). */
static unsigned char *slurp(const char *path, size_t *size)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "sash-embed: cannot read %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0, got;
    unsigned char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, in)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *b = realloc(buf, cap * 2 + 1);
            if (!b) {
                free(buf);
                buf = NULL;
            }
            buf = b;
            cap *= 2;
        }
    }
    if (buf && ferror(in)) {
        fprintf(stderr, "sash-embed: cannot read %s: %s\n", path, strerror(errno));
        free(buf);
        buf = NULL;
    }
    fclose(in);
    *size = n;
    return buf;
}

/* Raw deflate of data into a new buffer, or NULL when it saves less than
 * an eighth (not worth an inflate at run time) or zlib is absent. */
static unsigned char *pack(const unsigned char *data, size_t size, size_t *packed)
{
#ifdef SASH_EMBED_ZLIB
    z_stream z = {0};
    if (!deflate_on || size < 64 ||
        deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    uLong cap = deflateBound(&z, (uLong)size);
    unsigned char *out = malloc(cap);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)size;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int rc = out ? deflate(&z, Z_FINISH) : Z_MEM_ERROR;
    *packed = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END || *packed > size - size / 8) {
        free(out);
        return NULL;
    }
    return out;
#else
    (void)data, (void)size, (void)packed;
    return NULL;
#endif
}

/* Writes bytes as a C initializer list. */
static void write_bytes(FILE *out, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%u,%s", b[i], (i % 24 == 23) ? "\n" : "");
}

/* `static const unsigned char NAME[]` of data, deflated if worth it and
 * NUL-terminated if not; *packed is the stored size or 0. */
static void write_data(FILE *out, const char *storage, const char *name,
                       const unsigned char *data, size_t size, size_t *packed)
{
    unsigned char *z = pack(data, size, packed);
    fprintf(out, "%sconst unsigned char %s[] = {\n", storage, name);
    if (z)
        write_bytes(out, z, *packed);
    else {
        *packed = 0;
        write_bytes(out, data, size);
    }
    fprintf(out, "0};\n");
    free(z);
}

/* A C string literal of s, escaped. */
static void write_cstr(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(out, "\\%c", *s);
        else if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
            fprintf(out, "\\%03o", (unsigned char)*s);
        else
            fputc(*s, out);
    }
    fputc('"', out);
}

static int embed_assets(const char *root, FILE *out, const char *sym)
{
    file_list l = {0};
    if (walk(root, "", &l) != 0)
        return -1;
    qsort(l.paths, l.count, sizeof *l.paths, cmp_str);
    fprintf(out, "#include <sash.h>\n\n");
    size_t *sizes = calloc(2 * l.count + 1, sizeof *sizes);
    size_t *packed = sizes + l.count;
    int rc = sizes ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < l.count; i++) {
        char full[8192], name[32];
        snprintf(full, sizeof full, "%s%s", root, l.paths[i]);
        snprintf(name, sizeof name, "d%zu", i);
        unsigned char *data = slurp(full, &sizes[i]);
        if (!data)
            rc = -1;
        else
            write_data(out, "static ", name, data, sizes[i], &packed[i]);
        free(data);
    }
    fprintf(out, "\nconst sash_asset %s[] = {\n", sym);
    for (size_t i = 0; rc == 0 && i < l.count; i++) {
        fprintf(out, "    {");
        write_cstr(out, l.paths[i]);
        fprintf(out, ", d%zu, %zu, ", i, sizes[i]);
        write_cstr(out, sash__mime_for(l.paths[i]));
        fprintf(out, ", %zu},\n", packed[i]);
    }
    fprintf(out, "    {0, 0, 0, 0, 0}\n};\nconst size_t %s_count = %zu;\n", sym, l.count);
    for (size_t i = 0; i < l.count; i++)
        free(l.paths[i]);
    free(l.paths);
    free(sizes);
    return rc;
}

static int embed_js(const char *path, FILE *out, const char *sym)
{
    size_t size, n = 0, packed;
    unsigned char *text = slurp(path, &size);
    if (!text)
        return -1;
    text[size] = '\0';
    /* Stripped in place, line by line: the result is never longer. */
    for (char *line = (char *)text, *next; *line; line = next) {
        next = strchr(line, '\n');
        next = next ? next + 1 : line + strlen(line);
        const char *p = line + strspn(line, " \t");
        if (*p == '\n' || *p == '\0' || strncmp(p, "//", 2) == 0)
            continue;
        memmove(text + n, p, (size_t)(next - p));
        n += (size_t)(next - p);
    }
    fprintf(out, "#include <stddef.h>\n\n");
    write_data(out, "", sym, text, n, &packed);
    fprintf(out, "const size_t %s_size = %zu;\nconst size_t %s_packed = %zu;\n",
            sym, n, sym, packed);
    free(text);
    return 0;
}

static int embed_string(const char *path, FILE *out, const char *sym)
{
    size_t size;
    unsigned char *data = slurp(path, &size);
    if (!data)
        return -1;
    fprintf(out, "const char %s[] = {\n", sym);
    write_bytes(out, data, size);
    fprintf(out, "0};\n");
    free(data);
    return 0;
}

/* JSON without the whitespace between tokens (strings kept byte for
 * byte), or as is when it does not parse. */
static int embed_json(const char *path, FILE *out, const char *sym)
{
    size_t size, n = 0;
    unsigned char *data = slurp(path, &size);
    if (!data)
        return -1;
    json_error_t jerr;
    json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
                              &jerr);
    if (root) {
        int in_string = 0, escaped = 0;
        for (size_t i = 0; i < size; i++) {
            unsigned char ch = data[i];
            if (in_string) {
                if (escaped)
                    escaped = 0;
                else if (ch == '\\')
                    escaped = 1;
                else if (ch == '"')
                    in_string = 0;
            } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                continue;
            } else if (ch == '"') {
                in_string = 1;
            }
            data[n++] = ch;
        }
        size = n;
        json_decref(root);
    }
    fprintf(out, "const char %s[] = {\n", sym);
    write_bytes(out, data, size);
    fprintf(out, "0};\n");
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--deflate") == 0) {
#ifndef SASH_EMBED_ZLIB
        fprintf(stderr, "sash-embed: --deflate: built without zlib\n");
        return 2;
#endif
        deflate_on = 1;
        argv++;
        argc--;
    }
    if (argc != 5 || (strcmp(argv[1], "assets") && strcmp(argv[1], "string") &&
                      strcmp(argv[1], "js") && strcmp(argv[1], "json"))) {
        fprintf(stderr, "usage: sash-embed [--deflate] assets DIR OUT.c SYMBOL\n"
                        "       sash-embed [--deflate] string|js|json FILE OUT.c SYMBOL\n");
        return 2;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[3]);
    FILE *out = fopen(tmp, "w");
    if (!out) {
        fprintf(stderr, "sash-embed: cannot write %s: %s\n", tmp, strerror(errno));
        return 1;
    }
    fprintf(out, "/* Generated by sash-embed from %s; do not edit. */\n", argv[2]);
    int rc = strcmp(argv[1], "assets") == 0 ? embed_assets(argv[2], out, argv[4])
             : strcmp(argv[1], "js") == 0   ? embed_js(argv[2], out, argv[4])
             : strcmp(argv[1], "json") == 0 ? embed_json(argv[2], out, argv[4])
                                            : embed_string(argv[2], out, argv[4]);
    if (fclose(out) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, argv[3]) != 0)
        rc = -1;
    if (rc != 0) {
        remove(tmp);
        return 1;
    }
    return 0;
}
