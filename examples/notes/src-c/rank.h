/*
 * rank.h - the search rank: FTS5's bm25 with each term's document count
 * cached until the database changes.
 *
 * FTS5's own bm25() counts, on every query, the notes holding each
 * phrase by reading that phrase's whole doclist: for "the" or a
 * one-letter prefix over 50,000 notes that pass alone is most of a
 * keystroke's time (6-8 ms).  notes_rank() computes the same score from
 * counts the caller passes, and notes_rank_expr() fetches them from a
 * cache that is emptied when the database's data version moves.
 */
#ifndef NOTES_RANK_H
#define NOTES_RANK_H

#include <stddef.h>
#include <sqlite3.h>

typedef struct notes_rank notes_rank;

/* Registers the FTS5 function notes_rank() on db and makes an empty
 * cache.  NULL when FTS5 is missing or memory is short. */
notes_rank *notes_rank_new(sqlite3 *db);

void notes_rank_free(notes_rank *r);

/* Writes to out "notes_rank(notes_fts, h0, h1, ...)" for a query whose
 * title/body phrases are `words` (the text notes_fts_query() makes:
 * "w1" "w2" "w3"*), hi being how many notes match phrase i in title or
 * body (cached, counted on a miss).  Phrases after these (the notebook
 * and tag filters) weigh nothing.  0, or -1 if a count failed, a phrase
 * is over 255 bytes or out is too small: then rank with FTS5's bm25. */
int notes_rank_expr(notes_rank *r, const char *words, char *out, size_t osz);

#endif
