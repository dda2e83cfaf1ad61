/*
 * The commands of Notes.  The database work is in notesdb.c (no Sash
 * there); these wrap it: one connection, a mutex around each call (calls
 * run on worker threads), and the time the SQLite work took, measured in C,
 * returned with every search and note switch ("ms") for the status line.
 *
 * sash.json grants the main window exactly these commands.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sash.h>

#include "notesdb.h"

#define DEMO_NOTES 50000L

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static notes_db *db;
static char db_path[1024];
static double generated_ms = -1;

/* mkdir -p */
static int make_dirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        int rc = mkdir(path, 0700);
        *p = '/';
        if (rc && errno != EEXIST)
            return -1;
    }
    return mkdir(path, 0700) && errno != EEXIST ? -1 : 0;
}

typedef struct boot_progress {
    sash_channel *ch;
} boot_progress;

static void on_progress(long done, long total, void *ud)
{
    boot_progress *bp = ud;
    if (bp->ch)
        sash_channel_send(bp->ch, json_pack("{s:I, s:I}", "done", (json_int_t)done, "total",
                                            (json_int_t)total));
}

/* Opens the database (under the lock), generating the demo notes on first
 * run: NOTES_DEMO_COUNT notes (default 50,000; 0 = none). */
static int ensure_open(sash_call *call, sash_channel *progress, char *err, size_t esz)
{
    if (db)
        return 0;
    char dir[900];
    int n = sash_app_folder(sash_call_app(call), SASH_FOLDER_APP_DATA, dir, sizeof dir);
    if (n <= 0 || (size_t)n >= sizeof dir || make_dirs(dir) != 0) {
        snprintf(err, esz, "no app data folder (%s)", n > 0 ? dir : "unknown");
        return -1;
    }
    snprintf(db_path, sizeof db_path, "%s/notes.db", dir);
    db = notes_db_open(db_path, err, esz);
    if (!db)
        return -1;
    if (notes_db_count(db) == 0) {
        const char *env = getenv("NOTES_DEMO_COUNT");
        long count = env && *env ? strtol(env, NULL, 10) : DEMO_NOTES;
        if (count > 0) {
            boot_progress bp = {progress};
            double t0 = notes_now_ms();
            if (notes_db_generate(db, count, on_progress, &bp, err, esz) != 0)
                return -1;
            generated_ms = notes_now_ms() - t0;
            sash_log(SASH_LOG_INFO, "notes: generated %ld demo notes in %.0f ms (%s)", count,
                     generated_ms, db_path);
        }
    }
    return 0;
}

/* invoke('boot', {progress}) -> {total, generatedMs, path}: opens the
 * database, generating the demo notes on first run with their progress
 * streamed through the channel (a few seconds for 50,000). */
SASH_COMMAND_TYPED(boot, "{progress?: channel<{done: int, total: int}>}",
                   "{total: int, generatedMs: number, path: string}")
{
    sash_channel *progress = sash_call_channel(call, "progress");
    char err[512];
    pthread_mutex_lock(&lock);
    int rc = ensure_open(call, progress, err, sizeof err);
    long total = rc == 0 ? notes_db_count(db) : 0;
    pthread_mutex_unlock(&lock);
    if (progress)
        sash_channel_free(progress);
    if (rc != 0) {
        sash_reject(call, SASH_CODE_INTERNAL, err);
        return;
    }
    sash_resolve(call, json_pack("{s:I, s:f, s:s}", "total", (json_int_t)total,
                                 "generatedMs", generated_ms, "path", db_path));
}

/* Every other command needs boot first. */
#define NEED_DB()                                                                        \
    do {                                                                                 \
        if (!db) {                                                                       \
            pthread_mutex_unlock(&lock);                                                 \
            sash_reject(call, "not_ready", "call boot first");                           \
            return;                                                                      \
        }                                                                                \
    } while (0)

/* invoke('sidebar') -> notebooks with their counts, tags by use. */
SASH_COMMAND_TYPED(sidebar, "{}",
                   "{notebooks: {id: int, name: string, count: int}[],"
                   " tags: {name: string, count: int}[], total: int, ms: number}")
{
    double ms = 0;
    pthread_mutex_lock(&lock);
    NEED_DB();
    json_t *r = notes_db_sidebar(db, &ms);
    pthread_mutex_unlock(&lock);
    json_object_set_new(r, "ms", json_real(ms));
    sash_resolve(call, r);
}

/* invoke('list', {q, notebook, tag, offset, limit}) -> the visible window
 * of the note list: search hits (FTS5, bm25-ranked, highlighted snippets)
 * when q has a word, else the newest notes.  Only `limit` rows cross. */
