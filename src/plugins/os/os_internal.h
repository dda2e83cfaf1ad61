/*
 * os_internal.h - the os plugin's pure parts, for its tests.
 */
#ifndef SASH_OS_INTERNAL_H
#define SASH_OS_INTERNAL_H

#include <stddef.h>

/* A POSIX locale name ("de_DE.UTF-8") as a BCP 47 tag ("de-DE") in out;
 * "C", "POSIX" and empty give "en-US".  Returns the tag's length. */
size_t sash__os_locale_tag(const char *posix, char *out, size_t size);

#endif
