#include "bench_assets.h"

#include <string.h>

const bench_asset *bench_asset_find(const bench_asset *table, size_t count,
                                    const char *path)
{
    if (!path || strcmp(path, "/") == 0 || *path == '\0')
        path = "/index.html";
    size_t len = strcspn(path, "?#");
    for (size_t i = 0; i < count; i++)
        if (strncmp(table[i].path, path, len) == 0 && table[i].path[len] == '\0')
            return &table[i];
    return NULL;
}
