/*
 * demo.c - the demo database: N notes made from word lists by a seeded
 * PRNG (the same notes on every machine), no download.  Each notebook has
 * its own kinds of titles and vocabulary, so searches find what a person
 * would expect ("lentil" lands in Recipes, "retro" in Work).
 */
#define _POSIX_C_SOURCE 200809L
#include "notesdb.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rng_state;
static uint64_t rnd(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }
#define ANY(a) (a)[pick(COUNT(a))]

static const char *const notebooks[] = {"Work",    "Personal", "Recipes", "Travel",
                                        "Reading", "Projects", "Ideas",   "Journal",
                                        "Research", "Health",  "Finance", "Home"};

static const char *const tags_all[] = {
    "todo", "important", "draft", "idea", "follow-up", "reference", "meeting",
    "weekly", "archive", "someday", "urgent", "personal", "howto", "bug",
    "design", "review", "quick", "favorite", "learning", "travel", "recipe",
    "health", "money", "garden", "books", "writing", "rust", "c", "vue",
    "sqlite", "linux", "family", "planning", "question", "inspiration", "checklist"};

static const char *const people[] = {"Ada", "Grace", "Linus", "Margaret", "Ken",
                                     "Barbara", "Dennis", "Frances", "Alan", "Katherine",
                                     "Edsger", "Radia", "Niklaus", "Sophie", "Yukihiro",
                                     "Anders", "Hedy", "Tim", "Joan", "Bjarne"};
static const char *const projects[] = {"Atlas", "Beacon", "Cobalt", "Drift", "Ember",
                                       "Falcon", "Granite", "Harbor", "Iris", "Juniper",
                                       "Kestrel", "Lumen", "Meridian", "Nimbus", "Orchid"};
static const char *const cities[] = {"Lisbon", "Kyoto", "Oslo", "Porto", "Hanoi",
                                     "Cusco", "Tbilisi", "Valparaíso", "Reykjavík",
                                     "Marrakesh", "Ljubljana", "Montréal", "Seville",
                                     "Tallinn", "Oaxaca", "Bergen", "Trieste", "Busan"};
static const char *const adjs[] = {"smoky", "quick", "spicy", "slow", "crispy", "lemony",
                                   "roasted", "creamy", "rustic", "fresh", "hearty",
                                   "tangy", "herby", "golden", "silky"};
static const char *const dishes[] = {"lentil soup", "ramen", "focaccia", "risotto",
                                     "shakshuka", "dal", "paella", "gnocchi", "tacos",
                                     "curry", "banana bread", "pho", "bibimbap",
                                     "galette", "tagine", "chili"};
static const char *const books[] = {"The Pragmatic Programmer", "Middlemarch",
                                    "Thinking, Fast and Slow", "The Left Hand of Darkness",
                                    "Structure and Interpretation", "Dune", "Piranesi",
                                    "The Mythical Man-Month", "Gödel, Escher, Bach",
                                    "A Pattern Language", "Moby-Dick", "Station Eleven"};
static const char *const topics[] = {"cache eviction", "B-tree layout", "CRDT merging",
                                     "sleep and memory", "soil microbes", "type inference",
                                     "bird migration", "write-ahead logging", "tide tables",
                                     "sourdough starters", "compiler backends",
                                     "full-text ranking", "spaced repetition"};
static const char *const months[] = {"January", "February", "March", "April", "May",
                                     "June", "July", "August", "September", "October",
                                     "November", "December"};