SASH_COMMAND_TYPED(list,
                   "{q?: string, notebook?: int, tag?: string, offset?: int >= 0,"
                   " limit?: int > 0 <= 500}",
                   "{items: {id: int, title: string, snippet: string, notebook: int,"
                   " updated: int, tags: string[]}[], total: int, exact: bool, ranked: int,"
                   " offset: int, ms: number}")
{
    const char *q = sash_arg_str(call, "q", "");
    const char *tag = sash_arg_str(call, "tag", "");
    long notebook = (long)sash_arg_int(call, "notebook", 0);
    long offset = (long)sash_arg_int(call, "offset", 0);
    long limit = (long)sash_arg_int(call, "limit", 50);
    char err[512];
    double ms = 0;
    pthread_mutex_lock(&lock);
    NEED_DB();
    json_t *r = notes_db_list(db, q, notebook, tag, offset, limit, &ms, err, sizeof err);
    pthread_mutex_unlock(&lock);
    if (!r) {
        sash_reject(call, "sql_error", err);
        return;
    }
    json_object_set_new(r, "ms", json_real(ms));
    sash_resolve(call, r);
}

/* invoke('open_note', {id}) -> the note, with the time it took. */
SASH_COMMAND_TYPED(open_note, "{id: int}",
                   "{id: int, title: string, body: string, notebook: int, updated: int,"
                   " created: int, tags: string[], ms: number}")
{
    double ms = 0;
    pthread_mutex_lock(&lock);
    NEED_DB();
    json_t *r = notes_db_get(db, (long)sash_arg_int(call, "id", 0), &ms);
    pthread_mutex_unlock(&lock);
    if (!r) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "no such note");
        return;
    }
    json_object_set_new(r, "ms", json_real(ms));
    sash_resolve(call, r);
}

/* invoke('save_note', {id, title, body}): committed (WAL) before it
 * resolves, so a kill right after loses nothing. */
SASH_COMMAND_TYPED(save_note, "{id: int, title: string, body: string}",
                   "{saved: bool, ms: number}")
{
    double ms = 0;
    pthread_mutex_lock(&lock);
    NEED_DB();
    int rc = notes_db_save(db, (long)sash_arg_int(call, "id", 0), sash_arg_str(call, "title", ""),
                           sash_arg_str(call, "body", ""), &ms);
    pthread_mutex_unlock(&lock);
    if (rc < 0)
        sash_reject(call, "sql_error", "the note could not be saved");
    else if (rc == 0)
        sash_reject(call, SASH_CODE_NOT_FOUND, "no such note");
    else
        sash_resolve(call, json_pack("{s:b, s:f}", "saved", 1, "ms", ms));
}

/* invoke('create_note', {notebook?, title?}) -> the new note's id. */
SASH_COMMAND_TYPED(create_note, "{notebook?: int, title?: string}", "int")
{
    pthread_mutex_lock(&lock);
    NEED_DB();
    long id = notes_db_create(db, (long)sash_arg_int(call, "notebook", 0),
                              sash_arg_str(call, "title", ""));
    pthread_mutex_unlock(&lock);
    if (id < 0)
        sash_reject(call, "sql_error", "the note could not be created");
    else
        sash_resolve(call, json_integer(id));
}

/* invoke('delete_note', {id}) -> true. */
SASH_COMMAND_TYPED(delete_note, "{id: int}", "bool")
{
    pthread_mutex_lock(&lock);
    NEED_DB();
    int rc = notes_db_delete(db, (long)sash_arg_int(call, "id", 0));
    pthread_mutex_unlock(&lock);
    if (rc <= 0)
        sash_reject(call, rc ? "sql_error" : SASH_CODE_NOT_FOUND,
                    rc ? "the note could not be deleted" : "no such note");
    else
        sash_resolve(call, json_true());
}

/* invoke('tag_note', {id, tag, on}) -> the note's tags afterwards. */
SASH_COMMAND_TYPED(tag_note, "{id: int, tag: string, on: bool}", "string[]")
{
    const char *tag = sash_arg_str(call, "tag", "");
    pthread_mutex_lock(&lock);
    NEED_DB();
    json_t *r = notes_db_tag(db, (long)sash_arg_int(call, "id", 0), tag,
                             sash_arg_bool(call, "on", 1));
    pthread_mutex_unlock(&lock);
    if (!r)
        sash_reject(call, SASH_CODE_BAD_ARGS,
                    "no such note, or a bad tag (1-40 characters, no comma)");
    else
        sash_resolve(call, r);
}

/* SASH_SMOKE=1 (tests): the page, opened at #smoke, boots, searches, opens,
 * edits and re-reads a note and reports what it saw; exit 0 only if right. */
SASH_COMMAND_TYPED(smoke_done, "{ok: bool, detail: string, stay?: bool}", "bool")
{
    int ok = sash_arg_bool(call, "ok", 0);
    printf("notes-smoke: %s %s\n", ok ? "ok" : "FAILED", sash_arg_str(call, "detail", ""));
    fflush(stdout);
    sash_resolve(call, json_true());
    if (!sash_arg_bool(call, "stay", 0)) /* stay: the test kills the app */
        sash_app_quit(sash_call_app(call), ok ? 0 : 1);
}

/* Under sash dev the open database survives a swap of this module. */
SASH_MODULE_EXPORT void *sash_module_save(sash_app *app)
{
    (void)app;
    notes_db *keep = db;
    db = NULL;
    return keep;
}

SASH_MODULE_EXPORT int sash_module_restore(sash_app *app, void *state)
{
    (void)app;
    db = state;
    return 0;
}

SASH_MODULE_EXPORT void sash_module_fini(sash_app *app)
{
    (void)app;
    notes_db_close(db); /* NULL after a save */
    db = NULL;
}
