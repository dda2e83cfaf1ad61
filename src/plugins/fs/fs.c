/*
 * fs.c - the fs plugin: files and folders for the page, each path checked
 * against the calling window's "fs" scope after realpath() of its longest
 * existing prefix (fs_path.c), writes atomic (temp file in the same
 * folder, fsync, rename), bytes over the raw path, watches via inotify
 * streamed through a channel (fs_watch.c).  docs/plugins/fs.md.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sash_plugins.h>

#include "fs_internal.h"
#include "fs_path.h"

static size_t max_read = (size_t)256 << 20;
static mode_t file_mode = 0644;

/* -- errors ---------------------------------------------------------------- */

void sash__fs_reject_errno(sash_call *call, int e, const char *what,
                           const char *path)
{
    const char *code = "io_error";
    switch (e) {
    case ENOENT: code = SASH_CODE_NOT_FOUND; break;
    case EEXIST: code = "already_exists"; break;
    case ELOOP: code = "symlink_loop"; break;
    case ENOTDIR: code = "not_a_directory"; break;
    case EISDIR: code = "is_a_directory"; break;
    case ENOTEMPTY: code = "not_empty"; break;
    case EACCES: case EPERM: code = "permission_denied"; break;
    case ENAMETOOLONG: code = SASH_CODE_BAD_ARGS; break;
    case EFBIG: code = SASH_CODE_TOO_LARGE; break;
    case ENOMEM: code = SASH_CODE_INTERNAL; break;
    default: break;
    }
    if (e == ELOOP)
        sash_reject(call, code, "%s '%s': too many levels of symbolic links (a loop?)",
                    what, path);
    else if (e == EXDEV)
        sash_reject(call, SASH_CODE_FORBIDDEN,
                    "%s '%s': a dangling symbolic link (where it leads is unknown)",
                    what, path);
    else
        sash_reject(call, code, "%s '%s': %s", what, path, strerror(e));
}

/* -- paths ----------------------------------------------------------------- */

char *sash__fs_scoped_path(sash_call *call, const json_t *args, const char *key,
                           const char *what)
{
    json_t *v = json_object_get(args, key);
    if (!json_is_string(v)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: '%s' must be a string (a path)",
                    what, key);
        return NULL;
    }
    const char *path = json_string_value(v);
    const char *bad = sash__fs_path_check(path, json_string_length(v));
    if (bad) {
        /* Not echoed: the path may be huge or hold a NUL. */
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: %s", what, bad);
        return NULL;
    }
    char *norm = sash__fs_path_normalize(path);
    if (!norm) {
        sash_reject(call, SASH_CODE_INTERNAL, "out of memory");
        return NULL;
    }
    char *real = NULL;
    int e = sash__fs_path_resolve(norm, &real);
    if (e) {
        sash__fs_reject_errno(call, e, what, norm);
        free(norm);
        return NULL;
    }
    free(norm);
    if (!sash_call_scope_allows(call, "fs", real)) {
        sash_reject(call, SASH_CODE_FORBIDDEN,
                    "%s: '%s' is outside the fs scope of window '%s' "
                    "(grant it in sash.json security.capabilities[].scopes.fs)",
                    what, real, sash_call_window_label(call));
        free(real);
        return NULL;
    }
    return real;
}

static int bool_arg(const json_t *args, const char *key)
{
    return json_is_true(json_object_get(args, key));
}

/* -- reading --------------------------------------------------------------- */

/* Reads a whole regular file: 0 and *data, *len (malloc'd), or an errno. */
static int read_all(const char *path, char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return e;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return EISDIR;
    }
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
    if (cap > max_read + 1) {
        close(fd);
        return EFBIG;
    }
    char *buf = malloc(cap);
    size_t n = 0;
    if (!buf) {
        close(fd);
        return ENOMEM;
    }
    for (;;) {
        if (n == cap) {
            if (cap > max_read) {
                free(buf);
                close(fd);
                return EFBIG;
            }
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                close(fd);
                return ENOMEM;
            }
            buf = b;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return e;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    *data = buf;
    *len = n;
    return 0;
}

static void fs_read_text_file(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    char *path = sash__fs_scoped_path(call, args, "path", "read_text_file");
    if (!path)
        return;
    char *data;
    size_t len;
    int e = read_all(path, &data, &len);
    if (e) {
        sash__fs_reject_errno(call, e, "read_text_file", path);
    } else {
        json_t *s = json_stringn(data, len);
        if (s)
            sash_resolve(call, s);
        else
            sash_reject(call, "not_text", "read_text_file '%s': not UTF-8 text "
                        "(use readFile for bytes)", path);
        free(data);
    }
    free(path);
}

