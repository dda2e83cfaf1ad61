/* build.c - sash build: beforeBuildCommand, then a release build of the C
 * side with the front end embedded and libsash linked statically, then
 * strip; prints the binary's path and size. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static void usage(FILE *f)
{
    fputs("usage: sash build\n"
          "\n"
          "Runs sash.json build.beforeBuildCommand (e.g. npm run build), embeds\n"
          "build.frontendDist and sash.json into a MinSizeRel build of the C side\n"
          "(build/release, libsash linked statically), strips it and prints the\n"
          "binary's path and size.\n",
          f);
}

int cli_build_release(const cli_app *app, char *exe, size_t size)
{
    /* Typed commands: their declarations first, so that the type check of
     * beforeBuildCommand (tsc) sees the C side's current schemas.  A debug
     * build (no assets) prints them; failing here only warns. */
    char dev_exe[CLI_PATH_MAX], types_out[CLI_PATH_MAX];
    if (cli_types_default_out(app, types_out, sizeof types_out) == 0) {
        printf("sash build: typed commands -> %s\n", types_out);
        fflush(stdout);
        if (cli_app_build(app, "dev", dev_exe, sizeof dev_exe, 1) != 0 ||
            cli_types_write_dev(app, dev_exe, types_out, 1) != 0)
            fprintf(stderr, "sash build: warning: %s was not updated\n", types_out);
    }
    if (app->before_build) {
        printf("sash build: %s\n", app->before_build);
        fflush(stdout);
        int code = cli_run_shell(app->before_build, app->root);
        if (code != 0) {
            fprintf(stderr, "sash build: beforeBuildCommand '%s' failed (exit %d)\n",
                    app->before_build, code);
            return -1;
        }
    }
    char dist[CLI_PATH_MAX];
    if (cli_join(dist, sizeof dist, app->root, app->frontend_dist) != 0 || !cli_is_dir(dist)) {
        fprintf(stderr, "sash build: build.frontendDist '%s' does not exist after "
                        "beforeBuildCommand; nothing to embed\n", app->frontend_dist);
        return -1;
    }
    printf("sash build: compiling (release, static libsash)\n");
    fflush(stdout);
    if (cli_app_build(app, "release", exe, size, 1) != 0)
        return -1;
    if (cli_which("strip", NULL, 0)) {
        char *strip[] = {"strip", "--strip-all", exe, NULL};
        if (cli_run(strip, NULL, 0) != 0)
            fprintf(stderr, "sash build: strip failed; the binary is not stripped\n");
    } else {
        fprintf(stderr, "sash build: no strip on PATH (binutils); the binary is not stripped\n");
    }
    struct stat st;
    if (stat(exe, &st) != 0) {
        fprintf(stderr, "sash build: %s is missing after the build\n", exe);
        return -1;
    }
    return 0;
}

int cli_build(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "sash build: unexpected argument '%s'\n", argv[1]);
        usage(stderr);
        return 2;
    }
    cli_app app;
    if (cli_app_load(&app) != 0)
        return 1;
    char exe[CLI_PATH_MAX];
    int rc = cli_build_release(&app, exe, sizeof exe) == 0 ? 0 : 1;
    if (rc == 0) {
        struct stat st;
        if (stat(exe, &st) == 0)
            printf("%s  %lld bytes (%.1f KB)\n", exe, (long long)st.st_size,
                   st.st_size / 1024.0);
    }
    cli_app_free(&app);
    return rc;
}
