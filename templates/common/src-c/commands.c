/*
 * The commands of __APP_TITLE__: two the page calls with invoke().
 * sash.json grants exactly these two to the main window.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sash.h>

#define GREETING "Hello, %s! (from C)"

/* invoke('greet', {name}) -> "Hello, <name>! (from C)".  Runs on a worker
 * thread, as every command does unless flagged for the UI thread. */
SASH_COMMAND(greet)
{
    const char *name = "world";
    if (json_unpack((json_t *)args, "{s?s}", "name", &name) != 0) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "name must be a string");
        return;
    }
    if (!*name)
        name = "world";
    sash_resolve(call, json_sprintf(GREETING, name));
}

/* invoke('count', {to, progress: new Channel(...)}) streams 1..to through
 * the channel, one every 10 ms, and resolves with how far it got.  An
 * AbortSignal on the page, or closing the channel, stops it early. */
SASH_COMMAND(count)
{
    json_int_t to = 100;
    if (json_unpack((json_t *)args, "{s?I}", "to", &to) != 0 || to < 1 || to > 100000) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "to must be an integer in 1..100000");
        return;
    }
    sash_channel *progress = sash_call_channel(call, "progress");
    if (!progress) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "progress must be a Channel");
        return;
    }
    json_int_t done = 0;
    struct timespec tick = {0, 10 * 1000000L};
    while (done < to && !sash_call_cancelled(call)) {
        if (sash_channel_send(progress, json_integer(done + 1)) != 0)
            break; /* the page closed the channel */
        done++;
        nanosleep(&tick, NULL);
    }
    sash_channel_free(progress);
    sash_resolve(call, json_integer(done));
}

/* SASH_SMOKE=1 (tests): the page, opened at #smoke, runs both commands and
 * reports here what it received; the app exits 0 only if that is right. */
SASH_COMMAND(smoke_done)
{
    const char *greeting = "", *origin = "";
    json_int_t last = -1, result = -1;
    int ok = json_unpack((json_t *)args, "{s:s, s:I, s:I, s:s}", "greeting", &greeting,
                         "last", &last, "result", &result, "origin", &origin) == 0;
    char want[64];
    snprintf(want, sizeof want, GREETING, "smoke");
    ok = ok && !strcmp(greeting, want) && last == 20 && result == 20;
    printf("sash-smoke: %s greeting=\"%s\" last=%lld result=%lld origin=%s\n",
           ok ? "ok" : "FAILED", greeting, (long long)last, (long long)result, origin);
    fflush(stdout);
    sash_resolve(call, json_true());
    sash_app_quit(sash_call_app(call), ok ? 0 : 1);
}
