/*
 * envelope_head.h - the head of a command message, read without parsing
 * (see envelope_head.c).
 */
#ifndef SASH_ENVELOPE_HEAD_H
#define SASH_ENVELOPE_HEAD_H

#include <stddef.h>

/* Messages at least this long are parsed on a worker when their head is
 * the bridge's: below it, parsing on the UI thread costs less than a
 * frame's hundredth (about 1.5 ms per MB here). */
#define SASH__LATE_PARSE_MIN ((size_t)256 * 1024)

/* Reads {"cmd":"<name>","id":<id>,"args": (the id optional, "rid":<r>,
 * optionally before "cmd") at the start of msg.  0 with `name`
 * (NUL-terminated, < cap bytes) and *id (0 when absent) set; -1 when the
 * text does not start exactly so.  Any thread. */
int sash__envelope_head(const char *msg, size_t len, char *name, size_t cap,
                        long *id);

#endif
