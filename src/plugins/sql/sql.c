/*
 * sql.c - the sql plugin: SQLite databases (the system's libsqlite3) in the
 * app data folder.  Values only ever reach SQLite as bound parameters; the
 * plugin builds no SQL from values.  One connection per database, used by
 * one worker at a time (a mutex per database held for a whole call, so a
 * batch is one transaction no other call can interleave with).  WAL
 * journal.  Large results are windowed through the rows API.
 * docs/plugins/sql.md.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include <sash_plugins.h>

#include "sql_internal.h"

#define MAX_SELECT_ROWS 10000

typedef struct db {
    char *name;
    sqlite3 *conn;
    pthread_mutex_t lock; /* held for a whole call on conn */
    int refs;             /* the table's + one per running call/query */
    int closed;
    struct db *next;
} db;

typedef struct query {
    char *name; /* the rows command */
    db *d;
    char *sql_count, *sql_rows;
    json_t *params;
    size_t total;
    struct query *next;
} query;

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static db *dbs;
static query *queries;
static long query_counter;
static sash_app *the_app;

/* -- names, values ---------------------------------------------------------- */

/* Binds JSON params (array: ?1..; object: :name, @name, $name) to `st`.
 * 0, or writes the reason to `err`. */
int sash__sql_bind(sqlite3_stmt *st, const json_t *params, char *err, size_t esz)
{
    int n = sqlite3_bind_parameter_count(st);
    if (!params || json_is_null(params)) {
        if (n > 0) {
            snprintf(err, esz, "the statement has %d parameter(s) but no params were given", n);
            return -1;
        }
        return 0;
    }
    if (!json_is_array(params) && !json_is_object(params)) {
        snprintf(err, esz, "params must be an array or an object");
        return -1;
    }
    if (json_is_array(params) && json_array_size(params) != (size_t)n) {
        snprintf(err, esz, "the statement has %d parameter(s), params has %zu",
                 n, json_array_size(params));
        return -1;
    }
    for (int i = 1; i <= n; i++) {
        json_t *v;
        const char *pname = sqlite3_bind_parameter_name(st, i);
        if (json_is_array(params)) {
            v = json_array_get(params, (size_t)i - 1);
        } else {
            v = pname && pname[0] ? json_object_get(params, pname + 1) : NULL;
            if (!v) {
                snprintf(err, esz, "params has no value for %s",
                         pname ? pname : "a positional parameter (use an array)");
                return -1;
            }
        }
        int rc;
        switch (json_typeof(v)) {
        case JSON_NULL: rc = sqlite3_bind_null(st, i); break;
        case JSON_TRUE: rc = sqlite3_bind_int(st, i, 1); break;
        case JSON_FALSE: rc = sqlite3_bind_int(st, i, 0); break;
        case JSON_INTEGER: rc = sqlite3_bind_int64(st, i, json_integer_value(v)); break;
        case JSON_REAL: rc = sqlite3_bind_double(st, i, json_real_value(v)); break;
        case JSON_STRING:
            rc = sqlite3_bind_text(st, i, json_string_value(v),
                                   (int)json_string_length(v), SQLITE_TRANSIENT);
            break;
        default:
            snprintf(err, esz, "parameter %d: only null, booleans, numbers and strings bind", i);
            return -1;
        }
        if (rc != SQLITE_OK) {
            snprintf(err, esz, "parameter %d: %s", i, sqlite3_errstr(rc));
            return -1;
        }
    }
    return 0;
}

json_t *sash__sql_row(sqlite3_stmt *st)
{
    int n = sqlite3_column_count(st);
    json_t *row = json_object();
    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(st, i);
        json_t *v;
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st, i)); break;
        case SQLITE_FLOAT: v = json_real(sqlite3_column_double(st, i)); break;
        case SQLITE_TEXT: {
            const char *t = (const char *)sqlite3_column_text(st, i);
            int len = sqlite3_column_bytes(st, i);
            v = json_stringn(t, (size_t)len);
            if (!v) /* not UTF-8: keep it, lossily, rather than fail the row */
                v = json_stringn_nocheck(t, (size_t)len);
            break;
        }
        case SQLITE_BLOB: /* bytes never travel as JSON: size only */
            v = json_pack("{s:I}", "blobSize", (json_int_t)sqlite3_column_bytes(st, i));
            break;
        default: v = json_null(); break;
        }
        json_object_set_new(row, name ? name : "?", v);
    }
    return row;
}

