/*
 * gtk_shm.c - bytes at memory speed: the app side of the shared-memory
 * path through Sash's web-process extension (ext/sash_ext.c).
 *
 * The extension is carried inside libsash (sash__gtk_ext_so, generated at
 * build time) and written once to $XDG_RUNTIME_DIR/sash/ext-<hash>/, a
 * folder named by its content hash and readable by the user only.  The
 * page's bridge then sends every bytes call and takes every parked result
 * through it: bytes up to the threshold inline in a WebKit user message,
 * bigger ones as a sealed memfd, copied once inside the web process.
 *
 * Nothing from the web process is trusted: a memfd is mapped only when
 * sealed against shrinking and growing and at least as large as its
 * stated length (sys/shm.c), so a lying page gets an error, never the app
 * a SIGBUS; the sender's frame token (gtk_frames.c) must be known and the
 * view's page of an origin allowed IPC.  If anything fails the custom-scheme path is used,
 * and one log line says why.
 *
 * Both backends: GTK3 (WebKitGTK 4.1's web extensions) and, compiled with
 * SASH_GTK4, GTK4 (WebKitGTK 6.0's web-process extensions: the same
 * extension source built against 6.0, and only the context's two setter
 * names differ, below).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixfdlist.h>

#include "gtk_internal.h"
#include "../../core/sys/shm.h"

/* Measured (docs/ipc.md): below this, an inline message is as fast. */
#define SHM_THRESHOLD_DEFAULT (256u * 1024u)
/* How long after the first page load the extension may take to say hello
 * before the app says it is missing (generous: loaded CI machines). */
#define HELLO_WAIT_MS 8000

extern const unsigned char sash__gtk_ext_so[];
extern const size_t sash__gtk_ext_so_len;

/* Apps linking any bytes function pull this file in (platform.h). */
const char sash__platform_shm_anchor = 1;

typedef struct shm_state {
    sash_app *app;
    int on;           /* the extension was set up */
    int hello;        /* ...and said hello */
    int reported;     /* the one log line was written */
    guint hello_timer;
    guint64 threshold;
} shm_state;

static void state_free(gpointer p)
{
    shm_state *s = p;
    if (s->hello_timer)
        g_source_remove(s->hello_timer);
    sash__shm_trim();
    g_free(s);
}

static shm_state *state_of(WebKitWebView *view)
{
    WebKitWebContext *c = view ? webkit_web_view_get_context(view) : NULL;
    return c ? g_object_get_data(G_OBJECT(c), "sash-shm") : NULL;
}

/* One line, once: why bytes take the custom scheme. */
static void report_off(shm_state *s, const char *why)
{
    if (s && s->reported)
        return;
    if (s)
        s->reported = 1;
    sash__warn("shared-memory bytes off: %s; bytes use the custom scheme", why);
}

/* A folder of ours only: created 0700 or already ours and 0700. */
static int private_dir(const char *path)
{
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() &&
                   (st.st_mode & 077) == 0
               ? 0
               : -1;
}

/* Writes the extension where the web process can load it, once per
 * content; returns its folder (g_free) or NULL with *why. */
static char *write_extension(sash_app *app, const char **why)
{
    const char *rt = g_getenv("XDG_RUNTIME_DIR");
    if (!rt || !*rt || !g_path_is_absolute(rt)) {
        *why = "XDG_RUNTIME_DIR is not set";
        return NULL;
    }
    char *hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256, sash__gtk_ext_so,
                                             sash__gtk_ext_so_len);
    hash[16] = 0;
    char *base = g_build_filename(rt, "sash", NULL);
    char *name = g_strconcat("ext-", hash, NULL);
    char *dir = g_build_filename(base, name, NULL);
    char *file = g_build_filename(dir, "libsash-ext.so", NULL);
    g_free(name);
    g_free(hash);
    char *have = NULL;
    gsize have_len = 0;
    int ok = private_dir(base) == 0 && private_dir(dir) == 0;
    if (!ok) {
        *why = "the private runtime folder could not be made (not ours, or not 0700)";
    } else if (g_file_get_contents(file, &have, &have_len, NULL) &&
               have_len == sash__gtk_ext_so_len &&
               memcmp(have, sash__gtk_ext_so, have_len) == 0) {
        ok = 1; /* written before, by us, unchanged */
    } else {
        GError *err = NULL;
        ok = g_file_set_contents_full(file, (const char *)sash__gtk_ext_so,
                                      (gssize)sash__gtk_ext_so_len,
                                      G_FILE_SET_CONTENTS_CONSISTENT, 0600, &err);
        if (!ok) {
            *why = "the extension could not be written";
            sash__debug(app, "writing %s: %s", file, err->message);
            g_error_free(err);
        }
    }
    g_free(have);
    g_free(file);
    g_free(base);
    if (!ok) {
        g_free(dir);
        return NULL;
    }
    return dir;
}

