/* project.c - the app the CLI works on: find sash.json, check it, read its
 * build section, configure and build its C side with CMake. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sash.h>

#include "cli.h"

static char *dup_str(const json_t *obj, const char *key, const char *fallback)
{
    const char *s = json_string_value(json_object_get(obj, key));
    if (!s || !*s)
        s = fallback;
    return s ? strdup(s) : NULL;
}

int cli_app_load(cli_app *app)
{
    memset(app, 0, sizeof *app);
    char dir[CLI_PATH_MAX];
    if (!getcwd(dir, sizeof dir)) {
        fprintf(stderr, "sash: cannot read the working folder: %s\n", strerror(errno));
        return -1;
    }
    for (;;) {
        if (cli_join(app->config, sizeof app->config, dir, "sash.json") == 0 &&
            cli_exists(app->config))
            break;
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir) {
            if (dir[1] && cli_exists("/sash.json")) {
                strcpy(dir, "/");
                snprintf(app->config, sizeof app->config, "/sash.json");
                break;
            }
            fprintf(stderr,
                    "sash: not inside a Sash app: no sash.json in this folder or any "
                    "folder above it.\n"
                    "  Make one with: sash create my-app\n");
            return -1;
        }
        *slash = '\0';
    }
    snprintf(app->root, sizeof app->root, "%s", dir);
    char *text = cli_read_file(app->config, NULL);
    if (!text) {
        fprintf(stderr, "sash: cannot read %s: %s\n", app->config, strerror(errno));
        return -1;
    }
    char err[512];
    if (sash_config_check(text, err, sizeof err) != 0) {
        fprintf(stderr, "sash: %s\n  in %s\n", err, app->config);
        free(text);
        return -1;
    }
    json_t *root = json_loads(text, 0, NULL);
    free(text);
    const json_t *build = json_object_get(root, "build");
    const json_t *info = json_object_get(root, "app");
    const char *base = strrchr(app->root, '/');
    app->dev_url = dup_str(build, "devUrl", NULL);
    app->frontend_dist = dup_str(build, "frontendDist", "dist");
    app->before_dev = dup_str(build, "beforeDevCommand", NULL);
    app->before_build = dup_str(build, "beforeBuildCommand", NULL);
    app->name = strdup(base && base[1] ? base + 1 : "app");
    app->title = dup_str(info, "name", app->name);
    app->identifier = dup_str(info, "identifier", app->name);
    app->version = dup_str(info, "version", "0.1.0");
    json_decref(root);
    return 0;
}

void cli_app_free(cli_app *app)
{
    free(app->dev_url);
    free(app->frontend_dist);
    free(app->before_dev);
    free(app->before_build);
    free(app->name);
    free(app->title);
    free(app->identifier);
    free(app->version);
    memset(app, 0, sizeof *app);
}

int cli_app_build(const cli_app *app, const char *kind, char *exe, size_t size,
                  int quiet)
{
    int release = !strcmp(kind, "release");
    char bdir[CLI_PATH_MAX], sub[64], prefix_def[CLI_PATH_MAX + 32];
    char dist_def[CLI_PATH_MAX + 32], target_file[CLI_PATH_MAX];
    snprintf(sub, sizeof sub, "build/%s", kind);
    if (cli_join(bdir, sizeof bdir, app->root, sub) != 0)
        return -1;
    snprintf(prefix_def, sizeof prefix_def, "-DCMAKE_PREFIX_PATH=%s", cli_prefix());
    snprintf(dist_def, sizeof dist_def, "-DSASH_FRONTEND_DIST=%s", app->frontend_dist);
    char *configure[] = {
        "cmake", "-S", (char *)app->root, "-B", bdir, prefix_def, dist_def,
        release ? "-DCMAKE_BUILD_TYPE=MinSizeRel" : "-DCMAKE_BUILD_TYPE=Debug",
        release ? "-DSASH_EMBED_FRONTEND=ON" : "-DSASH_EMBED_FRONTEND=OFF",
        NULL};
    /* Configure only once per build folder; the build re-runs it when
     * CMakeLists.txt changes. */
    char cache[CLI_PATH_MAX];
    if (cli_join(cache, sizeof cache, bdir, "CMakeCache.txt") != 0)
        return -1;
    if (!cli_exists(cache) || release) {
        if (cli_run(configure, NULL, 1) != 0) {
            fprintf(stderr, "sash: cmake could not configure %s\n", app->root);
            return -1;
        }
    }
    char *compile[] = {"cmake", "--build", bdir, "-j", "2", NULL};
    if (cli_run(compile, NULL, quiet) != 0) {
        fprintf(stderr, "sash: the C build failed (see above)\n");
        return -1;
    }
    /* The app's CMakeLists.txt writes its binary's path here. */
    if (cli_join(target_file, sizeof target_file, bdir, "sash-app-path.txt") != 0)
        return -1;
    char *path = cli_read_file(target_file, NULL);
    if (!path) {
        fprintf(stderr,
                "sash: the app's CMakeLists.txt did not write %s "
                "(file(GENERATE ...), see docs/cli.md)\n",
                target_file);
        return -1;
    }
    path[strcspn(path, "\r\n")] = '\0';
    snprintf(exe, size, "%s", path);
    free(path);
    return 0;
}
