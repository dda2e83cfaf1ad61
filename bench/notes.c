/*
 * notes.c - the Notes example's hot paths over its 50,000-note demo
 * database: the very functions its commands call (examples/notes/src-c/
 * notesdb.c), timed with clock_gettime around each call, as the app's
 * status line shows them.  Run by bench/notes.sh.
 *
 *   notes_bench [DB] [COUNT]   DB default /tmp/notes-bench.db (made, with
 *                              COUNT notes, default 50000, when empty)
 *   notes_bench --dump DB      prints what the page's first screen receives
 *                              (sidebar, list page 0, the first note) as JSON,
 *                              for bench/notes-memory.py's Chromium page
 *
 * Prints p50/p99/max of wall time (CLOCK_MONOTONIC: what a user waits for)
 * and CPU time (CLOCK_THREAD_CPUTIME_ID: the work itself, unaffected by other
 * processes on a loaded machine) per kind of call.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "notesdb.h"

#define MAXS 20000

typedef struct series {
    const char *name;
    double wall[MAXS], cpu[MAXS];
    int n;
} series;

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
    int i = (int)(p * (n - 1) + 0.5);
    return v[i];
}

static void report(series *s)
{
    if (!s->n)
        return;
    qsort(s->wall, (size_t)s->n, sizeof(double), cmp);
    qsort(s->cpu, (size_t)s->n, sizeof(double), cmp);
    int under = 0;
    for (int i = 0; i < s->n; i++)
        under += s->wall[i] < 16.0;
    printf("| %-30s | %6d | %7.2f | %7.2f | %7.2f | %7.2f | %7.2f | %6.1f%% |\n", s->name, s->n,
           pct(s->wall, s->n, 0.5), pct(s->wall, s->n, 0.99), s->wall[s->n - 1],
           pct(s->cpu, s->n, 0.5), pct(s->cpu, s->n, 0.99), 100.0 * under / s->n);
}

#define TIME(s, expr)                                                                    \
    do {                                                                                 \
        double w0 = notes_now_ms(), c0 = cpu_ms();                                       \
        json_t *r_ = (expr);                                                             \
        if ((s)->n < MAXS) {                                                             \
            (s)->wall[(s)->n] = notes_now_ms() - w0;                                     \
            (s)->cpu[(s)->n++] = cpu_ms() - c0;                                          \
        }                                                                                \
        json_decref(r_);                                                                 \
    } while (0)

static series sw = {"note switch (open_note)", {0}, {0}, 0};
static series ks = {"search keystroke (page 0)", {0}, {0}, 0};
static series ksf = {"keystroke, notebook filter", {0}, {0}, 0};
static series kst = {"keystroke, tag filter", {0}, {0}, 0};
static series deep = {"list window at offset 0-45k", {0}, {0}, 0};
static series sv = {"autosave (save_note, commit)", {0}, {0}, 0};

static int dump(const char *path)
{
    char err[512];
    notes_db *db = notes_db_open(path, err, sizeof err);
    if (!db) {
        fprintf(stderr, "notes_bench: %s\n", err);
        return 1;
    }
    json_t *list = notes_db_list(db, "", 0, "", 0, 50, NULL, err, sizeof err);
    json_object_set_new(list, "ms", json_real(0));
    long first = (long)json_integer_value(
        json_object_get(json_array_get(json_object_get(list, "items"), 0), "id"));
    json_t *note = notes_db_get(db, first, NULL);
    json_object_set_new(note, "ms", json_real(0));
    json_t *sb = notes_db_sidebar(db, NULL);
    json_object_set_new(sb, "ms", json_real(0));
    json_t *all = json_pack("{s:o, s:o, s:o, s:{s:I, s:f, s:s}}", "sidebar", sb, "list", list,
                            "open_note", note, "boot", "total", (json_int_t)notes_db_count(db),
                            "generatedMs", -1.0, "path", path);
    json_dumpf(all, stdout, JSON_COMPACT);
    json_decref(all);
    notes_db_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--dump"))
        return dump(argv[2]);
    const char *path = argc > 1 ? argv[1] : "/tmp/notes-bench.db";
    long count = argc > 2 ? strtol(argv[2], NULL, 10) : 50000;
    char err[512];
    notes_db *db = notes_db_open(path, err, sizeof err);
    if (!db) {
        fprintf(stderr, "notes_bench: %s\n", err);
        return 1;
    }
    long have = notes_db_count(db);
    if (have == 0) {
        double t0 = notes_now_ms();
        if (notes_db_generate(db, count, NULL, NULL, err, sizeof err) != 0) {
            fprintf(stderr, "notes_bench: %s\n", err);
            return 1;
        }
        have = notes_db_count(db);
        printf("generated %ld notes in %.0f ms\n", have, notes_now_ms() - t0);
    }
    printf("database: %s, %ld notes\n\n", path, have);

    /* Warm the page cache as an app that has been open a moment has. */
    json_decref(notes_db_list(db, "", 0, "", 0, 50, NULL, err, sizeof err));

    srand(42);
    for (int i = 0; i < 2000; i++)
        TIME(&sw, notes_db_get(db, 1 + rand() % have, NULL));

    static const char *const phrases[] = {
        "lentil soup",    "retro atlas",   "packing list kyoto", "the garlic",
        "sprint deadline", "planning",     "journal march",      "smoky ramen",
        "hypothesis dataset", "invoice taxes", "read about the chapter", "boiler plumber"};
    for (int round = 0; round < 5; round++)
        for (size_t p = 0; p < sizeof phrases / sizeof *phrases; p++) {
            char q[64];
            size_t len = strlen(phrases[p]);
            for (size_t k = 1; k <= len; k++) { /* as typed, key by key */
                memcpy(q, phrases[p], k);
                q[k] = 0;
                TIME(&ks, notes_db_list(db, q, 0, "", 0, 50, NULL, err, sizeof err));
                TIME(&ksf, notes_db_list(db, q, 1 + (long)(p % 12), "", 0, 50, NULL, err,
                                         sizeof err));
                TIME(&kst, notes_db_list(db, q, 0, "todo", 0, 50, NULL, err, sizeof err));
            }
        }
    for (int i = 0; i < 500; i++)
        TIME(&deep, notes_db_list(db, "", 0, "", (long)(rand() % 900) * 50, 50, NULL, err,
                                  sizeof err));
    for (int i = 0; i < 300; i++) {
        long id = 1 + rand() % have;
        json_t *n = notes_db_get(db, id, NULL);
        if (!n)
            continue;
        char body[8192];
        snprintf(body, sizeof body, "%s\nedited %d", json_string_value(json_object_get(n, "body")), i);
        double w0 = notes_now_ms(), c0 = cpu_ms();
        notes_db_save(db, id, json_string_value(json_object_get(n, "title")), body, NULL);
        sv.wall[sv.n] = notes_now_ms() - w0;
        sv.cpu[sv.n++] = cpu_ms() - c0;
        json_decref(n);
    }

    printf("| %-30s | %6s | %7s | %7s | %7s | %7s | %7s | %7s |\n", "call (C side, ms)", "n",
           "p50", "p99", "max", "cpu p50", "cpu p99", "< 16 ms");
    printf("|%s|--------|---------|---------|---------|---------|---------|---------|\n",
           "--------------------------------");
    report(&sw);
    report(&ks);
    report(&ksf);
    report(&kst);
    report(&deep);
    report(&sv);
    double la[3] = {0};
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf %lf %lf", &la[0], &la[1], &la[2]) != 3)
            la[0] = -1;
        fclose(f);
    }
    printf("\nload average while measuring: %.2f (wall times include waiting for a CPU)\n",
           la[0]);
    notes_db_close(db);
    return 0;
}