void sash__gtk_shm_context(sash_app *app, WebKitWebContext *context)
{
    shm_state *s = g_new0(shm_state, 1);
    s->app = app;
    s->threshold = SHM_THRESHOLD_DEFAULT;
    const char *t = g_getenv("SASH_SHM_THRESHOLD");
    if (t && *t)
        s->threshold = g_ascii_strtoull(t, NULL, 10);
    g_object_set_data_full(G_OBJECT(context), "sash-shm", s, state_free);
    const char *env = g_getenv("SASH_SHM");
    if (env && strcmp(env, "0") == 0) {
        s->reported = 1; /* asked for: nothing to report */
        return;
    }
    if (!sash__shm_supported()) {
        report_off(s, "no memfd on this system");
        return;
    }
    const char *why = NULL;
    /* Tests load another extension (a hostile one, or none) from here. */
    const char *test_dir = g_getenv("SASH_SHM_EXT_DIR");
    char *dir = test_dir ? g_strdup(test_dir) : write_extension(app, &why);
    if (!dir) {
        report_off(s, why);
        return;
    }
    /* The origins allowed IPC: the app's and, in dev mode, the dev
     * server's.  The extension installs its functions only there. */
    GVariantBuilder origins;
    g_variant_builder_init(&origins, G_VARIANT_TYPE("as"));
    g_variant_builder_add(&origins, "s", SASH_GTK_SCHEME "://app"); /* app_origin */
    char o[512];
    const char *dev = sash__app_dev_url(app);
    if (dev && sash__url_origin(dev, o, sizeof o) == 0)
        g_variant_builder_add(&origins, "s", o);
    GVariant *init = g_variant_new("(@astt)", g_variant_builder_end(&origins),
                                   s->threshold, (guint64)sash__app_max_message(app));
#ifdef SASH_GTK4 /* WebKitGTK 6.0: "web process extensions" */
    webkit_web_context_set_web_process_extensions_directory(context, dir);
#else
    webkit_web_context_set_web_extensions_directory(context, dir);
#endif
    /* Without this the sandboxed web process may silently load nothing
     * (bubblewrap: 6.0 always sandboxes where it can, 4.1 when asked).
     * WebKitGTK 2.50 binds the extensions folder itself (6.0 loaded it
     * from $XDG_RUNTIME_DIR under bubblewrap without this call); older
     * releases are not known to. */
    webkit_web_context_add_path_to_sandbox(context, dir, TRUE);
#ifdef SASH_GTK4
    webkit_web_context_set_web_process_extensions_initialization_user_data(context, init);
#else
    webkit_web_context_set_web_extensions_initialization_user_data(context, init);
#endif
    g_free(dir);
    s->on = 1;
}

static gboolean hello_late(gpointer p)
{
    shm_state *s = p;
    s->hello_timer = 0;
    if (!s->hello)
        report_off(s, "the web extension did not load (no hello within 8 s of "
                      "the first page load)");
    return G_SOURCE_REMOVE;
}

static void on_load(WebKitWebView *view, WebKitLoadEvent ev, gpointer w)
{
    (void)w;
    shm_state *s = state_of(view);
    if (ev == WEBKIT_LOAD_FINISHED && s && s->on && !s->hello && !s->reported &&
        !s->hello_timer)
        s->hello_timer = g_timeout_add(HELLO_WAIT_MS, hello_late, s);
}

static void send_reply(gtk_reply_handle *h, WebKitUserMessage *reply)
{
    webkit_user_message_send_reply(h->message, reply);
}

void sash__gtk_shm_reply_text(gtk_reply_handle *h, const char *text)
{
    send_reply(h, webkit_user_message_new("json", g_variant_new("(s)", text)));
}

