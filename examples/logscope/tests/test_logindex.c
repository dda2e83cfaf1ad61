/*
 * Tests of Logscope's engine (logindex.c): the index must agree exactly
 * with a plain sequential scan for every thread count and block size (so
 * lines that straddle chunk and block boundaries are found once), CRLF and
 * a missing last newline are handled, empty files work, a file that
 * shrinks gives an error or short lines (never SIGBUS), and the filter
 * agrees with regexec() run line by line.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "logindex.h"

static char dir[] = "/tmp/logscope-test-XXXXXX";

static char *write_file(const char *name, const char *data, size_t len)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

static li_index *index_of(const char *path, int threads, size_t block)
{
    li_options opt = {.threads = threads, .block = block};
    li_index *ix = NULL;
    char err[256] = "";
    int rc = li_index_open(path, &opt, &ix, err, sizeof err);
    if (rc)
        fail_msg("index %s: %d %s", path, rc, err);
    return ix;
}

static void line_is(li_index *ix, uint64_t n, const char *want)
{
    char buf[4096];
    long got = li_line_read(ix, n, buf, sizeof buf);
    assert_true(got >= 0);
    assert_int_equal(li_line_length(ix, n), strlen(want));
    assert_int_equal((size_t)got, strlen(want));
    assert_memory_equal(buf, want, strlen(want));
}

/* ---- a generated log and its reference --------------------------------- */

static char *big;     /* a few MB of log */
static size_t big_len;
static char *big_path;

static void gen_big(void)
{
    size_t cap = 6u << 20;
    big = malloc(cap);
    assert_non_null(big);
    static const char *lv[] = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    unsigned x = 12345;
    long t = 1795392000; /* 2026-11-21 */
    size_t o = 0;
    while (o + 9000 < cap - 1000) {
        x = x * 1103515245u + 12345u;
        t += (x >> 16) % 3;
        time_t tt = t;
        struct tm tm;
        gmtime_r(&tt, &tm);
        int l = (x >> 8) % 6;
        int crlf = (x >> 4) % 17 == 0;
        o += (size_t)snprintf(big + o, cap - o, "%04d-%02d-%02dT%02d:%02d:%02d.%03uZ %-5s [svc%u] req=%08x ",
                              tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                              tm.tm_min, tm.tm_sec, x % 1000, lv[l], x % 7, x);
        /* a message of varying length, sometimes long */
        unsigned len = (x >> 3) % 13 == 0 ? 900 + x % 3000 : 10 + x % 90;
        for (unsigned k = 0; k < len; k++)
            big[o++] = "abcdefghij klmnopqrstuvwxyz0123456789"[(x + k * 7) % 37];
        o += (size_t)snprintf(big + o, cap - o, crlf ? "\r\n" : "\n");
        if (l >= 4 && (x >> 12) % 3 == 0) /* stack trace */
            for (unsigned k = 0; k < 3 + x % 20; k++)
                o += (size_t)snprintf(big + o, cap - o, "\tat com.acme.Thing.run(Thing.java:%u)\n", k);
        if ((x >> 20) % 97 == 0) /* an empty line now and then */
            big[o++] = '\n';
    }
    big_len = o;
    big_path = strdup(write_file("big.log", big, big_len));
}

/* Reference: a sequential scan. */
static uint64_t ref_lines(const char *s, size_t n, uint64_t *starts)
{
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || s[i - 1] == '\n') {
            if (starts)
                starts[c] = i;
            c++;
        }
    return c;
}

