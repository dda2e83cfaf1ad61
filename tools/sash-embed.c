/*
 * sash-embed - turns a front-end folder into C data, at build time.
 *
 *   sash-embed assets DIR OUT.c SYMBOL   every file under DIR (dot files
 *       skipped) as `const sash_asset SYMBOL[]` sorted by path, with
 *       `const size_t SYMBOL_count`; the MIME type is stored per file.
 *   sash-embed string FILE OUT.c SYMBOL  one file as `const char SYMBOL[]`,
 *       NUL-terminated.
 *   sash-embed js FILE OUT.c SYMBOL  the same for a script, without its
 *       indentation, blank lines and whole-line // comments (the bridge
 *       script: a third smaller in every app binary).  Line breaks stay, so
 *       semicolon insertion is unchanged.
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

/* Writes the bytes of `path` as a C initializer list. */
static int write_bytes(FILE *out, const char *path, long *size)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "sash-embed: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    unsigned char buf[65536];
    size_t n;
    *size = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        for (size_t i = 0; i < n; i++)
            fprintf(out, "%u,%s", buf[i], ((*size + (long)i) % 24 == 23) ? "\n" : "");
        *size += (long)n;
    }
    int err = ferror(in);
    fclose(in);
    return err ? -1 : 0;
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
    long *sizes = calloc(l.count + 1, sizeof *sizes);
    int rc = sizes ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < l.count; i++) {
        char full[8192];
        snprintf(full, sizeof full, "%s%s", root, l.paths[i]);
        fprintf(out, "static const unsigned char d%zu[] = {\n", i);
        rc = write_bytes(out, full, &sizes[i]);
        fprintf(out, "0};\n");
    }
    fprintf(out, "\nconst sash_asset %s[] = {\n", sym);
    for (size_t i = 0; rc == 0 && i < l.count; i++) {
        fprintf(out, "    {");
        write_cstr(out, l.paths[i]);
        fprintf(out, ", d%zu, %ld, ", i, sizes[i]);
        write_cstr(out, sash__mime_for(l.paths[i]));
        fprintf(out, "},\n");
    }
    fprintf(out, "    {0, 0, 0, 0}\n};\nconst size_t %s_count = %zu;\n", sym, l.count);
    for (size_t i = 0; i < l.count; i++)
        free(l.paths[i]);
    free(l.paths);
    free(sizes);
    return rc;
}

static int embed_js(const char *path, FILE *out, const char *sym)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        fprintf(stderr, "sash-embed: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(out, "const char %s[] = {\n", sym);
    char line[8192];
    long n = 0;
    while (fgets(line, sizeof line, in)) {
        const char *p = line + strspn(line, " \t");
        if (*p == '\n' || *p == '\0' || strncmp(p, "//", 2) == 0)
            continue;
        for (; *p; p++)
            fprintf(out, "%u,%s", (unsigned char)*p, (++n % 24 == 0) ? "\n" : "");
    }
    int err = ferror(in);
    fclose(in);
    fprintf(out, "0};\n");
    return err ? -1 : 0;
}

static int embed_string(const char *path, FILE *out, const char *sym)
{
    long size;
    fprintf(out, "const char %s[] = {\n", sym);
    int rc = write_bytes(out, path, &size);
    fprintf(out, "0};\n");
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 5 || (strcmp(argv[1], "assets") && strcmp(argv[1], "string") &&
                      strcmp(argv[1], "js"))) {
        fprintf(stderr, "usage: sash-embed assets DIR OUT.c SYMBOL\n"
                        "       sash-embed string|js FILE OUT.c SYMBOL\n");
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
