/* Fuzz target: sash.json parsing, then the capabilities it yields queried
 * with permission names and paths; also the URL origin parser that
 * decides which pages reach IPC. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/security/config.h"
#include "../../src/core/platform.h"

static sash__vars vars;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (int i = 0; i < SASH__VAR_COUNT; i++)
        vars.value[i] = strdup(i % 2 ? "/home/fuzz/[x]" : "/tmp/a*b");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sash__config c;
    char err[512];
    if (sash__config_parse((const char *)data, size, &vars, &c, err,
                           sizeof err) == 0) {
        sash__caps caps;
        sash__caps_init(&caps);
        for (size_t i = 0; i < c.ncaps; i++)
            if (sash__caps_add(&caps, &c.caps[i]) != 0)
                break;
        static const char *const labels[] = {"main", "editor-1", ""};
        static const char *const paths[] = {"/tmp/a*b/x", "/home/fuzz/[x]/../y",
                                            "/", "relative"};
        for (int l = 0; l < 3; l++) {
            sash__caps_allows(&caps, labels[l], "greet");
            for (int p = 0; p < 4; p++)
                sash__caps_scope_allows(&caps, labels[l], "fs", paths[p]);
        }
        sash__caps_free(&caps);
        sash__config_free(&c);
    } else if (!err[0]) {
        abort(); /* a refusal must say why */
    }
    char *url = malloc(size + 1), origin[128];
    if (url) {
        memcpy(url, data, size);
        url[size] = '\0';
        if (sash__url_origin(url, origin, sizeof origin) == 0 && !strstr(origin, "://"))
            abort();
        free(url);
    }
    return 0;
}