static int setup(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    gen_big();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    free(big);
    free(big_path);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- tests --------------------------------------------------------------- */

static void empty_and_tiny(void **state)
{
    (void)state;
    li_index *ix = index_of(write_file("empty.log", "", 0), 0, 0);
    assert_int_equal(li_count(ix), 0);
    assert_int_equal(li_size(ix), 0);
    char buf[8];
    assert_int_equal(li_line_read(ix, 0, buf, sizeof buf), 0);
    uint64_t counts[LI_LEVELS * 4];
    int64_t t0, step;
    assert_int_equal(li_histogram(ix, NULL, 0, 4, &t0, &step, counts), -1);
    li_index_free(ix);

    ix = index_of(write_file("nl.log", "\n", 1), 3, 1);
    assert_int_equal(li_count(ix), 1);
    line_is(ix, 0, "");
    li_index_free(ix);

    ix = index_of(write_file("nonl.log", "a\nbb", 4), 2, 1);
    assert_int_equal(li_count(ix), 2);
    line_is(ix, 0, "a");
    line_is(ix, 1, "bb");
    li_index_free(ix);

    ix = index_of(write_file("one.log", "x", 1), 0, 0);
    assert_int_equal(li_count(ix), 1);
    line_is(ix, 0, "x");
    li_index_free(ix);
}

static void crlf(void **state)
{
    (void)state;
    const char *s = "2026-11-21T10:00:00Z ERROR boom\r\n\tat x\r\n\r\nlast\r";
    for (int th = 1; th <= 4; th++) {
        li_index *ix = index_of(write_file("crlf.log", s, strlen(s)), th, 2);
        assert_int_equal(li_count(ix), 4);
        line_is(ix, 0, "2026-11-21T10:00:00Z ERROR boom");
        line_is(ix, 1, "\tat x");
        line_is(ix, 2, "");
        line_is(ix, 3, "last\r"); /* no "\n": the "\r" is text */
        assert_int_equal(li_line_flags(ix, 0), LI_ERROR);
        assert_int_equal(li_line_flags(ix, 1), LI_ERROR | LI_CONT);
        assert_int_equal(li_line_time(ix, 1), li_line_time(ix, 0));
        li_index_free(ix);
    }
}

static void parsing(void **state)
{
    (void)state;
    assert_int_equal(li_parse_time("2026-11-21T10:00:00Z", 20), 1795255200);
    assert_int_equal(li_parse_time("2026-11-21 10:00:00", 19), 1795255200);
    assert_int_equal(li_parse_time("2026-11-21T10:00", 16), 0);
    assert_int_equal(li_parse_time("not a time at all!!!", 20), 0);
    assert_int_equal(li_parse_level(" INFO  [x]", 10), LI_INFO);
    assert_int_equal(li_parse_level(" [WARNING] x", 12), LI_WARN);
    assert_int_equal(li_parse_level(" INFORMATION", 12), LI_NONE);
    assert_int_equal(li_parse_level(" xERROR", 7), LI_NONE);
}

/* Every thread count and block size agrees with the sequential scan. */
static void boundaries(void **state)
{
    (void)state;
    uint64_t want = ref_lines(big, big_len, NULL);
    uint64_t *starts = malloc((want + 1) * sizeof *starts);
    assert_non_null(starts);
    ref_lines(big, big_len, starts);
    static const struct { int threads; size_t block; } cases[] = {
        {1, 0}, {2, 0}, {3, 4096}, {4, 777}, {7, 65536}, {5, 100}, {1, 97}};
    li_index *first = NULL;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        li_index *ix = index_of(big_path, cases[c].threads, cases[c].block);
        assert_int_equal(li_count(ix), want);
        for (uint64_t i = 0; i < want; i++)
            if (li_line_offset(ix, i) != starts[i])
                fail_msg("threads %d block %zu: line %llu at %llu, want %llu",
                         cases[c].threads, cases[c].block, (unsigned long long)i,
                         (unsigned long long)li_line_offset(ix, i),
                         (unsigned long long)starts[i]);
        if (!first) {
            first = ix;
            continue;
        }
        /* levels and times do not depend on where the chunks were cut */
        for (uint64_t i = 0; i < want; i++) {
            assert_int_equal(li_line_flags(ix, i), li_line_flags(first, i));
            assert_int_equal(li_line_time(ix, i), li_line_time(first, i));
        }
        assert_memory_equal(li_level_counts(ix), li_level_counts(first),
                            LI_LEVELS * sizeof(uint64_t));
        li_index_free(ix);
    }
    /* spot checks against the text */
    for (uint64_t i = 0; i < want; i += 997) {
        const char *s = big + starts[i];
        size_t len = (size_t)((i + 1 < want ? starts[i + 1] : big_len) - starts[i]);
        if (len && s[len - 1] == '\n')
            len--;
        if (len && s[len - 1] == '\r')
            len--;
        char *w = strndup(s, len);
        line_is(first, i, w);
        int64_t t = li_parse_time(s, len);
        if (t) {
            assert_int_equal(li_line_time(first, i), t);
            assert_int_equal(li_line_flags(first, i), (unsigned)li_parse_level(s + 19, len - 19));
        } else {
            assert_true(li_line_flags(first, i) & LI_CONT);
        }
        free(w);
    }
    uint64_t sum = 0, entries = 0;
    for (int l = 0; l < LI_LEVELS; l++)
        sum += li_level_counts(first)[l];
    for (uint64_t i = 0; i < want; i++)
        entries += !(li_line_flags(first, i) & LI_CONT);
    assert_int_equal(sum, entries);
    assert_true(entries < want); /* the log has stack traces */
    li_index_free(first);
    free(starts);
}

