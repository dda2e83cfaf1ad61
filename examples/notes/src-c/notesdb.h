/*
 * notesdb.h - the Notes database: SQLite (WAL) with an FTS5 index, no Sash
 * and no UI in here, so the tests and bench/notes.sh drive the very code
 * the app's commands run.
 *
 * Every function returns a new JSON value (or 0/-1) and writes how long the
 * SQLite work took, measured with clock_gettime(CLOCK_MONOTONIC), to *ms
 * when ms is not NULL.  A notes_db is used by one thread at a time (the
 * commands hold a mutex around each call).
 */
#ifndef NOTES_DB_H
#define NOTES_DB_H

#include <jansson.h>

typedef struct notes_db notes_db;

/* Opens (creating) the database file at `path`: WAL, synchronous=NORMAL
 * (a commit survives the app being killed; only a power cut can lose the
 * last one), the schema migrated.  NULL on failure with a message in err. */
notes_db *notes_db_open(const char *path, char *err, size_t esz);
void notes_db_close(notes_db *db);

/* Number of notes. */
long notes_db_count(notes_db *db);

/* Fills an empty database with `count` deterministic demo notes (word
 * lists, seeded PRNG) in one transaction.  progress(done, count, ud) is
 * called every 1000 notes.  0, or -1 with a message in err. */
int notes_db_generate(notes_db *db, long count,
                      void (*progress)(long done, long total, void *ud), void *ud,
                      char *err, size_t esz);

/* {notebooks: [{id, name, count}], tags: [{name, count}], total} */
json_t *notes_db_sidebar(notes_db *db, double *ms);

/* The visible window of the note list.  `q` (may be "") is the search text:
 * its words become an FTS5 query (each word quoted, the last a prefix), hits
 * ranked by bm25 with a highlighted snippet (<mark> around matches, the rest
 * HTML-escaped).  Without q, the newest first.  notebook > 0 and tag (non
 * empty) filter.  Returns {items: [{id, title, snippet, notebook, updated,
 * tags}], total, exact, ranked, offset} or NULL on an SQLite error (message
 * in err): a search counts up to 10,000 matches (exact false beyond), ranks
 * the newest 1,000 (ranked). */
json_t *notes_db_list(notes_db *db, const char *q, long notebook, const char *tag,
                      long offset, long limit, double *ms, char *err, size_t esz);

/* {id, title, body, notebook, updated, created, tags: [..]} or NULL if no
 * such note. */
json_t *notes_db_get(notes_db *db, long id, double *ms);

/* Writes title and body; updated = now.  1 saved, 0 no such note, -1 error. */
int notes_db_save(notes_db *db, long id, const char *title, const char *body,
                  double *ms);

/* A new empty note in `notebook` (the first one if <= 0); its id or -1. */
long notes_db_create(notes_db *db, long notebook, const char *title);

/* 1 deleted, 0 no such note, -1 error. */
int notes_db_delete(notes_db *db, long id);

/* Adds (on) or removes a tag of a note; returns the note's tags afterwards,
 * or NULL if no such note / a bad tag name. */
json_t *notes_db_tag(notes_db *db, long id, const char *tag, int on);

/* The FTS5 query for user text q, written to out (size osz); "" when q
 * holds no word.  Exposed for the tests. */
void notes_fts_query(const char *q, char *out, size_t osz);

double notes_now_ms(void);

/* The connection (demo.c, tests). */
struct sqlite3;
struct sqlite3 *notes_db_sqlite(notes_db *db);

#endif
