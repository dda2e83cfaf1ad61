/*
 * sash_ext.c - Sash's WebKit web-process extension: bytes between the page
 * and the app through sealed memfds instead of the custom scheme.
 *
 * Built as a shared object and carried inside libsash (gtk_shm.c writes it
 * to a private runtime folder at app start).  One source for both
 * backends: against webkit2gtk-web-extension-4.1 (GTK3) and, with
 * SASH_GTK4, webkitgtk-web-process-extension-6.0 (GTK4), whose API
 * differs only in the extension's type and entry point (below).  In the main frame of a page
 * whose origin may use IPC it installs window.__sash_shm before any script
 * runs; the bridge (bridge.js) takes it and deletes it at document start,
 * so page script never sees it.  It offers:
 *   threshold                 bytes from here up travel in a memfd
 *   call(cmd, header, u8, cb) the raw-bytes call: header JSON + bytes
 *   take(token, cb)           bytes C parked for a JSON call or a channel
 * cb(kind, value): "json" with the reply text, "bytes" with an ArrayBuffer,
 * "error" with a message.
 *
 * Bytes are copied once here, between the mapping and an ordinary typed
 * array JSC allocated (wrapping a mapping in an ArrayBuffer would need
 * JSC's gigacage off).  memfds sent to the app are pooled per page and
 * reused once the app has answered the call that used them.
 *
 * Per-frame origin (docs/security.md "Frames"): every frame whose origin
 * may use IPC (the top frame, same-origin iframes) gets its own
 * unguessable token at window-object-cleared, before any page script, as
 * window.__sash_frame, which the bridge takes and deletes; every message
 * carries it.  The app learns token -> frame from sash-frame messages,
 * which page script cannot send.  A frame of another origin never gets
 * one, so every message it could forge is refused.  A token dies with its
 * document: a new one (reload, navigation) or the frame's end revokes it.
 *
 * Messages (webkit_web_page_send_message_to_view):
 *   sash-shm-hello (s uri)
 *   sash-frame     (s token or "", s revoked token or "", s uri, s origin,
 *                   b main frame)
 *   sash-shm-call  (s frame token, s cmd, ay inline body, t length) [+ memfd]
 *   sash-shm-take  (s frame token, s token)
 *   sash-shm-ack   (t id)  a memfd the app sent has been copied
 * Replies: json (s) | bytes (ay inline, t length, t id) [+ memfd].
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixfdlist.h>
#ifdef SASH_GTK4 /* WebKitGTK 6.0: same pages, frames, messages and JSC */
#include <webkit/webkit-web-process-extension.h>
typedef WebKitWebProcessExtension sash_web_extension;
typedef const GVariant sash_ext_data;
#define SASH_EXT_INITIALIZE webkit_web_process_extension_initialize_with_user_data
#else
#include <webkit2/webkit-web-extension.h>
typedef WebKitWebExtension sash_web_extension;
typedef GVariant sash_ext_data;
#define SASH_EXT_INITIALIZE webkit_web_extension_initialize_with_user_data
#endif

#define POOL_MAX 4
#define POOL_MAX_BYTES (256u << 20)
#define SEALS (F_SEAL_SHRINK | F_SEAL_GROW)

typedef struct slot {
    int fd;
    void *map;
    size_t cap;
    int busy;
} slot;

/* Per page: the pool of memfds the page sends. */
typedef struct page_state {
    WebKitWebPage *page; /* weak */
    slot pool[POOL_MAX];
} page_state;

static char **allowed;     /* origins that may use IPC */
static guint64 threshold;
static guint64 max_message;

static void page_state_free(gpointer p)
{
    page_state *s = p;
    for (int i = 0; i < POOL_MAX; i++) {
        if (s->pool[i].map)
            munmap(s->pool[i].map, s->pool[i].cap);
        if (s->pool[i].fd >= 0)
            close(s->pool[i].fd);
    }
    g_free(s);
}

/* The origin of a URI, "scheme://host[:port]". */
static char *origin_of(const char *uri)
{
    if (!uri)
        return NULL;
    const char *sep = strstr(uri, "://");
    if (!sep)
        return NULL;
    const char *end = sep + 3;
    while (*end && *end != '/' && *end != '?' && *end != '#')
        end++;
    return g_ascii_strdown(uri, end - uri);
}

