/* create.c - sash create NAME [--template vanilla|vue|react] [--no-install]:
 * copies <prefix>/share/sash/templates/{common,<template>} into NAME,
 * filling in the app's name and the path of the packed JS packages. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef SASH_VERSION
#define SASH_VERSION "0.1.0"
#endif

static const char *const templates[] = {"vanilla", "vue", "react"};

static void usage(FILE *f)
{
    fputs("usage: sash create NAME [--template vanilla|vue|react] [--no-install]\n"
          "\n"
          "Makes the folder NAME with a new app: a Vite + TypeScript + Tailwind CSS\n"
          "front end, a C backend (src-c/main.c, commands.c) with two commands,\n"
          "sash.json, CMakeLists.txt.  Then runs npm install there.\n"
          "On a terminal it asks for what is not given.\n"
          "\n"
          "  -t, --template T   vanilla (default), vue or react\n"
          "  --no-install       do not run npm install\n",
          f);
}

typedef struct subst {
    const char *key, *value;
} subst;

/* Replaces every key of `subs` in `text`; returns a new string. */
static char *substitute(const char *text, const subst *subs, size_t n)
{
    size_t cap = strlen(text) * 2 + 256, len = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (const char *p = text; *p;) {
        const subst *hit = NULL;
        for (size_t i = 0; i < n && !hit; i++)
            if (!strncmp(p, subs[i].key, strlen(subs[i].key)))
                hit = &subs[i];
        const char *piece = hit ? hit->value : p;
        size_t plen = hit ? strlen(hit->value) : 1;
        if (len + plen + 1 > cap) {
            cap = (len + plen + 1) * 2;
            char *bigger = realloc(out, cap);
            if (!bigger) {
                free(out);
                return NULL;
            }
            out = bigger;
        }
        memcpy(out + len, piece, plen);
        len += plen;
        p += hit ? strlen(hit->key) : 1;
    }
    out[len] = '\0';
    return out;
}

static int copy_tree(const char *src, const char *dst, const subst *subs, size_t n)
{
    DIR *d = opendir(src);
    if (!d) {
        fprintf(stderr, "sash: cannot read template folder %s: %s\n", src, strerror(errno));
        return -1;
    }
    if (cli_mkdirs(dst) != 0) {
        fprintf(stderr, "sash: cannot create %s: %s\n", dst, strerror(errno));
        closedir(d);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        const char *name = e->d_name;
        if (!strcmp(name, ".") || !strcmp(name, "..") ||
            !strcmp(name, "node_modules") || !strcmp(name, "dist") ||
            !strcmp(name, "build"))
            continue;
        char from[CLI_PATH_MAX], to[CLI_PATH_MAX], dotted[256];
        /* Stored as _gitignore so no tool treats the template's own
         * ignore file as the repository's. */
        if (!strcmp(name, "_gitignore")) {
            snprintf(dotted, sizeof dotted, ".gitignore");
            name = dotted;
        }
        if (cli_join(from, sizeof from, src, e->d_name) != 0 ||
            cli_join(to, sizeof to, dst, name) != 0) {
            rc = -1;
            break;
        }
        if (cli_is_dir(from)) {
            rc = copy_tree(from, to, subs, n);
            continue;
        }
        size_t len;
        char *text = cli_read_file(from, &len);
        /* Binary files (the icon) are copied as they are. */
        int binary = text && memchr(text, '\0', len) != NULL;
        char *filled = text && !binary ? substitute(text, subs, n) : NULL;
        if (binary && cli_write_file(to, text, len) == 0) {
            free(text);
            continue;
        }
        if (!filled || cli_write_file(to, filled, strlen(filled)) != 0) {
            fprintf(stderr, "sash: cannot write %s: %s\n", to, strerror(errno));
            rc = -1;
        }
        free(text);
        free(filled);
    }
    closedir(d);
    return rc;
}

static int valid_name(const char *name)
{
    if (!isalpha((unsigned char)name[0]))
        return 0;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
            return 0;
    return strlen(name) <= 64;
}

