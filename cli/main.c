/*
 * sash - the Sash command: create an app, run it in dev mode, build it,
 * check the machine.  Each subcommand lives in its own file.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef SASH_VERSION
#define SASH_VERSION "0.0.0"
#endif

static void usage(FILE *f)
{
    fputs("usage: sash <command> [options]\n"
          "\n"
          "commands:\n"
          "  create NAME   make a new app (Vite + TypeScript + Tailwind, C backend)\n"
          "  dev           run the app with its dev server; rebuild on C changes\n"
          "  build         build the release binary (front end embedded, stripped)\n"
          "  bundle        build, then a .deb and a .tar.gz with .desktop file and icons\n"
          "  doctor        check the tools and libraries Sash apps need\n"
          "  types         write TypeScript declarations of the typed commands\n"
          "  test e2e      run the app's end-to-end specs through WebDriver\n"
          "\n"
          "options:\n"
          "  -h, --help    this help (sash CMD --help: help for CMD)\n"
          "  --version     print the version\n",
          f);
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("sash %s\n", SASH_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "create"))
        return cli_create(argc - 1, argv + 1);
    if (!strcmp(cmd, "dev"))
        return cli_dev(argc - 1, argv + 1);
    if (!strcmp(cmd, "build"))
        return cli_build(argc - 1, argv + 1);
    if (!strcmp(cmd, "bundle"))
        return cli_bundle(argc - 1, argv + 1);
    if (!strcmp(cmd, "doctor"))
        return cli_doctor(argc - 1, argv + 1);
    if (!strcmp(cmd, "types"))
        return cli_types(argc - 1, argv + 1);
    if (!strcmp(cmd, "test")) /* test.c: sash test e2e */
        return cli_test(argc - 1, argv + 1);
    fprintf(stderr, "sash: unknown command '%s' (see sash --help)\n", cmd);
    return 2;
}
