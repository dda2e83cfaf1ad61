/*
 * envelope_head.c - reads the head of a command message without parsing
 * it, so a large message is parsed on a worker instead of the UI thread.
 *
 * The bridge writes {"cmd":"name","id":n,"args":...} ("id" only when the
 * call can be aborted; with a one-way
 * transport, {"rid":r,"cmd":...}).  Only that exact byte layout is
 * recognised; anything else (a page posting by hand) is parsed on the UI
 * thread as before.  The head is a claim, not a fact: the worker parses
 * the whole text and refuses the call unless its "cmd" and "id" are the
 * ones read here (a duplicate "cmd" key later in the text would otherwise
 * run a command the guard never saw).
 */
#include <string.h>

#include "ipc/envelope_head.h"

static int skip_literal(const char *msg, size_t len, size_t *at, const char *lit)
{
    size_t n = strlen(lit);
    if (len - *at < n || memcmp(msg + *at, lit, n) != 0)
        return -1;
    *at += n;
    return 0;
}

/* 1 to 15 digits, no sign, no leading zero unless alone. */
static int read_number(const char *msg, size_t len, size_t *at, long *out)
{
    size_t start = *at;
    long v = 0;
    while (*at < len && *at - start < 15 && msg[*at] >= '0' && msg[*at] <= '9')
        v = v * 10 + (msg[(*at)++] - '0');
    size_t digits = *at - start;
    if (digits == 0 || (digits > 1 && msg[start] == '0'))
        return -1;
    *out = v;
    return 0;
}

int sash__envelope_head(const char *msg, size_t len, char *name, size_t cap,
                        long *id)
{
    size_t at = 0;
    long rid;
    if (!msg || cap == 0 || skip_literal(msg, len, &at, "{") != 0)
        return -1;
    if (skip_literal(msg, len, &at, "\"rid\":") == 0 &&
        (read_number(msg, len, &at, &rid) != 0 ||
         skip_literal(msg, len, &at, ",") != 0))
        return -1;
    if (skip_literal(msg, len, &at, "\"cmd\":\"") != 0)
        return -1;
    /* A plain name: printable ASCII without '"' or '\\' (escapes would
     * need decoding; such names take the ordinary path). */
    size_t n = 0;
    while (at < len && msg[at] != '"') {
        unsigned char ch = (unsigned char)msg[at++];
        if (ch < 0x20 || ch >= 0x7f || ch == '\\' || n + 1 >= cap)
            return -1;
        name[n++] = (char)ch;
    }
    name[n] = '\0';
    if (n == 0 || skip_literal(msg, len, &at, "\"") != 0)
        return -1;
    *id = 0; /* the bridge sends an id only for a call that can be aborted */
    if (skip_literal(msg, len, &at, ",\"id\":") == 0 &&
        read_number(msg, len, &at, id) != 0)
        return -1;
    return skip_literal(msg, len, &at, ",\"args\":");
}
