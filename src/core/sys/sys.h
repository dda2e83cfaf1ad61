/*
 * sys.h - the system layer: the only way the core reaches the OS.
 *
 * Threads, locks, conditions, the monotonic clock, random bytes, the CPU
 * count, known folders and path rules, with a POSIX side (posix.c) and a
 * Win32 side (win32.c), as libuv's src/unix and src/win.  Everything else
 * in src/core is plain C11; a CI check (scripts/check-portable) refuses any
 * direct OS call outside this folder.  Locks are inline: they are on every
 * call's path.  C11 atomics (<stdatomic.h>) are the language's, not the
 * OS's, and are used directly.
 */
#ifndef SASH_SYS_H
#define SASH_SYS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#else
#include <pthread.h>
#endif

/* -- thread-local storage --------------------------------------------------- */

#if defined(_MSC_VER) && !defined(__clang__)
#define SASH__THREAD_LOCAL __declspec(thread)
#else
#define SASH__THREAD_LOCAL _Thread_local
#endif

/* -- locks and conditions ------------------------------------------------------
 * sash__mutex: not recursive.  sash__cond: waits may wake spuriously, so
 * always wait in a loop on the condition.  sash__rwlock: readers share,
 * a writer excludes; unlock names the side (Win32's SRW locks need it). */

#ifdef _WIN32
typedef SRWLOCK sash__mutex;
typedef CONDITION_VARIABLE sash__cond;
typedef SRWLOCK sash__rwlock;
typedef HANDLE sash__thread;
typedef DWORD sash__thread_id;
#define SASH__MUTEX_INIT SRWLOCK_INIT
#define SASH__COND_INIT CONDITION_VARIABLE_INIT

static inline void sash__mutex_init(sash__mutex *m) { InitializeSRWLock(m); }
static inline void sash__mutex_destroy(sash__mutex *m) { (void)m; }
static inline void sash__mutex_lock(sash__mutex *m) { AcquireSRWLockExclusive(m); }
static inline void sash__mutex_unlock(sash__mutex *m) { ReleaseSRWLockExclusive(m); }
static inline void sash__cond_init(sash__cond *c) { InitializeConditionVariable(c); }
static inline void sash__cond_destroy(sash__cond *c) { (void)c; }
static inline void sash__cond_wait(sash__cond *c, sash__mutex *m)
{
    SleepConditionVariableSRW(c, m, INFINITE, 0);
}
/* 0 when woken (maybe spuriously), 1 when `ms` passed. */
static inline int sash__cond_timedwait_ms(sash__cond *c, sash__mutex *m,
                                          unsigned ms)
{
    return SleepConditionVariableSRW(c, m, ms, 0) ? 0 : 1;
}
static inline void sash__cond_signal(sash__cond *c) { WakeConditionVariable(c); }
static inline void sash__cond_broadcast(sash__cond *c) { WakeAllConditionVariable(c); }
static inline void sash__rwlock_init(sash__rwlock *l) { InitializeSRWLock(l); }
static inline void sash__rwlock_destroy(sash__rwlock *l) { (void)l; }
static inline void sash__rwlock_rdlock(sash__rwlock *l) { AcquireSRWLockShared(l); }
static inline void sash__rwlock_rdunlock(sash__rwlock *l) { ReleaseSRWLockShared(l); }
static inline void sash__rwlock_wrlock(sash__rwlock *l) { AcquireSRWLockExclusive(l); }
static inline void sash__rwlock_wrunlock(sash__rwlock *l) { ReleaseSRWLockExclusive(l); }
static inline sash__thread_id sash__thread_self(void) { return GetCurrentThreadId(); }
static inline int sash__thread_same(sash__thread_id a, sash__thread_id b) { return a == b; }
#else
typedef pthread_mutex_t sash__mutex;
typedef pthread_cond_t sash__cond;
typedef pthread_rwlock_t sash__rwlock;
typedef pthread_t sash__thread;
typedef pthread_t sash__thread_id;
#define SASH__MUTEX_INIT PTHREAD_MUTEX_INITIALIZER
#define SASH__COND_INIT PTHREAD_COND_INITIALIZER

static inline void sash__mutex_init(sash__mutex *m) { pthread_mutex_init(m, NULL); }
static inline void sash__mutex_destroy(sash__mutex *m) { pthread_mutex_destroy(m); }
static inline void sash__mutex_lock(sash__mutex *m) { pthread_mutex_lock(m); }
static inline void sash__mutex_unlock(sash__mutex *m) { pthread_mutex_unlock(m); }
static inline void sash__cond_init(sash__cond *c) { pthread_cond_init(c, NULL); }
static inline void sash__cond_destroy(sash__cond *c) { pthread_cond_destroy(c); }
static inline void sash__cond_wait(sash__cond *c, sash__mutex *m) { pthread_cond_wait(c, m); }
/* 0 when woken (maybe spuriously), 1 when `ms` passed (posix.c). */
int sash__cond_timedwait_ms(sash__cond *c, sash__mutex *m, unsigned ms);
static inline void sash__cond_signal(sash__cond *c) { pthread_cond_signal(c); }
static inline void sash__cond_broadcast(sash__cond *c) { pthread_cond_broadcast(c); }
static inline void sash__rwlock_init(sash__rwlock *l) { pthread_rwlock_init(l, NULL); }
static inline void sash__rwlock_destroy(sash__rwlock *l) { pthread_rwlock_destroy(l); }
static inline void sash__rwlock_rdlock(sash__rwlock *l) { pthread_rwlock_rdlock(l); }
static inline void sash__rwlock_rdunlock(sash__rwlock *l) { pthread_rwlock_unlock(l); }
static inline void sash__rwlock_wrlock(sash__rwlock *l) { pthread_rwlock_wrlock(l); }
static inline void sash__rwlock_wrunlock(sash__rwlock *l) { pthread_rwlock_unlock(l); }
static inline sash__thread_id sash__thread_self(void) { return pthread_self(); }
static inline int sash__thread_same(sash__thread_id a, sash__thread_id b)
{
    return pthread_equal(a, b);
}
#endif

