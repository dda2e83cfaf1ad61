/*
 * dbtest.c - the Notes database layer (src-c/notesdb.c, demo.c): search,
 * filters, switch, autosave, tags, escaping, and that a save survives the
 * process being SIGKILLed right after it returned.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "notesdb.h"
#include "rank.h"

static char dir[] = "/tmp/notes-dbtest-XXXXXX";
static char path[256];
static notes_db *db;
#define DEMO 2000

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/notes.db", dir);
    char err[256];
    db = notes_db_open(path, err, sizeof err);
    if (!db)
        return -1;
    return notes_db_generate(db, DEMO, NULL, NULL, err, sizeof err);
}

static int teardown(void **state)
{
    (void)state;
    notes_db_close(db);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static json_t *list(const char *q, long nb, const char *tag, long off, long lim)
{
    char err[256];
    double ms = -1;
    json_t *r = notes_db_list(db, q, nb, tag, off, lim, &ms, err, sizeof err);
    if (!r)
        fail_msg("list(%s): %s", q, err);
    assert_true(ms >= 0);
    return r;
}

static long total(json_t *r) { return (long)json_integer_value(json_object_get(r, "total")); }
static json_t *items(json_t *r) { return json_object_get(r, "items"); }
static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void test_fts_query(void **state)
{
    (void)state;
    char q[256];
    notes_fts_query("lentil so", q, sizeof q);
    assert_string_equal(q, "\"lentil\" \"so\"*");
    notes_fts_query("  \"; DROP TABLE notes; -- ", q, sizeof q);
    assert_string_equal(q, "\"DROP\" \"TABLE\" \"notes\""); /* trailing space: no prefix */
    notes_fts_query("NEAR(a b) OR c*", q, sizeof q);
    assert_string_equal(q, "\"NEAR\" \"a\" \"b\" \"OR\" \"c\"");
    notes_fts_query(" ;;; ", q, sizeof q);
    assert_string_equal(q, "");
    notes_fts_query("café", q, sizeof q);
    assert_string_equal(q, "\"café\"*");
}

static void test_generated(void **state)
{
    (void)state;
    assert_int_equal(notes_db_count(db), DEMO);
    /* Deterministic: a second database made the same way holds the same notes. */
    char p2[300], err[256];
    snprintf(p2, sizeof p2, "%s/again.db", dir);
    notes_db *d2 = notes_db_open(p2, err, sizeof err);
    assert_non_null(d2);
    assert_int_equal(notes_db_generate(d2, 200, NULL, NULL, err, sizeof err), 0);
    json_t *a = notes_db_get(db, 77, NULL), *b = notes_db_get(d2, 77, NULL);
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(str(a, "title"), str(b, "title"));
    assert_string_equal(str(a, "body"), str(b, "body"));
    assert_true(strlen(str(a, "body")) > 80);
    json_decref(a);
    json_decref(b);
    notes_db_close(d2);
    json_t *sb = notes_db_sidebar(db, NULL);
    assert_int_equal(json_array_size(json_object_get(sb, "notebooks")), 12);
    assert_true(json_array_size(json_object_get(sb, "tags")) > 10);
    json_decref(sb);
}

static void test_search(void **state)
{
    (void)state;
    json_t *r = list("lentil", 0, "", 0, 20);
    assert_true(total(r) > 0);
    assert_true(json_array_size(items(r)) > 0 && json_array_size(items(r)) <= 20);
    size_t i;
    json_t *it;
    int marked = 0;
    json_array_foreach(items(r), i, it) {
        const char *t = str(it, "title"), *s = str(it, "snippet");
        /* every hit has lentil in its title or body: the snippet shows it, or the title does */
        json_t *full = notes_db_get(db, (long)json_integer_value(json_object_get(it, "id")), NULL);
        char *lower = strdup(str(full, "body"));
        for (char *p = lower; *p; p++)
            *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        assert_non_null(strstr(lower, "lentil"));
        free(lower);
        json_decref(full);
        marked += strstr(s, "<mark>") != NULL;
        (void)t;
    }
    json_decref(r);
    /* prefix as typed: "lent" finds at least what "lentil" does */
    json_t *p = list("lent", 0, "", 0, 20), *w = list("lentil", 0, "", 0, 20);
    assert_true(total(p) >= total(w));
    json_decref(p);
    json_decref(w);
    /* a window past the first page holds other notes */
    json_t *a = list("the", 0, "", 0, 10), *b = list("the", 0, "", 10, 10);
    assert_int_equal(json_array_size(items(b)), 10);
    assert_int_not_equal(json_integer_value(json_object_get(json_array_get(items(a), 0), "id")),
                         json_integer_value(json_object_get(json_array_get(items(b), 0), "id")));
    json_decref(a);
    json_decref(b);
    json_t *none = list("qqqzzzxxy", 0, "", 0, 20);
    assert_int_equal(total(none), 0);
    assert_int_equal(json_array_size(items(none)), 0);
    json_decref(none);
    (void)marked;
}

