/*
 * win32.c - the system layer on Windows (built with mingw-w64 here and
 * tested under Wine; MSVC needs nothing else).
 */
#ifdef _WIN32
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sash.h"
#include "sys/sys.h" /* <windows.h> first: the headers below need it */

#include <bcrypt.h>
#include <process.h>
#include <shlobj.h>

typedef struct start_info {
    void (*fn)(void *);
    void *arg;
} start_info;

static unsigned __stdcall thread_main(void *p)
{
    start_info s = *(start_info *)p;
    free(p);
    s.fn(s.arg);
    return 0;
}

int sash__thread_start(sash__thread *t, void (*fn)(void *), void *arg)
{
    start_info *s = malloc(sizeof *s);
    if (!s)
        return SASH_ENOMEM;
    *s = (start_info){fn, arg};
    /* _beginthreadex, not CreateThread: the C runtime's per-thread state
     * is set up for the thread. */
    uintptr_t h = _beginthreadex(NULL, 0, thread_main, s, 0, NULL);
    if (!h) {
        free(s);
        return SASH_EPLATFORM;
    }
    *t = (HANDLE)h;
    return 0;
}

void sash__thread_join(sash__thread t)
{
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}

void sash__thread_detach(sash__thread t)
{
    CloseHandle(t); /* the thread runs on; only the handle goes */
}

uint64_t sash__now_ns(void)
{
    static LARGE_INTEGER freq; /* constant while the system runs */
    if (!freq.QuadPart)
        QueryPerformanceFrequency(&freq);
    LARGE_INTEGER now;
    QueryPerformanceCounter(&now);
    /* Split to avoid overflowing 64 bits at high frequencies. */
    uint64_t s = (uint64_t)(now.QuadPart / freq.QuadPart);
    uint64_t r = (uint64_t)(now.QuadPart % freq.QuadPart);
    return s * 1000000000u + r * 1000000000u / (uint64_t)freq.QuadPart;
}

void sash__sleep_ms(unsigned ms)
{
    Sleep(ms);
}

int sash__random_bytes(void *buf, size_t len)
{
    NTSTATUS st = BCryptGenRandom(NULL, buf, (ULONG)len,
                                  BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    return st == 0 ? 0 : -1;
}

int sash__cpu_count(void)
{
    DWORD n = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
    return n > 0 ? (int)n : 1;
}

long sash__process_id(void)
{
    return (long)GetCurrentProcessId();
}

/* -- known folders ------------------------------------------------------------ */

/* A known folder as UTF-8, canonical, + "/" + tail (may be NULL). */
static char *known(REFKNOWNFOLDERID id, const char *tail)
{
    PWSTR w = NULL;
    if (FAILED(SHGetKnownFolderPath(id, 0, NULL, &w)))
        return NULL;
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    size_t extra = tail ? strlen(tail) + 1 : 0;
    char *s = n > 0 ? malloc((size_t)n + extra) : NULL;
    if (s) {
        WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
        if (tail) {
            strcat(s, "/");
            strcat(s, tail);
        }
    }
    CoTaskMemFree(w);
    char *canon = s ? sash__path_canonical(s, SASH__PATH_WINDOWS) : NULL;
    free(s);
    return canon;
}

static char *temp_folder(void)
{
    WCHAR w[MAX_PATH + 1];
    DWORD n = GetTempPathW(MAX_PATH + 1, w);
    if (n == 0 || n > MAX_PATH)
        return NULL;
    char u[4 * MAX_PATH + 4];
    if (!WideCharToMultiByte(CP_UTF8, 0, w, -1, u, (int)sizeof u, NULL, NULL))
        return NULL;
    return sash__path_canonical(u, SASH__PATH_WINDOWS);
}

char *sash__known_folder(sash__folder folder, const char *identifier)
{
    const char *id = identifier && *identifier ? identifier : "app.sash";
    switch (folder) {
    case SASH__FOLDER_HOME: return known(&FOLDERID_Profile, NULL);
    case SASH__FOLDER_APPDATA: return known(&FOLDERID_RoamingAppData, id);
    case SASH__FOLDER_APPCONFIG: return known(&FOLDERID_RoamingAppData, id);
    case SASH__FOLDER_APPCACHE: return known(&FOLDERID_LocalAppData, id);
    case SASH__FOLDER_DOCUMENTS: return known(&FOLDERID_Documents, NULL);
    case SASH__FOLDER_DOWNLOADS: return known(&FOLDERID_Downloads, NULL);
    case SASH__FOLDER_DESKTOP: return known(&FOLDERID_Desktop, NULL);
    case SASH__FOLDER_PICTURES: return known(&FOLDERID_Pictures, NULL);
    case SASH__FOLDER_MUSIC: return known(&FOLDERID_Music, NULL);
    case SASH__FOLDER_VIDEOS: return known(&FOLDERID_Videos, NULL);
    case SASH__FOLDER_TEMP: return temp_folder();
    default: return NULL;
    }
}
#endif