/* Vocabulary per notebook (index as notebooks[]), then a common one. */
static const char *const vocab[][14] = {
    {"deadline", "roadmap", "stakeholder", "sprint", "retro", "budget", "hiring",
     "onboarding", "milestone", "review", "launch", "metrics", "quarter", "standup"},
    {"birthday", "weekend", "gift", "call", "walk", "garden", "movie", "concert",
     "dinner", "friends", "photos", "letter", "bike", "picnic"},
    {"garlic", "onion", "cumin", "simmer", "oven", "butter", "lemon", "chickpeas",
     "lentil", "basil", "saffron", "dough", "yogurt", "ginger"},
    {"train", "hostel", "museum", "ferry", "market", "passport", "itinerary", "hike",
     "beach", "visa", "luggage", "café", "tram", "sunrise"},
    {"chapter", "author", "quote", "argument", "character", "theme", "essay",
     "margin", "library", "narrator", "plot", "footnote", "prose", "sequel"},
    {"prototype", "release", "refactor", "benchmark", "parser", "schema", "backlog",
     "deploy", "feature", "latency", "module", "migration", "issue", "branch"},
    {"startup", "app", "podcast", "workshop", "newsletter", "game", "tool", "pattern",
     "sketch", "experiment", "hack", "plugin", "format", "service"},
    {"morning", "coffee", "tired", "grateful", "rain", "run", "dream", "nap",
     "evening", "music", "habit", "quiet", "mood", "sunset"},
    {"hypothesis", "dataset", "paper", "citation", "experiment", "sample", "variance",
     "model", "baseline", "survey", "abstract", "figure", "appendix", "replication"},
    {"sleep", "stretch", "protein", "doctor", "vitamins", "yoga", "steps", "water",
     "knee", "posture", "swim", "dentist", "allergy", "breathing"},
    {"invoice", "taxes", "savings", "rent", "receipt", "pension", "insurance",
     "expense", "refund", "mortgage", "budget", "index fund", "bank", "bill"},
    {"paint", "shelf", "plumber", "boiler", "curtains", "compost", "lamp", "drill",
     "tiles", "window", "fence", "roof", "kitchen", "attic"},
};
static const char *const common[] = {
    "plan", "notes", "list", "idea", "question", "answer", "problem", "detail",
    "reason", "change", "result", "progress", "summary", "example", "draft",
    "version", "context", "decision", "option", "priority", "risk", "outline"};
static const char *const verbs[] = {"check", "revisit", "write down", "compare",
                                    "try", "finish", "ask about", "book", "move",
                                    "clean up", "measure", "share", "read about",
                                    "sketch", "plan"};
static const char *const openers[] = {
    "Remember to", "Next time,", "Worth noting:", "I should", "We agreed to",
    "Quick thought:", "Don't forget to", "Maybe", "Finally managed to", "Tomorrow:"};
static const char *const links[] = {"because of the", "before the", "after the",
                                    "with the", "instead of the", "around the",
                                    "without the", "next to the", "for the"};

typedef struct sbuf {
    char s[4096];
    size_t n;
} sbuf;

static void add(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(sbuf *b, const char *fmt, ...)
{
    if (b->n >= sizeof b->s - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    va_end(ap);
    if (w > 0)
        b->n += (size_t)w < sizeof b->s - b->n ? (size_t)w : sizeof b->s - b->n - 1;
}

static const char *word(unsigned nb)
{
    return pick(3) ? vocab[nb][pick(14)] : ANY(common);
}

static void title_for(unsigned nb, char *out, size_t osz)
{
    switch (nb) {
    case 0: {
        static const char *const f[] = {"1:1 with %s", "%s kickoff", "Retro: %s",
                                        "%s quarterly review", "Hiring loop — %s"};
        unsigned k = pick(COUNT(f));
        snprintf(out, osz, f[k], k == 0 || k == 4 ? ANY(people) : ANY(projects));
        break;
    }
    case 2: {
        char a[32];
        snprintf(a, sizeof a, "%s", ANY(adjs));
        a[0] = (char)(a[0] - 32);
        snprintf(out, osz, "%s %s", a, ANY(dishes));
        break;
    }
    case 3:
        if (pick(2))
            snprintf(out, osz, "%u days in %s", 2 + pick(9), ANY(cities));
        else
            snprintf(out, osz, "Packing list: %s", ANY(cities));
        break;
    case 4: snprintf(out, osz, "Notes on “%s”", ANY(books)); break;
    case 5: snprintf(out, osz, "%s: %s %s", ANY(projects), ANY(verbs), vocab[5][pick(14)]); break;
    case 7: snprintf(out, osz, "Journal — %s %u", ANY(months), 1 + pick(28)); break;
    case 8: snprintf(out, osz, "Reading notes: %s", ANY(topics)); break;
    case 1: {
        static const char *const f[] = {"%s's birthday", "Weekend with %s", "Call %s back",
                                        "Dinner at %s's"};
        snprintf(out, osz, f[pick(COUNT(f))], ANY(people));
        break;
    }
    case 6: snprintf(out, osz, "Idea: a %s about %s", vocab[6][pick(14)], ANY(topics)); break;
    case 9: {
        char w[48];
        snprintf(w, sizeof w, "%s", vocab[9][pick(14)]);
        w[0] = (char)(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0]);
        snprintf(out, osz, "%s log — %s", w, ANY(months));
        break;
    }
    case 10: {
        char w[48];
        snprintf(w, sizeof w, "%s", vocab[10][pick(14)]);
        w[0] = (char)(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0]);
        snprintf(out, osz, "%s — %s %u", w, ANY(months), 2024 + pick(3));
        break;
    }
    default: {
        static const char *const f[] = {"Fix the %s", "New %s: quotes", "Measure the %s",
                                        "Clean the %s"};
        snprintf(out, osz, f[pick(COUNT(f))], vocab[11][pick(14)]);
    }
    }
}

