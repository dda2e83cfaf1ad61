/*
 * shm.h - shared memory for big bytes (Linux: sealed memfds), the part of
 * the shared-memory bridge that is the OS's: a bounded pool of buffers C
 * fills (sash_bytes_alloc) and backends send to a web process, and the
 * checked mapping of buffers a web process sends.  Elsewhere every call
 * fails, and Sash uses its other paths.
 */
#ifndef SASH_SYS_SHM_H
#define SASH_SYS_SHM_H

#include <stddef.h>
#include <stdint.h>

/* One pooled buffer: a memfd sealed against shrinking and growing, mapped
 * read-write.  `len` is what its user filled. */
typedef struct sash__shm {
    int fd;
    unsigned char *map;
    size_t cap;
    size_t len;
    uint64_t id;       /* names it while lent to a page (ack) */
    const void *owner; /* the window it was last lent to (identity only) */
    int state;         /* idle, busy (C fills it), lent (a page copies it) */
    struct sash__shm *next;
} sash__shm;

/* 1 where memfds exist. */
int sash__shm_supported(void);
/* A buffer of at least `len` bytes for the caller (busy): from the pool or
 * new.  NULL if shared memory is unavailable or out of memory. */
sash__shm *sash__shm_get(size_t len);
/* The busy buffer whose data starts at `ptr`, or NULL. */
sash__shm *sash__shm_of(const void *ptr);
/* Back to the pool (destroyed when the pool is over its bounds). */
void sash__shm_put(sash__shm *b);
/* `b` was sent to the page of window `owner`: lent until acked.  Sets
 * b->id. */
void sash__shm_lend(sash__shm *b, const void *owner);
/* The page of `owner` copied the buffer `id`: back to the pool.  0, or -1
 * if `owner` has no such buffer lent (a lying page). */
int sash__shm_ack(const void *owner, uint64_t id);
/* Window `owner` is gone: its lent and idle buffers are destroyed (its web
 * process may still hold them, so they are never reused). */
void sash__shm_drop_owner(const void *owner);
/* Frees every idle buffer (the app is ending). */
void sash__shm_trim(void);
/* Buffers in the pool and lent, and their bytes (tests, bench). */
void sash__shm_counts(size_t *buffers, size_t *bytes);

/* Maps `len` bytes of `fd`, a buffer from an untrusted process, read-only
 * into *out, after checking that it is sealed against shrinking and
 * growing and really holds `len` bytes (so reading it can never raise
 * SIGBUS).  Does not close fd.  0, or -1 with *why set (static text). */
int sash__shm_map_in(int fd, size_t len, void **out, const char **why);
/* Unmaps what sash__shm_map_in() mapped (a free function for it). */
void sash__shm_unmap_in(void *ptr);
/* Closes a descriptor received from elsewhere. */
void sash__shm_close_fd(int fd);

#endif
