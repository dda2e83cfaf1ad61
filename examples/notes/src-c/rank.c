/*
 * rank.c - the search rank (see rank.h).
 */
#include "rank.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHE 64
#define PHRASES 16

typedef struct cached {
    char phrase[256]; /* "word" or "prefix"* ; "" = free */
    sqlite3_int64 hits;
} cached;

struct notes_rank {
    sqlite3 *db;
    int version; /* SQLITE_FCNTL_DATA_VERSION when the cache was filled */
    unsigned next;
    cached c[CACHE];
};

/* bm25 exactly as FTS5 computes it (fts5_aux.c: k1 1.2, b 0.75, every
 * column weighing 1), but phrase i's document count is argument i. */
static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                    int nval, sqlite3_value **val)
{
    const double k1 = 1.2, b = 0.75;
    int nphrase = api->xPhraseCount(fts), ninst = 0, dl = 0;
    sqlite3_int64 nrow = 0, ntok = 0;
    double freq[PHRASES] = {0};
    int rc = api->xRowCount(fts, &nrow);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &ntok);
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(fts, -1, &dl);
    if (rc == SQLITE_OK)
        rc = api->xInstCount(fts, &ninst);
    for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
        int phrase, col, off;
        rc = api->xInst(fts, i, &phrase, &col, &off);
        if (rc == SQLITE_OK && phrase >= 0 && phrase < PHRASES)
            freq[phrase] += 1.0;
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    double avgdl = nrow > 0 && ntok > 0 ? (double)ntok / (double)nrow : 1.0;
    double score = 0;
    for (int i = 0; i < nphrase && i < nval && i < PHRASES; i++) {
        sqlite3_int64 hits = sqlite3_value_int64(val[i]);
        if (hits < 0) /* a filter, not a search word */
            continue;
        double idf = log(((double)nrow - (double)hits + 0.5) / ((double)hits + 0.5));
        if (idf <= 0.0)
            idf = 1e-6;
        score += idf * (freq[i] * (k1 + 1.0)) / (freq[i] + k1 * (1 - b + b * dl / avgdl));
    }
    sqlite3_result_double(ctx, -1.0 * score);
}

notes_rank *notes_rank_new(sqlite3 *db)
{
    fts5_api *fts = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&fts, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    notes_rank *r = fts && fts->iVersion >= 2 ? calloc(1, sizeof *r) : NULL;
    if (!r || fts->xCreateFunction(fts, "notes_rank", NULL, rank_fn, NULL) != SQLITE_OK) {
        free(r);
        return NULL;
    }
    r->db = db;
    r->version = -1;
    return r;
}

void notes_rank_free(notes_rank *r) { free(r); }

/* Notes matching phrase p (up to 255 bytes) in title or body. */
static sqlite3_int64 count_hits(notes_rank *r, const char *p)
{
    char q[300];
    snprintf(q, sizeof q, "{title body} : %s", p);
    sqlite3_stmt *st = NULL;
    sqlite3_int64 hits = -1;
    if (sqlite3_prepare_v2(r->db, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        hits = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return hits;
}

static sqlite3_int64 hits_of(notes_rank *r, const char *p)
{
    for (int i = 0; i < CACHE; i++)
        if (r->c[i].phrase[0] && strcmp(r->c[i].phrase, p) == 0)
            return r->c[i].hits;
    sqlite3_int64 hits = count_hits(r, p);
    if (hits >= 0) { /* round robin: a typing session reuses recent words */
        cached *c = &r->c[r->next++ % CACHE];
        snprintf(c->phrase, sizeof c->phrase, "%s", p);
        c->hits = hits;
    }
    return hits;
}

/* Any commit, by this connection or another, moves the data version:
 * counts cached before it are dropped. */
static void check_version(notes_rank *r)
{
    int v = 0;
    if (sqlite3_file_control(r->db, "main", SQLITE_FCNTL_DATA_VERSION, &v) != SQLITE_OK)
        v = r->version - 1; /* cannot tell: never trust the cache */
    if (v != r->version) {
        memset(r->c, 0, sizeof r->c);
        r->version = v;
    }
}

int notes_rank_expr(notes_rank *r, const char *words, char *out, size_t osz)
{
    check_version(r);
    int len = snprintf(out, osz, "notes_rank(notes_fts");
    const char *p = words;
    for (int n = 0; *p && n < PHRASES; n++) {
        while (*p == ' ')
            p++;
        if (*p != '"')
            break;
        const char *end = strchr(p + 1, '"'); /* words hold no quotes */
        if (!end)
            return -1;
        end += end[1] == '*' ? 2 : 1;
        char phrase[256];
        if ((size_t)(end - p) >= sizeof phrase)
            return -1;
        memcpy(phrase, p, (size_t)(end - p));
        phrase[end - p] = '\0';
        sqlite3_int64 hits = hits_of(r, phrase);
        if (hits < 0 || len < 0 || (size_t)len >= osz)
            return -1;
        len += snprintf(out + len, osz - (size_t)len, ", %lld", (long long)hits);
        p = end;
    }
    if (len < 0 || (size_t)len + 2 > osz)
        return -1;
    memcpy(out + len, ")", 2);
    return 0;
}