/* -- the database table ------------------------------------------------------- */

static void db_unref(db *d)
{
    pthread_mutex_lock(&table_lock);
    int last = --d->refs == 0;
    pthread_mutex_unlock(&table_lock);
    if (!last)
        return;
    sqlite3_close_v2(d->conn);
    pthread_mutex_destroy(&d->lock);
    free(d->name);
    free(d);
}

/* The open database named args.db, with a reference, or NULL after
 * rejecting. */
static db *db_get(sash_call *call, const json_t *args)
{
    json_t *v = json_object_get(args, "db");
    if (!json_is_string(v)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "'db' must be the name given to sql:open");
        return NULL;
    }
    pthread_mutex_lock(&table_lock);
    db *d = dbs;
    while (d && strcmp(d->name, json_string_value(v)) != 0)
        d = d->next;
    if (d)
        d->refs++;
    pthread_mutex_unlock(&table_lock);
    if (!d)
        sash_reject(call, SASH_CODE_NOT_FOUND, "database '%s' is not open (sql:open it first)",
                    json_string_value(v));
    return d;
}

static void reject_sql(sash_call *call, sqlite3 *conn)
{
    sash_reject(call, "sql_error", "%s", sqlite3_errmsg(conn));
}

static int mkdir_p(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0700) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    return mkdir(buf, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

static void sql_open(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    json_t *v = json_object_get(args, "db");
    if (!json_is_string(v) || !sash__sql_name_ok(json_string_value(v), json_string_length(v))) {
        sash_reject(call, SASH_CODE_BAD_ARGS,
                    "'db' must be a file name (letters, digits, '.', '_', '-'; "
                    "up to 128; not starting with '.'), e.g. \"notes.db\"");
        return;
    }
    const char *name = json_string_value(v);
    pthread_mutex_lock(&table_lock);
    for (db *d = dbs; d; d = d->next) {
        if (strcmp(d->name, name) == 0) {
            pthread_mutex_unlock(&table_lock);
            sash_resolve(call, json_pack("{s:s,s:b}", "db", name, "created", 0));
            return;
        }
    }
    char dir[4096], path[4300];
    int n = sash_app_folder(sash_call_app(call), SASH_FOLDER_APP_DATA, dir, sizeof dir);
    if (n < 0 || n >= (int)sizeof dir || mkdir_p(dir) != 0) {
        pthread_mutex_unlock(&table_lock);
        sash_reject(call, "io_error", "cannot create the app data folder '%s'", dir);
        return;
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    sqlite3 *conn = NULL;
    /* NOMUTEX: the plugin's own lock serializes each connection. */
    int rc = sqlite3_open_v2(path, &conn,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, NULL);
    db *d = rc == SQLITE_OK ? calloc(1, sizeof *d) : NULL;
    if (d)
        d->name = strdup(name);
    if (!d || !d->name) {
        pthread_mutex_unlock(&table_lock);
        sash_reject(call, "sql_error", "open '%s': %s", path,
                    conn ? sqlite3_errmsg(conn) : "out of memory");
        sqlite3_close_v2(conn);
        if (d)
            free(d);
        return;
    }
    sqlite3_busy_timeout(conn, 5000);
    sqlite3_exec(conn, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", NULL, NULL, NULL);
    d->conn = conn;
    pthread_mutex_init(&d->lock, NULL);
    d->refs = 1;
    d->next = dbs;
    dbs = d;
    pthread_mutex_unlock(&table_lock);
    sash_resolve(call, json_pack("{s:s,s:b}", "db", name, "created", 1));
}

static void queries_drop_db(db *d);

static void sql_close(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    db *d = db_get(call, args);
    if (!d)
        return;
    queries_drop_db(d);
    pthread_mutex_lock(&table_lock);
    for (db **pp = &dbs; *pp; pp = &(*pp)->next) {
        if (*pp == d) {
            *pp = d->next;
            d->refs--; /* the table's */
            break;
        }
    }
    pthread_mutex_unlock(&table_lock);
    db_unref(d);
    sash_resolve(call, NULL);
}

/* -- statements ---------------------------------------------------------------- */

/* Prepares exactly one statement of args.sql with args.params bound; NULL
 * after rejecting. */
static sqlite3_stmt *prepare_one(sash_call *call, db *d, const json_t *sqlv,
                                 const json_t *params)
{
    if (!json_is_string(sqlv) || strlen(json_string_value(sqlv)) != json_string_length(sqlv)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "'sql' must be a string without NUL");
        return NULL;
    }
    const char *sql = json_string_value(sqlv), *tail = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(d->conn, sql, -1, &st, &tail) != SQLITE_OK) {
        reject_sql(call, d->conn);
        return NULL;
    }
    if (!st) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "'sql' holds no statement");
        return NULL;
    }
    while (tail && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == '\r' ||
                    *tail == ';'))
        tail++;
    if (tail && *tail) {
        sqlite3_finalize(st);
        sash_reject(call, SASH_CODE_BAD_ARGS,
                    "one statement per call (use sql:batch for several, sql:migrate for scripts)");
        return NULL;
    }
    char err[256];
    if (sash__sql_bind(st, params, err, sizeof err) != 0) {
        sqlite3_finalize(st);
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s", err);
        return NULL;
    }
    return st;
}

