/*
 * notesdb.c - the Notes database (see notesdb.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "notesdb.h"
#include "rank.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#define NOTES_RANKED 1000
#define NOTES_COUNT_CAP 10000 /* "10,000+ hits": counting further costs, tells nothing */

struct notes_db {
    sqlite3 *db;
    notes_rank *rank; /* NULL: FTS5's bm25 ranks */
};

double notes_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The facets text of note ID (an SQL expression). */
#define FACETS(ID)                                                                   \
    "('nb' || (SELECT notebook_id FROM notes WHERE id = " ID ") || coalesce((SELECT" \
    " ' ' || group_concat('tg' || tag_id, ' ') FROM note_tags WHERE note_id = " ID   \
    "), ''))"

/* notes.facets holds the note's notebook and tags as tokens ("nb3 tg12
 * tg7"), indexed by FTS5 next to title and body: a search filtered by
 * notebook or tag is then one more term of the MATCH (doclists intersected
 * inside the index) instead of a join that visits every match. */
static const char schema[] =
    "CREATE TABLE IF NOT EXISTS notebooks (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE IF NOT EXISTS notes ("
    "  id INTEGER PRIMARY KEY, notebook_id INTEGER NOT NULL REFERENCES notebooks(id),"
    "  title TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',"
    "  facets TEXT NOT NULL DEFAULT '',"
    "  created INTEGER NOT NULL, updated INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS notes_updated ON notes(updated);"
    "CREATE INDEX IF NOT EXISTS notes_nb_updated ON notes(notebook_id, updated);"
    "CREATE TABLE IF NOT EXISTS tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE IF NOT EXISTS note_tags (tag_id INTEGER NOT NULL, note_id INTEGER NOT NULL,"
    "  PRIMARY KEY (tag_id, note_id)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS note_tags_note ON note_tags(note_id);"
    "CREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5(title, body, facets,"
    "  content='notes', content_rowid='id', prefix='1 2 3',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER IF NOT EXISTS notes_ai AFTER INSERT ON notes BEGIN"
    "  INSERT INTO notes_fts(rowid, title, body, facets)"
    "    VALUES (new.id, new.title, new.body, new.facets); END;"
    "CREATE TRIGGER IF NOT EXISTS notes_ad AFTER DELETE ON notes BEGIN"
    "  INSERT INTO notes_fts(notes_fts, rowid, title, body, facets)"
    "    VALUES ('delete', old.id, old.title, old.body, old.facets);"
    "  DELETE FROM note_tags WHERE note_id = old.id; END;"
    "CREATE TRIGGER IF NOT EXISTS notes_au AFTER UPDATE OF title, body, facets ON notes BEGIN"
    "  INSERT INTO notes_fts(notes_fts, rowid, title, body, facets)"
    "    VALUES ('delete', old.id, old.title, old.body, old.facets);"
    "  INSERT INTO notes_fts(rowid, title, body, facets)"
    "    VALUES (new.id, new.title, new.body, new.facets); END;"
    "CREATE TRIGGER IF NOT EXISTS notes_nb AFTER UPDATE OF notebook_id ON notes BEGIN"
    "  UPDATE notes SET facets = " FACETS("new.id") " WHERE id = new.id; END;"
    "CREATE TRIGGER IF NOT EXISTS note_tags_ai AFTER INSERT ON note_tags BEGIN"
    "  UPDATE notes SET facets = " FACETS("new.note_id") " WHERE id = new.note_id; END;"
    "CREATE TRIGGER IF NOT EXISTS note_tags_ad AFTER DELETE ON note_tags BEGIN"
    "  UPDATE notes SET facets = " FACETS("old.note_id") " WHERE id = old.note_id; END;";

