/* Fuzz target: the scope glob matcher.  Input: pattern '\n' text.  No
 * crash, no blow-up (libFuzzer's -timeout catches one), and on short ASCII
 * inputs without classes or escapes the answer must equal that of a
 * simple recursive reference matcher. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/security/glob.h"
#include "../glob_ref.h"

static int simple(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80 || *s == '[' || *s == '\\')
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *nl = memchr(buf, '\n', size);
    const char *pattern = buf, *text = "";
    if (nl) {
        *nl = '\0';
        text = nl + 1;
    }
    int plain = sash__glob_match(pattern, text, 0);
    sash__glob_match(pattern, text, SASH__GLOB_PATH);
    sash__glob_check(pattern);
    if (strlen(pattern) <= 12 && strlen(text) <= 16 && simple(pattern) &&
        simple(text) && plain != ref_match(pattern, text))
        abort();
    free(buf);
    return 0;
}
