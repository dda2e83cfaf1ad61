/*
 * clipboard.c - text, HTML and PNG on the system clipboard, from C and
 * from pages (clipboard:* commands; reads and writes granted separately,
 * as reading what another program copied is the sensitive half).
 */
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "desktop/desktop.h"

typedef struct clip_req {
    sash__clip_read pub;
    sash__desktop *desk;
    sash_clipboard_fn fn;
    void *user_data;
} clip_req;

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

/* A PNG signature, then an IHDR chunk with sane dimensions.  The backend
 * decodes it fully; this only refuses what is not worth decoding. */
static const char *png_check(const unsigned char *p, size_t len)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n',
                                         0x1a, '\n'};
    if (len < 33 || memcmp(p, sig, 8) != 0 || be32(p + 8) != 13 ||
        memcmp(p + 12, "IHDR", 4) != 0)
        return "not a PNG image";
    uint64_t w = be32(p + 16), h = be32(p + 20);
    if (w == 0 || h == 0 || w * h > SASH_CLIPBOARD_MAX_PIXELS)
        return "the image is empty or larger than 64 megapixels";
    return NULL;
}

static const char *content_check(sash_clipboard_format f, const void *data,
                                 size_t len)
{
    if ((unsigned)f > SASH_CLIPBOARD_PNG)
        return "unknown format";
    if (!data && len)
        return "no data";
    if (len > SASH_CLIPBOARD_MAX_BYTES)
        return "larger than the clipboard limit (32 MB)";
    if (f == SASH_CLIPBOARD_PNG)
        return png_check(data, len);
    if (!sash__utf8_text_ok(data, len))
        return "text must be UTF-8 without NUL characters";
    return NULL;
}

int sash_clipboard_write(sash_app *app, sash_clipboard_format format,
                         const void *data, size_t len)
{
    sash__desktop_anchor(&sash__platform_clipboard_anchor); /* links the backend's code */
    if (!app)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    const char *why = content_check(format, data, len);
    if (why)
        return sash__fail(SASH_EINVAL, "sash_clipboard_write: %s", why);
    if (!app->platform->clipboard_write)
        return sash__fail(SASH_EPLATFORM, "clipboard: the %s backend has none",
                          app->platform->name);
    return app->platform->clipboard_write(app, format, data ? data : "", len);
}

void sash__clipboard_done(sash__clip_read *r, const void *data, size_t len)
{
    clip_req *c = r->core;
    if (c->desk->app)
        c->fn(c->desk->app, data, data ? len : 0, c->user_data);
    sash__desktop_unref(c->desk);
    free(c);
}

int sash_clipboard_read(sash_app *app, sash_clipboard_format format,
                        sash_clipboard_fn fn, void *user_data)
{
    sash__desktop_anchor(&sash__platform_clipboard_anchor); /* links the backend's code */
    if (!app || !fn || (unsigned)format > SASH_CLIPBOARD_PNG)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    if (!app->platform->clipboard_read)
        return sash__fail(SASH_EPLATFORM, "clipboard: the %s backend has none",
                          app->platform->name);
    sash__desktop *desk = sash__desktop_get(app);
    clip_req *c = desk ? calloc(1, sizeof *c) : NULL;
    if (!c)
        return SASH_ENOMEM;
    c->desk = sash__desktop_ref(desk);
    c->fn = fn;
    c->user_data = user_data;
    c->pub.format = format;
    c->pub.core = c;
    app->platform->clipboard_read(app, &c->pub);
    return 0;
}

/* -- Page commands --------------------------------------------------------- */

static sash_clipboard_format format_of(const char *cmd)
{
    return strstr(cmd, "_html") ? SASH_CLIPBOARD_HTML
           : strstr(cmd, "_image") ? SASH_CLIPBOARD_PNG
                                   : SASH_CLIPBOARD_TEXT;
}

static void on_read(sash_app *app, const void *data, size_t len, void *ud)
{
    (void)app;
    sash_call *call = ud;
    if (format_of(sash_call_command(call)) == SASH_CLIPBOARD_PNG) {
        if (data)
            sash_resolve_bytes(call, (void *)data, len, NULL);
        else
            sash_resolve(call, json_null());
    } else {
        sash_resolve(call, data ? json_stringn(data, len) : json_null());
    }
    sash_call_unref(call);
}

static void cmd_read(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_call_ref(call);
    int rc = sash_clipboard_read(call->app, format_of(sash_call_command(call)),
                                 on_read, call);
    if (rc) {
        sash_call_unref(call);
        sash_reject(call, SASH_CODE_INTERNAL, "clipboard: %s",
                    sash_strerror(rc));
    }
}

static void cmd_write(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_clipboard_format f = format_of(sash_call_command(call));
    const void *data;
    size_t len;
    if (f == SASH_CLIPBOARD_PNG) {
        data = sash_call_bytes(call, &len);
        if (!data) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "send the PNG as bytes: "
                        "invoke(cmd, Uint8Array)");
            return;
        }
    } else {
        const json_t *v = json_object_get(args, f == SASH_CLIPBOARD_HTML
                                                    ? "html" : "text");
        if (!json_is_string(v)) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "%s must be a string",
                        f == SASH_CLIPBOARD_HTML ? "html" : "text");
            return;
        }
        data = json_string_value(v);
        len = json_string_length(v);
    }
    const char *why = content_check(f, data, len);
    if (why) {
        sash_reject(call, len > SASH_CLIPBOARD_MAX_BYTES ? SASH_CODE_TOO_LARGE
                                                          : SASH_CODE_BAD_ARGS,
                    "%s: %s", sash_call_command(call), why);
        return;
    }
    int rc = sash_clipboard_write(call->app, f, data, len);
    if (rc)
        sash_reject(call, rc == SASH_EINVAL ? SASH_CODE_BAD_ARGS
                                            : SASH_CODE_INTERNAL,
                    "%s: %s", sash_call_command(call), sash_strerror(rc));
    else
        sash_resolve(call, json_null());
}

#define DEF(name, fn) {"clipboard:" #name, fn, SASH_COMMAND_UI_THREAD}
static const sash_command_def defs[] = {
    DEF(read_text, cmd_read),   DEF(read_html, cmd_read),
    DEF(read_image, cmd_read),  DEF(write_text, cmd_write),
    DEF(write_html, cmd_write), DEF(write_image, cmd_write)};
#undef DEF

int sash_clipboard_enable(sash_app *app)
{
    static const sash_command_def *const list[] = {
        &defs[0], &defs[1], &defs[2], &defs[3], &defs[4], &defs[5]};
    static const char *const read[] = {
        "clipboard:read", "clipboard:read_text", "clipboard:read_html",
        "clipboard:read_image", NULL};
    static const char *const write[] = {
        "clipboard:write", "clipboard:write_text", "clipboard:write_html",
        "clipboard:write_image", NULL};
    /* The default set writes only: reading is granted on purpose. */
    static const char *const def[] = {
        "clipboard:default", "clipboard:write_text", "clipboard:write_html",
        "clipboard:write_image", NULL};
    static const char *const *const sets[] = {read, write, def, NULL};
    return sash__desktop_register(app, list, 6, sets);
}