static void filter_matches_regexec(void **state)
{
    (void)state;
    li_index *ix = index_of(big_path, 2, 0);
    uint64_t n = li_count(ix);
    static const struct { const char *pat; unsigned flags, levels; } cases[] = {
        {"svc3", 0, 127},                      /* plain text: memmem */
        {"req=0[0-9a-f]{3}a", 0, 127},          /* regex */
        {"req=0[0-9a-f]{3}a", LI_POSIX, 127},
        {"SVC[25]\\]", LI_ICASE, 127},
        {"SVC[25]\\]", LI_ICASE | LI_POSIX, 127},
        {"", 0, (1u << LI_ERROR) | (1u << LI_FATAL)},
        {"Thing", 0, 1u << LI_ERROR},
        {"^[[:space:]]at com", 0, 127},
        {"zzz-not-there", 0, 127},
    };
    char *buf = malloc(1 << 20);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        regex_t re;
        int has = *cases[c].pat != 0;
        if (has)
            assert_int_equal(regcomp(&re, cases[c].pat, REG_EXTENDED | REG_NOSUB |
                                     ((cases[c].flags & LI_ICASE) ? REG_ICASE : 0)), 0);
        for (int th = 1; th <= 4; th += 3) {
            li_options opt = {.threads = th, .block = th == 4 ? 5000 : 0};
            uint32_t *hits;
            uint64_t count;
            char err[256];
            assert_int_equal(li_filter(ix, cases[c].pat, cases[c].flags, cases[c].levels,
                                       &opt, &hits, &count, err, sizeof err), 0);
            uint64_t k = 0;
            for (uint64_t i = 0; i < n; i++) {
                int hit = ((1u << (li_line_flags(ix, i) & LI_LEVEL_MASK)) & cases[c].levels) != 0;
                if (hit && has) {
                    long got = li_line_read(ix, i, buf, (1 << 20) - 1);
                    buf[got] = 0;
                    hit = regexec(&re, buf, 0, NULL, 0) == 0;
                }
                if (hit) {
                    if (k >= count || hits[k] != i)
                        fail_msg("pattern %s threads %d: line %llu should match",
                                 cases[c].pat, th, (unsigned long long)i);
                    k++;
                }
            }
            assert_int_equal(k, count);
            if (!strcmp(cases[c].pat, "zzz-not-there"))
                assert_int_equal(count, 0);
            else
                assert_true(count > 0);
            /* histogram of the view counts every timed line once */
            uint64_t bins[50 * LI_LEVELS], sum = 0;
            int64_t t0, step;
            li_histogram(ix, hits, count, 50, &t0, &step, bins);
            for (int b = 0; b < 50 * LI_LEVELS; b++)
                sum += bins[b];
            assert_int_equal(sum, count); /* every line of this log has a time */
            free(hits);
        }
        if (has)
            regfree(&re);
    }
    free(buf);
    li_index_free(ix);
}

static void bad_regex(void **state)
{
    (void)state;
    li_index *ix = index_of(big_path, 0, 0);
    uint32_t *hits = (uint32_t *)1;
    uint64_t count = 7;
    char err[256] = "";
    assert_int_equal(li_filter(ix, "a(b", 0, 127, NULL, &hits, &count, err, sizeof err),
                     LI_EREGEX);
    assert_null(hits);
    assert_int_equal(count, 0);
    assert_non_null(strstr(err, "bad regular expression"));
    assert_non_null(strstr(err, "parenthes")); /* PCRE2: "missing closing parenthesis" */
    assert_int_equal(li_filter(ix, "[z-a]", LI_POSIX, 127, NULL, &hits, &count, err,
                               sizeof err), LI_EREGEX);
    assert_non_null(strstr(err, "bad regular expression"));
    li_index_free(ix);
}

static int cancel_at_once(const li_progress *p, void *ud)
{
    (void)p;
    ++*(int *)ud;
    return 1;
}