/* Runs a prepared statement to the end: 0 or an SQLite code. */
static int run(sqlite3_stmt *st)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    return rc == SQLITE_DONE ? 0 : rc;
}

/* A call that left a transaction open would hold it across other
 * windows' calls on the shared connection: rolled back and refused. */
static int check_autocommit(sash_call *call, db *d)
{
    if (sqlite3_get_autocommit(d->conn))
        return 0;
    sqlite3_exec(d->conn, "ROLLBACK", NULL, NULL, NULL);
    sash_reject(call, SASH_CODE_BAD_ARGS,
                "a transaction may not stay open between calls: use sql:batch "
                "(one transaction) instead of BEGIN/COMMIT");
    return -1;
}

static void sql_execute(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    db *d = db_get(call, args);
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    sqlite3_stmt *st = prepare_one(call, d, json_object_get(args, "sql"),
                                   json_object_get(args, "params"));
    if (st) {
        int rc = run(st);
        sqlite3_finalize(st);
        if (rc)
            reject_sql(call, d->conn);
        else if (check_autocommit(call, d) == 0)
            sash_resolve(call, json_pack("{s:I,s:I}", "rowsAffected",
                                         (json_int_t)sqlite3_changes(d->conn),
                                         "lastInsertId",
                                         (json_int_t)sqlite3_last_insert_rowid(d->conn)));
    }
    pthread_mutex_unlock(&d->lock);
    db_unref(d);
}

static void sql_select(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    db *d = db_get(call, args);
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    sqlite3_stmt *st = prepare_one(call, d, json_object_get(args, "sql"),
                                   json_object_get(args, "params"));
    if (st) {
        json_t *rows = json_array();
        int rc;
        size_t n = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW && ++n <= MAX_SELECT_ROWS)
            json_array_append_new(rows, sash__sql_row(st));
        sqlite3_finalize(st);
        if (n > MAX_SELECT_ROWS) {
            json_decref(rows);
            sash_reject(call, SASH_CODE_TOO_LARGE,
                        "more than %d rows: use sql:query, which hands the page "
                        "only the rows it renders", MAX_SELECT_ROWS);
        } else if (rc != SQLITE_DONE) {
            json_decref(rows);
            reject_sql(call, d->conn);
        } else if (check_autocommit(call, d) == 0) {
            sash_resolve(call, rows);
        } else {
            json_decref(rows);
        }
    }
    pthread_mutex_unlock(&d->lock);
    db_unref(d);
}

