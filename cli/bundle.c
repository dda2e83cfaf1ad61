/* bundle.c - sash bundle: the release binary (as sash build makes it), a
 * .desktop file and hicolor icons made from icon.png, packed as a .deb
 * (dependencies from dpkg-shlibdeps) and a .tar.gz. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const int icon_sizes[] = {32, 48, 64, 128, 256};

static void usage(FILE *f)
{
    fputs("usage: sash bundle\n"
          "\n"
          "Builds as sash build does, then writes into build/bundle/:\n"
          "  NAME_VERSION_ARCH.deb       installs /usr/bin/NAME, a .desktop file and\n"
          "                              hicolor icons; Depends from dpkg-shlibdeps\n"
          "  NAME-VERSION-ARCH.tar.gz    the same files under usr/\n"
          "Icons are made from icon.png (at least 256x256) with imagemagick.\n"
          "Needs dpkg-dev (dpkg-shlibdeps), imagemagick (convert) and tar.\n",
          f);
}

static int run_cmd(const char *fmt_cmd)
{
    return cli_run_shell(fmt_cmd, NULL);
}

/* Single-quoted for sh -c. */
static void shq(char *out, size_t size, const char *s)
{
    size_t n = 0;
    if (size < 3)
        return;
    out[n++] = '\'';
    for (; *s && n + 5 < size; s++) {
        if (*s == '\'') {
            memcpy(out + n, "'\\''", 4);
            n += 4;
        } else {
            out[n++] = *s;
        }
    }
    out[n++] = '\'';
    out[n] = '\0';
}