static void fs_read_file(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    char *path = sash__fs_scoped_path(call, args, "path", "read_file");
    if (!path)
        return;
    char *data;
    size_t len;
    int e = read_all(path, &data, &len);
    if (e)
        sash__fs_reject_errno(call, e, "read_file", path);
    else
        sash_resolve_bytes(call, data, len, free);
    free(path);
}

/* -- writing --------------------------------------------------------------- */

static int write_full(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errno;
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

static void sync_parent(const char *path)
{
    char *dir = strdup(path);
    if (!dir)
        return;
    char *slash = strrchr(dir, '/');
    if (slash)
        slash == dir ? (void)(dir[1] = '\0') : (void)(*slash = '\0');
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

int sash__fs_write_atomic(const char *path, const void *data, size_t len)
{
    struct stat st;
    mode_t mode = file_mode;
    if (lstat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return EISDIR;
        if (S_ISREG(st.st_mode))
            mode = st.st_mode & 07777;
    }
    size_t pl = strlen(path);
    char *tmp = malloc(pl + 16);
    if (!tmp)
        return ENOMEM;
    const char *slash = strrchr(path, '/');
    size_t dl = (size_t)(slash - path) + 1;
    /* "dir/.name.XXXXXX": the same folder, so rename() is atomic. */
    snprintf(tmp, pl + 16, "%.*s.%s.XXXXXX", (int)dl, path, slash + 1);
    if (strlen(slash + 1) > SASH__FS_NAME_MAX - 8) /* keep the temp name legal */
        snprintf(tmp, pl + 16, "%.*s.sash-tmp.XXXXXX", (int)dl, path);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return e;
    }
    int e = write_full(fd, data, len);
    if (!e && fchmod(fd, mode) != 0)
        e = errno;
    if (!e && fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e)
        unlink(tmp);
    else
        sync_parent(path);
    free(tmp);
    return e;
}

static int append_to(const char *path, const void *data, size_t len)
{
    /* O_NOFOLLOW: the checked path is the one written, never a link made
     * in between. */
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
                  file_mode);
    if (fd < 0)
        return errno;
    int e = write_full(fd, data, len);
    if (close(fd) != 0 && !e)
        e = errno;
    return e;
}

static void do_write(sash_call *call, const char *what, const char *path,
                     const void *data, size_t len, int append)
{
    int e = append ? append_to(path, data, len)
                   : sash__fs_write_atomic(path, data, len);
    if (e)
        sash__fs_reject_errno(call, e, what, path);
    else
        sash_resolve(call, NULL);
}

static void fs_write_text_file(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    json_t *c = json_object_get(args, "contents");
    if (!json_is_string(c)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "write_text_file: 'contents' must be a string");
        return;
    }
    char *path = sash__fs_scoped_path(call, args, "path", "write_text_file");
    if (!path)
        return;
    do_write(call, "write_text_file", path, json_string_value(c),
             json_string_length(c), bool_arg(args, "append"));
    free(path);
}

static void fs_write_file(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    size_t len = 0;
    const void *data = sash_call_bytes(call, &len);
    if (!data) {
        sash_reject(call, SASH_CODE_BAD_ARGS,
                    "write_file: send the bytes as a Uint8Array or ArrayBuffer "
                    "(invoke(cmd, bytes, {path}))");
        return;
    }
    char *path = sash__fs_scoped_path(call, args, "path", "write_file");
    if (!path)
        return;
    do_write(call, "write_file", path, data, len, bool_arg(args, "append"));
    free(path);
}

/* -- metadata ---------------------------------------------------------------- */

static json_t *stat_json(const struct stat *st, int is_link)
{
    json_t *o = json_object();
    json_object_set_new(o, "isFile", json_boolean(S_ISREG(st->st_mode)));
    json_object_set_new(o, "isDirectory", json_boolean(S_ISDIR(st->st_mode)));
    json_object_set_new(o, "isSymlink", json_boolean(is_link));
    json_object_set_new(o, "size", json_integer((json_int_t)st->st_size));
    json_object_set_new(o, "mtime", json_real((double)st->st_mtim.tv_sec * 1000.0 +
                                              (double)st->st_mtim.tv_nsec / 1e6));
    json_object_set_new(o, "mode", json_integer((json_int_t)(st->st_mode & 07777)));
    return o;
}

