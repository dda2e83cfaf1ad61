/*
 * sash_bench.c - the sash contender: the same jobs as bench/floor, written
 * the way a Sash user writes an app (SASH_COMMAND, invoke, sash_emit,
 * sash_resolve_bytes).
 *
 * Usage: bench_sash MODE [QUERY]; see bench/web/bench/bench.js.
 */
#include <stdio.h>
#include <string.h>

#include "bench_clock.h"
#include "bench_out.h"
#include "bench_query.h"
#include "cpu_spin.h"
#include "events_record.h"
#include "ipc_record.h"
#include "proctree.h"
#include <unistd.h>
#include "sash.h"
#include "calls/schema.h" /* the typed-commands row: the check alone, timed */

/* The same web/bench folder the floor embeds, through Sash's own tool, and
 * sash_bench.json: the capability that grants the page these commands. */
SASH_EMBEDDED_ASSETS(bench_sash_web);
SASH_EMBEDDED_CONFIG(bench_sash_config);

static const char *mode = "startup";

/* UI thread, like the floor's handler, so first paint is stamped without
 * a worker hop the floor does not pay either. */
SASH_COMMAND_FLAGS(paint, SASH_COMMAND_UI_THREAD)
{
    bench_out_i64("paint_ns", bench_now_ns());
    sash_resolve(call, NULL);
    if (strcmp(mode, "startup") == 0)
        sash_app_quit(sash_call_app(call), 0);
}

SASH_COMMAND(warm)
{
    sash_resolve(call, NULL);
}

SASH_COMMAND(ping)
{
    bench_ipc_ping();
    sash_resolve(call, json_integer(1));
}

SASH_COMMAND(tput)
{
    bench_ipc_tput();
    sash_resolve(call, json_integer(1));
}

/* Typed commands: the same sequential calls with a 10-field argument
 * object, to a plain command (nothing checks the arguments) and to a typed
 * one (the dispatcher checks them against this schema first). */
#define SCHEMA_10 "{i: int >= 0, name: string, path: string, "              \
                  "limit?: int >= 0 <= 1000, tags: string[], "              \
                  "mode: 'fast'|'full', deep: bool, weight: number > 0, "   \
                  "owner: {id: int, name: string}, flags?: int[]}"
#define ARGS_10 "{\"i\":1,\"name\":\"Ada\",\"path\":\"/home/ada/docs\","     \
                "\"limit\":100,\"tags\":[\"a\",\"b\",\"c\"],\"mode\":\"fast\","  \
                "\"deep\":true,\"weight\":0.5,\"owner\":{\"id\":7,"             \
                "\"name\":\"ada\"},\"flags\":[1,2,3]}"

SASH_COMMAND(ping10)
{
    bench_ipc_ping();
    sash_resolve(call, json_integer(1));
}

SASH_COMMAND_TYPED(ping10_typed, SCHEMA_10, "int")
{
    bench_ipc_ping();
    sash_resolve(call, json_integer(1));
}

/* The check by itself, in this process: ns per call of the dispatcher's
 * check of ARGS_10 against SCHEMA_10 (median of 5 batches). */
static void measure_schema_check(void)
{
    sash__schema *s = sash__schema_parse(SCHEMA_10, NULL, 0);
    json_t *v = json_loads(ARGS_10, 0, NULL);
    if (!s || !v) {
        bench_out_str("error", "schema_setup_failed");
        return;
    }
    enum { BATCH = 20000 };
    double ns[5];
    int bad = 0;
    for (int b = 0; b < 5; b++) {
        uint64_t t0 = bench_now_ns();
        for (int i = 0; i < BATCH; i++)
            bad |= sash__schema_check(s, v, "args", NULL, 0);
        ns[b] = (double)(bench_now_ns() - t0) / BATCH;
    }
    for (int i = 1; i < 5; i++) /* sort: the median is ns[2] */
        for (int j = i; j > 0 && ns[j] < ns[j - 1]; j--) {
            double t = ns[j];
            ns[j] = ns[j - 1];
            ns[j - 1] = t;
        }
    if (bad)
        bench_out_str("error", "ARGS_10_does_not_match_SCHEMA_10");
    bench_out_f64("schema_check_ns", ns[2]);
    json_decref(v);
    sash__schema_free(s);
}

SASH_COMMAND(echo)
{
    json_t *data = json_object_get(args, "data");
    if (!json_is_string(data)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "data must be a string");
        return;
    }
    sash_resolve(call, json_incref(data));
}

