/*
 * plugin_file_name.h - the one rule for a file name a page may give a
 * plugin (a store's file, a database): letters, digits, '.', '_' and '-',
 * 1 to 128 bytes, no leading dot, so no path and no hidden file.  Checked
 * on the name's JSON length: a U+0000 inside is refused, not cut short.
 */
#ifndef SASH_PLUGIN_FILE_NAME_H
#define SASH_PLUGIN_FILE_NAME_H

#include <string.h>

static inline int sash__plugin_file_name_ok(const char *name, size_t len)
{
    if (!name || len == 0 || len > 128 || memchr(name, 0, len) || name[0] == '.')
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

#endif
