/* doctor.c - sash doctor: are the libraries and tools Sash apps need here,
 * in versions that work?  Prints the apt-get line for what is missing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct check {
    const char *what;
    const char *package; /* Debian package that provides it */
    int required;
    char *argv[6];
    int min_major, min_minor; /* 0,0 = any version */
    const char *note;
} check;

static int version_ok(const char *v, int major, int minor)
{
    while (*v && (*v < '0' || *v > '9'))
        v++;
    int a = 0, b = 0;
    if (sscanf(v, "%d.%d", &a, &b) < 1)
        return 0;
    return a > major || (a == major && b >= minor);
}

static void usage(FILE *f)
{
    fputs("usage: sash doctor\n"
          "\n"
          "Checks WebKitGTK (>= 2.40) and the GTK this Sash was built on (3, or\n"
          "4 with the gtk4 backend), jansson, a C compiler, CMake,\n"
          "pkg-config, Node.js (>= 20.19) and npm; optional: Xvfb (tests),\n"
          "dpkg-shlibdeps and imagemagick (sash bundle), WebKitWebDriver\n"
          "(sash test e2e).  Prints\n"
          "the apt-get line that installs what is missing.  Exit status 1 when\n"
          "something required is missing or too old.\n",
          f);
}

int cli_doctor(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    check checks[] = {
#ifdef SASH_CLI_GTK4 /* Sash built with -DSASH_BACKEND=gtk4 */
        {"WebKitGTK 6.0", "libwebkitgtk-6.0-dev", 1,
         {"pkg-config", "--modversion", "webkitgtk-6.0", NULL}, 2, 40, NULL},
        {"GTK 4", "libgtk-4-dev", 1, {"pkg-config", "--modversion", "gtk4", NULL}, 4, 6, NULL},
#else
        {"WebKitGTK 4.1", "libwebkit2gtk-4.1-dev", 1,
         {"pkg-config", "--modversion", "webkit2gtk-4.1", NULL}, 2, 40, NULL},
        {"GTK 3", "libgtk-3-dev", 1, {"pkg-config", "--modversion", "gtk+-3.0", NULL}, 3, 22, NULL},
#endif
        {"jansson", "libjansson-dev", 1, {"pkg-config", "--modversion", "jansson", NULL}, 2, 10, NULL},
        {"pkg-config", "pkg-config", 1, {"pkg-config", "--version", NULL}, 0, 0, NULL},
        {"C compiler (cc)", "build-essential", 1, {"cc", "--version", NULL}, 0, 0, NULL},
        {"CMake", "cmake", 1, {"cmake", "--version", NULL}, 3, 16, NULL},
        {"Node.js", "nodejs", 1, {"node", "--version", NULL}, 20, 19,
         "Vite 7 needs Node >= 20.19 (Debian 12's nodejs is 18: use NodeSource's 20 or 22)"},
        {"npm", "npm", 1, {"npm", "--version", NULL}, 0, 0, NULL},
        {"Xvfb (tests)", "xvfb", 0, {"Xvfb", NULL}, 0, 0, NULL},
        {"dpkg-shlibdeps", "dpkg-dev", 0, {"dpkg-shlibdeps", NULL}, 0, 0, NULL},
        {"convert (icons)", "imagemagick", 0, {"convert", NULL}, 0, 0, NULL},
        /* sash test e2e (docs/testing.md); no version option either. */
        {"WebKitWebDriver", "webkit2gtk-driver", 0, {"WebKitWebDriver", NULL}, 0, 0,
         "sash test e2e drives the app through it"},
    };
    char missing[512] = "";
    int bad_required = 0;
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        check *c = &checks[i];
        char out[256] = "";
        int present = cli_which(c->argv[0], out, sizeof out);
        /* Xvfb has no version option: its path is enough. */
        int rc = present && c->argv[1] ? cli_capture(c->argv, out, sizeof out) : 0;
        int found = present && rc == 0;
        const char *v = out;
        if (!strcmp(c->argv[0], "cmake") && !strncmp(out, "cmake version ", 14)) {
            v = out + 14;
        }
        int ok = found && (c->min_major == 0 || version_ok(v, c->min_major, c->min_minor));
        const char *status = ok ? "ok" : found ? "TOO OLD" : "MISSING";
        printf("  %-18s %-8s %s", c->what, status, found ? v : "");
        if (!ok && c->min_major)
            printf(" (needs >= %d.%d)", c->min_major, c->min_minor);
        if (!ok && !c->required)
            printf(" (optional)");
        printf("\n");
        if (!ok && c->note)
            printf("  %-18s %s\n", "", c->note);
        if (!ok) {
            if (c->required)
                bad_required = 1;
            if (!strstr(missing, c->package)) {
                strncat(missing, " ", sizeof missing - strlen(missing) - 1);
                strncat(missing, c->package, sizeof missing - strlen(missing) - 1);
            }
        }
    }
    if (missing[0]) {
        printf("\nInstall what is missing with:\n  sudo apt-get install -y%s\n", missing);
    } else {
        printf("\nEverything Sash apps need is here.\n");
    }
    return bad_required ? 1 : 0;
}
