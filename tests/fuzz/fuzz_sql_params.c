/* Fuzz target: the sql plugin's handling of page input: database names
 * and JSON params bound to a statement.  Input: a JSON text of params.
 * No crash, no leak; binding either succeeds or explains itself; a value
 * bound is read back unchanged (it is data, never SQL). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/plugins/sql/sql_internal.h"

static sqlite3 *db;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)sash__sql_name_ok((const char *)data, size > 200 ? 200 : size);
    if (!db && sqlite3_open(":memory:", &db) != SQLITE_OK)
        abort();
    json_t *params = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
    if (!params)
        return 0;
    sqlite3_stmt *st = NULL;
    const char *sql = json_is_object(params) ? "SELECT :a AS a, @b AS b, $c AS c"
                                             : "SELECT ? AS a, ? AS b";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        abort();
    char err[256] = "";
    if (sash__sql_bind(st, params, err, sizeof err) == 0) {
        if (sqlite3_step(st) != SQLITE_ROW)
            abort();
        json_t *row = sash__sql_row(st);
        if (!row)
            abort();
        json_t *first = json_is_array(params) ? json_array_get(params, 0)
                                              : json_object_get(params, "a");
        json_t *back = json_object_get(row, "a");
        if (json_is_string(first) && !json_equal(first, back) &&
            strlen(json_string_value(first)) == json_string_length(first))
            abort();
        json_decref(row);
    } else if (!err[0]) {
        abort();
    }
    sqlite3_finalize(st);
    json_decref(params);
    return 0;
}
