/* Fuzz target: the store plugin's loading of a store file and its name
 * check.  Input: the file's bytes.  No crash, no leak; the result is
 * always an object; a file that is not one is moved aside byte for byte
 * and reported. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/plugins/store/store_internal.h"

static char dir[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)sash__store_name_ok((const char *)data, size > 200 ? 200 : size);
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/sash-fuzz-store-XXXXXX");
        if (!mkdtemp(dir))
            abort();
    }
    char path[128];
    snprintf(path, sizeof path, "%s/s.json", dir);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    json_t *rec = NULL;
    json_t *obj = sash__store_load_file(path, &rec);
    if (!json_is_object(obj))
        abort();
    if (rec) {
        const char *to = json_string_value(json_object_get(rec, "movedTo"));
        if (!to || access(path, F_OK) == 0)
            abort();
        FILE *a = fopen(to, "rb");
        if (!a)
            abort();
        char *back = malloc(size + 1);
        size_t n = fread(back, 1, size + 1, a);
        fclose(a);
        if (n != size || memcmp(back, data, size) != 0)
            abort();
        free(back);
        unlink(to);
        json_decref(rec);
    } else {
        unlink(path);
    }
    json_decref(obj);
    return 0;
}
