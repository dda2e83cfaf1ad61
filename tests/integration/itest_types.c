/*
 * itest_types.c - typed commands for the integration page types.html: the
 * dispatcher checks the arguments before these run, so the page sees the
 * rejection messages of a real invoke, and a command that runs counts
 * itself (a rejected call must never reach it).
 */
#include <stdatomic.h>

#include <sash.h>

static atomic_int typed_runs;

SASH_COMMAND_TYPED(typed_search,
                   "{path: string, limit?: int >= 0, tags: string[], "
                   "mode: 'fast'|'full', opts?: {deep?: bool, weight?: number}}",
                   "object")
{
    atomic_fetch_add(&typed_runs, 1);
    const json_t *tags = sash_arg_json(call, "tags");
    sash_resolve(call, json_pack("{s:s, s:I, s:I, s:s, s:b, s:f}",
                                 "path", sash_arg_str(call, "path", "?"),
                                 "limit", (json_int_t)sash_arg_int(call, "limit", 10),
                                 "tags", (json_int_t)json_array_size(tags),
                                 "mode", sash_arg_str(call, "mode", "?"),
                                 "deep", sash_arg_bool(call, "opts.deep", 0),
                                 "weight", sash_arg_double(call, "opts.weight", 0.5)));
}

/* A channel in a typed argument, on the UI thread. */
SASH_COMMAND_TYPED_FLAGS(typed_stream, SASH_COMMAND_UI_THREAD,
                         "{n: int >= 1 <= 20, progress: channel<int>}", "int")
{
    atomic_fetch_add(&typed_runs, 1);
    long long n = sash_arg_int(call, "n", 1);
    sash_channel *ch = sash_call_channel(call, "progress");
    for (long long i = 1; ch && i <= n; i++)
        sash_channel_send(ch, json_integer(i));
    sash_channel_free(ch);
    sash_resolve(call, json_integer(n));
}

SASH_COMMAND_TYPED(typed_runs_so_far, NULL, "int")
{
    sash_resolve(call, json_integer(atomic_load(&typed_runs)));
}
