/*
 * autostart_internal.h - the autostart plugin's pure parts, for its tests.
 */
#ifndef SASH_AUTOSTART_INTERNAL_H
#define SASH_AUTOSTART_INTERNAL_H

#include <stddef.h>

/* One argument quoted for a .desktop Exec= key (spec rules, then the
 * string escapes).  Returns the length it needs, as snprintf(). */
size_t sash__autostart_quote(const char *arg, char *out, size_t size);
/* 1 if an entry's text does not switch autostart off. */
int sash__autostart_entry_enabled(const char *text);

#endif
