/*
 * The commands of Logscope: two the page calls with invoke().
 * sash.json grants exactly these two to the main window.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sash.h>

#define GREETING "Hello, %s! (from C)"

/* invoke('greet', {name}) -> "Hello, <name>! (from C)".  Runs on a worker
 * thread, as every command does unless flagged for the UI thread.  The
 * schemas are checked before the call (a wrong argument rejects with
 * bad_args and says which) and become TypeScript in src/sash-types.d.ts
 * (sash dev and sash build regenerate it), so the page's invoke() is
 * type-checked against them. */
SASH_COMMAND_TYPED(greet, "{name?: string}", "string")
{
    const char *name = sash_arg_str(call, "name", "");
    sash_resolve(call, json_sprintf(GREETING, *name ? name : "world"));
}

/* invoke('count', {to, progress: new Channel(...)}) streams 1..to through
 * the channel, one every 10 ms, and resolves with how far it got.  An
 * AbortSignal on the page, or closing the channel, stops it early. */
SASH_COMMAND_TYPED(count, "{to?: int >= 1 <= 100000, progress: channel<int>}",
                   "int")
{
    json_int_t to = sash_arg_int(call, "to", 100);
    sash_channel *progress = sash_call_channel(call, "progress");
    if (!progress) { /* the schema checked it: only out of memory */
        sash_reject(call, SASH_CODE_INTERNAL, "cannot open the channel");
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
SASH_COMMAND_TYPED(smoke_done,
                   "{greeting: string, last: int, result: int, origin: string}",
                   "bool")
{
    const char *greeting = sash_arg_str(call, "greeting", "");
    const char *origin = sash_arg_str(call, "origin", "");
    long long last = sash_arg_int(call, "last", -1);
    long long result = sash_arg_int(call, "result", -1);
    char want[64];
    snprintf(want, sizeof want, GREETING, "smoke");
    int ok = !strcmp(greeting, want) && last == 20 && result == 20;
    printf("sash-smoke: %s greeting=\"%s\" last=%lld result=%lld origin=%s\n",
           ok ? "ok" : "FAILED", greeting, last, result, origin);
    fflush(stdout);
    sash_resolve(call, json_true());
    sash_app_quit(sash_call_app(call), ok ? 0 : 1);
}
