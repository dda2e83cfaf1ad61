#include "bench_query.h"

#include <stdlib.h>
#include <string.h>

long bench_query_long(const char *query, const char *key, long fallback)
{
    size_t klen = strlen(key);
    for (const char *p = query; p && *p;) {
        if (strncmp(p, key, klen) == 0 && p[klen] == '=')
            return strtol(p + klen + 1, NULL, 10);
        p = strchr(p, '&');
        if (p)
            p++;
    }
    return fallback;
}