static int ask(const char *question, char *out, size_t size)
{
    fputs(question, stdout);
    fflush(stdout);
    if (!fgets(out, (int)size, stdin))
        return -1;
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

int cli_create(int argc, char **argv)
{
    const char *path = NULL, *tmpl = NULL;
    int install = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--template") || !strcmp(a, "-t")) {
            if (++i >= argc) {
                fprintf(stderr, "sash create: --template needs a value\n");
                return 2;
            }
            tmpl = argv[i];
        } else if (!strncmp(a, "--template=", 11)) {
            tmpl = a + 11;
        } else if (!strcmp(a, "--no-install")) {
            install = 0;
        } else if (a[0] == '-') {
            fprintf(stderr, "sash create: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (!path) {
            path = a;
        } else {
            fprintf(stderr, "sash create: one NAME only ('%s' is extra)\n", a);
            return 2;
        }
    }
    int tty = isatty(0) && isatty(1);
    char asked_name[256], asked_tmpl[64];
    if (!path) {
        if (!tty) {
            fprintf(stderr, "sash create: NAME is missing\n");
            usage(stderr);
            return 2;
        }
        if (ask("App name (a folder of that name is made): ", asked_name,
                sizeof asked_name) != 0 || !asked_name[0])
            return 2;
        path = asked_name;
    }
    if (!tmpl && tty) {
        if (ask("Template [vanilla/vue/react] (vanilla): ", asked_tmpl,
                sizeof asked_tmpl) != 0)
            return 2;
        tmpl = asked_tmpl[0] ? asked_tmpl : "vanilla";
    }
    if (!tmpl)
        tmpl = "vanilla";
    int known = 0;
    for (size_t i = 0; i < sizeof templates / sizeof *templates; i++)
        known |= !strcmp(tmpl, templates[i]);
    if (!known) {
        fprintf(stderr, "sash create: unknown template '%s': choose vanilla, vue or react\n",
                tmpl);
        return 1;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (!valid_name(base)) {
        fprintf(stderr,
                "sash create: '%s' is not a usable app name: start with a letter, "
                "then letters, digits, '-' or '_' (at most 64)\n",
                base);
        return 1;
    }
    if (cli_exists(path) && cli_dir_empty(path) != 1) {
        fprintf(stderr, "sash create: %s already exists and is not an empty folder\n",
                path);
        return 1;
    }
    if (!cli_which("node", NULL, 0) || !cli_which("npm", NULL, 0)) {
        fprintf(stderr,
                "sash create: node and npm are needed (Vite builds the front end) but "
                "are not on PATH.\n"
                "  Debian 13: sudo apt-get install -y nodejs npm   (sash doctor checks "
                "versions)\n");
        return 1;
    }
    char common[CLI_PATH_MAX], own[CLI_PATH_MAX], js[CLI_PATH_MAX], sub[80];
    snprintf(sub, sizeof sub, "templates/%s", tmpl);
    if (cli_share(common, sizeof common, "templates/common") != 0 ||
        cli_share(own, sizeof own, sub) != 0) {
        fprintf(stderr, "sash create: templates not found under %s/share/sash "
                        "(is Sash installed?)\n", cli_prefix());
        return 1;
    }
    char api_tgz[CLI_PATH_MAX];
    if (cli_share(js, sizeof js, "js") != 0 ||
        cli_join(api_tgz, sizeof api_tgz, js, "sash-api-0.1.0.tgz") != 0 ||
        !cli_exists(api_tgz)) {
        fprintf(stderr,
                "sash create: the packed JS packages are missing from %s/share/sash/js "
                "(Sash was built without npm: SASH_JS_PACKAGES=OFF)\n",
                cli_prefix());
        return 1;
    }
    char ident[300], title[300]; /* base is at most 255 bytes */
    snprintf(ident, sizeof ident, "dev.sash.%s", base);
    for (char *p = ident; *p; p++)
        if (*p == '_')
            *p = '-';
    /* my-app -> "My App" */
    snprintf(title, sizeof title, "%s", base);
    for (char *p = title; *p; p++) {
        if (*p == '-' || *p == '_')
            *p = ' ';
        if (p == title || p[-1] == ' ')
            *p = (char)toupper((unsigned char)*p);
    }
    const subst subs[] = {
        {"__APP_NAME__", base},
        {"__APP_ID__", ident},
        {"__APP_TITLE__", title},
        {"__SASH_JS__", js},
        {"__SASH_VERSION__", SASH_VERSION},
    };
    size_t n = sizeof subs / sizeof *subs;
    if (copy_tree(common, path, subs, n) != 0 || copy_tree(own, path, subs, n) != 0)
        return 1;
    printf("Created %s (template %s)\n", path, tmpl);
    if (install) {
        printf("Running npm install in %s ...\n", path);
        fflush(stdout);
        char *npm[] = {"npm", "install", "--no-audit", "--no-fund", NULL};
        if (cli_run(npm, path, 0) != 0) {
            fprintf(stderr, "sash create: npm install failed in %s; fix and rerun it there\n",
                    path);
            return 1;
        }
    }
    printf("\nNext:\n  cd %s\n%s  sash dev      # dev server + app, rebuilds on C changes\n"
           "  sash build    # one stripped release binary\n",
           path, install ? "" : "  npm install\n");
    return 0;
}