static void reply_error(WebKitUserMessage *msg, const char *code, const char *why)
{
    char *text = sash__error_reply(code, why);
    webkit_user_message_send_reply(
        msg, webkit_user_message_new("json", g_variant_new("(s)", text ? text : "{}")));
    free(text);
}

typedef struct inline_bytes {
    void *data;
    void (*free_fn)(void *);
} inline_bytes;

static void inline_free(gpointer p)
{
    inline_bytes *b = p;
    if (b->free_fn)
        b->free_fn(b->data);
    g_free(b);
}

/* Bytes up to the threshold travel inside the message. */
static void reply_inline(gtk_reply_handle *h, void *data, size_t len,
                         void (*free_fn)(void *))
{
    GVariant *ay;
    if (free_fn) {
        inline_bytes *b = g_new(inline_bytes, 1);
        b->data = data;
        b->free_fn = free_fn;
        ay = g_variant_new_from_data(G_VARIANT_TYPE("ay"), len ? data : "", len,
                                     TRUE, inline_free, b);
    } else {
        ay = g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, len ? data : "", len, 1);
    }
    send_reply(h, webkit_user_message_new("bytes",
                                          g_variant_new("(@aytt)", ay, (guint64)len,
                                                        (guint64)0)));
}

void sash__gtk_shm_reply_bytes(sash_window *w, gtk_reply_handle *h, void *data,
                               size_t len, void (*free_fn)(void *))
{
    gtk_window_data *d = sash__window_native(w);
    shm_state *s = state_of(d ? d->view : NULL);
    if (!s || len < s->threshold) {
        reply_inline(h, data, len, free_fn);
        return;
    }
    /* A buffer of sash_bytes_alloc() goes as it is, unless another
     * window's web process has held it (it could still read it). */
    sash__shm *b = free_fn == sash_bytes_free ? sash__shm_of(data) : NULL;
    if (b && ((b->owner && b->owner != (const void *)w) || len > b->cap))
        b = NULL;
    if (!b) {
        b = sash__shm_get(len);
        if (!b) { /* no shared memory left: still deliver */
            reply_inline(h, data, len, free_fn);
            return;
        }
        memcpy(b->map, data, len);
        if (free_fn)
            free_fn(data);
    }
    b->len = len;
    sash__shm_lend(b, w);
    GUnixFDList *fds = g_unix_fd_list_new();
    g_unix_fd_list_append(fds, b->fd, NULL);
    GVariant *empty = g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, "", 0, 1);
    send_reply(h, webkit_user_message_new_with_fd_list(
                      "bytes", g_variant_new("(@aytt)", empty, (guint64)len, b->id),
                      fds));
    g_object_unref(fds);
}

/* The message's frame (its token: gtk_frames.c) and the view's page. */
static const char *sender_refused(sash_window *w, WebKitWebView *view,
                                  const char *frame, int *subframe)
{
    return sash__gtk_frame_check(w, view, frame, subframe);
}

static void on_call(sash_window *w, WebKitWebView *view, WebKitUserMessage *msg,
                    GVariant *v)
{
    const char *frame, *cmd;
    guint64 len;
    GVariant *inl = NULL;
    g_variant_get(v, "(&s&s@ayt)", &frame, &cmd, &inl, &len);
    GUnixFDList *fds = webkit_user_message_get_fd_list(msg);
    int nfds = fds ? g_unix_fd_list_get_length(fds) : 0;
    sash_app *app = sash__window_app(w);
    unsigned char *body = NULL;
    void (*body_free)(void *) = NULL;
    int subframe = 0;
    const char *refused = sender_refused(w, view, frame, &subframe);
    if (refused) {
        reply_error(msg, SASH_CODE_FORBIDDEN, refused);
    } else if (nfds > 1 || (nfds == 1 && g_variant_n_children(inl) != 0)) {
        reply_error(msg, SASH_CODE_BAD_ARGS, "malformed shared-memory message");
    } else if (len > sash__app_max_message(app)) {
        reply_error(msg, SASH_CODE_TOO_LARGE, "the bytes exceed "
                    "security.limits.maxMessageBytes");
    } else if (nfds == 1) {
        int fd = g_unix_fd_list_get(fds, 0, NULL); /* a duplicate: ours */
        const char *why = "the descriptor could not be read";
        void *map = NULL;
        if (fd >= 0 && sash__shm_map_in(fd, (size_t)len, &map, &why) == 0) {
            body = map;
            body_free = sash__shm_unmap_in;
        } else {
            reply_error(msg, SASH_CODE_BAD_ARGS, why);
        }
        sash__shm_close_fd(fd);
    } else {
        gsize n = 0;
        const void *src = g_variant_get_fixed_array(inl, &n, 1);
        if (n != len) {
            reply_error(msg, SASH_CODE_BAD_ARGS, "the bytes are not as long as "
                        "their stated length");
        } else if ((body = malloc(n ? n : 1)) != NULL) {
            if (n)
                memcpy(body, src, n);
        } else {
            reply_error(msg, SASH_CODE_INTERNAL, "out of memory");
        }
    }
    g_variant_unref(inl);
    if (!body)
        return;
    gtk_reply_handle *h = calloc(1, sizeof *h);
    if (!h) {
        if (body_free)
            body_free(body);
        else
            free(body);
        reply_error(msg, SASH_CODE_INTERNAL, "out of memory");
        return;
    }
    h->message = g_object_ref(msg);
    sash__window_set_ipc_subframe(w, subframe);
    sash__ipc_receive_raw_ex(w, cmd, body, (size_t)len, body_free, h);
    sash__window_set_ipc_subframe(w, 0);
}