static void test_filters(void **state)
{
    (void)state;
    for (int searching = 0; searching < 2; searching++) {
        const char *q = searching ? "the" : "";
        json_t *r = list(q, 3, "", 0, 50), *all = list(q, 0, "", 0, 50);
        assert_true(total(r) > 0 && total(r) < total(all));
        size_t i;
        json_t *it;
        json_array_foreach(items(r), i, it)
            assert_int_equal(json_integer_value(json_object_get(it, "notebook")), 3);
        json_decref(r);
        r = list(q, 0, "todo", 0, 50);
        assert_true(total(r) > 0 && total(r) < total(all));
        json_array_foreach(items(r), i, it) {
            int has = 0;
            size_t k;
            json_t *t;
            json_array_foreach(json_object_get(it, "tags"), k, t)
                has |= !strcmp(json_string_value(t), "todo");
            assert_true(has);
        }
        json_decref(r);
        json_decref(all);
        r = list(q, 0, "no-such-tag", 0, 50);
        assert_int_equal(total(r), 0);
        json_decref(r);
    }
}

static void test_save_and_switch(void **state)
{
    (void)state;
    json_t *n = notes_db_get(db, 10, NULL);
    assert_non_null(n);
    assert_null(notes_db_get(db, 999999, NULL));
    double ms = -1;
    assert_int_equal(notes_db_save(db, 10, "Quokka plans", "# Quokka\n\nzebrafinch <b>bold</b> & co",
                                   &ms),
                     1);
    assert_true(ms >= 0);
    assert_int_equal(notes_db_save(db, 999999, "x", "y", NULL), 0);
    json_t *m = notes_db_get(db, 10, NULL);
    assert_string_equal(str(m, "title"), "Quokka plans");
    assert_string_equal(str(m, "body"), "# Quokka\n\nzebrafinch <b>bold</b> & co");
    /* the index follows the edit: the new word is found, escaped, marked */
    json_t *r = list("zebrafin", 0, "", 0, 10);
    assert_int_equal(total(r), 1);
    const char *s = str(json_array_get(items(r), 0), "snippet");
    assert_non_null(strstr(s, "<mark>zebrafinch</mark>"));
    assert_non_null(strstr(s, "&lt;b&gt;bold&lt;/b&gt; &amp; co"));
    assert_null(strstr(s, "<b>"));
    json_decref(r);
    /* the old text is gone from the index (the old title's first word) */
    char old[64];
    snprintf(old, sizeof old, "%s", str(n, "title"));
    json_decref(n);
    json_decref(m);
    /* and it is now the newest note */
    r = list("", 0, "", 0, 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items(r), 0), "id")), 10);
    json_decref(r);
}

static void test_tags_create_delete(void **state)
{
    (void)state;
    long id = notes_db_create(db, 2, "Fresh");
    assert_true(id > DEMO);
    json_t *tags = notes_db_tag(db, id, "quasar-tag", 1);
    assert_int_equal(json_array_size(tags), 1);
    json_decref(tags);
    assert_int_equal(notes_db_save(db, id, "Fresh", "meteorite shower tonight", NULL), 1);
    json_t *r = list("meteor", 0, "quasar-tag", 0, 10);
    assert_int_equal(total(r), 1);
    json_decref(r);
    r = list("meteor", 2, "", 0, 10); /* notebook facet */
    assert_int_equal(total(r), 1);
    json_decref(r);
    tags = notes_db_tag(db, id, "quasar-tag", 0);
    assert_int_equal(json_array_size(tags), 0);
    json_decref(tags);
    r = list("meteor", 0, "quasar-tag", 0, 10);
    assert_int_equal(total(r), 0);
    json_decref(r);
    assert_null(notes_db_tag(db, id, "bad,tag", 1));
    assert_null(notes_db_tag(db, id, "", 1));
    assert_null(notes_db_tag(db, 999999, "ok", 1));
    assert_int_equal(notes_db_delete(db, id), 1);
    assert_int_equal(notes_db_delete(db, id), 0);
    r = list("meteor", 0, "", 0, 10);
    assert_int_equal(total(r), 0);
    json_decref(r);
}

/* A save that returned is on disk: the process is killed (SIGKILL) the
 * moment after, and a new connection reads the text back. */