/* {db, statements: [{sql, params}]}: all in one transaction, or none. */
static void sql_batch(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    json_t *list = json_object_get(args, "statements");
    if (!json_is_array(list)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "'statements' must be an array of {sql, params}");
        return;
    }
    db *d = db_get(call, args);
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    if (sqlite3_exec(d->conn, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        reject_sql(call, d->conn);
        goto out;
    }
    json_t *results = json_array();
    size_t i;
    json_t *s;
    json_array_foreach(list, i, s) {
        sqlite3_stmt *st = prepare_one(call, d, json_object_get(s, "sql"),
                                       json_object_get(s, "params"));
        if (!st)
            goto fail; /* rejected */
        int rc = run(st);
        sqlite3_finalize(st);
        if (rc) {
            sash_reject(call, "sql_error", "statement %zu: %s", i, sqlite3_errmsg(d->conn));
            goto fail;
        }
        if (sqlite3_get_autocommit(d->conn)) {
            sash_reject(call, SASH_CODE_BAD_ARGS,
                        "statement %zu ended the batch's transaction (no COMMIT/ROLLBACK "
                        "inside a batch)", i);
            goto fail;
        }
        json_array_append_new(results, json_pack("{s:I,s:I}", "rowsAffected",
                                                 (json_int_t)sqlite3_changes(d->conn),
                                                 "lastInsertId",
                                                 (json_int_t)sqlite3_last_insert_rowid(d->conn)));
    }
    if (sqlite3_exec(d->conn, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        reject_sql(call, d->conn);
        goto fail;
    }
    sash_resolve(call, results);
    goto out;
fail:
    json_decref(results);
    if (!sqlite3_get_autocommit(d->conn))
        sqlite3_exec(d->conn, "ROLLBACK", NULL, NULL, NULL);
out:
    pthread_mutex_unlock(&d->lock);
    db_unref(d);
}

/* {db, migrations: ["sql script for version 1", "... 2", ...]}: applies
 * those past PRAGMA user_version, each in its own transaction with its
 * version number. */
static void sql_migrate(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    json_t *list = json_object_get(args, "migrations");
    size_t i;
    json_t *m;
    if (!json_is_array(list)) {
        sash_reject(call, SASH_CODE_BAD_ARGS,
                    "'migrations' must be an array of SQL scripts (index 0 = version 1)");
        return;
    }
    json_array_foreach(list, i, m) {
        if (!json_is_string(m) || strlen(json_string_value(m)) != json_string_length(m)) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "migrations[%zu] must be a string without NUL", i);
            return;
        }
    }
    db *d = db_get(call, args);
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    sqlite3_stmt *st = NULL;
    long from = 0;
    if (sqlite3_prepare_v2(d->conn, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        from = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    long version = from;
    if ((size_t)from > json_array_size(list)) {
        sash_reject(call, "sql_error",
                    "the database is at version %ld, newer than the %zu migrations given",
                    from, json_array_size(list));
        goto out;
    }
    for (i = (size_t)from; i < json_array_size(list); i++) {
        char pragma[64];
        /* A number the plugin formats, not a value from the page. */
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %zu", i + 1);
        char *err = NULL;
        if (sqlite3_exec(d->conn, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK ||
            sqlite3_exec(d->conn, json_string_value(json_array_get(list, i)), NULL, NULL,
                         &err) != SQLITE_OK ||
            sqlite3_exec(d->conn, pragma, NULL, NULL, &err) != SQLITE_OK ||
            sqlite3_exec(d->conn, "COMMIT", NULL, NULL, &err) != SQLITE_OK) {
            sash_reject(call, "sql_error", "migration to version %zu: %s", i + 1,
                        err ? err : sqlite3_errmsg(d->conn));
            sqlite3_free(err);
            if (!sqlite3_get_autocommit(d->conn))
                sqlite3_exec(d->conn, "ROLLBACK", NULL, NULL, NULL);
            goto out;
        }
        version = (long)i + 1;
    }
    sash_resolve(call, json_pack("{s:I,s:I}", "from", (json_int_t)from, "to",
                                 (json_int_t)version));
out:
    pthread_mutex_unlock(&d->lock);
    db_unref(d);
}

/* -- windowed queries (rows API) ------------------------------------------------ */

static size_t query_count(void *ud)
{
    return ((query *)ud)->total;
}

static int query_rows(size_t from, size_t to, json_t *out, void *ud)
{
    query *q = ud;
    pthread_mutex_lock(&q->d->lock);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(q->d->conn, q->sql_rows, -1, &st, NULL);
    char err[256];
    int n = rc == SQLITE_OK ? sqlite3_bind_parameter_count(st) : 0;
    /* The page's params, then LIMIT and OFFSET: the last two. */
    if (rc == SQLITE_OK) {
        if (n < 2)
            rc = SQLITE_ERROR;
        else if (json_is_array(q->params) || !q->params) {
            json_t *p = json_is_array(q->params) ? json_copy(q->params) : json_array();
            json_array_append_new(p, json_integer((json_int_t)(to - from)));
            json_array_append_new(p, json_integer((json_int_t)from));
            rc = sash__sql_bind(st, p, err, sizeof err) == 0 ? SQLITE_OK : SQLITE_ERROR;
            json_decref(p);
        } else {
            json_t *p = json_copy(q->params);
            json_object_set_new(p, "sash_limit", json_integer((json_int_t)(to - from)));
            json_object_set_new(p, "sash_offset", json_integer((json_int_t)from));
            rc = sash__sql_bind(st, p, err, sizeof err) == 0 ? SQLITE_OK : SQLITE_ERROR;
            json_decref(p);
        }
    }
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_array_append_new(out, sash__sql_row(st));
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    pthread_mutex_unlock(&q->d->lock);
    return rc == SQLITE_DONE || rc == SQLITE_OK ? 0 : -1;
}

static void query_free(query *q)
{
    db_unref(q->d);
    free(q->name);
    free(q->sql_count);
    free(q->sql_rows);
    json_decref(q->params);
    free(q);
}

/* Removes the rows commands of `d` (all when NULL). */
static void queries_drop_db(db *d)
{
    for (;;) {
        pthread_mutex_lock(&table_lock);
        query **pp = &queries;
        while (*pp && d && (*pp)->d != d)
            pp = &(*pp)->next;
        query *q = *pp;
        if (q)
            *pp = q->next;
        pthread_mutex_unlock(&table_lock);
        if (!q)
            return;
        sash_command_remove(the_app, q->name); /* waits for running windows */
        query_free(q);
    }
}

static char *concat3(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", a, b, c);
    return s;
}

/* {db, sql, params}: a SELECT the page reads in windows.  Resolves
 * {rows: name, total, columns}; the page calls __SASH__.rows(name).get(from,
 * to) and sql:query_close {rows: name} when done. */
static void sql_query(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    db *d = db_get(call, args);
    if (!d)
        return;
    json_t *params = json_object_get(args, "params");
    pthread_mutex_lock(&d->lock);
    /* The statement is checked alone first (one statement, binds). */
    sqlite3_stmt *st = prepare_one(call, d, json_object_get(args, "sql"), params);
    if (!st) {
        pthread_mutex_unlock(&d->lock);
        db_unref(d);
        return;
    }
    if (!sqlite3_stmt_readonly(st) || sqlite3_column_count(st) == 0) {
        sqlite3_finalize(st);
        pthread_mutex_unlock(&d->lock);
        db_unref(d);
        sash_reject(call, SASH_CODE_BAD_ARGS, "sql:query takes a read-only SELECT");
        return;
    }
    json_t *columns = json_array();
    for (int i = 0; i < sqlite3_column_count(st); i++)
        json_array_append_new(columns, json_string(sqlite3_column_name(st, i)));
    sqlite3_finalize(st);
    /* The page's statement nested as a subquery: its text is not changed
     * and every value stays a bound parameter (limit and offset too). */
    const char *text = json_string_value(json_object_get(args, "sql"));
    size_t tl = strlen(text);
    char *inner = malloc(tl + 1);
    if (inner) { /* without its trailing ';' */
        memcpy(inner, text, tl + 1);
        while (tl && strchr(" \t\r\n;", inner[tl - 1]))
            inner[--tl] = '\0';
    }
    query *q = calloc(1, sizeof *q);
    int named = json_is_object(params);
    if (q && inner) {
        q->sql_count = concat3("SELECT count(*) FROM (", inner, ")");
        q->sql_rows = concat3("SELECT * FROM (", inner,
                              named ? ") LIMIT :sash_limit OFFSET :sash_offset"
                                    : ") LIMIT ? OFFSET ?");
    }
    free(inner);
    if (!q || !q->sql_count || !q->sql_rows) {
        pthread_mutex_unlock(&d->lock);
        db_unref(d);
        json_decref(columns);
        if (q)
            free(q->sql_count), free(q->sql_rows), free(q);
        sash_reject(call, SASH_CODE_INTERNAL, "out of memory");
        return;
    }
    char err[256] = "";
    int rc = sqlite3_prepare_v2(d->conn, q->sql_count, -1, &st, NULL);
    if (rc == SQLITE_OK && sash__sql_bind(st, params, err, sizeof err) != 0)
        rc = SQLITE_ERROR;
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        q->total = (size_t)sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        sash_reject(call, "sql_error", "%s", err[0] ? err : sqlite3_errmsg(d->conn));
        pthread_mutex_unlock(&d->lock);
        db_unref(d);
        json_decref(columns);
        free(q->sql_count), free(q->sql_rows), free(q);
        return;
    }
    pthread_mutex_unlock(&d->lock);
    q->d = d; /* keeps the reference db_get() took */
    q->params = params ? json_deep_copy(params) : NULL;
    char name[64];
    pthread_mutex_lock(&table_lock);
    snprintf(name, sizeof name, "sql:rows:%ld", ++query_counter);
    pthread_mutex_unlock(&table_lock);
    q->name = strdup(name);
    sash_app *app = sash_call_app(call);
    const char *grant[] = {name, NULL};
    if (!q->name || sash_rows_register(app, name, query_count, query_rows, q) != 0) {
        query_free(q);
        json_decref(columns);
        sash_reject(call, SASH_CODE_INTERNAL, "cannot register the rows source");
        return;
    }
    /* Whoever may use sql:default may read its windows. */
    sash_permission_define(app, "sql:default", grant);
    pthread_mutex_lock(&table_lock);
    q->next = queries;
    queries = q;
    pthread_mutex_unlock(&table_lock);
    sash_resolve(call, json_pack("{s:s,s:I,s:o}", "rows", name, "total",
                                 (json_int_t)q->total, "columns", columns));
}

static void sql_query_close(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    const char *name = json_string_value(json_object_get(args, "rows"));
    if (!name) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "'rows' must be the name sql:query returned");
        return;
    }
    pthread_mutex_lock(&table_lock);
    query **pp = &queries;
    while (*pp && strcmp((*pp)->name, name) != 0)
        pp = &(*pp)->next;
    query *q = *pp;
    if (q)
        *pp = q->next;
    pthread_mutex_unlock(&table_lock);
    if (!q) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "no rows source '%s'", name);
        return;
    }
    sash_command_remove(sash_call_app(call), q->name);
    query_free(q);
    sash_resolve(call, NULL);
}

