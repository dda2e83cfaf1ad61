/*
 * sql_internal.h - the sql plugin's pure parts, for its tests and fuzz
 * target.
 */
#ifndef SASH_SQL_INTERNAL_H
#define SASH_SQL_INTERNAL_H

#include <jansson.h>
#include <sqlite3.h>

/* 1 if `name` (len bytes) may name a database file in the app data folder. */
#include "../plugin_file_name.h"
#define sash__sql_name_ok sash__plugin_file_name_ok
/* Binds JSON params to st: 0, or -1 with the reason in err. */
int sash__sql_bind(sqlite3_stmt *st, const json_t *params, char *err, size_t esz);
/* The current row as {column: value}. */
json_t *sash__sql_row(sqlite3_stmt *st);

#endif
