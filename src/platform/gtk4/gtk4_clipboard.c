/*
 * gtk4_clipboard.c - the table's clipboard entries on GdkClipboard (the
 * display's CLIPBOARD selection): text, "text/html" through a content
 * provider for that mime type, and images as a GdkTexture (any format
 * another program offers, handed to the core as PNG).  Reads are GDK's
 * asynchronous ones: the UI thread never waits on another program.
 */
#include <string.h>

#include "gtk4_desk.h"

/* Linked only when the core's desktop code uses it (platform.h). */
const char sash__platform_clipboard_anchor = 0;

#define HTML_MIME "text/html"

static GdkClipboard *board(void)
{
    GdkDisplay *d = gdk_display_get_default();
    return d ? gdk_display_get_clipboard(d) : NULL;
}

int sash__gtk4_clipboard_write(sash_app *app, sash_clipboard_format format,
                               const void *data, size_t len)
{
    (void)app;
    GdkClipboard *cb = board();
    if (!cb)
        return sash__fail(SASH_EPLATFORM, "clipboard: no display");
    if (format == SASH_CLIPBOARD_TEXT) {
        char *text = g_strndup(data, len);
        gdk_clipboard_set_text(cb, text);
        g_free(text);
        return 0;
    }
    GBytes *bytes = g_bytes_new(data, len);
    if (format == SASH_CLIPBOARD_HTML) {
        GdkContentProvider *p = gdk_content_provider_new_for_bytes(HTML_MIME,
                                                                   bytes);
        g_bytes_unref(bytes);
        int ok = gdk_clipboard_set_content(cb, p);
        g_object_unref(p);
        return ok ? 0 : sash__fail(SASH_EPLATFORM, "clipboard: GDK refused "
                                   "the content");
    }
    GError *err = NULL;
    GdkTexture *tex = gdk_texture_new_from_bytes(bytes, &err);
    g_bytes_unref(bytes);
    if (!tex) {
        int rc = sash__fail(SASH_EINVAL, "clipboard: the PNG does not decode: "
                            "%s", err ? err->message : "no loader");
        g_clear_error(&err);
        return rc;
    }
    gdk_clipboard_set_texture(cb, tex);
    g_object_unref(tex);
    return 0;
}

static void got_text(GObject *src, GAsyncResult *res, gpointer r)
{
    char *text = gdk_clipboard_read_text_finish(GDK_CLIPBOARD(src), res, NULL);
    sash__clipboard_done(r, text, text ? strlen(text) : 0);
    g_free(text);
}

static void html_spliced(GObject *src, GAsyncResult *res, gpointer r)
{
    GOutputStream *out = G_OUTPUT_STREAM(src);
    gssize n = g_output_stream_splice_finish(out, res, NULL);
    const char *data = NULL;
    size_t len = 0;
    if (n >= 0) {
        data = g_memory_output_stream_get_data(G_MEMORY_OUTPUT_STREAM(out));
        len = g_memory_output_stream_get_data_size(G_MEMORY_OUTPUT_STREAM(out));
    }
    /* Some programs offer UTF-16 or a NUL at the end: only clean UTF-8. */
    while (data && len > 0 && data[len - 1] == 0)
        len--;
    if (data && (len == 0 || !g_utf8_validate(data, (gssize)len, NULL)))
        data = NULL;
    sash__clipboard_done(r, data, data ? len : 0);
    g_object_unref(out);
}

static void got_html_stream(GObject *src, GAsyncResult *res, gpointer r)
{
    GInputStream *in = gdk_clipboard_read_finish(GDK_CLIPBOARD(src), res, NULL,
                                                 NULL);
    if (!in) {
        sash__clipboard_done(r, NULL, 0);
        return;
    }
    GOutputStream *out = g_memory_output_stream_new_resizable();
    g_output_stream_splice_async(out, in,
                                 G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                     G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                 G_PRIORITY_DEFAULT, NULL, html_spliced, r);
    g_object_unref(in);
}

static void got_texture(GObject *src, GAsyncResult *res, gpointer r)
{
    GdkTexture *tex = gdk_clipboard_read_texture_finish(GDK_CLIPBOARD(src),
                                                        res, NULL);
    GBytes *png = tex ? gdk_texture_save_to_png_bytes(tex) : NULL;
    gsize len = 0;
    const void *data = png ? g_bytes_get_data(png, &len) : NULL;
    sash__clipboard_done(r, data, data ? len : 0);
    if (png)
        g_bytes_unref(png);
    if (tex)
        g_object_unref(tex);
}

void sash__gtk4_clipboard_read(sash_app *app, sash__clip_read *r)
{
    (void)app;
    GdkClipboard *cb = board();
    if (!cb) {
        sash__clipboard_done(r, NULL, 0);
        return;
    }
    switch (r->format) {
    case SASH_CLIPBOARD_TEXT:
        gdk_clipboard_read_text_async(cb, NULL, got_text, r);
        break;
    case SASH_CLIPBOARD_HTML: {
        /* Ask for HTML only when it is offered: some owners (xclip) answer
         * any target with their text. */
        GdkContentFormats *f = gdk_clipboard_get_formats(cb);
        if (!f || !gdk_content_formats_contain_mime_type(f, HTML_MIME)) {
            sash__clipboard_done(r, NULL, 0);
            break;
        }
        static const char *mimes[] = {HTML_MIME, NULL};
        gdk_clipboard_read_async(cb, mimes, G_PRIORITY_DEFAULT, NULL,
                                 got_html_stream, r);
        break;
    }
    case SASH_CLIPBOARD_PNG:
        gdk_clipboard_read_texture_async(cb, NULL, got_texture, r);
        break;
    default:
        sash__clipboard_done(r, NULL, 0);
        break;
    }
}