/* -- registration ---------------------------------------------------------------- */

static void sql_free_all(sash_app *app, void *ud)
{
    (void)app;
    (void)ud;
    queries_drop_db(NULL);
    pthread_mutex_lock(&table_lock);
    db *d = dbs;
    dbs = NULL;
    pthread_mutex_unlock(&table_lock);
    while (d) {
        db *next = d->next;
        db_unref(d);
        d = next;
    }
    the_app = NULL;
}

static const sash_command_def defs[] = {
    {"sql:open", sql_open, 0},       {"sql:close", sql_close, 0},
    {"sql:execute", sql_execute, 0}, {"sql:select", sql_select, 0},
    {"sql:batch", sql_batch, 0},     {"sql:migrate", sql_migrate, 0},
    {"sql:query", sql_query, 0},     {"sql:query_close", sql_query_close, 0},
};

int sash_plugin_sql(sash_app *app, const void *options)
{
    (void)options;
    if (!app)
        return SASH_EINVAL;
    const sash_command_def *p[sizeof defs / sizeof defs[0]];
    const char *names[sizeof defs / sizeof defs[0] + 1];
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
        p[i] = &defs[i];
        names[i] = defs[i].name;
    }
    names[sizeof defs / sizeof defs[0]] = NULL;
    int rc = sash_commands_add(app, p, sizeof defs / sizeof defs[0]);
    if (rc == 0)
        rc = sash_permission_define(app, "sql:default", names);
    if (rc == 0) {
        the_app = app;
        rc = sash_app_on_free(app, sql_free_all, NULL);
    }
    return rc;
}