static void sentence(sbuf *b, unsigned nb)
{
    switch (pick(4)) {
    case 0:
        add(b, "%s %s the %s %s %s.", ANY(openers), ANY(verbs), word(nb), ANY(links), word(nb));
        break;
    case 1:
        add(b, "The %s looks %s, so %s the %s.", word(nb), ANY(adjs), ANY(verbs), word(nb));
        break;
    case 2:
        add(b, "%s said the %s and the %s need a %s.", ANY(people), word(nb), word(nb),
            ANY(common));
        break;
    default:
        add(b, "Spent an hour on the %s %s; the %s was %s.", word(nb), ANY(common),
            word(nb), ANY(adjs));
    }
    add(b, " ");
}

static void body_for(unsigned nb, const char *title, sbuf *b)
{
    b->n = 0;
    b->s[0] = 0;
    (void)title; /* the title is its own field, not a heading in the body */
    unsigned paras = 1 + pick(4);
    for (unsigned p = 0; p < paras; p++) {
        unsigned ss = 2 + pick(4);
        for (unsigned s = 0; s < ss; s++)
            sentence(b, nb);
        add(b, "\n\n");
        if (p == 0 && pick(2) == 0) {
            add(b, "## %s\n\n", pick(2) ? "To do" : "Checklist");
            unsigned items = 2 + pick(4);
            for (unsigned k = 0; k < items; k++)
                add(b, "- [%c] %s the **%s**\n", pick(3) ? ' ' : 'x', ANY(verbs), word(nb));
            add(b, "\n");
        } else if (p == 1 && pick(3) == 0) {
            add(b, "## Next steps\n\n");
            unsigned items = 2 + pick(3);
            for (unsigned k = 0; k < items; k++)
                add(b, "%u. %s %s the *%s*\n", k + 1, ANY(openers), ANY(verbs), word(nb));
            add(b, "\n");
        }
    }
    if (nb == 5 && pick(4) == 0)
        add(b, "```c\nint %s_ok = check(%s);\n```\n", vocab[5][pick(14)], "ctx");
    if (pick(5) == 0)
        add(b, "> %s %s the %s.\n", ANY(openers), ANY(verbs), word(nb));
}