/* The raw-bytes path: an ArrayBuffer in, the same bytes back as an
 * ArrayBuffer; no JSON, no base64.  NULL free_fn: Sash copies the reply, as
 * the floor copies the request body into its response. */
SASH_COMMAND(echo_bytes)
{
    size_t len = 0;
    const void *data = sash_call_bytes(call, &len);
    sash_resolve_bytes(call, (void *)data, len, NULL);
}

/* Shared-memory rows (bench mode shm): one way at a time.  sink_bytes
 * answers the length it got; make_bytes answers n bytes from
 * sash_bytes_alloc() (a pooled buffer: the transport is measured, not the
 * filling; the first and last bytes are set for the page's check). */
SASH_COMMAND(sink_bytes)
{
    size_t len = 0;
    sash_call_bytes(call, &len);
    sash_resolve(call, json_integer((json_int_t)len));
}

SASH_COMMAND(make_bytes)
{
    json_int_t n = 0;
    json_unpack((json_t *)args, "{s:I}", "n", &n);
    unsigned char *b = sash_bytes_alloc(sash_call_app(call), (size_t)n);
    if (!b) {
        sash_reject(call, SASH_CODE_TOO_LARGE, "no buffer of %lld bytes", (long long)n);
        return;
    }
    if (n > 0)
        b[0] = b[n - 1] = 7;
    sash_resolve_bytes(call, b, (size_t)n, sash_bytes_free);
}

SASH_COMMAND(tree_mem)
{
    bench_tree_mem m;
    bench_tree_memory(getpid(), &m);
    sash_resolve(call, json_pack("{s:I,s:I}", "pss_kb", (json_int_t)m.pss_kb, "maps",
                                 (json_int_t)m.maps));
}

/* A plain command: Sash runs it on a worker, so the UI should keep going. */
SASH_COMMAND(spin)
{
    json_int_t ms = 2000;
    json_unpack((json_t *)args, "{s?I}", "ms", &ms);
    bench_cpu_spin((long)ms);
    sash_resolve(call, json_integer(ms));
}

SASH_COMMAND(events)
{
    json_int_t n = 0;
    json_unpack((json_t *)args, "{s?I}", "n", &n);
    sash_app *app = sash_call_app(call);
    bench_events_begin((long)n);
    for (json_int_t i = 0; i < n; i++)
        sash_emit(app, "tick", json_pack("{s:I}", "i", i));
    sash_resolve(call, NULL);
}

SASH_COMMAND(events_done)
{
    bench_events_done();
    sash_resolve(call, NULL);
}

SASH_COMMAND_FLAGS(report, SASH_COMMAND_UI_THREAD)
{
    const char *line = "";
    json_unpack((json_t *)args, "{s?s}", "line", &line);
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", line);
    for (char *save = NULL, *pair = strtok_r(copy, " ", &save); pair;
         pair = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(pair, '=');
        if (eq && eq != pair) {
            *eq = '\0';
            bench_out_str(pair, eq + 1);
        }
    }
    if (strncmp(mode, "ipc", 3) == 0) /* ipc, ipc10, ipc10_typed */
        bench_ipc_print();
    bench_out_str("done", "1");
    sash_resolve(call, NULL);
    sash_app_quit(sash_call_app(call), 0);
}

int main(int argc, char **argv)
{
    bench_out_init();
    if (argc > 1)
        mode = argv[1];
    const char *query = argc > 2 ? argv[2] : "";
    if (strcmp(mode, "ipc10_typed") == 0)
        measure_schema_check();
    if (strncmp(mode, "ipc", 3) == 0 &&
        bench_ipc_init((size_t)bench_query_long(query, "n", 5000) + 1) != 0) {
        fprintf(stderr, "bench_sash: out of memory\n");
        return 1;
    }
    sash_app_options options = {
        .assets = bench_sash_web,
        .asset_count = bench_sash_web_count,
        .config_json = bench_sash_config,
    };
    sash_app *app = sash_app_new(&options);
    if (!app)
        return 1;
    char path[512];
    snprintf(path, sizeof path, "/index.html?mode=%s&%s", mode, query);
    sash_window_options window = {
        .label = "main", .title = "sash", .width = 800, .height = 600,
        .path = path,
    };
    int rc = 1;
    if (sash_window_new(app, &window))
        rc = sash_app_run(app);
    sash_app_free(app);
    return rc;
}