static void fs_stat(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    char *path = sash__fs_scoped_path(call, args, "path", "stat");
    if (!path)
        return;
    struct stat st;
    if (stat(path, &st) != 0)
        sash__fs_reject_errno(call, errno, "stat", path);
    else
        sash_resolve(call, stat_json(&st, 0));
    free(path);
}

static void fs_exists(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    char *path = sash__fs_scoped_path(call, args, "path", "exists");
    if (!path)
        return;
    struct stat st;
    sash_resolve(call, json_boolean(lstat(path, &st) == 0));
    free(path);
}

static int by_name(const void *a, const void *b)
{
    const char *x = json_string_value(json_object_get(*(json_t *const *)a, "name"));
    const char *y = json_string_value(json_object_get(*(json_t *const *)b, "name"));
    return strcmp(x ? x : "", y ? y : "");
}

static void fs_read_dir(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    char *path = sash__fs_scoped_path(call, args, "path", "read_dir");
    if (!path)
        return;
    DIR *d = opendir(path);
    if (!d) {
        sash__fs_reject_errno(call, errno, "read_dir", path);
        free(path);
        return;
    }
    size_t n = 0, cap = 64;
    json_t **items = malloc(cap * sizeof *items);
    struct dirent *de;
    while (items && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        /* Entries the scope denies are not shown (deny wins). */
        char full[SASH__FS_PATH_MAX + 300];
        snprintf(full, sizeof full, "%s/%s", strcmp(path, "/") == 0 ? "" : path, de->d_name);
        if (!sash_call_scope_allows(call, "fs", full))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; /* gone meanwhile */
        int link = S_ISLNK(st.st_mode);
        struct stat target;
        if (link && fstatat(dirfd(d), de->d_name, &target, 0) == 0)
            st = target; /* describe what it points to, flag the link */
        json_t *o = stat_json(&st, link);
        json_t *name = json_string(de->d_name);
        if (!name) /* not UTF-8: pass it on lossily rather than drop it */
            name = json_stringn_nocheck(de->d_name, strlen(de->d_name));
        json_object_set_new(o, "name", name);
        if (n == cap) {
            json_t **b = realloc(items, cap * 2 * sizeof *items);
            if (!b) {
                json_decref(o);
                break;
            }
            items = b;
            cap *= 2;
        }
        items[n++] = o;
    }
    closedir(d);
    if (!items) {
        sash_reject(call, SASH_CODE_INTERNAL, "out of memory");
        free(path);
        return;
    }
    qsort(items, n, sizeof *items, by_name);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, items[i]);
    free(items);
    sash_resolve(call, arr);
    free(path);
}

/* -- folders, remove, rename, copy ------------------------------------------- */

static int mkdir_p(char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
    char *slash = strrchr(path, '/');
    if (slash && slash != path) {
        *slash = '\0';
        int e = mkdir_p(path);
        *slash = '/';
        if (e)
            return e;
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return errno;
    return 0;
}

static void fs_mkdir(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    char *path = sash__fs_scoped_path(call, args, "path", "mkdir");
    if (!path)
        return;
    int e = bool_arg(args, "recursive") ? mkdir_p(path)
                                        : (mkdir(path, 0777) == 0 ? 0 : errno);
    if (e)
        sash__fs_reject_errno(call, e, "mkdir", path);
    else
        sash_resolve(call, NULL);
    free(path);
}

/* nftw() takes no user pointer: the scope check of a recursive remove
 * uses a per-thread one (each command runs on one worker). */
static _Thread_local sash_call *walk_call;
static _Thread_local const char *walk_denied;
static _Thread_local char walk_denied_buf[512];

static int check_entry(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
    (void)sb;
    (void)flag;
    (void)f;
    if (!sash_call_scope_allows(walk_call, "fs", p)) {
        snprintf(walk_denied_buf, sizeof walk_denied_buf, "%s", p);
        walk_denied = walk_denied_buf;
        return 1;
    }
    return 0;
}

static int remove_entry(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
    (void)sb;
    (void)f;
    int r = flag == FTW_DP ? rmdir(p) : unlink(p);
    return r == 0 || errno == ENOENT ? 0 : errno;
}

static void fs_remove(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    char *path = sash__fs_scoped_path(call, args, "path", "remove");
    if (!path)
        return;
    struct stat st;
    int e = 0;
    if (lstat(path, &st) != 0) {
        e = errno;
    } else if (!S_ISDIR(st.st_mode)) {
        e = unlink(path) == 0 ? 0 : errno;
    } else if (!bool_arg(args, "recursive")) {
        e = rmdir(path) == 0 ? 0 : errno;
    } else {
        /* First every entry against the scope (deny patterns inside the
         * folder win), then depth first, never following links. */
        walk_call = call;
        walk_denied = NULL;
        e = nftw(path, check_entry, 32, FTW_PHYS);
        if (walk_denied) {
            sash_reject(call, SASH_CODE_FORBIDDEN,
                        "remove: '%s' inside '%s' is outside the fs scope of window '%s'; "
                        "nothing was removed", walk_denied, path,
                        sash_call_window_label(call));
            free(path);
            return;
        }
        e = e ? errno : nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS);
        if (e < 0)
            e = errno;
    }
    if (e == ENOTEMPTY || e == EEXIST)
        sash_reject(call, "not_empty", "remove '%s': the folder is not empty "
                    "(pass recursive: true to remove it with its contents)", path);
    else if (e)
        sash__fs_reject_errno(call, e, "remove", path);
    else
        sash_resolve(call, NULL);
    free(path);
}

