/*
 * htest_gesture.c - htest's commands for hostile-nogesture: what the app
 * sends by itself (an event, a channel message) must not count as a user
 * gesture in the page, and a real click (xdotool on the Xvfb display)
 * must.  Registered by SASH_COMMAND when linked into htest.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sash.h>

/* Emits app event "attack" {kind} to every window, as an app would. */
SASH_COMMAND(attack_event)
{
    const char *kind = json_string_value(json_object_get(args, "kind"));
    if (!kind) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "kind: a string");
        return;
    }
    int rc = sash_emit(sash_call_app(call), "attack",
                       json_pack("{s:s}", "kind", kind));
    if (rc == 0)
        sash_resolve(call, NULL);
    else
        sash_reject(call, SASH_CODE_INTERNAL, "emit: %s", sash_strerror(rc));
}

/* Sends {kind} on the page's channel args.ch, then releases it. */
SASH_COMMAND(attack_channel)
{
    const char *kind = json_string_value(json_object_get(args, "kind"));
    sash_channel *ch = sash_call_channel(call, "ch");
    if (!kind || !ch) {
        sash_channel_free(ch);
        sash_reject(call, SASH_CODE_BAD_ARGS, "{ch: Channel, kind: string}");
        return;
    }
    int rc = sash_channel_send(ch, json_pack("{s:s}", "kind", kind));
    sash_channel_free(ch);
    if (rc == 0)
        sash_resolve(call, NULL);
    else
        sash_reject(call, SASH_CODE_INTERNAL, "send: %s", sash_strerror(rc));
}

/* A real click at page coordinates (x, y) of the window titled args.title:
 * XTEST input through xdotool, which WebKit sees as the user's.  Runs on
 * a worker: xdotool waits for the window to be visible. */
SASH_COMMAND(real_click)
{
    json_t *x = json_object_get(args, "x"), *y = json_object_get(args, "y");
    const char *title = json_string_value(json_object_get(args, "title"));
    if (!json_is_integer(x) || !json_is_integer(y) || !title) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "{x: int, y: int, title}");
        return;
    }
    for (const char *p = title; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '-')) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "title: [a-z-]");
            return;
        }
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "xdotool search --sync --onlyvisible --name '^%s$' "
             "mousemove --window %%1 %lld %lld click 1 >/dev/null 2>&1",
             title, (long long)json_integer_value(x),
             (long long)json_integer_value(y));
    int rc = system(cmd);
    if (rc == 0)
        sash_resolve(call, NULL);
    else
        sash_reject(call, SASH_CODE_INTERNAL, "xdotool failed (%d)", rc);
}
