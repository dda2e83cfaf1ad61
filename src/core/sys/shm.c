/*
 * shm.c - sealed memfds for the shared-memory bridge (see shm.h).
 *
 * Fresh pages cost more than a copy (100 MB into a new memfd 55 ms, into a
 * reused one 5 ms), so buffers are pooled: at most POOL_IDLE_MAX idle ones
 * holding at most POOL_IDLE_BYTES.  Every buffer is sealed against
 * shrinking and growing before it leaves the process, as the app demands
 * of what it receives.
 */
#if defined(__linux__)
#define _GNU_SOURCE
#endif
#include <stdlib.h>
#include <string.h>

#include "sys/shm.h"
#include "sys/sys.h"

#define POOL_IDLE_MAX 8
#define POOL_IDLE_BYTES ((size_t)256 << 20)
#define GRAIN ((size_t)64 << 10)

enum { IDLE, BUSY, LENT };

#if defined(__linux__)
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SEALS (F_SEAL_SHRINK | F_SEAL_GROW)

static sash__mutex lock = SASH__MUTEX_INIT;
static sash__shm *buffers; /* all of them: idle, busy and lent */
static uint64_t next_id;

typedef struct mapping {
    void *ptr;
    size_t len;
    struct mapping *next;
} mapping;
static mapping *mappings; /* sash__shm_map_in() */

int sash__shm_supported(void)
{
    return 1;
}

static void destroy(sash__shm *b)
{
    munmap(b->map, b->cap);
    close(b->fd);
    free(b);
}

static sash__shm *create(size_t len)
{
    size_t cap = len < GRAIN ? GRAIN : (len + GRAIN - 1) / GRAIN * GRAIN;
    if (cap < len) /* overflow */
        return NULL;
    sash__shm *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->fd = memfd_create("sash-bytes", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (b->fd < 0) {
        free(b);
        return NULL;
    }
    void *m = MAP_FAILED;
    if (ftruncate(b->fd, (off_t)cap) != 0 || fcntl(b->fd, F_ADD_SEALS, SEALS) != 0 ||
        (m = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_SHARED, b->fd, 0)) == MAP_FAILED) {
        close(b->fd);
        free(b);
        return NULL;
    }
    b->map = m;
    b->cap = cap;
    return b;
}

sash__shm *sash__shm_get(size_t len)
{
    sash__mutex_lock(&lock);
    /* The smallest idle buffer that fits without wasting more than half. */
    sash__shm *best = NULL;
    for (sash__shm *b = buffers; b; b = b->next)
        if (b->state == IDLE && b->cap >= len && b->cap / 2 <= len + GRAIN &&
            (!best || b->cap < best->cap))
            best = b;
    if (best) {
        best->state = BUSY;
        best->len = len;
        sash__mutex_unlock(&lock);
        return best;
    }
    sash__mutex_unlock(&lock);
    sash__shm *b = create(len); /* outside the lock: it touches no pages */
    if (!b)
        return NULL;
    b->state = BUSY;
    b->len = len;
    sash__mutex_lock(&lock);
    b->next = buffers;
    buffers = b;
    sash__mutex_unlock(&lock);
    return b;
}

sash__shm *sash__shm_of(const void *ptr)
{
    sash__shm *found = NULL;
    sash__mutex_lock(&lock);
    for (sash__shm *b = buffers; b && !found; b = b->next)
        if (b->state == BUSY && (const void *)b->map == ptr)
            found = b;
    sash__mutex_unlock(&lock);
    return found;
}

static void unlink_buffer(sash__shm *b)
{
    for (sash__shm **p = &buffers; *p; p = &(*p)->next)
        if (*p == b) {
            *p = b->next;
            return;
        }
}

/* Called with the lock held: whether one more idle buffer of `cap` bytes
 * fits the pool's bounds. */
static int room_for(size_t cap)
{
    size_t n = 0, bytes = 0;
    for (sash__shm *b = buffers; b; b = b->next)
        if (b->state == IDLE) {
            n++;
            bytes += b->cap;
        }
    return n < POOL_IDLE_MAX && bytes + cap <= POOL_IDLE_BYTES;
}

void sash__shm_put(sash__shm *b)
{
    if (!b)
        return;
    sash__mutex_lock(&lock);
    int keep = room_for(b->cap);
    if (keep) {
        b->state = IDLE;
        b->len = 0;
    } else {
        unlink_buffer(b);
    }
    sash__mutex_unlock(&lock);
    if (!keep)
        destroy(b);
}

/* A page that never acknowledges (gone mid-transfer, or lying) keeps at
 * most this many buffers lent: past it the oldest is forgotten here (its
 * pages stay with the web process that holds them). */
#define LENT_MAX 8