static void seterr(char *err, size_t esz, const char *what, sqlite3 *db)
{
    if (err && esz)
        snprintf(err, esz, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

notes_db *notes_db_open(const char *path, char *err, size_t esz)
{
    notes_db *n = calloc(1, sizeof *n);
    if (!n) {
        seterr(err, esz, "open", NULL);
        return NULL;
    }
    if (sqlite3_open_v2(path, &n->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                          SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        seterr(err, esz, path, n->db);
        sqlite3_close(n->db);
        free(n);
        return NULL;
    }
    sqlite3_busy_timeout(n->db, 5000);
    if (sqlite3_exec(n->db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                     "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32000;"
                     "PRAGMA temp_store=MEMORY;",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(n->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
        seterr(err, esz, "schema", n->db);
        sqlite3_close(n->db);
        free(n);
        return NULL;
    }
    n->rank = notes_rank_new(n->db);
    return n;
}

sqlite3 *notes_db_sqlite(notes_db *n) { return n->db; }

void notes_db_close(notes_db *n)
{
    if (!n)
        return;
    notes_rank_free(n->rank);
    sqlite3_close(n->db);
    free(n);
}

static sqlite3_stmt *prep(notes_db *n, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(n->db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    return st;
}

long notes_db_count(notes_db *n)
{
    sqlite3_stmt *st = prep(n, "SELECT count(*) FROM notes");
    long c = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        c = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return c;
}

/* ---- text helpers --------------------------------------------------------- */

static json_t *text(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return json_string(s ? (const char *)s : "");
}

/* Splits a comma-joined tag list into a JSON array. */
static json_t *tag_array(const unsigned char *csv)
{
    json_t *a = json_array();
    if (!csv)
        return a;
    const char *p = (const char *)csv;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len)
            json_array_append_new(a, json_stringn(p, len));
        if (!e)
            break;
        p = e + 1;
    }
    return a;
}

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}
#define PUTS(b, s) put((b), (s), strlen(s))

/* The words of a query, lower-cased (ASCII), for highlighting. */
typedef struct qwords {
    char w[16][48];
    int n;
} qwords;

static int wordch(unsigned char c) { return isalnum(c) || c >= 0x80; }

static void qwords_of(const char *q, qwords *qw)
{
    qw->n = 0;
    const unsigned char *p = (const unsigned char *)q;
    while (*p && qw->n < 16) {
        while (*p && !wordch(*p))
            p++;
        size_t len = 0;
        while (*p && wordch(*p)) {
            if (len < sizeof qw->w[0] - 1)
                qw->w[qw->n][len++] = (char)tolower(*p);
            p++;
        }
        if (!len)
            break;
        qw->w[qw->n++][len] = 0;
    }
}

/* Does body word w (len bytes) match a query word?  Every query word
 * matches as a prefix, as FTS5 matches the last one ("lent" finds lentil;
 * earlier words are whole tokens, so this can only over-highlight). */
static int matches(const qwords *qw, const unsigned char *w, size_t len)
{
    for (int i = 0; i < qw->n; i++) {
        size_t ql = strlen(qw->w[i]);
        if (ql > len)
            continue;
        size_t k = 0;
        while (k < ql && (char)tolower(w[k]) == qw->w[i][k])
            k++;
        if (k == ql && (i == qw->n - 1 || ql == len))
            return 1;
    }
    return 0;
}

static void put_escaped(buf *b, const unsigned char *base, const unsigned char *s, size_t n,
                        int *space)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            *space = 1;
            continue;
        }
        if (c == '#' || c == '*' || c == '`' || c == '_' || c == '[' || c == ']' ||
            (c == '>' && (s + i == base || s[i - 1] == '\n')))
            continue; /* Markdown marks (> only as a quote) */
        if (*space && b->len) {
            PUTS(b, " ");
        }
        *space = 0;
        switch (c) {
        case '<': PUTS(b, "&lt;"); break;
        case '>': PUTS(b, "&gt;"); break;
        case '&': PUTS(b, "&amp;"); break;
        case '"': PUTS(b, "&quot;"); break;
        default: put(b, (const char *)&s[i], 1);
        }
    }
}

/* An HTML snippet of body: about 26 words around the first match of qw
 * (from the start when none), matches in <mark>, the rest escaped; the
 * first line is skipped when it is a heading (the title, shown apart). */
