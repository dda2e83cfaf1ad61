/*
 * gtk_clipboard.c - the table's clipboard entries on GtkClipboard (the
 * CLIPBOARD selection): text, "text/html", and images (any format another
 * program offers, handed to the core as PNG).
 */
#include <string.h>

#include "gtk_internal.h"

/* Linked only when the core's desktop code uses it (platform.h). */
const char sash__platform_clipboard_anchor = 0;

#define HTML_TARGET "text/html"

static GtkClipboard *board(void)
{
    return gtk_clipboard_get(GDK_SELECTION_CLIPBOARD);
}

typedef struct html_data {
    char *text;
    size_t len;
} html_data;

static void html_get(GtkClipboard *cb, GtkSelectionData *sel, guint info,
                     gpointer data)
{
    (void)cb;
    (void)info;
    html_data *h = data;
    gtk_selection_data_set(sel, gdk_atom_intern_static_string(HTML_TARGET), 8,
                           (const guchar *)h->text, (gint)h->len);
}

static void html_clear(GtkClipboard *cb, gpointer data)
{
    (void)cb;
    html_data *h = data;
    g_free(h->text);
    g_free(h);
}

int sash__gtk_clipboard_write(sash_app *app, sash_clipboard_format format,
                              const void *data, size_t len)
{
    (void)app;
    if (format == SASH_CLIPBOARD_TEXT) {
        gtk_clipboard_set_text(board(), data, (gint)len);
        return 0;
    }
    if (format == SASH_CLIPBOARD_HTML) {
        static const GtkTargetEntry targets[] = {{(gchar *)HTML_TARGET, 0, 0}};
        html_data *h = g_new(html_data, 1);
        h->text = g_memdup2(data, len);
        h->len = len;
        if (!gtk_clipboard_set_with_data(board(), targets, 1, html_get,
                                         html_clear, h)) {
            html_clear(NULL, h);
            return sash__fail(SASH_EPLATFORM, "clipboard: GTK refused the "
                              "content");
        }
        return 0;
    }
    GdkPixbufLoader *loader = gdk_pixbuf_loader_new_with_type("png", NULL);
    GError *err = NULL;
    if (!loader || !gdk_pixbuf_loader_write(loader, data, len, &err) ||
        !gdk_pixbuf_loader_close(loader, err ? NULL : &err)) {
        int rc = sash__fail(SASH_EINVAL, "clipboard: the PNG does not decode: "
                            "%s", err ? err->message : "no loader");
        if (err)
            g_error_free(err);
        if (loader) {
            gdk_pixbuf_loader_close(loader, NULL);
            g_object_unref(loader);
        }
        return rc;
    }
    GdkPixbuf *pix = gdk_pixbuf_loader_get_pixbuf(loader);
    if (pix)
        gtk_clipboard_set_image(board(), pix);
    g_object_unref(loader);
    return pix ? 0 : sash__fail(SASH_EINVAL, "clipboard: the PNG holds no "
                                "image");
}

static void got_text(GtkClipboard *cb, const gchar *text, gpointer r)
{
    (void)cb;
    sash__clipboard_done(r, text, text ? strlen(text) : 0);
}

static void got_html(GtkClipboard *cb, GtkSelectionData *sel, gpointer r)
{
    (void)cb;
    gint len = sel ? gtk_selection_data_get_length(sel) : -1;
    const guchar *data = len > 0 ? gtk_selection_data_get_data(sel) : NULL;
    /* Some programs offer UTF-16 or a NUL at the end: only clean UTF-8. */
    while (data && len > 0 && data[len - 1] == 0)
        len--;
    if (data && !g_utf8_validate((const char *)data, len, NULL))
        data = NULL;
    sash__clipboard_done(r, data, data ? (size_t)len : 0);
}

static void got_targets(GtkClipboard *cb, GdkAtom *atoms, gint n, gpointer r)
{
    GdkAtom html = gdk_atom_intern_static_string(HTML_TARGET);
    for (gint i = 0; atoms && i < n; i++) {
        if (atoms[i] == html) {
            gtk_clipboard_request_contents(cb, html, got_html, r);
            return;
        }
    }
    sash__clipboard_done(r, NULL, 0);
}

static void got_image(GtkClipboard *cb, GdkPixbuf *pix, gpointer r)
{
    (void)cb;
    gchar *buf = NULL;
    gsize len = 0;
    if (pix && !gdk_pixbuf_save_to_buffer(pix, &buf, &len, "png", NULL, NULL))
        buf = NULL;
    sash__clipboard_done(r, buf, buf ? len : 0);
    g_free(buf);
}

void sash__gtk_clipboard_read(sash_app *app, sash__clip_read *r)
{
    (void)app;
    switch (r->format) {
    case SASH_CLIPBOARD_TEXT:
        gtk_clipboard_request_text(board(), got_text, r);
        break;
    case SASH_CLIPBOARD_HTML:
        /* Ask for HTML only when it is offered: some owners (xclip) answer
         * any target with their text. */
        gtk_clipboard_request_targets(board(), got_targets, r);
        break;
    case SASH_CLIPBOARD_PNG:
        gtk_clipboard_request_image(board(), got_image, r);
        break;
    }
}