static void fs_rename(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    char *from = sash__fs_scoped_path(call, args, "from", "rename");
    if (!from)
        return;
    char *to = sash__fs_scoped_path(call, args, "to", "rename");
    if (!to) {
        free(from);
        return;
    }
    if (rename(from, to) != 0)
        sash__fs_reject_errno(call, errno, "rename", from);
    else
        sash_resolve(call, NULL);
    free(from);
    free(to);
}

static void fs_copy_file(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    char *from = sash__fs_scoped_path(call, args, "from", "copy_file");
    if (!from)
        return;
    char *to = sash__fs_scoped_path(call, args, "to", "copy_file");
    if (!to) {
        free(from);
        return;
    }
    char *data;
    size_t len;
    int e = read_all(from, &data, &len);
    if (e) {
        sash__fs_reject_errno(call, e, "copy_file", from);
    } else {
        e = sash__fs_write_atomic(to, data, len);
        free(data);
        if (e)
            sash__fs_reject_errno(call, e, "copy_file", to);
        else
            sash_resolve(call, NULL);
    }
    free(from);
    free(to);
}

/* -- registration ------------------------------------------------------------ */

static const sash_command_def defs[] = {
    {"fs:read_text_file", fs_read_text_file, 0},
    {"fs:read_file", fs_read_file, 0},
    {"fs:write_text_file", fs_write_text_file, 0},
    {"fs:write_file", fs_write_file, 0},
    {"fs:read_dir", fs_read_dir, 0},
    {"fs:stat", fs_stat, 0},
    {"fs:exists", fs_exists, 0},
    {"fs:mkdir", fs_mkdir, 0},
    {"fs:remove", fs_remove, 0},
    {"fs:rename", fs_rename, 0},
    {"fs:copy_file", fs_copy_file, 0},
    {"fs:watch", sash__fs_watch, 0},
    {"fs:unwatch", sash__fs_unwatch, 0},
};

int sash_plugin_fs(sash_app *app, const sash_fs_options *options)
{
    if (!app)
        return SASH_EINVAL;
    if (options && options->max_read)
        max_read = options->max_read;
    mode_t m = umask(022); /* read it back; restored at once */
    umask(m);
    file_mode = 0666 & ~m;
    const sash_command_def *p[sizeof defs / sizeof defs[0]];
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        p[i] = &defs[i];
    int rc = sash_commands_add(app, p, sizeof defs / sizeof defs[0]);
    if (rc)
        return rc;
    static const char *const read[] = {"fs:read_text_file", "fs:read_file",
                                       "fs:read_dir", "fs:stat", "fs:exists", NULL};
    static const char *const write[] = {"fs:write_text_file", "fs:write_file",
                                        "fs:mkdir", "fs:remove", "fs:rename",
                                        "fs:copy_file", NULL};
    static const char *const watch[] = {"fs:watch", "fs:unwatch", NULL};
    if ((rc = sash_permission_define(app, "fs:read", read)) != 0 ||
        (rc = sash_permission_define(app, "fs:write", write)) != 0 ||
        (rc = sash_permission_define(app, "fs:watch", watch)) != 0)
        return rc;
    return sash__fs_watch_init(app);
}
