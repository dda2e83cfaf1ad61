/*
 * deep_link_internal.h - the deep-link plugin's URL check, for its tests
 * and fuzz target.
 */
#ifndef SASH_DEEP_LINK_INTERNAL_H
#define SASH_DEEP_LINK_INTERNAL_H

#include <stddef.h>

#define SASH__DEEP_LINK_MAX 2048

/* 1 if `scheme` may be registered: a letter, then letters, digits, '+',
 * '-', '.' (RFC 3986), at most 64; not a scheme a browser or the system
 * owns (http, https, file, ...). */
int sash__deep_link_scheme_ok(const char *scheme);
/* 1 if `url` (len bytes) is a URL of one of the NULL-terminated `schemes`
 * (compared without case) that may reach the page: at most 2048 bytes,
 * valid UTF-8, no control character or space, every '%' followed by two
 * hex digits, something after "scheme:". */
int sash__deep_link_valid(const char *url, size_t len, const char *const *schemes);

#endif