/* -- threads ---------------------------------------------------------------- */

/* Starts fn(arg) on a new thread.  0, or SASH_ENOMEM / SASH_EPLATFORM. */
int sash__thread_start(sash__thread *t, void (*fn)(void *), void *arg);
/* Waits for the thread to end and releases it. */
void sash__thread_join(sash__thread t);
/* Lets the thread end on its own; it is never joined. */
void sash__thread_detach(sash__thread t);

/* -- time, randomness, machine -------------------------------------------- */

/* Monotonic nanoseconds since an arbitrary start; never goes back. */
uint64_t sash__now_ns(void);
/* Sleeps at least `ms` milliseconds (tests and back-off only). */
void sash__sleep_ms(unsigned ms);
/* Fills buf with cryptographically strong random bytes: 0, or -1 if the
 * OS could not give any (the caller decides what a weaker value costs). */
int sash__random_bytes(void *buf, size_t len);
/* Online CPUs, at least 1. */
int sash__cpu_count(void);
/* The process id, for log lines and weak fallbacks. */
long sash__process_id(void);

/* -- known folders ------------------------------------------------------------
 * The folders scope variables name ($HOME, $APPDATA...), found the
 * platform's way: XDG (environment, then user-dirs.dirs, then defaults) on
 * POSIX, the known-folder API on Windows.  `identifier` is the app's
 * reverse-DNS id, appended to the per-app folders.  Returns a new string
 * in the native path style (caller frees), or NULL if unknown. */
typedef enum sash__folder {
    SASH__FOLDER_HOME,
    SASH__FOLDER_APPDATA,   /* per app, roaming data */
    SASH__FOLDER_APPCONFIG, /* per app, settings */
    SASH__FOLDER_APPCACHE,  /* per app, may be deleted */
    SASH__FOLDER_DOCUMENTS,
    SASH__FOLDER_DOWNLOADS,
    SASH__FOLDER_DESKTOP,
    SASH__FOLDER_PICTURES,
    SASH__FOLDER_MUSIC,
    SASH__FOLDER_VIDEOS,
    SASH__FOLDER_TEMP,
    SASH__FOLDER_COUNT
} sash__folder;
char *sash__known_folder(sash__folder folder, const char *identifier);

/* -- path rules (path.c; pure string code, both styles on every OS) -----------
 * Sash matches scopes on one canonical form: '/' separators, "." and ".."
 * resolved lexically ("/.." stays "/"); a Windows path keeps its drive
 * ("c:/users/a") or UNC prefix ("//server/share/...") and is lower-cased
 * (ASCII), since Windows file systems ignore case.
 * `style` picks the rules; SASH__PATH_NATIVE is this OS's. */
typedef enum sash__path_style {
    SASH__PATH_POSIX = 0,
    SASH__PATH_WINDOWS = 1,
#ifdef _WIN32
    SASH__PATH_NATIVE = SASH__PATH_WINDOWS
#else
    SASH__PATH_NATIVE = SASH__PATH_POSIX
#endif
} sash__path_style;

/* 1 if `path` is absolute in that style: "/x" (POSIX); "C:\x", "C:/x",
 * "\\server\share" or "//server/share" (Windows; "\x" without a drive is
 * not: it depends on the current drive). */
int sash__path_is_absolute(const char *path, sash__path_style style);
/* The canonical form of an absolute path (new string), or NULL if it is
 * not absolute or memory ran out. */
char *sash__path_canonical(const char *path, sash__path_style style);


/* -- modules and a control pipe (dl.c; only sash dev's host uses them) -------
 * Kept in their own file so a release binary, which never references them,
 * links no dlopen() and no LoadLibrary(). */

/* Loads a shared object (symbols resolved now, kept local).  NULL on
 * failure, with the loader's message in err. */
void *sash__dl_open(const char *path, char *err, size_t err_size);
void *sash__dl_sym(void *module, const char *name);
void sash__dl_close(void *module);
/* 1 if `addr` (code or data) lies in the module loaded from `path` (the
 * path given to sash__dl_open), else 0. */
int sash__dl_owns(const char *path, const void *addr);
/* read()/write() on an inherited descriptor; -1 on error (EINTR retried). */
long sash__fd_read(int fd, void *buf, size_t len);
long sash__fd_write(int fd, const void *buf, size_t len);

/* File drag-and-drop (sys/file_real.c): the real path of an existing
 * regular file or folder (symbolic links, "." and ".." resolved; a new
 * string) and *is_dir, or NULL for anything else (missing, a device...). */
char *sash__file_real(const char *path, int *is_dir);

#endif