static void cancel(void **state)
{
    (void)state;
    int calls = 0;
    li_options opt = {.threads = 2, .block = 1024, .progress = cancel_at_once,
                      .user_data = &calls};
    li_index *ix = NULL;
    char err[256];
    assert_int_equal(li_index_open(big_path, &opt, &ix, err, sizeof err), LI_ECANCELLED);
    assert_null(ix);
    assert_true(calls >= 1);
    assert_non_null(strstr(err, "cancelled"));

    ix = index_of(big_path, 2, 0);
    uint32_t *hits;
    uint64_t count;
    assert_int_equal(li_filter(ix, "svc", 0, 127, &opt, &hits, &count, err, sizeof err),
                     LI_ECANCELLED);
    assert_null(hits);
    li_index_free(ix);
}

static char *shrink_path;
static void shrink_now(void *ud)
{
    (void)ud;
    assert_int_equal(truncate(shrink_path, 1000), 0);
}

static void shrinking_file(void **state)
{
    (void)state;
    shrink_path = write_file("shrink.log", big, big_len);
    /* shrinks after its size was read: the reads come up short */
    li_options opt = {.threads = 2, .block = 4096, .opened = shrink_now};
    li_index *ix = NULL;
    char err[256];
    assert_int_equal(li_index_open(shrink_path, &opt, &ix, err, sizeof err), LI_ECHANGED);
    assert_null(ix);
    assert_non_null(strstr(err, "shrank"));

    /* shrinks after it was indexed: lines past the end read short */
    shrink_path = write_file("shrink.log", big, big_len);
    ix = index_of(shrink_path, 2, 0);
    uint64_t n = li_count(ix);
    assert_int_equal(truncate(shrink_path, 1000), 0);
    char buf[256];
    assert_true(li_line_read(ix, n - 1, buf, sizeof buf) == 0);
    assert_true(li_line_read(ix, 0, buf, sizeof buf) > 0);
    uint32_t *hits;
    uint64_t count;
    assert_int_equal(li_filter(ix, "svc[0-9]", 0, 127, NULL, &hits, &count, err, sizeof err), 0);
    assert_true(count < 40); /* only the first 1000 bytes are left to match */
    free(hits);
    li_index_free(ix);
}

static void time_bins(void **state)
{
    (void)state;
    const char *s = "2026-11-21T10:00:00Z INFO a\n"
                    "2026-11-21T10:00:30Z ERROR b\n"
                    "\tat x\n"
                    "2026-11-21T10:01:10Z WARN c\n";
    li_index *ix = index_of(write_file("bins.log", s, strlen(s)), 1, 0);
    uint64_t c[4 * LI_LEVELS];
    int64_t t0, step;
    assert_int_equal(li_histogram(ix, NULL, 0, 4, &t0, &step, c), 3);
    assert_int_equal(step, 30); /* 71 s in 4 bins: 30 s */
    assert_int_equal(t0, 1795255200);
    assert_int_equal(c[0 * LI_LEVELS + LI_INFO], 1);
    assert_int_equal(c[1 * LI_LEVELS + LI_ERROR], 2); /* the trace line too */
    assert_int_equal(c[2 * LI_LEVELS + LI_WARN], 1);
    assert_int_equal(li_seek_time(ix, NULL, 0, 1795255200 + 31), 3);
    assert_int_equal(li_seek_time(ix, NULL, 0, 1795255200 + 3600), 4);
    uint32_t view[] = {1, 3};
    assert_int_equal(li_seek_time(ix, view, 2, 1795255200 + 31), 1);
    li_index_free(ix);
}

/* ---- follow: li_index_update ------------------------------------------- */

/* The followed index agrees exactly with a fresh index of the whole file. */
static void same_as_fresh(li_index *ix, const char *path)
{
    li_index *fresh = index_of(path, 1, 0);
    assert_int_equal(li_count(ix), li_count(fresh));
    assert_int_equal(li_size(ix), li_size(fresh));
    for (uint64_t i = 0; i <= li_count(fresh); i++)
        assert_int_equal(li_line_offset(ix, i), li_line_offset(fresh, i));
    for (uint64_t i = 0; i < li_count(fresh); i++) {
        assert_int_equal(li_line_flags(ix, i), li_line_flags(fresh, i));
        assert_int_equal(li_line_time(ix, i), li_line_time(fresh, i));
        assert_int_equal(li_line_length(ix, i), li_line_length(fresh, i));
    }
    assert_memory_equal(li_level_counts(ix), li_level_counts(fresh),
                        LI_LEVELS * sizeof(uint64_t));
    int64_t a0, a1, b0, b1;
    li_time_range(ix, &a0, &a1);
    li_time_range(fresh, &b0, &b1);
    assert_int_equal(a0, b0);
    assert_int_equal(a1, b1);
    li_index_free(fresh);
}

