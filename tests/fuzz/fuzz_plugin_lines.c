/* Fuzz target: the small parsers of page and peer input in the log and
 * single-instance plugins.  Input: bytes.  The log cleaner leaves no
 * control character and never overruns; a level parses or is refused; a
 * single-instance message parses only into {argv: [strings], cwd}; a
 * deep link accepted has no control character, space or bad escape. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/plugins/deep_link/deep_link_internal.h"
#include "../../src/plugins/log/log_internal.h"
#include "../../src/plugins/single_instance/single_instance_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char out[300];
    size_t n = sash__log_clean(out, sizeof out, (const char *)data, size);
    if (n >= sizeof out || strlen(out) != n)
        abort();
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
            abort();
    char *lvl = malloc(size + 1);
    if (!lvl)
        return 0;
    memcpy(lvl, data, size);
    lvl[size] = '\0';
    int l = sash__log_level_parse(lvl);
    if (l < -1 || l > 3)
        abort();
    free(lvl);
    static const char *const schemes[] = {"myapp", NULL};
    if (sash__deep_link_valid((const char *)data, size, schemes)) {
        if (size > SASH__DEEP_LINK_MAX || size < 7)
            abort();
        for (size_t i = 0; i < size; i++) {
            if (data[i] <= 0x20 || data[i] == 0x7f)
                abort();
            if (data[i] == '%' && (i + 2 >= size || !strchr("0123456789abcdefABCDEF", data[i + 1]) ||
                                   !strchr("0123456789abcdefABCDEF", data[i + 2])))
                abort();
        }
    }
    json_t *m = sash__single_instance_parse((const char *)data, size);
    if (m) {
        json_t *argv = json_object_get(m, "argv");
        if (!json_is_array(argv) || !json_is_string(json_object_get(m, "cwd")))
            abort();
        size_t i;
        json_t *a;
        json_array_foreach(argv, i, a) if (!json_is_string(a)) abort();
        json_decref(m);
    }
    return 0;
}