static void on_take(sash_window *w, WebKitWebView *view, WebKitUserMessage *msg,
                    GVariant *v)
{
    const char *frame, *token;
    g_variant_get(v, "(&s&s)", &frame, &token);
    int subframe;
    const char *why = sender_refused(w, view, frame, &subframe);
    if (why) {
        reply_error(msg, SASH_CODE_FORBIDDEN, why);
        return;
    }
    void *data;
    size_t len;
    void (*free_fn)(void *);
    if (sash__ipc_take(w, token, &data, &len, &free_fn) != 0) {
        reply_error(msg, SASH_CODE_NOT_FOUND, "no such result (already taken?)");
        return;
    }
    gtk_reply_handle h = {.message = msg};
    sash__gtk_shm_reply_bytes(w, &h, data, len, free_fn);
}

static gboolean on_message(WebKitWebView *view, WebKitUserMessage *msg,
                           gpointer w)
{
    const char *name = webkit_user_message_get_name(msg);
    GVariant *v = webkit_user_message_get_parameters(msg);
    shm_state *s = state_of(view);
    if (!name || !s || !g_str_has_prefix(name, "sash-shm-"))
        return FALSE;
    if (strcmp(name, "sash-shm-hello") == 0) {
        if (!s->hello)
            sash__debug(s->app, "shared-memory bytes on (threshold %llu bytes)",
                        (unsigned long long)s->threshold);
        s->hello = 1;
    } else if (strcmp(name, "sash-shm-ack") == 0) {
        guint64 id;
        if (v && g_variant_is_of_type(v, G_VARIANT_TYPE("(t)"))) {
            g_variant_get(v, "(t)", &id);
            if (sash__shm_ack(w, id) != 0)
                sash__debug(s->app, "shared memory: a page acknowledged a "
                            "buffer it was not lent");
        }
    } else if (strcmp(name, "sash-shm-call") == 0 && v &&
               g_variant_is_of_type(v, G_VARIANT_TYPE("(ssayt)"))) {
        on_call(w, view, msg, v);
    } else if (strcmp(name, "sash-shm-take") == 0 && v &&
               g_variant_is_of_type(v, G_VARIANT_TYPE("(ss)"))) {
        on_take(w, view, msg, v);
    } else {
        reply_error(msg, SASH_CODE_BAD_ARGS, "malformed shared-memory message");
    }
    return TRUE;
}

/* The window's view is gone: buffers its web process held are never
 * reused. */
static void on_view_gone(gpointer w, GObject *view)
{
    (void)view;
    sash__shm_drop_owner(w);
}

void sash__gtk_shm_view(sash_window *w, WebKitWebView *view)
{
    sash__gtk_frames_view(w, view); /* first: it marks the view on hello */
    g_signal_connect(view, "user-message-received", G_CALLBACK(on_message), w);
    g_signal_connect(view, "load-changed", G_CALLBACK(on_load), w);
    g_object_weak_ref(G_OBJECT(view), on_view_gone, w);
}