int notes_db_generate(notes_db *db_, long count,
                      void (*progress)(long done, long total, void *ud), void *ud,
                      char *err, size_t esz)
{
    sqlite3 *db = notes_db_sqlite(db_);
    rng_state = 0x5a5ea11d5ULL;
    int ok = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_stmt *nb_st = NULL, *note_st = NULL, *tag_st = NULL, *nt_st = NULL;
    ok = ok &&
         sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO notebooks (id, name) VALUES (?, ?)",
                            -1, &nb_st, NULL) == SQLITE_OK &&
         sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO tags (id, name) VALUES (?, ?)", -1,
                            &tag_st, NULL) == SQLITE_OK &&
         sqlite3_prepare_v2(db, "INSERT INTO notes (id, notebook_id, title, body,"
                                " created, updated, facets) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            -1, &note_st, NULL) == SQLITE_OK &&
         sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO note_tags (tag_id, note_id)"
                                " VALUES (?, ?)",
                            -1, &nt_st, NULL) == SQLITE_OK;
    sqlite3_int64 base = 0;
    sqlite3_stmt *mx = NULL;
    if (ok && sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM notes", -1, &mx,
                                 NULL) == SQLITE_OK &&
        sqlite3_step(mx) == SQLITE_ROW)
        base = sqlite3_column_int64(mx, 0);
    sqlite3_finalize(mx);
    for (unsigned i = 0; ok && i < COUNT(notebooks); i++) {
        sqlite3_bind_int(nb_st, 1, (int)i + 1);
        sqlite3_bind_text(nb_st, 2, notebooks[i], -1, SQLITE_STATIC);
        ok = sqlite3_step(nb_st) == SQLITE_DONE;
        sqlite3_reset(nb_st);
    }
    for (unsigned i = 0; ok && i < COUNT(tags_all); i++) {
        sqlite3_bind_int(tag_st, 1, (int)i + 1);
        sqlite3_bind_text(tag_st, 2, tags_all[i], -1, SQLITE_STATIC);
        ok = sqlite3_step(tag_st) == SQLITE_DONE;
        sqlite3_reset(tag_st);
    }
    /* Three years of notes before 2026-11-01, oldest first. */
    const long end = 1793491200L, span = 3L * 365 * 86400;
    sbuf body;
    char title[160];
    for (long i = 0; ok && i < count; i++) {
        unsigned nb = pick(COUNT(notebooks));
        title_for(nb, title, sizeof title);
        body_for(nb, title, &body);
        long updated = end - span + (long)((double)span * (double)(i + 1) / (double)count) -
                       (long)pick(3600);
        long created = updated - (long)pick(30 * 86400);
        /* The tags first (their trigger finds no note yet), then the
         * note with its facets: each note is indexed once. */
        sqlite3_int64 id = base + i + 1;
        char facets[64];
        int fl = snprintf(facets, sizeof facets, "nb%u", nb + 1);
        unsigned ntags = pick(4); /* 0..3 */
        for (unsigned k = 0; ok && k < ntags; k++) {
            unsigned t = pick(COUNT(tags_all)) + 1;
            sqlite3_bind_int(nt_st, 1, (int)t);
            sqlite3_bind_int64(nt_st, 2, id);
            ok = sqlite3_step(nt_st) == SQLITE_DONE;
            if (sqlite3_changes(db) > 0 && fl < (int)sizeof facets - 8)
                fl += snprintf(facets + fl, sizeof facets - (size_t)fl, " tg%u", t);
            sqlite3_reset(nt_st);
        }
        sqlite3_bind_int64(note_st, 1, id);
        sqlite3_bind_int(note_st, 2, (int)nb + 1);
        sqlite3_bind_text(note_st, 3, title, -1, SQLITE_STATIC);
        sqlite3_bind_text(note_st, 4, body.s, (int)body.n, SQLITE_STATIC);
        sqlite3_bind_int64(note_st, 5, created);
        sqlite3_bind_int64(note_st, 6, updated);
        sqlite3_bind_text(note_st, 7, facets, fl, SQLITE_STATIC);
        ok = ok && sqlite3_step(note_st) == SQLITE_DONE;
        sqlite3_reset(note_st);
        if (progress && (i + 1) % 1000 == 0)
            progress(i + 1, count, ud);
    }
    if (!ok && err && esz)
        snprintf(err, esz, "generate: %s", sqlite3_errmsg(db));
    sqlite3_finalize(nb_st);
    sqlite3_finalize(tag_st);
    sqlite3_finalize(note_st);
    sqlite3_finalize(nt_st);
    if (ok)
        ok = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    else if (progress)
        progress(count, count, ud);
    return ok ? 0 : -1;
}
