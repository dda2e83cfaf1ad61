/*
 * logindex - see logindex.h.  Indexing splits the file into one byte range
 * per thread; each thread reads its range in blocks with pread(), records
 * the start of every line (the byte after each '\n'), parses the level and
 * timestamp at that start, and keeps them in its own arrays; the arrays are
 * then concatenated in order, and continuation lines at the head of each
 * range take the level and time of the last line of the range before.
 */
#define _GNU_SOURCE /* memmem, REG_STARTEND */
#include "logindex.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <regex.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#define HEAD 96 /* bytes past a line start that level/time parsing reads */

struct li_index {
    char *path;
    int fd;
    uint64_t size, count;
    uint64_t *off;  /* count + 1 entries: off[count] = size */
    uint32_t *time; /* epoch seconds, 0 = none */
    uint8_t *flags; /* level | LI_CONT */
    uint64_t levels[LI_LEVELS];
    int64_t first, last;
    int threads;
};

static void set_err(char *err, size_t errsz, const char *fmt, ...)
{
    if (!err || !errsz)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
}

static int online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* Lowers the calling thread's priority by `nice` (Linux: nice values are
 * per thread), so the UI's threads and the web process win a busy core. */
static void lower_priority(int nice)
{
#ifdef __linux__
    if (nice > 0)
        setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice);
#else
    (void)nice;
#endif
}

/* ---- parsing ----------------------------------------------------------- */

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t li_parse_time(const char *s, size_t len)
{
    if (len < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
        s[13] != ':' || s[16] != ':')
        return 0;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
    int h = digits(s + 11, 2), mi = digits(s + 14, 2), se = digits(s + 17, 2);
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 ||
        mi < 0 || mi > 59 || se < 0 || se > 60)
        return 0;
    int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    return t > 0 && t < 0xffffffffLL ? t : 0;
}