void sash__shm_lend(sash__shm *b, const void *owner)
{
    sash__shm *oldest = NULL;
    size_t lent = 0;
    sash__mutex_lock(&lock);
    b->state = LENT;
    b->owner = owner;
    b->id = ++next_id;
    for (sash__shm *x = buffers; x; x = x->next)
        if (x->state == LENT && x->owner == owner) {
            lent++;
            if (!oldest || x->id < oldest->id)
                oldest = x;
        }
    if (lent > LENT_MAX)
        unlink_buffer(oldest);
    else
        oldest = NULL;
    sash__mutex_unlock(&lock);
    if (oldest)
        destroy(oldest);
}

int sash__shm_ack(const void *owner, uint64_t id)
{
    sash__shm *found = NULL;
    sash__mutex_lock(&lock);
    for (sash__shm *b = buffers; b && !found; b = b->next)
        if (b->state == LENT && b->owner == owner && b->id == id)
            found = b;
    if (found)
        found->state = BUSY;
    sash__mutex_unlock(&lock);
    if (!found)
        return -1;
    sash__shm_put(found);
    return 0;
}

void sash__shm_drop_owner(const void *owner)
{
    sash__shm *drop = NULL;
    sash__mutex_lock(&lock);
    for (sash__shm **p = &buffers; *p;) {
        sash__shm *b = *p;
        if (b->owner == owner && b->state != BUSY) {
            *p = b->next;
            b->next = drop;
            drop = b;
        } else {
            p = &b->next;
        }
    }
    sash__mutex_unlock(&lock);
    while (drop) {
        sash__shm *next = drop->next;
        destroy(drop);
        drop = next;
    }
}

void sash__shm_trim(void)
{
    sash__shm *drop = NULL;
    sash__mutex_lock(&lock);
    for (sash__shm **p = &buffers; *p;) {
        sash__shm *b = *p;
        if (b->state != BUSY) {
            *p = b->next;
            b->next = drop;
            drop = b;
        } else {
            p = &b->next;
        }
    }
    sash__mutex_unlock(&lock);
    while (drop) {
        sash__shm *next = drop->next;
        destroy(drop);
        drop = next;
    }
}

void sash__shm_counts(size_t *n, size_t *bytes)
{
    size_t c = 0, s = 0;
    sash__mutex_lock(&lock);
    for (sash__shm *b = buffers; b; b = b->next) {
        c++;
        s += b->cap;
    }
    sash__mutex_unlock(&lock);
    if (n)
        *n = c;
    if (bytes)
        *bytes = s;
}

int sash__shm_map_in(int fd, size_t len, void **out, const char **why)
{
    struct stat st;
    *out = NULL;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *why = "the descriptor is not shared memory";
        return -1;
    }
    int seals = fcntl(fd, F_GET_SEALS);
    if (seals < 0 || (seals & SEALS) != SEALS) {
        *why = "the shared memory is not sealed against shrinking and growing";
        return -1;
    }
    if (st.st_size < 0 || (uint64_t)st.st_size < (uint64_t)len) {
        *why = "the shared memory is smaller than the length it came with";
        return -1;
    }
    if (len == 0) {
        *why = "empty shared memory";
        return -1;
    }
    mapping *m = malloc(sizeof *m);
    if (!m) {
        *why = "out of memory";
        return -1;
    }
    void *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        free(m);
        *why = "the shared memory could not be mapped";
        return -1;
    }
    m->ptr = p;
    m->len = len;
    sash__mutex_lock(&lock);
    m->next = mappings;
    mappings = m;
    sash__mutex_unlock(&lock);
    *out = p;
    return 0;
}

void sash__shm_unmap_in(void *ptr)
{
    mapping *found = NULL;
    sash__mutex_lock(&lock);
    for (mapping **p = &mappings; *p; p = &(*p)->next)
        if ((*p)->ptr == ptr) {
            found = *p;
            *p = found->next;
            break;
        }
    sash__mutex_unlock(&lock);
    if (found) {
        munmap(found->ptr, found->len);
        free(found);
    }
}

void sash__shm_close_fd(int fd)
{
    if (fd >= 0)
        close(fd);
}

#else /* no memfds: every request fails and Sash uses its other paths */

int sash__shm_supported(void) { return 0; }
sash__shm *sash__shm_get(size_t len) { (void)len; return NULL; }
sash__shm *sash__shm_of(const void *ptr) { (void)ptr; return NULL; }
void sash__shm_put(sash__shm *b) { (void)b; }
void sash__shm_lend(sash__shm *b, const void *owner) { (void)b; (void)owner; }
int sash__shm_ack(const void *owner, uint64_t id) { (void)owner; (void)id; return -1; }
void sash__shm_drop_owner(const void *owner) { (void)owner; }
void sash__shm_trim(void) {}
void sash__shm_counts(size_t *n, size_t *bytes)
{
    if (n)
        *n = 0;
    if (bytes)
        *bytes = 0;
}
int sash__shm_map_in(int fd, size_t len, void **out, const char **why)
{
    (void)fd;
    (void)len;
    *out = NULL;
    *why = "no shared memory on this system";
    return -1;
}
void sash__shm_unmap_in(void *ptr) { (void)ptr; }
void sash__shm_close_fd(int fd) { (void)fd; }

#endif