static json_t *snippet(const unsigned char *body, const qwords *qw)
{
    if (!body)
        return json_string("");
    const unsigned char *start = body;
    if (*start == '#') {
        const unsigned char *nl = (const unsigned char *)strchr((const char *)start, '\n');
        start = nl ? nl + 1 : start + strlen((const char *)start);
    }
    /* word offsets: find the first match */
    enum { BEFORE = 5, WORDS = 26 };
    const unsigned char *p = start, *ring[BEFORE + 1] = {0};
    const unsigned char *from = start;
    int seen = 0, found = 0;
    while (qw->n && *p) {
        while (*p && !wordch(*p))
            p++;
        const unsigned char *w = p;
        while (*p && wordch(*p))
            p++;
        if (p == w)
            break;
        ring[seen % (BEFORE + 1)] = w;
        if (matches(qw, w, (size_t)(p - w))) {
            found = 1;
            from = seen >= BEFORE ? ring[(seen - BEFORE) % (BEFORE + 1)] : start;
            break;
        }
        seen++;
    }
    (void)found;
    buf b = {0};
    put(&b, "", 0);
    if (from != start)
        PUTS(&b, "…");
    int space = 0, words = 0;
    p = from;
    while (*p && words < WORDS) {
        const unsigned char *g = p;
        while (*p && !wordch(*p))
            p++;
        put_escaped(&b, start, g, (size_t)(p - g), &space);
        const unsigned char *w = p;
        while (*p && wordch(*p))
            p++;
        if (p == w)
            break;
        if ((size_t)(p - w) == 1 && (*w == 'x' || *w == 'X') && w > start && w[-1] == '[' &&
            *p == ']')
            continue; /* a done task's [x] */
        if (space && b.len)
            PUTS(&b, " ");
        space = 0;
        int m = qw->n && matches(qw, w, (size_t)(p - w));
        if (m)
            PUTS(&b, "<mark>");
        put(&b, (const char *)w, (size_t)(p - w));
        if (m)
            PUTS(&b, "</mark>");
        words++;
    }
    if (*p)
        PUTS(&b, "…");
    json_t *j = b.p ? json_string(b.p) : NULL;
    free(b.p);
    return j ? j : json_string("");
}

void notes_fts_query(const char *q, char *out, size_t osz)
{
    size_t o = 0;
    if (!osz)
        return;
    out[0] = 0;
    const unsigned char *p = (const unsigned char *)q;
    int words = 0;
    while (*p && words < 16) {
        /* a word: letters/digits (any non-ASCII byte counts, UTF-8) */
        while (*p && !(isalnum(*p) || *p >= 0x80))
            p++;
        const unsigned char *w = p;
        while (*p && (isalnum(*p) || *p >= 0x80))
            p++;
        size_t len = (size_t)(p - w);
        if (!len)
            break;
        int last = !*p;
        /* "word" or "word"* ; quotes inside cannot occur (only alnum) */
        if (o + len + 5 >= osz)
            break;
        if (o)
            out[o++] = ' ';
        out[o++] = '"';
        memcpy(out + o, w, len);
        o += len;
        out[o++] = '"';
        if (last)
            out[o++] = '*';
        out[o] = 0;
        words++;
    }
}

/* ---- queries ------------------------------------------------------------ */