static int is_word(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

int li_parse_level(const char *s, size_t len)
{
    static const struct { const char *w; int lv; } words[] = {
        {"TRACE", LI_TRACE}, {"DEBUG", LI_DEBUG}, {"INFO", LI_INFO},
        {"WARN", LI_WARN},   {"WARNING", LI_WARN}, {"ERROR", LI_ERROR},
        {"FATAL", LI_FATAL}, {"CRITICAL", LI_FATAL}};
    if (len > 64)
        len = 64;
    for (size_t i = 0; i < len; i++) {
        if (!is_word(s[i]) || (i > 0 && is_word(s[i - 1])))
            continue;
        size_t j = i;
        while (j < len && is_word(s[j]))
            j++;
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            if (strlen(words[k].w) == j - i && !memcmp(words[k].w, s + i, j - i))
                return words[k].lv;
        i = j;
    }
    return LI_NONE;
}

/* ---- indexing ---------------------------------------------------------- */

typedef struct part {
    uint64_t from, to; /* bytes [from, to) whose line starts this part finds */
    uint64_t *off;
    uint32_t *time;
    uint8_t *flags;
    uint64_t n, cap;
    int err; /* LI_E* */
    int saved_errno;
} part;

typedef struct job {
    const li_options *opt;
    int fd;
    uint64_t size;
    size_t block;
    part *parts;
    atomic_uint_fast64_t done, lines;
    atomic_int stop;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int running;
} job;

static int part_grow(part *p)
{
    uint64_t cap = p->cap ? p->cap * 2 : 65536;
    uint64_t *off = realloc(p->off, cap * sizeof *off);
    if (off)
        p->off = off;
    uint32_t *tm = realloc(p->time, cap * sizeof *tm);
    if (tm)
        p->time = tm;
    uint8_t *fl = realloc(p->flags, cap);
    if (fl)
        p->flags = fl;
    if (!off || !tm || !fl)
        return -1;
    p->cap = cap;
    return 0;
}

/* Reads exactly len bytes at pos unless the file ends; returns the count. */
static long read_at(int fd, char *buf, size_t len, uint64_t pos)
{
    size_t got = 0;
    while (got < len) {
        ssize_t r = pread(fd, buf + got, len - got, (off_t)(pos + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (long)got;
}

static int add_line(part *p, uint64_t at, const char *s, size_t avail,
                    unsigned *prev_flags, uint32_t *prev_time)
{
    if (p->n == p->cap && part_grow(p) != 0)
        return LI_ENOMEM;
    int64_t t = li_parse_time(s, avail);
    unsigned fl;
    uint32_t tm;
    if (t) {
        fl = (unsigned)li_parse_level(s + 19, avail - 19);
        tm = (uint32_t)t;
    } else { /* continuation: the entry's level and time */
        fl = (*prev_flags & LI_LEVEL_MASK) | LI_CONT;
        tm = *prev_time;
    }
    p->off[p->n] = at;
    p->time[p->n] = tm;
    p->flags[p->n] = (uint8_t)fl;
    p->n++;
    *prev_flags = fl;
    *prev_time = tm;
    return 0;
}

static void *index_worker(job *j, part *p)
{
    lower_priority(j->opt ? j->opt->nice : 0);
    char *buf = malloc(j->block + HEAD);
    if (!buf) {
        p->err = LI_ENOMEM;
        goto out;
    }
    unsigned prev_flags = LI_NONE;
    uint32_t prev_time = 0;
    /* A line starts at `from` if from == 0 or byte from-1 is '\n'; the
     * part reads from from-1 so that byte is seen. */
    uint64_t pos = p->from ? p->from - 1 : 0;
    int first = p->from == 0;
    uint64_t reported = 0;
    while (pos < p->to && !atomic_load(&j->stop)) {
        size_t want = j->block;
        if (pos + want > p->to)
            want = (size_t)(p->to - pos);
        /* HEAD more bytes, for the header of a line starting near the end */
        size_t extra = HEAD;
        if (pos + want + extra > j->size)
            extra = pos + want < j->size ? (size_t)(j->size - pos - want) : 0;
        long got = read_at(j->fd, buf, want + extra, pos);
        if (got < 0) {
            p->err = LI_EIO;
            p->saved_errno = errno;
            break;
        }
        if ((size_t)got < want + extra) {
            p->err = LI_ECHANGED;
            break;
        }
        if (first) {
            first = 0;
            int e = add_line(p, 0, buf, (size_t)got, &prev_flags, &prev_time);
            if (e) {
                p->err = e;
                break;
            }
        }
        const char *s = buf, *end = buf + want;
        while (s < end) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            if (!nl)
                break;
            uint64_t at = pos + (uint64_t)(nl - buf) + 1;
            s = nl + 1;
            if (at >= j->size || at < p->from || at >= p->to)
                continue;
            int e = add_line(p, at, s, (size_t)(buf + got - s), &prev_flags,
                             &prev_time);
            if (e) {
                p->err = e;
                goto out;
            }
        }
        pos += want;
        atomic_fetch_add(&j->done, want);
        atomic_fetch_add(&j->lines, p->n - reported);
        reported = p->n;
    }
out:
    free(buf);
    pthread_mutex_lock(&j->lock);
    j->running--;
    pthread_cond_signal(&j->cond);
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

/* Runs `fn` on `n` threads over args[i] and reports progress from the
 * calling thread until all finished; returns LI_ECANCELLED if the
 * callback asked to stop (the workers are stopped and joined). */
typedef struct runner {
    pthread_mutex_t *lock;
    pthread_cond_t *cond;
    int *running;
    atomic_int *stop;
} runner;

static int run_threads(const li_options *opt, int n, void *(*fn)(void *),
                       void *args, size_t arg_size, runner r,
                       void (*fill)(li_progress *, void *), void *ctx)
{
    pthread_t *tids = calloc((size_t)n, sizeof *tids);
    if (!tids)
        return LI_ENOMEM;
    int started = 0, rc = 0;
    pthread_mutex_lock(r.lock);
    *r.running = 0;
    pthread_mutex_unlock(r.lock);
    for (int i = 0; i < n; i++) {
        pthread_mutex_lock(r.lock);
        (*r.running)++;
        pthread_mutex_unlock(r.lock);
        if (pthread_create(&tids[i], NULL, fn, (char *)args + (size_t)i * arg_size) != 0) {
            pthread_mutex_lock(r.lock);
            (*r.running)--;
            pthread_mutex_unlock(r.lock);
            atomic_store(r.stop, 1);
            rc = LI_ENOMEM;
            break;
        }
        started++;
    }
    int interval = opt && opt->interval_ms > 0 ? opt->interval_ms : 50;
    pthread_mutex_lock(r.lock);
    /* progress at once (a cancel before any work stops it), then every
     * interval while workers run */
    for (int tick = 0; *r.running > 0; tick++) {
        if (tick) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += (long)interval * 1000000L;
            until.tv_sec += until.tv_nsec / 1000000000L;
            until.tv_nsec %= 1000000000L;
            pthread_cond_timedwait(r.cond, r.lock, &until);
        }
        if (*r.running > 0 && opt && opt->progress) {
            pthread_mutex_unlock(r.lock);
            li_progress p;
            fill(&p, ctx);
            if (opt->progress(&p, opt->user_data) && !atomic_load(r.stop)) {
                atomic_store(r.stop, 1);
                rc = LI_ECANCELLED;
            }
            pthread_mutex_lock(r.lock);
        }
    }
    pthread_mutex_unlock(r.lock);
    for (int i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    free(tids);
    return rc;
}

static void index_fill(li_progress *p, void *ctx)
{
    job *j = ctx;
    p->bytes_done = atomic_load(&j->done);
    p->bytes_total = j->size;
    p->lines = atomic_load(&j->lines);
}

/* A part and a pointer to its job, laid out so the worker finds the job. */
typedef struct slot {
    job *j;
    part p;
} slot;

static void *slot_worker(void *arg)
{
    slot *s = arg;
    return index_worker(s->j, &s->p);
}

/* Adds lines [from, to) to the level counts and the time span. */
static void count_lines(li_index *ix, uint64_t from, uint64_t to)
{
    for (uint64_t k = from; k < to; k++) {
        if (!(ix->flags[k] & LI_CONT))
            ix->levels[ix->flags[k] & LI_LEVEL_MASK]++;
        if (ix->time[k]) {
            if (!ix->first)
                ix->first = ix->time[k];
            ix->last = ix->time[k];
        }
    }
}

int li_index_open(const char *path, const li_options *opt, li_index **out,
                  char *err, size_t errsz)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_err(err, errsz, "cannot open %s: %s", path, strerror(errno));
        return LI_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        set_err(err, errsz, "%s is not a regular file", path);
        close(fd);
        return LI_EIO;
    }
    li_index *ix = calloc(1, sizeof *ix);
    if (!ix || !(ix->path = strdup(path))) {
        free(ix);
        close(fd);
        set_err(err, errsz, "out of memory");
        return LI_ENOMEM;
    }
    ix->fd = fd;
    ix->size = (uint64_t)st.st_size;
    int threads = opt && opt->threads > 0 ? opt->threads : online_cpus();
    size_t block = opt && opt->block ? opt->block : (4u << 20);
    /* at least one block per thread */
    while (threads > 1 && ix->size / (uint64_t)threads < block)
        threads--;
    ix->threads = threads;

    job j;
    memset(&j, 0, sizeof j);
    j.opt = opt;
    j.fd = fd;
    j.size = ix->size;
    j.block = block;
    if (opt && opt->opened)
        opt->opened(opt->user_data);
    atomic_init(&j.done, 0);
    atomic_init(&j.lines, 0);
    atomic_init(&j.stop, 0);
    pthread_mutex_init(&j.lock, NULL);
    pthread_cond_init(&j.cond, NULL);
    slot *slots = calloc((size_t)threads, sizeof *slots);
    int rc = 0;
    if (!slots) {
        rc = LI_ENOMEM;
        goto done;
    }
    for (int i = 0; i < threads; i++) {
        slots[i].j = &j;
        slots[i].p.from = ix->size * (uint64_t)i / (uint64_t)threads;
        slots[i].p.to = ix->size * (uint64_t)(i + 1) / (uint64_t)threads;
    }
    if (ix->size > 0) {
        runner r = {&j.lock, &j.cond, &j.running, &j.stop};
        rc = run_threads(opt, threads, slot_worker, slots, sizeof *slots, r,
                         index_fill, &j);
    }
    for (int i = 0; i < threads && !rc; i++)
        if (slots[i].p.err) {
            rc = slots[i].p.err;
            errno = slots[i].p.saved_errno;
        }
    if (rc == 0) {
        uint64_t total = 0;
        for (int i = 0; i < threads; i++)
            total += slots[i].p.n;
        if (total > UINT32_MAX) {
            rc = LI_ETOOBIG;
            goto done;
        }
        ix->count = total;
        ix->off = malloc((total + 1) * sizeof *ix->off);
        ix->time = malloc((total ? total : 1) * sizeof *ix->time);
        ix->flags = malloc(total ? total : 1);
        if (!ix->off || !ix->time || !ix->flags) {
            rc = LI_ENOMEM;
            goto done;
        }
        uint64_t at = 0;
        for (int i = 0; i < threads; i++) {
            part *p = &slots[i].p;
            if (!p->n)
                continue;
            memcpy(ix->off + at, p->off, p->n * sizeof *p->off);
            memcpy(ix->time + at, p->time, p->n * sizeof *p->time);
            memcpy(ix->flags + at, p->flags, p->n);
            /* continuations at the head of this part belong to the entry
             * the part before ended in */
            if (at > 0)
                for (uint64_t k = at; k < at + p->n && (ix->flags[k] & LI_CONT) &&
                                      (ix->flags[k] & LI_LEVEL_MASK) == LI_NONE &&
                                      ix->time[k] == 0;
                     k++) {
                    ix->flags[k] = (uint8_t)((ix->flags[k - 1] & LI_LEVEL_MASK) | LI_CONT);
                    ix->time[k] = ix->time[k - 1];
                }
            at += p->n;
        }
        ix->off[total] = ix->size;
        count_lines(ix, 0, total);
        if (opt && opt->progress) {
            li_progress p = {ix->size, ix->size, total};
            opt->progress(&p, opt->user_data);
        }
    }
done:
    if (slots)
        for (int i = 0; i < threads; i++) {
            free(slots[i].p.off);
            free(slots[i].p.time);
            free(slots[i].p.flags);
        }
    free(slots);
    pthread_mutex_destroy(&j.lock);
    pthread_cond_destroy(&j.cond);
    if (rc != 0) {
        if (rc == LI_ECANCELLED)
            set_err(err, errsz, "indexing was cancelled");
        else if (rc == LI_ECHANGED)
            set_err(err, errsz, "%s shrank while it was indexed", path);
        else if (rc == LI_EIO)
            set_err(err, errsz, "reading %s failed: %s", path, strerror(errno));
        else if (rc == LI_ETOOBIG)
            set_err(err, errsz, "%s has more than 4,294,967,295 lines", path);
        else
            set_err(err, errsz, "out of memory");
        li_index_free(ix);
        return rc;
    }
    *out = ix;
    return 0;
}

int li_index_update(li_index *ix, uint64_t *added, char *err, size_t errsz)
{
    if (added)
        *added = 0;
    struct stat fst, pst;
    if (fstat(ix->fd, &fst) != 0) {
        set_err(err, errsz, "reading %s failed: %s", ix->path, strerror(errno));
        return LI_EIO;
    }
    if (stat(ix->path, &pst) != 0 || pst.st_ino != fst.st_ino ||
        pst.st_dev != fst.st_dev) {
        set_err(err, errsz, "%s was replaced (rotated) or removed", ix->path);
        return LI_EROTATED;
    }
    uint64_t size = (uint64_t)fst.st_size;
    if (size < ix->size) {
        set_err(err, errsz, "%s was truncated", ix->path);
        return LI_ETRUNCATED;
    }
    if (size == ix->size)
        return 0;
    /* Start at the last line if it had no "\n" yet (it may have grown),
     * else at the old end. */
    uint64_t keep = ix->count, from = ix->size;
    if (keep > 0) {
        char c = '\n';
        if (read_at(ix->fd, &c, 1, ix->size - 1) != 1) {
            set_err(err, errsz, "reading %s failed", ix->path);
            return LI_EIO;
        }
        if (c != '\n') {
            keep--;
            from = ix->off[keep];
        }
    }
    part p = {.from = from, .to = size, .off = NULL, .time = NULL,
              .flags = NULL, .n = 0, .cap = 0};
    unsigned prev_flags = keep ? ix->flags[keep - 1] : LI_NONE;
    uint32_t prev_time = keep ? ix->time[keep - 1] : 0;
    size_t block = 1u << 20;
    char *buf = malloc(block + HEAD);
    int rc = buf ? 0 : LI_ENOMEM;
    for (uint64_t pos = from; !rc && pos < size; pos += block) {
        size_t want = pos + block > size ? (size_t)(size - pos) : block;
        size_t extra = pos + want + HEAD > size ? (size_t)(size - pos - want)
                                                : HEAD;
        long got = read_at(ix->fd, buf, want + extra, pos);
        if (got < (long)(want + extra)) {
            rc = got < 0 ? LI_EIO : LI_ETRUNCATED;
            break;
        }
        if (pos == from)
            rc = add_line(&p, from, buf, (size_t)got, &prev_flags, &prev_time);
        const char *s = buf, *end = buf + want;
        while (!rc && s < end) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            if (!nl)
                break;
            uint64_t at = pos + (uint64_t)(nl - buf) + 1;
            s = nl + 1;
            if (at < size)
                rc = add_line(&p, at, s, (size_t)(buf + got - s), &prev_flags,
                              &prev_time);
        }
    }
    free(buf);
    uint64_t total = keep + p.n;
    if (!rc && total > UINT32_MAX)
        rc = LI_ETOOBIG;
    uint64_t *off = NULL;
    uint32_t *tm = NULL;
    uint8_t *fl = NULL;
    if (!rc) {
        off = realloc(ix->off, (total + 1) * sizeof *off);
        if (off)
            ix->off = off;
        tm = realloc(ix->time, (total ? total : 1) * sizeof *tm);
        if (tm)
            ix->time = tm;
        fl = realloc(ix->flags, total ? total : 1);
        if (fl)
            ix->flags = fl;
        if (!off || !tm || !fl)
            rc = LI_ENOMEM;
    }
    if (rc) {
        free(p.off);
        free(p.time);
        free(p.flags);
        if (rc == LI_ETRUNCATED)
            set_err(err, errsz, "%s was truncated", ix->path);
        else if (rc == LI_EIO)
            set_err(err, errsz, "reading %s failed: %s", ix->path,
                    strerror(errno));
        else if (rc == LI_ETOOBIG)
            set_err(err, errsz, "%s has more than 4,294,967,295 lines", ix->path);
        else
            set_err(err, errsz, "out of memory");
        return rc;
    }
    if (keep < ix->count && !(ix->flags[keep] & LI_CONT))
        ix->levels[ix->flags[keep] & LI_LEVEL_MASK]--; /* re-read below */
    memcpy(ix->off + keep, p.off, p.n * sizeof *p.off);
    memcpy(ix->time + keep, p.time, p.n * sizeof *p.time);
    memcpy(ix->flags + keep, p.flags, p.n);
    free(p.off);
    free(p.time);
    free(p.flags);
    count_lines(ix, keep, total);
    if (added)
        *added = total - ix->count;
    ix->count = total;
    ix->size = size;
    ix->off[total] = size;
    return 0;
}

void li_index_free(li_index *ix)
{
    if (!ix)
        return;
    if (ix->fd >= 0)
        close(ix->fd);
    free(ix->path);
    free(ix->off);
    free(ix->time);
    free(ix->flags);
    free(ix);
}

uint64_t li_count(const li_index *ix) { return ix ? ix->count : 0; }
uint64_t li_size(const li_index *ix) { return ix ? ix->size : 0; }
const char *li_path(const li_index *ix) { return ix ? ix->path : ""; }
int li_threads_used(const li_index *ix) { return ix ? ix->threads : 0; }
const uint64_t *li_level_counts(const li_index *ix) { return ix->levels; }

void li_time_range(const li_index *ix, int64_t *first, int64_t *last)
{
    *first = ix->first;
    *last = ix->last;
}

unsigned li_line_flags(const li_index *ix, uint64_t line)
{
    return line < ix->count ? ix->flags[line] : 0;
}

int64_t li_line_time(const li_index *ix, uint64_t line)
{
    return line < ix->count ? ix->time[line] : 0;
}

uint64_t li_line_offset(const li_index *ix, uint64_t line)
{
    return line <= ix->count ? ix->off[line] : ix->size;
}

uint64_t li_line_length(const li_index *ix, uint64_t line)
{
    if (line >= ix->count)
        return 0;
    uint64_t from = ix->off[line], len = ix->off[line + 1] - from;
    if (len == 0)
        return 0;
    /* strip "\n" or "\r\n" (every line but an unterminated last one) */
    char tail[2] = {0, 0};
    size_t t = len >= 2 ? 2 : 1;
    if (read_at(ix->fd, tail + 2 - t, t, from + len - t) != (long)t)
        return len; /* the file shrank: li_line_read() gets what is left */
    if (tail[1] == '\n') {
        len--;
        if (len && tail[0] == '\r')
            len--;
    }
    return len;
}

long li_line_read(const li_index *ix, uint64_t line, char *buf, size_t cap)
{
    if (line >= ix->count)
        return 0;
    uint64_t len = li_line_length(ix, line);
    size_t want = len < cap ? (size_t)len : cap;
    return read_at(ix->fd, buf, want, ix->off[line]);
}

/* ---- filtering --------------------------------------------------------- */

typedef struct matcher {
    int kind; /* 0 all, 1 memmem, 2 posix, 3 pcre2 */
    const char *text;
    size_t text_len;
    regex_t re;
    pcre2_code *code;
} matcher;

static int plain(const char *p)
{
    return !strpbrk(p, ".[]()*+?{}|^$\\");
}

static int matcher_init(matcher *m, const char *pattern, unsigned flags,
                        char *err, size_t errsz)
{
    memset(m, 0, sizeof *m);
    if (!pattern || !*pattern)
        return 0;
    if (plain(pattern) && !(flags & LI_ICASE)) {
        m->kind = 1;
        m->text = pattern;
        m->text_len = strlen(pattern);
        return 0;
    }
    if (flags & LI_POSIX) {
        int e = regcomp(&m->re, pattern,
                        REG_EXTENDED | REG_NOSUB | ((flags & LI_ICASE) ? REG_ICASE : 0));
        if (e) {
            char msg[200];
            regerror(e, &m->re, msg, sizeof msg);
            set_err(err, errsz, "bad regular expression: %s", msg);
            return LI_EREGEX;
        }
        m->kind = 2;
        return 0;
    }
    int e;
    PCRE2_SIZE at;
    m->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                            PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
                                ((flags & LI_ICASE) ? PCRE2_CASELESS : 0),
                            &e, &at, NULL);
    if (!m->code) {
        PCRE2_UCHAR msg[200];
        pcre2_get_error_message(e, msg, sizeof msg);
        set_err(err, errsz, "bad regular expression at character %zu: %s",
                (size_t)at + 1, (const char *)msg);
        return LI_EREGEX;
    }
    pcre2_jit_compile(m->code, PCRE2_JIT_COMPLETE); /* falls back if no JIT */
    m->kind = 3;
    return 0;
}