static int origin_allowed(const char *uri)
{
    char *o = origin_of(uri);
    int ok = 0;
    for (char **a = allowed; o && a && *a && !ok; a++)
        ok = strcmp(*a, o) == 0;
    g_free(o);
    return ok;
}

/* A sealed memfd of at least `len` bytes from the page's pool, mapped
 * writable; *index is its slot or -1 (not pooled: closed after use). */
static int memfd_get(page_state *s, size_t len, void **map, size_t *cap,
                     int *index)
{
    size_t pooled = 0;
    for (int i = 0; i < POOL_MAX; i++) {
        slot *sl = &s->pool[i];
        if (sl->fd >= 0 && !sl->busy && sl->cap >= len && sl->cap / 2 <= len + 65536) {
            sl->busy = 1;
            *map = sl->map;
            *cap = sl->cap;
            *index = i;
            return sl->fd;
        }
        if (sl->fd >= 0)
            pooled += sl->cap;
    }
    size_t c = (len + 65535) & ~(size_t)65535;
    if (c == 0)
        c = 65536;
    int fd = memfd_create("sash-page", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return -1;
    void *m = MAP_FAILED;
    if (ftruncate(fd, (off_t)c) != 0 || fcntl(fd, F_ADD_SEALS, SEALS) != 0 ||
        (m = mmap(NULL, c, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED) {
        close(fd);
        return -1;
    }
    *map = m;
    *cap = c;
    *index = -1;
    if (pooled + c <= POOL_MAX_BYTES) {
        for (int i = 0; i < POOL_MAX; i++) {
            if (s->pool[i].fd < 0) {
                s->pool[i] = (slot){.fd = fd, .map = m, .cap = c, .busy = 1};
                *index = i;
                break;
            }
        }
    }
    return fd;
}

/* One outstanding call or take: the page's callback and the slot it uses. */
typedef struct pending {
    JSCValue *cb;
    page_state *s; /* NULL once the page is gone */
    WebKitWebPage *page;
    int index;
    int fd; void *map; size_t cap; /* an unpooled memfd, closed after */
} pending;

static void call_back(JSCValue *cb, const char *kind, JSCValue *value)
{
    JSCContext *ctx = jsc_value_get_context(cb);
    JSCValue *k = jsc_value_new_string(ctx, kind);
    JSCValue *r = jsc_value_function_call(cb, JSC_TYPE_VALUE, k, JSC_TYPE_VALUE,
                                          value, G_TYPE_NONE);
    if (r)
        g_object_unref(r);
    g_object_unref(k);
    JSCException *e = jsc_context_get_exception(ctx);
    if (e)
        jsc_context_clear_exception(ctx);
}

static void call_back_error(JSCValue *cb, const char *message)
{
    JSCValue *m = jsc_value_new_string(jsc_value_get_context(cb), message);
    call_back(cb, "error", m);
    g_object_unref(m);
}

/* Mappings of the app's memfds, kept while the app reuses them (its pool
 * sends the same few again and again): mapping 100 MB afresh costs more
 * page faults than the copy.  A mapping keeps its file alive, so an inode
 * here is never another file's.  Bounded; least recently used goes. */
#define MAPS_MAX 4
#define MAPS_MAX_BYTES ((size_t)256 << 20)

typedef struct app_map {
    dev_t dev;
    ino_t ino;
    void *map;
    size_t len;
    guint64 used;
} app_map;

static app_map maps[MAPS_MAX];
static guint64 maps_clock;

static const void *map_app_fd(int fd, const struct stat *st, int *cached)
{
    size_t size = (size_t)st->st_size, total = 0;
    app_map *free_slot = NULL, *lru = NULL;
    for (int i = 0; i < MAPS_MAX; i++) {
        app_map *m = &maps[i];
        if (m->map && m->dev == st->st_dev && m->ino == st->st_ino && m->len == size) {
            m->used = ++maps_clock;
            *cached = 1;
            return m->map;
        }
        total += m->len;
        if (!m->map && !free_slot)
            free_slot = m;
        if (m->map && (!lru || m->used < lru->used))
            lru = m;
    }
    void *p = mmap(NULL, size, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED)
        return NULL;
    *cached = size <= MAPS_MAX_BYTES;
    if (!*cached)
        return p;
    for (int i = 0; i < MAPS_MAX && total + size > MAPS_MAX_BYTES; i++) {
        app_map *old = NULL; /* evict oldest until it fits */
        for (int j = 0; j < MAPS_MAX; j++)
            if (maps[j].map && (!old || maps[j].used < old->used))
                old = &maps[j];
        if (!old)
            break;
        munmap(old->map, old->len);
        total -= old->len;
        *old = (app_map){0};
        free_slot = old;
        lru = NULL;
    }
    if (!free_slot) {
        munmap(lru->map, lru->len);
        free_slot = lru;
    }
    *free_slot = (app_map){.dev = st->st_dev, .ino = st->st_ino, .map = p,
                           .len = size, .used = ++maps_clock};
    return p;
}

/* The page side trusts the app, but a bad fd must still not crash it. */
static JSCValue *bytes_from_fd(JSCContext *ctx, int fd, guint64 len)
{
    struct stat st;
    int seals = fcntl(fd, F_GET_SEALS);
    if (fstat(fd, &st) != 0 || seals < 0 || (seals & SEALS) != SEALS ||
        (guint64)st.st_size < len || len > max_message || st.st_size <= 0)
        return NULL;
    JSCValue *arr = jsc_value_new_typed_array(ctx, JSC_TYPED_ARRAY_UINT8, len);
    if (!arr)
        return NULL;
    if (len) {
        int cached = 0;
        const void *m = map_app_fd(fd, &st, &cached);
        if (!m) {
            g_object_unref(arr);
            return NULL;
        }
        gsize n = 0;
        memcpy(jsc_value_typed_array_get_data(arr, &n), m, len);
        if (!cached)
            munmap((void *)m, (size_t)st.st_size);
    }
    JSCValue *buf = jsc_value_typed_array_get_buffer(arr);
    g_object_unref(arr);
    return buf;
}

static void ack(WebKitWebPage *page, guint64 id)
{
    if (!id || !page)
        return;
    WebKitUserMessage *m = webkit_user_message_new("sash-shm-ack",
                                                   g_variant_new("(t)", id));
    webkit_web_page_send_message_to_view(page, m, NULL, NULL, NULL);
}

static void deliver_reply(pending *p, WebKitUserMessage *reply)
{
    JSCContext *ctx = jsc_value_get_context(p->cb);
    const char *name = webkit_user_message_get_name(reply);
    GVariant *v = webkit_user_message_get_parameters(reply);
    if (g_strcmp0(name, "json") == 0 && v && g_variant_is_of_type(v, G_VARIANT_TYPE("(s)"))) {
        const char *text;
        g_variant_get(v, "(&s)", &text);
        JSCValue *t = jsc_value_new_string(ctx, text);
        call_back(p->cb, "json", t);
        g_object_unref(t);
        return;
    }
    if (g_strcmp0(name, "bytes") != 0 || !v ||
        !g_variant_is_of_type(v, G_VARIANT_TYPE("(aytt)"))) {
        call_back_error(p->cb, "unexpected reply from the app");
        return;
    }
    GVariant *inl = g_variant_get_child_value(v, 0);
    guint64 len, id;
    g_variant_get_child(v, 1, "t", &len);
    g_variant_get_child(v, 2, "t", &id);
    GUnixFDList *fds = webkit_user_message_get_fd_list(reply);
    JSCValue *buf = NULL;
    if (fds && g_unix_fd_list_get_length(fds) == 1) {
        int fd = g_unix_fd_list_get(fds, 0, NULL);
        if (fd >= 0) {
            buf = bytes_from_fd(ctx, fd, len);
            close(fd);
        }
        ack(p->page, id);
    } else {
        gsize n = 0;
        const void *d = g_variant_get_fixed_array(inl, &n, 1);
        JSCValue *arr = jsc_value_new_typed_array(ctx, JSC_TYPED_ARRAY_UINT8, n);
        if (arr) {
            gsize m = 0;
            if (n)
                memcpy(jsc_value_typed_array_get_data(arr, &m), d, n);
            buf = jsc_value_typed_array_get_buffer(arr);
            g_object_unref(arr);
        }
    }
    g_variant_unref(inl);
    if (buf) {
        call_back(p->cb, "bytes", buf);
        g_object_unref(buf);
    } else {
        call_back_error(p->cb, "the app's bytes could not be read");
    }
}

static void on_reply(GObject *src, GAsyncResult *res, gpointer data)
{
    pending *p = data;
    GError *err = NULL;
    WebKitUserMessage *reply =
        webkit_web_page_send_message_to_view_finish(WEBKIT_WEB_PAGE(src), res, &err);
    /* The app is done with the memfd: back to the pool (which went with
     * its page if the page is gone: the weak pointer says so first). */
    if (p->page && p->s && p->index >= 0)
        p->s->pool[p->index].busy = 0;
    if (p->fd >= 0 && p->index < 0) {
        munmap(p->map, p->cap);
        close(p->fd);
    }
    if (reply) {
        deliver_reply(p, reply);
        g_object_unref(reply);
    } else {
        call_back_error(p->cb, err ? err->message : "no reply");
        g_clear_error(&err);
    }
    g_object_unref(p->cb);
    if (p->page)
        g_object_remove_weak_pointer(G_OBJECT(p->page), (gpointer *)&p->page);
    g_free(p);
}

static pending *pending_new(WebKitWebPage *page, JSCValue *cb)
{
    pending *p = g_new0(pending, 1);
    p->cb = g_object_ref(cb);
    p->page = page;
    g_object_add_weak_pointer(G_OBJECT(page), (gpointer *)&p->page);
    p->s = g_object_get_data(G_OBJECT(page), "sash-shm");
    p->index = -1;
    p->fd = -1;
    return p;
}

/* The frame whose window the function was called from. */
typedef struct binding {
    WebKitWebPage *page; /* weak */
    char *uri;           /* the frame's token (frames) */
} binding;

static void binding_free(gpointer b)
{
    binding *x = b;
    if (x->page)
        g_object_remove_weak_pointer(G_OBJECT(x->page), (gpointer *)&x->page);
    g_free(x->uri);
    g_free(x);
}

static JSCValue *undefined(binding *b, JSCValue *any)
{
    (void)b;
    return jsc_value_new_undefined(jsc_value_get_context(any));
}

/* call(cmd, header, u8, cb) */
static JSCValue *js_call(GPtrArray *args, gpointer data)
{
    binding *b = data;
    if (args->len != 4)
        return NULL;
    JSCValue *cmdv = args->pdata[0], *hv = args->pdata[1], *bv = args->pdata[2],
             *cb = args->pdata[3];
    if (!b->page || !jsc_value_is_string(cmdv) || !jsc_value_is_string(hv) ||
        !jsc_value_is_function(cb) || !jsc_value_is_typed_array(bv) ||
        jsc_value_typed_array_get_type(bv) != JSC_TYPED_ARRAY_UINT8)
        return undefined(b, cmdv);
    char *cmd = jsc_value_to_string(cmdv);
    char *head = jsc_value_to_string(hv);
    gsize n = 0;
    const unsigned char *src = jsc_value_typed_array_get_data(bv, &n);
    size_t hlen = strlen(head);
    guint64 total = 4 + (guint64)hlen + n;
    pending *p = pending_new(b->page, cb);
    GVariant *params;
    GUnixFDList *fds = NULL;
    if (total > max_message) {
        call_back_error(cb, "too_large");
        goto done;
    }
    unsigned char len4[4] = {hlen & 255, (hlen >> 8) & 255, (hlen >> 16) & 255,
                             (hlen >> 24) & 255};
    if (total < threshold || !p->s) {
        unsigned char *body = g_malloc(total);
        memcpy(body, len4, 4);
        memcpy(body + 4, head, hlen);
        if (n)
            memcpy(body + 4 + hlen, src, n);
        params = g_variant_new("(ss@ayt)", b->uri, cmd,
                               g_variant_new_from_data(G_VARIANT_TYPE("ay"), body,
                                                       total, TRUE, g_free, body),
                               total);
    } else {
        void *map;
        size_t cap;
        int fd = memfd_get(p->s, total, &map, &cap, &p->index);
        if (fd < 0) {
            call_back_error(cb, "no shared memory for the bytes");
            goto done;
        }
        unsigned char *dst = map;
        memcpy(dst, len4, 4);
        memcpy(dst + 4, head, hlen);
        if (n)
            memcpy(dst + 4 + hlen, src, n);
        if (p->index < 0) {
            p->fd = fd;
            p->map = map;
            p->cap = cap;
        }
        fds = g_unix_fd_list_new();
        g_unix_fd_list_append(fds, fd, NULL);
        params = g_variant_new("(ss@ayt)", b->uri, cmd,
                               g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, NULL, 0, 1),
                               total);
    }
    WebKitUserMessage *m = webkit_user_message_new_with_fd_list("sash-shm-call",
                                                                params, fds);
    if (fds)
        g_object_unref(fds);
    webkit_web_page_send_message_to_view(b->page, m, NULL, on_reply, p);
    p = NULL;
done:
    if (p) {
        g_object_unref(p->cb);
        g_object_remove_weak_pointer(G_OBJECT(p->page), (gpointer *)&p->page);
        g_free(p);
    }
    g_free(cmd);
    g_free(head);
    return undefined(b, cmdv);
}

/* take(token, cb) */
static JSCValue *js_take(GPtrArray *args, gpointer data)
{
    binding *b = data;
    if (args->len != 2)
        return NULL;
    JSCValue *tv = args->pdata[0], *cb = args->pdata[1];
    if (!b->page || !jsc_value_is_string(tv) || !jsc_value_is_function(cb))
        return undefined(b, tv);
    char *token = jsc_value_to_string(tv);
    pending *p = pending_new(b->page, cb);
    WebKitUserMessage *m = webkit_user_message_new(
        "sash-shm-take", g_variant_new("(ss)", b->uri, token));
    webkit_web_page_send_message_to_view(b->page, m, NULL, on_reply, p);
    g_free(token);
    return undefined(b, tv);
}

#ifdef SASH_EXT_HOSTILE
#include "sash_ext_hostile.h"
#endif

/* -- Frames: one token per document of a frame that may use IPC -------- */

typedef struct frame_token {
    WebKitWebPage *page; /* weak */
    char token[33];
} frame_token;

static void frame_send(WebKitWebPage *page, const char *token, const char *old,
                       const char *uri, const char *origin, gboolean main)
{
    WebKitUserMessage *m = webkit_user_message_new(
        "sash-frame", g_variant_new("(ssssb)", token, old, uri ? uri : "",
                                    origin ? origin : "", main));
    webkit_web_page_send_message_to_view(page, m, NULL, NULL, NULL);
}

/* The frame's document (or the frame) is gone: its token dies. */
static void frame_token_free(gpointer p)
{
    frame_token *t = p;
    if (t->page) {
        frame_send(t->page, "", t->token, "", "", FALSE);
        g_object_remove_weak_pointer(G_OBJECT(t->page), (gpointer *)&t->page);
    }
    g_free(t);
}

static int new_token(char out[33])
{
    unsigned char r[16];
    size_t got = 0;
    while (got < sizeof r) {
        ssize_t n = getrandom(r + got, sizeof r - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    for (size_t i = 0; i < sizeof r; i++)
        g_snprintf(out + 2 * i, 3, "%02x", r[i]);
    return 0;
}

/* The frame document's origin: from its URI, or for about:blank,
 * about:srcdoc and blob: (which inherit or embed one) from the document
 * itself, asked before any script of it ran.  "null" for opaque origins
 * (a sandboxed iframe), which never match.  g_free. */
static char *frame_origin(JSCContext *ctx, const char *uri)
{
    if (uri && (g_str_has_prefix(uri, "http://") || g_str_has_prefix(uri, "https://") ||
                g_str_has_prefix(uri, "sash://")))
        return origin_of(uri);
    JSCValue *v = jsc_context_evaluate(ctx, "self.origin", -1);
    char *o = v && jsc_value_is_string(v) ? jsc_value_to_string(v) : NULL;
    if (v)
        g_object_unref(v);
    JSCException *e = jsc_context_get_exception(ctx);
    if (e)
        jsc_context_clear_exception(ctx);
    return o;
}

/* Gives the frame's new document its token, or none, and revokes the old
 * one (replacing the frame's data frees it).  1 if the frame may use IPC. */
static int frame_cleared(WebKitWebPage *page, WebKitFrame *frame,
                         JSCContext *ctx, const char *uri)
{
    char *origin = frame_origin(ctx, uri);
    char *wanted = g_strconcat(origin ? origin : "", "/", NULL);
    int ok = origin && origin_allowed(wanted);
    g_free(wanted);
    frame_token *t = NULL;
    if (ok) {
        t = g_new0(frame_token, 1);
        if (new_token(t->token) != 0) {
            g_free(t);
            t = NULL;
            ok = 0;
        }
    }
    if (t) {
        t->page = page;
        g_object_add_weak_pointer(G_OBJECT(page), (gpointer *)&t->page);
        frame_send(page, t->token, "", uri, origin,
                   webkit_frame_is_main_frame(frame));
        JSCValue *v = jsc_value_new_string(ctx, t->token);
        jsc_context_set_value(ctx, "__sash_frame", v);
        g_object_unref(v);
    } else if (webkit_frame_is_main_frame(frame)) {
        /* A page that may not use IPC: the app forgets the old ones. */
        frame_send(page, "", "", uri, origin, TRUE);
    }
    g_object_set_data_full(G_OBJECT(frame), "sash-frame", t,
                           t ? frame_token_free : NULL);
    g_free(origin);
    return ok;
}

static void on_window_cleared(WebKitScriptWorld *world, WebKitWebPage *page,
                              WebKitFrame *frame, gpointer data)
{
    (void)data;
    const char *uri = webkit_frame_get_uri(frame);
    JSCContext *ctx = webkit_frame_get_js_context_for_script_world(frame, world);
    /* Every frame of an allowed origin gets a token; only the top frame
     * gets the shared-memory functions (frames use the raw scheme). */
    if (!frame_cleared(page, frame, ctx, uri) || !webkit_frame_is_main_frame(frame)) {
        g_object_unref(ctx);
        return;
    }
    frame_token *ft = g_object_get_data(G_OBJECT(frame), "sash-frame");
    JSCValue *obj = jsc_value_new_object(ctx, NULL, NULL);
    binding *b = g_new0(binding, 1);
    b->page = page;
    g_object_add_weak_pointer(G_OBJECT(page), (gpointer *)&b->page);
    b->uri = g_strdup(ft->token);
    /* Both functions share one binding, freed with the call function. */
    JSCValue *f = jsc_value_new_function_variadic(ctx, "call", G_CALLBACK(js_call),
                                                  b, binding_free, JSC_TYPE_VALUE);
    jsc_value_object_set_property(obj, "call", f);
    g_object_unref(f);
    f = jsc_value_new_function_variadic(ctx, "take", G_CALLBACK(js_take), b, NULL,
                                        JSC_TYPE_VALUE);
    jsc_value_object_set_property(obj, "take", f);
    g_object_unref(f);
#ifdef SASH_EXT_HOSTILE
    hostile_install(ctx, obj, b);
#endif
    JSCValue *t = jsc_value_new_number(ctx, (double)threshold);
    jsc_value_object_set_property(obj, "threshold", t);
    g_object_unref(t);
    jsc_context_set_value(ctx, "__sash_shm", obj);
    g_object_unref(obj);
    g_object_unref(ctx);
}

static void on_page_created(sash_web_extension *ext, WebKitWebPage *page,
                            gpointer data)
{
    (void)ext;
    (void)data;
    page_state *s = g_new0(page_state, 1);
    for (int i = 0; i < POOL_MAX; i++)
        s->pool[i].fd = -1;
    s->page = page;
    g_object_set_data_full(G_OBJECT(page), "sash-shm", s, page_state_free);
    const char *uri = webkit_web_page_get_uri(page);
    WebKitUserMessage *m = webkit_user_message_new(
        "sash-shm-hello", g_variant_new("(s)", uri ? uri : ""));
    webkit_web_page_send_message_to_view(page, m, NULL, NULL, NULL);
}

G_MODULE_EXPORT void SASH_EXT_INITIALIZE(sash_web_extension *ext,
                                         sash_ext_data *user_data);

G_MODULE_EXPORT void SASH_EXT_INITIALIZE(sash_web_extension *ext,
                                         sash_ext_data *user_data)
{
    GVariant *data = (GVariant *)user_data; /* 6.0 passes it const */
    if (!data || !g_variant_is_of_type(data, G_VARIANT_TYPE("(astt)")))
        return; /* not started by Sash: stay out of the way */
    g_variant_get(data, "(^astt)", &allowed, &threshold, &max_message);
    g_signal_connect(ext, "page-created", G_CALLBACK(on_page_created), NULL);
    g_signal_connect(webkit_script_world_get_default(), "window-object-cleared",
                     G_CALLBACK(on_window_cleared), NULL);
}
