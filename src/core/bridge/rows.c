/*
 * rows.c - windowed data: the C side keeps a huge list and answers only
 * the rows the page renders, so a million-row grid costs the bridge a
 * screenful at a time.
 */
#include <stdlib.h>

#include "internal.h"

#define MAX_ROWS_PER_CALL 1000

typedef struct rows_source {
    sash_rows_count_fn count;
    sash_rows_fn rows;
    void *user_data;
} rows_source;

static void rows_command(sash_call *call, const json_t *args, void *ud)
{
    rows_source *src = ud;
    json_int_t from = 0, to = 0;
    if (json_unpack((json_t *)args, "{s:I,s:I}", "from", &from, "to", &to) != 0 ||
        from < 0 || to < from) {
        sash_reject(call, SASH_CODE_BAD_ARGS,
                    "expected {from, to} with 0 <= from <= to");
        return;
    }
    size_t total = src->count(src->user_data);
    size_t f = (size_t)from < total ? (size_t)from : total;
    size_t t = (size_t)to < total ? (size_t)to : total;
    if (t - f > MAX_ROWS_PER_CALL)
        t = f + MAX_ROWS_PER_CALL;
    json_t *out = json_array();
    int rc = out ? src->rows(f, t, out, src->user_data) : SASH_ENOMEM;
    if (rc != 0) {
        json_decref(out);
        sash_reject(call, SASH_CODE_INTERNAL, "rows %zu..%zu failed (%d)", f, t, rc);
        return;
    }
    sash_resolve(call, json_pack("{s:I,s:I,s:o}", "total", (json_int_t)total,
                                 "from", (json_int_t)f, "rows", out));
}

int sash_rows_register(sash_app *app, const char *name,
                       sash_rows_count_fn count, sash_rows_fn rows,
                       void *user_data)
{
    if (!app || !count || !rows)
        return SASH_EINVAL;
    rows_source *src = malloc(sizeof *src);
    if (!src)
        return SASH_ENOMEM;
    *src = (rows_source){count, rows, user_data};
    /* The registry frees `src` with the command. */
    int rc = sash__registry_add(&app->registry, name, rows_command, src, 0, free);
    if (rc != 0)
        free(src);
    else if (sash__dev && sash__dev->added) /* sash dev's hot swap */
        sash__dev->added(app, SASH__DEV_ROWS, name, 0, (const void *)(uintptr_t)count);
    return rc;
}