static void matcher_free(matcher *m)
{
    if (m->kind == 2)
        regfree(&m->re);
    if (m->code)
        pcre2_code_free(m->code);
}

typedef struct fpart {
    const li_index *ix;
    const matcher *m;
    unsigned mask;
    uint64_t from, to; /* lines */
    uint32_t *hits;
    uint64_t n, cap;
    int err;
    atomic_uint_fast64_t *done, *matches;
    atomic_int *stop;
    pthread_mutex_t *lock;
    pthread_cond_t *cond;
    int *running;
    size_t block;
    int nice;
} fpart;

static int line_matches(const matcher *m, pcre2_match_data *md, const char *s,
                        size_t len)
{
    switch (m->kind) {
    case 1:
        return memmem(s, len, m->text, m->text_len) != NULL;
    case 2: {
        regmatch_t pm[1] = {{0, (regoff_t)len}};
        return regexec(&m->re, s, 1, pm, REG_STARTEND) == 0;
    }
    case 3:
        return pcre2_match(m->code, (PCRE2_SPTR)s, len, 0, 0, md, NULL) >= 0;
    default:
        return 1;
    }
}

static void *filter_worker(void *arg)
{
    fpart *f = arg;
    const li_index *ix = f->ix;
    lower_priority(f->nice);
    char *buf = NULL;
    pcre2_match_data *md = NULL;
    if (f->m->kind == 3 && !(md = pcre2_match_data_create_from_pattern(f->m->code, NULL))) {
        f->err = LI_ENOMEM;
        goto out;
    }
    /* +1: the block is NUL-terminated, for regexec() interceptors (ASan)
     * that measure the string although REG_STARTEND bounds it */
    if (f->m->kind && !(buf = malloc(f->block + 1))) {
        f->err = LI_ENOMEM;
        goto out;
    }
    uint64_t line = f->from, reported = f->from;
    uint64_t buf_from = 0, buf_len = 0; /* file bytes held in buf */
    while (line < f->to && !atomic_load(f->stop)) {
        /* a batch of lines, then progress */
        uint64_t stop_at = line + 65536 < f->to ? line + 65536 : f->to;
        for (; line < stop_at; line++) {
            if (!((1u << (ix->flags[line] & LI_LEVEL_MASK)) & f->mask))
                continue;
            int hit = 1;
            if (f->m->kind) {
                uint64_t a = ix->off[line], b = ix->off[line + 1];
                if (b - a > f->block)
                    b = a + f->block; /* match the first block of a huge line */
                if (a < buf_from || b > buf_from + buf_len) {
                    uint64_t want = ix->size - a < f->block ? ix->size - a : f->block;
                    long got = read_at(ix->fd, buf, (size_t)want, a);
                    if (got < 0) {
                        f->err = LI_EIO;
                        goto out;
                    }
                    buf_from = a;
                    buf_len = (uint64_t)got;
                    buf[got] = 0;
                }
                if (b > buf_from + buf_len) /* the file shrank */
                    b = buf_from + buf_len > a ? buf_from + buf_len : a;
                const char *s = buf + (a - buf_from);
                size_t len = (size_t)(b - a);
                if (len && s[len - 1] == '\n')
                    len--;
                if (len && s[len - 1] == '\r')
                    len--;
                hit = line_matches(f->m, md, s, len);
            }
            if (hit) {
                if (f->n == f->cap) {
                    uint64_t cap = f->cap ? f->cap * 2 : 65536;
                    uint32_t *h = realloc(f->hits, cap * sizeof *h);
                    if (!h) {
                        f->err = LI_ENOMEM;
                        goto out;
                    }
                    f->hits = h;
                    f->cap = cap;
                }
                f->hits[f->n++] = (uint32_t)line;
                atomic_fetch_add(f->matches, 1);
            }
        }
        atomic_fetch_add(f->done, line - reported);
        reported = line;
    }
out:
    free(buf);
    if (md)
        pcre2_match_data_free(md);
    pthread_mutex_lock(f->lock);
    (*f->running)--;
    pthread_cond_signal(f->cond);
    pthread_mutex_unlock(f->lock);
    return NULL;
}