int cli_bundle(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "sash bundle: unexpected argument '%s'\n", argv[1]);
        return 2;
    }
    const char *need[][2] = {{"dpkg-shlibdeps", "dpkg-dev"}, {"dpkg-deb", "dpkg"},
                             {"convert", "imagemagick"}, {"tar", "tar"}};
    for (size_t i = 0; i < sizeof need / sizeof *need; i++) {
        if (!cli_which(need[i][0], NULL, 0)) {
            fprintf(stderr, "sash bundle: %s is missing: sudo apt-get install -y %s\n",
                    need[i][0], need[i][1]);
            return 1;
        }
    }
    cli_app app;
    if (cli_app_load(&app) != 0)
        return 1;
    int rc = 1;
    char icon[CLI_PATH_MAX], exe[CLI_PATH_MAX], dir[CLI_PATH_MAX], root[CLI_PATH_MAX];
    char path[CLI_PATH_MAX], cmd[4 * CLI_PATH_MAX], q1[CLI_PATH_MAX + 64],
        q2[CLI_PATH_MAX + 64];
    if (cli_join(icon, sizeof icon, app.root, "icon.png") != 0 || !cli_exists(icon)) {
        fprintf(stderr, "sash bundle: icon.png is missing in %s (a square PNG, at least "
                        "256x256)\n", app.root);
        goto out;
    }
    /* Debian package names: lower case, digits, + - . */
    char pkg[128];
    size_t k = 0;
    for (const char *p = app.name; *p && k + 1 < sizeof pkg; p++)
        pkg[k++] = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
    pkg[k] = '\0';
    char arch[32];
    char *dpkg_arch[] = {"dpkg", "--print-architecture", NULL};
    if (cli_capture(dpkg_arch, arch, sizeof arch) != 0 || !arch[0])
        strcpy(arch, "amd64");

    if (cli_build_release(&app, exe, sizeof exe) != 0)
        goto out;
    if (cli_join(dir, sizeof dir, app.root, "build/bundle") != 0 ||
        cli_join(root, sizeof root, dir, "root") != 0)
        goto out;
    shq(q1, sizeof q1, root);
    if (cli_fmt(cmd, sizeof cmd, "rm -rf %s", q1) != 0)
        goto out;
    if (run_cmd(cmd) != 0)
        goto out;
    /* usr/bin/NAME */
    if (cli_fmt(path, sizeof path, "%s/usr/bin", root) != 0)
        goto out;
    if (cli_mkdirs(path) != 0)
        goto out;
    shq(q1, sizeof q1, exe);
    shq(q2, sizeof q2, path);
    if (cli_fmt(cmd, sizeof cmd, "install -m 755 %s %s/%s", q1, q2, app.name) != 0)
        goto out;
    if (run_cmd(cmd) != 0)
        goto out;
    /* The .desktop file, named for the app's identifier. */
    if (cli_fmt(path, sizeof path, "%s/usr/share/applications", root) != 0)
        goto out;
    if (cli_mkdirs(path) != 0)
        goto out;
    char desktop[1024];
    if (cli_fmt(desktop, sizeof desktop,
                "[Desktop Entry]\nType=Application\nName=%s\nExec=%s\nIcon=%s\n"
                "Terminal=false\nCategories=Utility;\n",
                app.title, app.name, app.identifier) != 0)
        goto out;
    if (cli_fmt(path, sizeof path, "%s/usr/share/applications/%s.desktop", root,
             app.identifier) != 0)
        goto out;
    if (cli_write_file(path, desktop, strlen(desktop)) != 0)
        goto out;
    /* hicolor icons from icon.png */
    shq(q1, sizeof q1, icon);
    for (size_t i = 0; i < sizeof icon_sizes / sizeof *icon_sizes; i++) {
        int s = icon_sizes[i];
        if (cli_fmt(path, sizeof path, "%s/usr/share/icons/hicolor/%dx%d/apps", root, s, s) != 0)
            goto out;
        if (cli_mkdirs(path) != 0)
            goto out;
        shq(q2, sizeof q2, path);
        if (cli_fmt(cmd, sizeof cmd, "convert %s -resize %dx%d %s/%s.png", q1, s, s, q2,
                 app.identifier) != 0)
            goto out;
        if (run_cmd(cmd) != 0) {
            fprintf(stderr, "sash bundle: convert could not make the %dx%d icon\n", s, s);
            goto out;
        }
    }
    /* .tar.gz of usr/ */
    char tgz[CLI_PATH_MAX];
    if (cli_fmt(tgz, sizeof tgz, "%s/%s-%s-%s.tar.gz", dir, app.name, app.version, arch) != 0)
        goto out;
    shq(q1, sizeof q1, root);
    shq(q2, sizeof q2, tgz);
    if (cli_fmt(cmd, sizeof cmd, "tar --owner=0 --group=0 -C %s -czf %s usr", q1, q2) != 0)
        goto out;
    if (run_cmd(cmd) != 0)
        goto out;
    /* Depends: dpkg-shlibdeps wants a debian/control to read; give it one. */
    char deps[2048] = "";
    if (cli_fmt(cmd, sizeof cmd,
             "cd %s && mkdir -p debian && "
             "printf 'Source: %s\\n\\nPackage: %s\\nArchitecture: any\\n' > "
             "debian/control && dpkg-shlibdeps -O -e usr/bin/%s 2>/dev/null | "
             "sed -n 's/^shlibs:Depends=//p' > ../depends.txt; rc=$?; rm -rf debian; "
             "exit $rc",
             q1, pkg, pkg, app.name) != 0)
        goto out;
    if (run_cmd(cmd) != 0) {
        fprintf(stderr, "sash bundle: dpkg-shlibdeps failed\n");
        goto out;
    }
    if (cli_fmt(path, sizeof path, "%s/depends.txt", dir) != 0)
        goto out;
    char *d = cli_read_file(path, NULL);
    if (d) {
        d[strcspn(d, "\r\n")] = '\0';
        int fits = cli_fmt(deps, sizeof deps, "%s", d) == 0;
        free(d);
        if (!fits)
            goto out;
    }
    if (!deps[0]) {
        fprintf(stderr, "sash bundle: dpkg-shlibdeps found no dependencies\n");
        goto out;
    }
    if (cli_fmt(path, sizeof path, "%s/DEBIAN", root) != 0)
        goto out;
    if (cli_mkdirs(path) != 0)
        goto out;
    char control[4096];
    if (cli_fmt(control, sizeof control,
                "Package: %s\nVersion: %s\nArchitecture: %s\nMaintainer: %s "
                "<%s@localhost>\nDepends: %s\nSection: misc\nPriority: optional\n"
                "Description: %s\n A desktop app made with Sash.\n",
                pkg, app.version, arch, app.title, pkg, deps, app.title) != 0)
        goto out;
    if (cli_fmt(path, sizeof path, "%s/DEBIAN/control", root) != 0)
        goto out;
    if (cli_write_file(path, control, strlen(control)) != 0)
        goto out;
    char deb[CLI_PATH_MAX];
    if (cli_fmt(deb, sizeof deb, "%s/%s_%s_%s.deb", dir, pkg, app.version, arch) != 0)
        goto out;
    shq(q2, sizeof q2, deb);
    if (cli_fmt(cmd, sizeof cmd, "dpkg-deb --root-owner-group -Zxz --build %s %s >/dev/null",
             q1, q2) != 0)
        goto out;
    if (run_cmd(cmd) != 0) {
        fprintf(stderr, "sash bundle: dpkg-deb failed\n");
        goto out;
    }
    struct stat st;
    if (stat(deb, &st) == 0)
        printf("%s  %lld bytes\n", deb, (long long)st.st_size);
    if (stat(tgz, &st) == 0)
        printf("%s  %lld bytes\n", tgz, (long long)st.st_size);
    printf("Depends: %s\n", deps);
    rc = 0;
out:
    cli_app_free(&app);
    return rc;
}
