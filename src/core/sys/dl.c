/*
 * dl.c - the system layer for sash dev's hot swap: loading modules and
 * talking over an inherited pipe.  Nothing outside src/core/dev/ calls
 * these, so a release binary (which links no hot-swap code) does not pull
 * this object in and imports no dlopen().
 */
#define _GNU_SOURCE /* dladdr() */
#include "sys/sys.h"

#include <stdio.h>
#include <string.h>

#ifdef _WIN32
#include <io.h>

void *sash__dl_open(const char *path, char *err, size_t err_size)
{
    HMODULE m = LoadLibraryA(path);
    if (!m && err_size)
        snprintf(err, err_size, "LoadLibrary(%s) failed (error %lu)", path,
                 (unsigned long)GetLastError());
    return (void *)m;
}

void *sash__dl_sym(void *module, const char *name)
{
    return (void *)(intptr_t)GetProcAddress((HMODULE)module, name);
}

void sash__dl_close(void *module)
{
    if (module)
        FreeLibrary((HMODULE)module);
}

int sash__dl_owns(const char *path, const void *addr)
{
    HMODULE m = NULL;
    char name[MAX_PATH];
    if (!addr || !GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                                         GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                                     (LPCSTR)addr, &m))
        return 0;
    DWORD n = GetModuleFileNameA(m, name, sizeof name);
    return n > 0 && n < sizeof name && _stricmp(name, path) == 0;
}

long sash__fd_read(int fd, void *buf, size_t len)
{
    return _read(fd, buf, (unsigned)len);
}

long sash__fd_write(int fd, const void *buf, size_t len)
{
    return _write(fd, buf, (unsigned)len);
}
#else
#include <dlfcn.h>
#include <errno.h>
#include <unistd.h>

void *sash__dl_open(const char *path, char *err, size_t err_size)
{
    void *m = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!m && err_size) {
        const char *e = dlerror();
        snprintf(err, err_size, "%s", e ? e : "dlopen failed");
    }
    return m;
}

void *sash__dl_sym(void *module, const char *name)
{
    return module ? dlsym(module, name) : NULL;
}

void sash__dl_close(void *module)
{
    if (module)
        dlclose(module);
}

int sash__dl_owns(const char *path, const void *addr)
{
    Dl_info info;
    if (!addr || !path || !dladdr(addr, &info) || !info.dli_fname)
        return 0;
    return strcmp(info.dli_fname, path) == 0;
}

long sash__fd_read(int fd, void *buf, size_t len)
{
    ssize_t n;
    do
        n = read(fd, buf, len);
    while (n < 0 && errno == EINTR);
    return (long)n;
}

long sash__fd_write(int fd, const void *buf, size_t len)
{
    ssize_t n;
    do
        n = write(fd, buf, len);
    while (n < 0 && errno == EINTR);
    return (long)n;
}
#endif
