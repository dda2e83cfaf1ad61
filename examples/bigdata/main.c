/*
 * bigdata - a million-row ledger kept in C, shown through a virtual-scrolling
 * grid: the page asks only for the rows it renders (sash_rows_register),
 * a filter streams its progress over a Channel and can be aborted, and the
 * export writes the file the user chose in a native save dialog.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sash.h>

SASH_EMBEDDED_ASSETS(bigdata_assets);
SASH_EMBEDDED_CONFIG(bigdata_config);

#define ROWS 1000000u

static const char *const customers[] = {
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark",
    "Wayne", "Tyrell", "Soylent", "Cyberdyne", "Wonka", "Gringotts", "Oscorp"};
static const char *const cities[] = {
    "Lisbon", "Oslo", "Osaka", "Lagos", "Lima", "Quito", "Perth", "Tunis",
    "Hanoi", "Dakar", "Bergen", "Porto", "Cusco", "Kyoto", "Accra"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Rows are computed from their id, so a million of them cost no memory. */
typedef struct row {
    uint32_t id;
    const char *customer, *city;
    long cents;
} row;

static uint32_t mix(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    return x ^ (x >> 16);
}

static row row_at(uint32_t id)
{
    uint32_t h = mix(id + 1);
    return (row){id, customers[h % COUNT(customers)],
                 cities[(h >> 8) % COUNT(cities)], (long)(mix(h) % 2000000)};
}

/* The current view: all rows, or the ids a filter kept.  Swapped whole
 * under the lock, so readers never see a half-built filter. */
static pthread_mutex_t view_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t *view_ids; /* NULL = every row */
static size_t view_count = ROWS;

static size_t view_size(void *ud)
{
    (void)ud;
    pthread_mutex_lock(&view_lock);
    size_t n = view_count;
    pthread_mutex_unlock(&view_lock);
    return n;
}

static json_t *row_json(row r)
{
    return json_pack("{s:I,s:s,s:s,s:f}", "id", (json_int_t)r.id, "customer",
                     r.customer, "city", r.city, "amount", r.cents / 100.0);
}

static int view_rows(size_t from, size_t to, json_t *out, void *ud)
{
    (void)ud;
    pthread_mutex_lock(&view_lock);
    for (size_t i = from; i < to && i < view_count; i++)
        json_array_append_new(out, row_json(row_at(view_ids ? view_ids[i] : (uint32_t)i)));
    pthread_mutex_unlock(&view_lock);
    return 0;
}

static int row_matches(row r, const char *q)
{
    return !*q || strcasecmp(r.customer, q) == 0 || strcasecmp(r.city, q) == 0;
}

/* filter {query, progress: Channel}: scans a million rows on a worker,
 * streaming progress; stops early if the page aborts.  Typed: Sash checks
 * the arguments against the schema before this runs. */
SASH_COMMAND_TYPED(filter, "{query: string, progress?: channel<number>}",
                   "{matches: int}")
{
    const char *q = sash_arg_str(call, "query", "");
    sash_channel *progress = sash_call_channel(call, "progress");
    if (progress) /* progress is advisory: drop updates the page cannot take */
        sash_channel_set_capacity(progress, 4, SASH_CHANNEL_DROP);
    uint32_t *ids = malloc(ROWS * sizeof *ids);
    size_t n = 0;
    for (uint32_t id = 0; ids && id < ROWS; id++) {
        if (row_matches(row_at(id), q))
            ids[n++] = id;
        if (id % 50000 == 0) {
            if (sash_call_cancelled(call))
                break;
            if (progress)
                sash_channel_send(progress, json_real(id / (double)ROWS));
        }
    }
    sash_channel_free(progress);
    if (!ids || sash_call_cancelled(call)) {
        free(ids);
        sash_reject(call, ids ? SASH_CODE_CANCELLED : SASH_CODE_INTERNAL,
                    ids ? "filter aborted" : "out of memory");
        return;
    }
    pthread_mutex_lock(&view_lock);
    free(view_ids);
    view_ids = *q ? ids : NULL;
    view_count = *q ? n : ROWS;
    pthread_mutex_unlock(&view_lock);
    if (!*q)
        free(ids);
    sash_resolve(call, json_pack("{s:I}", "matches", (json_int_t)n));
}

/* export_csv {path}: writes the current view as CSV to the file the user
 * chose in the page's save dialog.  The dialog granted that one path to
 * the window's fs scope (sash_dialog_enable); any other path is refused,
 * so a page cannot write where the user did not say.  Streams to the file
 * on a worker: a million rows never sit in memory. */
SASH_COMMAND(export_csv)
{
    const char *path = NULL;
    if (json_unpack((json_t *)args, "{s:s}", "path", &path) != 0 || !*path) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "path must be a string");
        return;
    }
    if (!sash_call_scope_allows(call, "fs", path)) {
        sash_reject(call, SASH_CODE_FORBIDDEN, "%s was not chosen in a save "
                    "dialog of this window", path);
        return;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        sash_reject(call, "io", "cannot write %s", path);
        return;
    }
    pthread_mutex_lock(&view_lock);
    size_t n = view_count;
    int ok = fputs("id,customer,city,amount\n", f) >= 0;
    for (size_t i = 0; ok && i < n; i++) {
        row r = row_at(view_ids ? view_ids[i] : (uint32_t)i);
        ok = fprintf(f, "%u,%s,%s,%ld.%02ld\n", r.id, r.customer, r.city,
                     r.cents / 100, r.cents % 100) > 0;
    }
    pthread_mutex_unlock(&view_lock);
    long bytes = ok ? ftell(f) : -1;
    if (fclose(f) != 0 || !ok) {
        sash_reject(call, "io", "writing %s failed (disk full?)", path);
        return;
    }
    sash_resolve(call, json_pack("{s:I,s:I}", "rows", (json_int_t)n, "bytes",
                                 (json_int_t)bytes));
}

int main(void)
{
    sash_app_options opts = {
        .config_json = bigdata_config,
        .assets = bigdata_assets,
        .asset_count = bigdata_assets_count,
    };
    sash_app *app = sash_app_new(&opts);
    if (!app)
        return 1;
    if (sash_rows_register(app, "ledger", view_size, view_rows, NULL) != 0 ||
        sash_dialog_enable(app) != 0 || sash_opener_enable(app) != 0 ||
        sash_app_create_windows(app) <= 0) {
        sash_app_free(app);
        return 1;
    }
    int code = sash_app_run(app);
    sash_app_free(app);
    free(view_ids);
    return code;
}