typedef struct fjob {
    atomic_uint_fast64_t done, matches;
    uint64_t total;
} fjob;

static void filter_fill(li_progress *p, void *ctx)
{
    fjob *j = ctx;
    p->bytes_done = atomic_load(&j->done);
    p->bytes_total = j->total;
    p->lines = atomic_load(&j->matches);
}

int li_filter(const li_index *ix, const char *pattern, unsigned flags,
              unsigned level_mask, const li_options *opt, uint32_t **out,
              uint64_t *count, char *err, size_t errsz)
{
    *out = NULL;
    *count = 0;
    matcher m;
    int rc = matcher_init(&m, pattern, flags, err, errsz);
    if (rc)
        return rc;
    int threads = opt && opt->threads > 0 ? opt->threads : online_cpus();
    while (threads > 1 && ix->count / (uint64_t)threads < 10000)
        threads--;
    fpart *parts = calloc((size_t)threads, sizeof *parts);
    if (!parts) {
        matcher_free(&m);
        set_err(err, errsz, "out of memory");
        return LI_ENOMEM;
    }
    fjob j;
    atomic_init(&j.done, 0);
    atomic_init(&j.matches, 0);
    j.total = ix->count;
    atomic_int stop;
    atomic_init(&stop, 0);
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
    int running = 0;
    for (int i = 0; i < threads; i++) {
        fpart *f = &parts[i];
        f->ix = ix;
        f->m = &m;
        f->mask = level_mask;
        f->from = ix->count * (uint64_t)i / (uint64_t)threads;
        f->to = ix->count * (uint64_t)(i + 1) / (uint64_t)threads;
        f->done = &j.done;
        f->matches = &j.matches;
        f->stop = &stop;
        f->lock = &lock;
        f->cond = &cond;
        f->running = &running;
        f->block = opt && opt->block ? opt->block : (4u << 20);
        f->nice = opt ? opt->nice : 0;
    }
    runner r = {&lock, &cond, &running, &stop};
    rc = run_threads(opt, threads, filter_worker, parts, sizeof *parts, r,
                     filter_fill, &j);
    for (int i = 0; i < threads && !rc; i++)
        if (parts[i].err)
            rc = parts[i].err;
    uint64_t total = 0;
    for (int i = 0; i < threads; i++)
        total += parts[i].n;
    uint32_t *all = NULL;
    if (!rc && !(all = malloc((total ? total : 1) * sizeof *all)))
        rc = LI_ENOMEM;
    uint64_t at = 0;
    for (int i = 0; i < threads; i++) {
        if (all && parts[i].n)
            memcpy(all + at, parts[i].hits, parts[i].n * sizeof *all);
        at += parts[i].n;
        free(parts[i].hits);
    }
    free(parts);
    matcher_free(&m);
    pthread_mutex_destroy(&lock);
    pthread_cond_destroy(&cond);
    if (rc) {
        free(all);
        set_err(err, errsz, rc == LI_ECANCELLED ? "the filter was cancelled"
                            : rc == LI_EIO    ? "reading the file failed"
                                              : "out of memory");
        return rc;
    }
    if (opt && opt->progress) {
        li_progress p = {ix->count, ix->count, total};
        opt->progress(&p, opt->user_data);
    }
    *out = all;
    *count = total;
    return 0;
}

