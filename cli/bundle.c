/* bundle.c - sash bundle: the release binary (as sash build makes it), a
 * .desktop file and hicolor icons made from icon.png, packed as a .deb
 * (dependencies from dpkg-shlibdeps), an .rpm (Debian's rpmbuild, which
 * finds the shared-library requirements itself) and a .tar.gz. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "cli.h"

static const int icon_sizes[] = {32, 48, 64, 128, 256};

static void usage(FILE *f)
{
    fputs("usage: sash bundle\n"
          "\n"
          "Builds as sash build does, then writes into build/bundle/:\n"
          "  NAME_VERSION_ARCH.deb       installs /usr/bin/NAME, a .desktop file and\n"
          "                              hicolor icons; Depends from dpkg-shlibdeps\n"
          "  NAME-VERSION-1.MACHINE.rpm  the same files; Requires from rpmbuild\n"
          "                              (made when the rpm package is installed)\n"
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

/* The .rpm: a spec whose %install copies the prepared usr/ tree; rpmbuild
 * adds the Requires of the binary's shared libraries.  Without rpmbuild
 * it says how to get it and leaves the .rpm out (0); -1 on failure. */
static int make_rpm(const cli_app *app, const char *pkg, const char *dir,
                    const char *root, char *out, size_t out_size)
{
    if (!cli_which("rpmbuild", NULL, 0)) {
        fprintf(stderr, "sash bundle: no .rpm: rpmbuild is missing "
                        "(sudo apt-get install -y rpm)\n");
        return 0;
    }
    /* rpm versions may not hold '-': 1.2.3-beta.1 becomes 1.2.3~beta.1,
     * which rpm also sorts before 1.2.3. */
    char version[128];
    if (cli_fmt(version, sizeof version, "%s", app->version) != 0)
        return -1;
    for (char *p = version; *p; p++)
        if (*p == '-')
            *p = '~';
    char spec[8192], path[CLI_PATH_MAX], top[CLI_PATH_MAX], cmd[4 * CLI_PATH_MAX],
        q1[CLI_PATH_MAX + 64], q2[CLI_PATH_MAX + 64], q3[CLI_PATH_MAX + 64];
    if (cli_fmt(spec, sizeof spec,
                "Name: %s\nVersion: %s\nRelease: 1\nSummary: %s\nLicense: "
                "Unspecified\nAutoReqProv: yes\n%%define debug_package %%{nil}\n"
                "%%define __strip /bin/true\n%%define _build_id_links none\n"
                "%%description\nA desktop app made with Sash.\n"
                "%%install\nmkdir -p %%{buildroot}\ncp -a %s/usr %%{buildroot}/\n"
                "%%files\n/usr/bin/%s\n/usr/share/applications/%s.desktop\n"
                "/usr/share/icons/hicolor/*/apps/%s.png\n",
                pkg, version, app->title, root, app->name, app->identifier,
                app->identifier) != 0 ||
        cli_fmt(path, sizeof path, "%s/%s.spec", dir, pkg) != 0 ||
        cli_fmt(top, sizeof top, "%s/rpmbuild", dir) != 0 ||
        cli_write_file(path, spec, strlen(spec)) != 0)
        return -1;
    shq(q1, sizeof q1, top);
    shq(q2, sizeof q2, dir);
    shq(q3, sizeof q3, path);
    if (cli_fmt(cmd, sizeof cmd,
                "rpmbuild -bb --quiet --define '_topdir '%s --define '_rpmdir '%s "
                "--define '_build_name_fmt %%%%{NAME}-%%%%{VERSION}-%%%%{RELEASE}."
                "%%%%{ARCH}.rpm' %s >/dev/null 2>%s/rpmbuild.log",
                q1, q2, q3, q2) != 0)
        return -1;
    if (system(cmd) != 0) {
        fprintf(stderr, "sash bundle: rpmbuild failed (see %s/rpmbuild.log)\n", dir);
        return -1;
    }
    char *machine[] = {"uname", "-m", NULL}, arch[32];
    if (cli_capture(machine, arch, sizeof arch) != 0 || !arch[0])
        strcpy(arch, "x86_64");
    return cli_fmt(out, out_size, "%s/%s-%s-1.%s.rpm", dir, pkg, version, arch);
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
    /* sash.json bundle.deepLinks (checked by sash_config_check): the
     * schemes this app opens; the URL arrives as argv[1] (%u). */
    char mime[1200] = "";
    json_t *conf = json_load_file(app.config, 0, NULL);
    json_t *links = json_object_get(json_object_get(conf, "bundle"), "deepLinks");
    size_t li;
    json_t *lv;
    json_array_foreach(links, li, lv) {
        size_t used = strlen(mime);
        snprintf(mime + used, sizeof mime - used, "%sx-scheme-handler/%s;",
                 used ? "" : "MimeType=", json_string_value(lv));
    }
    if (mime[0])
        strncat(mime, "\n", sizeof mime - strlen(mime) - 1);
    json_decref(conf);
    char desktop[2400];
    if (cli_fmt(desktop, sizeof desktop,
                "[Desktop Entry]\nType=Application\nName=%s\nExec=%s%s\nIcon=%s\n"
                "Terminal=false\nCategories=Utility;\n%s",
                app.title, app.name, mime[0] ? " %u" : "", app.identifier, mime) != 0)
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
    char rpm[CLI_PATH_MAX] = "";
    if (make_rpm(&app, pkg, dir, root, rpm, sizeof rpm) != 0)
        goto out;
    struct stat st;
    if (stat(deb, &st) == 0)
        printf("%s  %lld bytes\n", deb, (long long)st.st_size);
    if (rpm[0] && stat(rpm, &st) == 0)
        printf("%s  %lld bytes\n", rpm, (long long)st.st_size);
    if (stat(tgz, &st) == 0)
        printf("%s  %lld bytes\n", tgz, (long long)st.st_size);
    printf("Depends: %s\n", deps);
    rc = 0;
out:
    cli_app_free(&app);
    return rc;
}
