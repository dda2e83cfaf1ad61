/*
 * sash_ext_hostile.h - included by src/platform/gtk/ext/sash_ext.c when
 * built as the tests' hostile extension (SASH_EXT_HOSTILE): the normal
 * extension plus window.__sash_hostile.forge(kind, cb), which sends the app
 * what a compromised web process could: a forged descriptor, a memfd it
 * shrinks after sending, a lying length, a 1 TB length, two descriptors, a
 * garbled body, a foreign frame, malformed parameters, an ack of a buffer
 * never lent.  cb(kind, value) gets the app's answer.  Never built into
 * libsash.
 */
#include <sys/eventfd.h>

static int hostile_memfd(size_t size, int seals)
{
    int fd = memfd_create("hostile", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return -1;
    if (ftruncate(fd, (off_t)size) != 0 || (seals && fcntl(fd, F_ADD_SEALS, seals) != 0)) {
        close(fd);
        return -1;
    }
    /* A valid body: {"args":null} then bytes, so only the check under test
     * can refuse it. */
    static const char head[] = "{\"args\":null}";
    unsigned char len4[4] = {sizeof head - 1, 0, 0, 0};
    if (pwrite(fd, len4, 4, 0) != 4 || pwrite(fd, head, sizeof head - 1, 4) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static JSCValue *js_forge(GPtrArray *args, gpointer data)
{
    binding *b = data;
    if (args->len != 2 || !b->page)
        return NULL;
    JSCValue *kv = args->pdata[0], *cb = args->pdata[1];
    char *kind = jsc_value_to_string(kv);
    const char *uri = b->uri, *name = "sash-shm-call", *cmd = "shm_hash";
    guint64 len = 1 << 20;
    int fd = -1, fd2 = -1, shrink = 0;
    GVariant *params = NULL;
    if (strcmp(kind, "pipe") == 0) { /* not shared memory at all */
        fd = eventfd(0, EFD_CLOEXEC);
    } else if (strcmp(kind, "unsealed") == 0) {
        fd = hostile_memfd(len, 0);
    } else if (strcmp(kind, "shrunk") == 0) { /* unsealed, shrunk once sent */
        fd = hostile_memfd(len, 0);
        shrink = 1;
    } else if (strcmp(kind, "grow_only") == 0) { /* may still shrink */
        fd = hostile_memfd(len, F_SEAL_GROW);
        shrink = 1;
    } else if (strcmp(kind, "lying") == 0) { /* says 10 MB, holds 64 KB */
        fd = hostile_memfd(65536, SEALS);
        len = 10u << 20;
    } else if (strcmp(kind, "huge") == 0) { /* asks for 1 TB */
        fd = hostile_memfd(65536, SEALS);
        len = (guint64)1 << 40;
    } else if (strcmp(kind, "two_fds") == 0) {
        fd = hostile_memfd(len, SEALS);
        fd2 = hostile_memfd(len, SEALS);
    } else if (strcmp(kind, "garbled") == 0) { /* header length past the end */
        fd = hostile_memfd(65536, 0);
        unsigned char bad[4] = {0xff, 0xff, 0xff, 0x7f};
        if (fd >= 0 && (pwrite(fd, bad, 4, 0) != 4 || fcntl(fd, F_ADD_SEALS, SEALS) != 0)) {
            close(fd);
            fd = -1;
        }
        len = 65536;
    } else if (strcmp(kind, "foreign_frame") == 0) {
        fd = hostile_memfd(len, SEALS);
        uri = "https://evil.example/";
    } else if (strcmp(kind, "bad_params") == 0) {
        params = g_variant_new("(s)", "nonsense");
    } else if (strcmp(kind, "unknown_token") == 0) {
        name = "sash-shm-take";
        params = g_variant_new("(ss)", uri, "0123456789abcdef0123456789abcdef");
    } else if (strcmp(kind, "ack") == 0) { /* never lent: ignored */
        WebKitUserMessage *m = webkit_user_message_new(
            "sash-shm-ack", g_variant_new("(t)", (guint64)123456789));
        webkit_web_page_send_message_to_view(b->page, m, NULL, NULL, NULL);
        JSCValue *t = jsc_value_new_string(jsc_value_get_context(cb), "sent");
        call_back(cb, "json", t);
        g_object_unref(t);
        g_free(kind);
        return jsc_value_new_undefined(jsc_value_get_context(kv));
    }
    g_free(kind);
    GUnixFDList *fds = NULL;
    if (fd >= 0) {
        fds = g_unix_fd_list_new();
        g_unix_fd_list_append(fds, fd, NULL);
        if (fd2 >= 0)
            g_unix_fd_list_append(fds, fd2, NULL);
    }
    if (!params)
        params = g_variant_new("(ss@ayt)", uri, cmd,
                               g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, NULL, 0, 1),
                               len);
    WebKitUserMessage *m = webkit_user_message_new_with_fd_list(name, params, fds);
    pending *p = pending_new(b->page, cb);
    webkit_web_page_send_message_to_view(b->page, m, NULL, on_reply, p);
    if (fds)
        g_object_unref(fds);
    /* Shrunk right after sending, as an attacker racing the app would. */
    if (shrink && fd >= 0 && ftruncate(fd, 0) != 0)
        shrink = 0;
    if (fd >= 0)
        close(fd);
    if (fd2 >= 0)
        close(fd2);
    return jsc_value_new_undefined(jsc_value_get_context(kv));
}

static void hostile_install(JSCContext *ctx, JSCValue *obj, binding *b)
{
    (void)obj;
    JSCValue *h = jsc_value_new_object(ctx, NULL, NULL);
    JSCValue *f = jsc_value_new_function_variadic(ctx, "forge", G_CALLBACK(js_forge),
                                                  b, NULL, JSC_TYPE_VALUE);
    jsc_value_object_set_property(h, "forge", f);
    g_object_unref(f);
    jsc_context_set_value(ctx, "__sash_hostile", h);
    g_object_unref(h);
}
