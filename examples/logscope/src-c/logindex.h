/*
 * logindex - the engine of Logscope, independent of Sash (its tests link it
 * alone): index a log file on worker threads (line starts, levels,
 * timestamps), filter its lines by level and regular expression on worker
 * threads, bin them over time.
 *
 * Reading: the file is read with pread() into per-thread buffers, never
 * through a mapping, so a file that shrinks or is truncated while it is
 * indexed or shown gives short reads (reported as LI_ECHANGED, or lines cut
 * short), never SIGBUS.  From the page cache this is as fast as touching a
 * mapping (the copy costs less than the scan).
 */
#ifndef LOGINDEX_H
#define LOGINDEX_H

#include <stddef.h>
#include <stdint.h>

/* Levels; a line without a recognised timestamp is a continuation (a stack
 * trace, a wrapped message): it takes the level and time of the line
 * before it and is flagged LI_CONT. */
enum { LI_NONE = 0, LI_TRACE, LI_DEBUG, LI_INFO, LI_WARN, LI_ERROR, LI_FATAL,
       LI_LEVELS };
#define LI_CONT 0x80u
#define LI_LEVEL_MASK 0x0fu

/* Errors (negative). */
#define LI_EIO (-1)        /* open/read failed (errno in the message) */
#define LI_ENOMEM (-2)
#define LI_ECANCELLED (-3) /* the progress callback asked to stop */
#define LI_ECHANGED (-4)   /* the file shrank while it was read */
#define LI_EREGEX (-5)     /* a bad regular expression (message says why) */
#define LI_ETOOBIG (-6)    /* more than 4,294,967,295 lines */
#define LI_ETRUNCATED (-7) /* li_index_update: the file shrank (truncated) */
#define LI_EROTATED (-8)   /* li_index_update: the path is another file now
                            * (rotated, replaced or removed) */

typedef struct li_index li_index;

typedef struct li_progress {
    uint64_t bytes_done, bytes_total; /* indexing: bytes; filter: lines */
    uint64_t lines;                   /* lines found / matches so far */
} li_progress;

/* Called on the calling thread when the workers start, then about every
 * `interval_ms` while they run, and once at the end; return non-zero to
 * cancel (the workers stop at their next block). */
typedef int (*li_progress_fn)(const li_progress *p, void *user_data);

typedef struct li_options {
    int threads;          /* 0: one per online CPU */
    int interval_ms;      /* progress period; 0: 50 */
    size_t block;         /* read block per thread; 0: 4 MiB (tests: small) */
    int nice;             /* > 0: the workers run that much nicer (Linux) */
    li_progress_fn progress;
    void *user_data;
    void (*opened)(void *user_data); /* tests: after the size is read */
} li_options;

/* Indexes `path`.  On success *out is a new index (li_index_free()).
 * On error returns LI_E* and writes a readable message into err. */
int li_index_open(const char *path, const li_options *opt, li_index **out,
                  char *err, size_t errsz);
void li_index_free(li_index *ix);

/* Follow (tail -f): indexes what was appended to the file since it was
 * indexed, on the calling thread: the lines added are parsed as by
 * li_index_open(), and an unterminated last line that grew is re-read.
 * *added (may be NULL) gets the number of new lines.  Returns 0;
 * LI_ETRUNCATED if the file is now shorter than what was indexed, or
 * LI_EROTATED if its path names another file (log rotation) or none:
 * the index is unchanged then, and the caller reindexes the path; or
 * LI_EIO / LI_ENOMEM / LI_ETOOBIG (the index keeps what it had).  Not
 * concurrently with anything else on the same index. */
int li_index_update(li_index *ix, uint64_t *added, char *err, size_t errsz);

uint64_t li_count(const li_index *ix);       /* lines */
uint64_t li_size(const li_index *ix);        /* bytes indexed */
const char *li_path(const li_index *ix);
int li_threads_used(const li_index *ix);
/* Entries per level (LI_LEVELS counts): the lines that are not
 * continuations; a stack trace counts once, with its ERROR line. */
const uint64_t *li_level_counts(const li_index *ix);
/* First and last timestamp (seconds since the epoch, UTC; 0: none). */
void li_time_range(const li_index *ix, int64_t *first, int64_t *last);

unsigned li_line_flags(const li_index *ix, uint64_t line); /* level | LI_CONT */
int64_t li_line_time(const li_index *ix, uint64_t line);
uint64_t li_line_offset(const li_index *ix, uint64_t line);
/* The length of the line's text, without its "\n" / "\r\n". */
uint64_t li_line_length(const li_index *ix, uint64_t line);
/* Copies up to `cap` bytes of the line's text into buf; returns the bytes
 * copied (fewer if the file shrank), or -1 on a read error. */
long li_line_read(const li_index *ix, uint64_t line, char *buf, size_t cap);

/* Filter: the lines whose level bit (1u << level) is in `level_mask` and,
 * when `pattern` is not empty, whose text matches it.  The pattern is a
 * PCRE2 (Perl) expression, or a POSIX extended one with LI_POSIX; a
 * pattern without special characters is searched as plain text (memmem).
 * The result is an ascending array of line numbers (free() it). */
#define LI_ICASE 0x1u
#define LI_POSIX 0x2u  /* regex.h instead of PCRE2 (benchmarks, tests) */
int li_filter(const li_index *ix, const char *pattern, unsigned flags,
              unsigned level_mask, const li_options *opt, uint32_t **out,
              uint64_t *count, char *err, size_t errsz);

/* Counts the lines of `view` (NULL: every line; else `n` line numbers) per
 * time bin and level: counts[bin * LI_LEVELS + level], `bins` bins of
 * `step` seconds from `t0`, chosen to cover the view's time range (a round
 * step: 1 s, 5 s, ... 1 h, 6 h, 1 d).  Returns the bins used (<= bins: the
 * data may end before the last), or -1 if no line has a time (then
 * *t0 = *step = 0 and counts is zeroed). */
int li_histogram(const li_index *ix, const uint32_t *view, uint64_t n,
                 int bins, int64_t *t0, int64_t *step, uint64_t *counts);

/* The first position in the view (NULL: every line, n = li_count) whose
 * line's time is >= t; n if none. */
uint64_t li_seek_time(const li_index *ix, const uint32_t *view, uint64_t n,
                      int64_t t);

/* Parses the "YYYY-MM-DD[T ]HH:MM:SS" at the start of s (len bytes);
 * returns epoch seconds (UTC) or 0.  And the level word near the start of
 * a line (LI_NONE if none).  Exposed for the tests. */
int64_t li_parse_time(const char *s, size_t len);
int li_parse_level(const char *s, size_t len);

#endif