/* ---- time -------------------------------------------------------------- */

int li_histogram(const li_index *ix, const uint32_t *view, uint64_t n,
                 int bins, int64_t *t0, int64_t *step, uint64_t *counts)
{
    memset(counts, 0, (size_t)bins * LI_LEVELS * sizeof *counts);
    *t0 = *step = 0;
    if (!view)
        n = ix->count;
    int64_t lo = 0, hi = 0;
    for (uint64_t i = 0; i < n; i++) {
        int64_t t = ix->time[view ? view[i] : i];
        if (!t)
            continue;
        if (!lo || t < lo)
            lo = t;
        if (t > hi)
            hi = t;
    }
    if (!lo || bins < 1)
        return -1;
    static const int64_t steps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600,
                                    900, 1800, 3600, 7200, 10800, 21600,
                                    43200, 86400, 172800, 604800};
    int64_t span = hi - lo + 1, s = steps[sizeof steps / sizeof steps[0] - 1];
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
        if (span <= steps[k] * bins) {
            s = steps[k];
            break;
        }
    while (span > s * bins) /* beyond weeks: a multiple of a week */
        s += 604800;
    int64_t start = lo - lo % s;
    if (hi >= start + s * bins) /* alignment pushed the end out */
        start = lo;
    bins = (int)((hi - start) / s + 1); /* only the bins the data reaches */
    for (uint64_t i = 0; i < n; i++) {
        uint64_t line = view ? view[i] : i;
        int64_t t = ix->time[line];
        if (!t)
            continue;
        int64_t b = (t - start) / s;
        if (b >= bins)
            b = bins - 1;
        counts[b * LI_LEVELS + (ix->flags[line] & LI_LEVEL_MASK)]++;
    }
    *t0 = start;
    *step = s;
    return bins;
}

uint64_t li_seek_time(const li_index *ix, const uint32_t *view, uint64_t n,
                      int64_t t)
{
    if (!view)
        n = ix->count;
    for (uint64_t i = 0; i < n; i++)
        if (ix->time[view ? view[i] : i] >= t)
            return i;
    return n;
}