json_t *notes_db_sidebar(notes_db *n, double *ms)
{
    double t0 = notes_now_ms();
    json_t *nbs = json_array(), *tags = json_array();
    sqlite3_stmt *st = prep(n, "SELECT b.id, b.name, (SELECT count(*) FROM notes"
                               " WHERE notebook_id = b.id) FROM notebooks b ORDER BY b.name");
    while (st && sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(nbs, json_pack("{s:I, s:o, s:I}", "id",
                                             (json_int_t)sqlite3_column_int64(st, 0),
                                             "name", text(st, 1), "count",
                                             (json_int_t)sqlite3_column_int64(st, 2)));
    sqlite3_finalize(st);
    st = prep(n, "SELECT t.name, (SELECT count(*) FROM note_tags WHERE tag_id = t.id) c"
                 " FROM tags t WHERE c > 0 ORDER BY c DESC, t.name");
    while (st && sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(tags, json_pack("{s:o, s:I}", "name", text(st, 0), "count",
                                              (json_int_t)sqlite3_column_int64(st, 1)));
    sqlite3_finalize(st);
    long total = notes_db_count(n);
    if (ms)
        *ms = notes_now_ms() - t0;
    return json_pack("{s:o, s:o, s:I}", "notebooks", nbs, "tags", tags, "total",
                     (json_int_t)total);
}

#define TAGS_OF "(SELECT group_concat(t.name, ',') FROM note_tags nt JOIN tags t" \
                " ON t.id = nt.tag_id WHERE nt.note_id = n.id)"

static json_t *item(sqlite3_stmt *st, json_t *snippet)
{
    return json_pack("{s:I, s:o, s:o, s:I, s:I, s:o}", "id",
                     (json_int_t)sqlite3_column_int64(st, 0), "title", text(st, 1),
                     "snippet", snippet, "notebook", (json_int_t)sqlite3_column_int64(st, 2),
                     "updated", (json_int_t)sqlite3_column_int64(st, 3), "tags",
                     tag_array(sqlite3_column_text(st, 4)));
}

static long tag_id(notes_db *n, const char *tag)
{
    sqlite3_stmt *st = prep(n, "SELECT id FROM tags WHERE name = ?");
    long id = 0;
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, tag, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        id = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return id;
}

/* Search: the newest NOTES_RANKED matches are ranked by bm25 (all of them
 * when fewer match), so a one-letter query over 50,000 notes costs what a
 * precise one does; `total` is still the true number of matches.  The
 * rank is notes_rank() (rank.c: bm25 with cached term counts), FTS5's
 * own bm25 if that is unavailable. */
static json_t *search(notes_db *n, const char *words, const qwords *qw, long notebook,
                      long tag,
                      long offset, long limit, char *err, size_t esz)
{
    char q[1200];
    int len = snprintf(q, sizeof q, "{title body} : (%s)", words);
    if (notebook > 0)
        len += snprintf(q + len, sizeof q - (size_t)len, " AND facets : \"nb%ld\"", notebook);
    if (tag > 0)
        snprintf(q + len, sizeof q - (size_t)len, " AND facets : \"tg%ld\"", tag);
    sqlite3_stmt *cnt = prep(n, "SELECT count(*) FROM (SELECT 1 FROM notes_fts WHERE notes_fts"
                                " MATCH ?1 LIMIT ?2)");
    char rank[600], sql[1200];
    if (!n->rank || notes_rank_expr(n->rank, words, rank, sizeof rank) != 0)
        snprintf(rank, sizeof rank, "rank");
    snprintf(sql, sizeof sql,
             "SELECT n.id, n.title, n.notebook_id, n.updated, " TAGS_OF
             ", n.body FROM (SELECT id, r FROM (SELECT rowid AS id, %s AS r"
             " FROM notes_fts WHERE notes_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?4)"
             " ORDER BY r LIMIT ?2 OFFSET ?3) m"
             " JOIN notes n ON n.id = m.id ORDER BY m.r",
             rank);
    sqlite3_stmt *ids = prep(n, sql);
    json_t *items = json_array(), *r = NULL;
    long total = 0;
    if (!cnt || !ids)
        goto out;
    sqlite3_bind_text(cnt, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_int64(cnt, 2, NOTES_COUNT_CAP + 1);
    if (sqlite3_step(cnt) != SQLITE_ROW)
        goto out;
    total = (long)sqlite3_column_int64(cnt, 0);
    int exact = total <= NOTES_COUNT_CAP;
    if (!exact)
        total = NOTES_COUNT_CAP;
    sqlite3_bind_text(ids, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_int64(ids, 2, limit);
    sqlite3_bind_int64(ids, 3, offset);
    sqlite3_bind_int64(ids, 4, NOTES_RANKED);
    int rc;
    while ((rc = sqlite3_step(ids)) == SQLITE_ROW)
        json_array_append_new(items, item(ids, snippet(sqlite3_column_text(ids, 5), qw)));
    if (rc != SQLITE_DONE)
        goto out;
    r = json_pack("{s:o, s:I, s:b, s:I, s:I}", "items", items, "total", (json_int_t)total,
                  "exact", exact, "ranked",
                  (json_int_t)(total < NOTES_RANKED ? total : NOTES_RANKED), "offset",
                  (json_int_t)offset);
    items = NULL;
out:
    if (!r)
        seterr(err, esz, "search", n->db);
    json_decref(items);
    sqlite3_finalize(cnt);
    sqlite3_finalize(ids);
    return r;
}

json_t *notes_db_list(notes_db *n, const char *q, long notebook, const char *tag,
                      long offset, long limit, double *ms, char *err, size_t esz)
{
    double t0 = notes_now_ms();
    char fts[1024];
    notes_fts_query(q ? q : "", fts, sizeof fts);
    long tg = 0;
    if (tag && *tag && !(tg = tag_id(n, tag))) { /* unknown tag: nothing */
        if (ms)
            *ms = notes_now_ms() - t0;
        return json_pack("{s:[], s:I, s:b, s:I, s:I}", "items", "total", (json_int_t)0,
                         "exact", 1, "ranked", (json_int_t)0, "offset", (json_int_t)offset);
    }
    json_t *r;
    if (fts[0]) {
        qwords qw;
        qwords_of(q, &qw);
        r = search(n, fts, &qw, notebook, tg, offset, limit, err, esz);
    } else {
        char filt[160], sql_rows[700], sql_count[300];
        snprintf(filt, sizeof filt, "%s%s", notebook > 0 ? " AND n.notebook_id = ?3" : "",
                 tg ? " AND n.id IN (SELECT note_id FROM note_tags WHERE tag_id = ?4)" : "");
        const char *from = tg ? "note_tags nt CROSS JOIN notes n ON n.id = nt.note_id AND"
                                " nt.tag_id = ?4"
                              : "notes n";
        snprintf(sql_rows, sizeof sql_rows,
                 "SELECT n.id, n.title, n.notebook_id, n.updated, " TAGS_OF ","
                 " substr(n.body, 1, 400) FROM %s WHERE 1%s"
                 " ORDER BY n.updated DESC, n.id DESC LIMIT ?1 OFFSET ?2",
                 from, filt);
        snprintf(sql_count, sizeof sql_count,
                 "SELECT count(*) FROM notes n WHERE 1%s", filt);
        json_t *items = json_array();
        qwords none = {.n = 0};
        long total = -1;
        r = NULL;
        for (int pass = 0; pass < 2; pass++) {
            sqlite3_stmt *st = prep(n, pass ? sql_count : sql_rows);
            if (!st)
                break;
            if (!pass) {
                sqlite3_bind_int64(st, 1, limit);
                sqlite3_bind_int64(st, 2, offset);
            }
            if (notebook > 0)
                sqlite3_bind_int64(st, 3, notebook);
            if (tg)
                sqlite3_bind_int64(st, 4, tg);
            int rc;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                if (pass)
                    total = (long)sqlite3_column_int64(st, 0);
                else
                    json_array_append_new(items,
                                          item(st, snippet(sqlite3_column_text(st, 5), &none)));
            }
            sqlite3_finalize(st);
            if (rc != SQLITE_DONE)
                break;
        }
        if (total >= 0)
            r = json_pack("{s:o, s:I, s:b, s:I, s:I}", "items", items, "total",
                          (json_int_t)total, "exact", 1, "ranked", (json_int_t)0, "offset",
                          (json_int_t)offset);
        else {
            seterr(err, esz, "list", n->db);
            json_decref(items);
        }
    }
    if (ms)
        *ms = notes_now_ms() - t0;
    return r;
}

static json_t *tags_of(notes_db *n, long id)
{
    sqlite3_stmt *st = prep(n, "SELECT t.name FROM note_tags nt JOIN tags t ON t.id ="
                               " nt.tag_id WHERE nt.note_id = ? ORDER BY t.name");
    json_t *a = json_array();
    if (!st)
        return a;
    sqlite3_bind_int64(st, 1, id);
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(a, text(st, 0));
    sqlite3_finalize(st);
    return a;
}

json_t *notes_db_get(notes_db *n, long id, double *ms)
{
    double t0 = notes_now_ms();
    sqlite3_stmt *st = prep(n, "SELECT id, title, body, notebook_id, updated, created"
                               " FROM notes WHERE id = ?");
    json_t *r = NULL;
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        r = json_pack("{s:I, s:o, s:o, s:I, s:I, s:I}", "id",
                      (json_int_t)sqlite3_column_int64(st, 0), "title", text(st, 1), "body",
                      text(st, 2), "notebook", (json_int_t)sqlite3_column_int64(st, 3),
                      "updated", (json_int_t)sqlite3_column_int64(st, 4), "created",
                      (json_int_t)sqlite3_column_int64(st, 5));
    sqlite3_finalize(st);
    if (r)
        json_object_set_new(r, "tags", tags_of(n, id));
    if (ms)
        *ms = notes_now_ms() - t0;
    return r;
}

int notes_db_save(notes_db *n, long id, const char *title, const char *body, double *ms)
{
    double t0 = notes_now_ms();
    sqlite3_stmt *st = prep(n, "UPDATE notes SET title = ?, body = ?, updated = ?"
                               " WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, body, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
    sqlite3_bind_int64(st, 4, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (ms)
        *ms = notes_now_ms() - t0;
    if (rc != SQLITE_DONE)
        return -1;
    return sqlite3_changes(n->db) > 0;
}

long notes_db_create(notes_db *n, long notebook, const char *title)
{
    if (notebook <= 0) {
        sqlite3_stmt *st = prep(n, "SELECT min(id) FROM notebooks");
        if (st && sqlite3_step(st) == SQLITE_ROW)
            notebook = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        if (notebook <= 0) {
            sqlite3_exec(n->db, "INSERT INTO notebooks (name) VALUES ('Notes')", NULL,
                         NULL, NULL);
            notebook = (long)sqlite3_last_insert_rowid(n->db);
        }
    }
    sqlite3_stmt *st = prep(n, "INSERT INTO notes (notebook_id, title, body, created,"
                               " updated, facets) VALUES (?1, ?2, '', ?3, ?4, 'nb' || ?1)");
    if (!st)
        return -1;
    sqlite3_int64 now = (sqlite3_int64)time(NULL);
    sqlite3_bind_int64(st, 1, notebook);
    sqlite3_bind_text(st, 2, title ? title : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int64(st, 4, now);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? (long)sqlite3_last_insert_rowid(n->db) : -1;
}

int notes_db_delete(notes_db *n, long id)
{
    sqlite3_stmt *st = prep(n, "DELETE FROM notes WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    return sqlite3_changes(n->db) > 0;
}

static int tag_name_ok(const char *t)
{
    size_t len = strlen(t);
    if (!len || len > 40)
        return 0;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if (*p == ',' || *p < 0x20)
            return 0;
    return 1;
}

json_t *notes_db_tag(notes_db *n, long id, const char *tag, int on)
{
    if (!tag_name_ok(tag))
        return NULL;
    sqlite3_stmt *st = prep(n, "SELECT 1 FROM notes WHERE id = ?");
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!found)
        return NULL;
    if (on) {
        st = prep(n, "INSERT OR IGNORE INTO tags (name) VALUES (?)");
        if (st) {
            sqlite3_bind_text(st, 1, tag, -1, SQLITE_TRANSIENT);
            sqlite3_step(st);
            sqlite3_finalize(st);
        }
        st = prep(n, "INSERT OR IGNORE INTO note_tags (tag_id, note_id)"
                     " SELECT id, ? FROM tags WHERE name = ?");
    } else {
        st = prep(n, "DELETE FROM note_tags WHERE note_id = ? AND tag_id ="
                     " (SELECT id FROM tags WHERE name = ?)");
    }
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, tag, -1, SQLITE_TRANSIENT);
        sqlite3_step(st);
        sqlite3_finalize(st);
    }
    return tags_of(n, id);
}