static void test_kill_after_save(void **state)
{
    (void)state;
    char text[128];
    snprintf(text, sizeof text, "kill-safe %ld", (long)getpid());
    json_t *before = notes_db_get(db, 42, NULL);
    assert_string_not_equal(str(before, "body"), text);
    json_decref(before);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        char err[256];
        notes_db *c = notes_db_open(path, err, sizeof err);
        if (!c || notes_db_save(c, 42, "kill", text, NULL) != 1)
            _exit(3);
        if (write(fds[1], "s", 1) != 1)
            _exit(4);
        for (;;)
            pause(); /* killed here, the connection still open */
    }
    close(fds[1]);
    char b = 0;
    assert_int_equal(read(fds[0], &b, 1), 1);
    kill(pid, SIGKILL);
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    close(fds[0]);
    char err[256];
    notes_db *fresh = notes_db_open(path, err, sizeof err);
    assert_non_null(fresh);
    json_t *n = notes_db_get(fresh, 42, NULL);
    assert_string_equal(str(n, "body"), text);
    json_decref(n);
    notes_db_close(fresh);
}

/* notes_rank() (rank.c) scores every match exactly as FTS5's bm25() does,
 * the list is in that order, and a cached term count follows the data. */
static void test_rank(void **state)
{
    (void)state;
    sqlite3 *sq = notes_db_sqlite(db);
    notes_rank *r = notes_rank_new(sq);
    assert_non_null(r);
    static const char *const queries[] = {"garlic", "the ga", "read about", "p", "lentil soup"};
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        char words[512], match[600], expr[600], sql[1400];
        notes_fts_query(queries[i], words, sizeof words);
        snprintf(match, sizeof match, "{title body} : (%s)", words);
        assert_int_equal(notes_rank_expr(r, words, expr, sizeof expr), 0);
        snprintf(sql, sizeof sql, "SELECT rowid, %s, bm25(notes_fts) FROM notes_fts"
                 " WHERE notes_fts MATCH ?1", expr);
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(sq, sql, -1, &st, NULL), SQLITE_OK);
        sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
        int rows = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            double mine = sqlite3_column_double(st, 1), fts = sqlite3_column_double(st, 2);
            if (mine < fts - 1e-9 || mine > fts + 1e-9)
                fail_msg("%s, note %lld: rank %.12g, bm25 %.12g", queries[i],
                         (long long)sqlite3_column_int64(st, 0), mine, fts);
            rows++;
        }
        sqlite3_finalize(st);
        assert_true(rows > 0);

        /* the list's first page comes in rising bm25 (best first) */
        json_t *res = list(queries[i], 0, "", 0, 50);
        json_t *items = json_object_get(res, "items");
        double prev = -1e300;
        for (size_t k = 0; k < json_array_size(items); k++) {
            json_int_t id = json_integer_value(json_object_get(json_array_get(items, k), "id"));
            assert_int_equal(sqlite3_prepare_v2(sq, "SELECT bm25(notes_fts) FROM notes_fts"
                                                " WHERE notes_fts MATCH ?1 AND rowid = ?2",
                                                -1, &st, NULL), SQLITE_OK);
            sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, id);
            assert_int_equal(sqlite3_step(st), SQLITE_ROW);
            double score = sqlite3_column_double(st, 0);
            sqlite3_finalize(st);
            assert_true(score >= prev - 1e-9);
            prev = score;
        }
        json_decref(res);
    }

    /* a word no note has: counted 0; once a note holds it, counted 1 */
    char expr[200];
    assert_int_equal(notes_rank_expr(r, "\"zyxwvutsr\"", expr, sizeof expr), 0);
    assert_string_equal(expr, "notes_rank(notes_fts, 0)");
    assert_int_equal(notes_db_save(db, 7, "rank test", "a zyxwvutsr here", NULL), 1);
    assert_int_equal(notes_rank_expr(r, "\"zyxwvutsr\"", expr, sizeof expr), 0);
    assert_string_equal(expr, "notes_rank(notes_fts, 1)");
    /* a phrase over 255 bytes is refused: the caller ranks with bm25() */
    char big[400] = "\"";
    memset(big + 1, 'a', 300);
    strcpy(big + 301, "\"");
    assert_int_equal(notes_rank_expr(r, big, expr, sizeof expr), -1);
    notes_rank_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fts_query),
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_rank),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_save_and_switch),
        cmocka_unit_test(test_tags_create_delete),
        cmocka_unit_test(test_kill_after_save),
    };
    return cmocka_run_group_tests_name("notes.db", tests, setup, teardown);
}