static void append(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void follow_appends(void **state)
{
    (void)state;
    const char *start = "2026-11-21T10:00:00Z INFO up\n";
    char *path = strdup(write_file("follow.log", start, strlen(start)));
    li_index *ix = index_of(path, 2, 0);
    uint64_t added = 99;
    char err[256];
    /* nothing new */
    assert_int_equal(li_index_update(ix, &added, err, sizeof err), 0);
    assert_int_equal(added, 0);
    /* whole lines, a stack trace among them */
    const char *more = "2026-11-21T10:00:05Z ERROR boom\n\tat a\n\tat b\n"
                       "2026-11-21T10:00:09Z WARN slow\n";
    append(path, more, strlen(more));
    assert_int_equal(li_index_update(ix, &added, err, sizeof err), 0);
    assert_int_equal(added, 4);
    assert_int_equal(li_count(ix), 5);
    line_is(ix, 2, "\tat a");
    assert_int_equal(li_line_flags(ix, 3), LI_ERROR | LI_CONT);
    same_as_fresh(ix, path);
    /* a line written in pieces: its start, then the rest */
    const char *piece = "2026-11-21T10:01:00Z DEB";
    append(path, piece, strlen(piece));
    assert_int_equal(li_index_update(ix, &added, err, sizeof err), 0);
    assert_int_equal(added, 1);
    same_as_fresh(ix, path);
    piece = "UG half\n2026-11-21T10:02:00Z FATAL end";
    append(path, piece, strlen(piece));
    assert_int_equal(li_index_update(ix, &added, err, sizeof err), 0);
    assert_int_equal(added, 1); /* the half line grew; one more began */
    line_is(ix, 5, "2026-11-21T10:01:00Z DEBUG half");
    assert_int_equal(li_line_flags(ix, 5), LI_DEBUG);
    line_is(ix, 6, "2026-11-21T10:02:00Z FATAL end");
    same_as_fresh(ix, path);
    /* megabytes at once, cut mid-line (blocks of 1 MiB inside) */
    size_t cut = big_len / 3 + 17;
    append(path, "\n", 1);
    append(path, big, cut);
    assert_int_equal(li_index_update(ix, &added, err, sizeof err), 0);
    same_as_fresh(ix, path);
    append(path, big + cut, big_len - cut);
    assert_int_equal(li_index_update(ix, &added, err, sizeof err), 0);
    assert_true(added > 1000);
    same_as_fresh(ix, path);
    li_index_free(ix);
    free(path);
}

static void follow_truncate_and_rotate(void **state)
{
    (void)state;
    const char *text = "2026-11-21T10:00:00Z INFO a\n2026-11-21T10:00:01Z INFO b\n";
    char *path = strdup(write_file("rot.log", text, strlen(text)));
    li_index *ix = index_of(path, 1, 0);
    uint64_t added = 0;
    char err[256] = "";
    /* truncated (copytruncate rotation) */
    assert_int_equal(truncate(path, 5), 0);
    assert_int_equal(li_index_update(ix, &added, err, sizeof err), LI_ETRUNCATED);
    assert_non_null(strstr(err, "truncated"));
    assert_int_equal(li_count(ix), 2); /* unchanged: the caller reindexes */
    li_index_free(ix);
    /* renamed away and a new file in its place */
    write_file("rot.log", text, strlen(text));
    ix = index_of(path, 1, 0);
    char moved[300];
    snprintf(moved, sizeof moved, "%s.1", path);
    assert_int_equal(rename(path, moved), 0);
    write_file("rot.log", text, strlen(text)); /* as long, another inode */
    append(path, text, strlen(text));
    assert_int_equal(li_index_update(ix, &added, err, sizeof err), LI_EROTATED);
    li_index_free(ix);
    /* removed */
    ix = index_of(path, 1, 0);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(li_index_update(ix, &added, err, sizeof err), LI_EROTATED);
    li_index_free(ix);
    unlink(moved);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parsing),
        cmocka_unit_test(empty_and_tiny),
        cmocka_unit_test(crlf),
        cmocka_unit_test(boundaries),
        cmocka_unit_test(filter_matches_regexec),
        cmocka_unit_test(bad_regex),
        cmocka_unit_test(cancel),
        cmocka_unit_test(shrinking_file),
        cmocka_unit_test(time_bins),
        cmocka_unit_test(follow_appends),
        cmocka_unit_test(follow_truncate_and_rotate),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
