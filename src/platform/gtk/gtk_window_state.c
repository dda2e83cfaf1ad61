/*
 * gtk_window_state.c - window state on GTK 3: options applied before the
 * window is mapped, getters and setters, the desktop theme (monitors:
 * gtk_monitors.c),
 * per-window timers, and the signals that become the core's window
 * events (resized, moved, focused, scale, theme).
 */
#include <string.h>

#include "gtk_internal.h"

struct gtk_window_state {
    GdkWindowState wm;   /* last window-state-event */
    int no_focus;        /* options.no_focus: shown without the focus */
    int above;           /* keep-above requested */
    guint timer;         /* window_timer source, 0 = none */
    void (*timer_fn)(sash_window *w);
};

static gtk_window_data *data_of(sash_window *w)
{
    return sash__window_native(w);
}

static GtkWindow *win_of(sash_window *w)
{
    return GTK_WINDOW(data_of(w)->window);
}

static gtk_window_state *state_of(sash_window *w)
{
    gtk_window_data *d = data_of(w);
    if (!d->state)
        d->state = g_new0(gtk_window_state, 1);
    return d->state;
}

/* -- Signals -> core events -------------------------------------------------- */

static void report_geometry(sash_window *w)
{
    int x, y, width, height;
    gtk_window_get_position(win_of(w), &x, &y);
    gtk_window_get_size(win_of(w), &width, &height);
    sash__window_geometry_changed(w, x, y, width, height);
}

static gboolean on_configure(GtkWidget *widget, GdkEventConfigure *ev,
                             gpointer w)
{
    (void)widget;
    (void)ev;
    report_geometry(w);
    return FALSE;
}

static void on_active(GObject *obj, GParamSpec *ps, gpointer w)
{
    (void)ps;
    sash__window_focus_changed(w, gtk_window_is_active(GTK_WINDOW(obj)));
}

static gboolean on_state(GtkWidget *widget, GdkEventWindowState *ev,
                         gpointer w)
{
    (void)widget;
    state_of(w)->wm = ev->new_window_state;
    return FALSE;
}

static void on_scale(GObject *obj, GParamSpec *ps, gpointer w)
{
    (void)ps;
    sash__window_scale_changed(w, gtk_widget_get_scale_factor(GTK_WIDGET(obj)));
}

static void on_theme(GObject *obj, GParamSpec *ps, gpointer w)
{
    (void)obj;
    (void)ps;
    sash__app_theme_changed(sash__window_app(w), sash__gtk_theme_now());
}

/* -- Table entries --------------------------------------------------------- */

static void set_limits(GtkWindow *win, int min_w, int min_h, int max_w,
                       int max_h)
{
    GdkGeometry g = {.min_width = min_w, .min_height = min_h,
                     .max_width = max_w ? max_w : G_MAXSHORT,
                     .max_height = max_h ? max_h : G_MAXSHORT};
    gtk_window_set_geometry_hints(win, NULL, &g,
                                  GDK_HINT_MIN_SIZE | GDK_HINT_MAX_SIZE);
}

void sash__gtk_window_apply_options(sash_window *w, const sash_window_options *o,
                                    sash_window *parent)
{
    gtk_window_data *d = data_of(w);
    GtkWindow *win = GTK_WINDOW(d->window);
    gtk_window_state *st = state_of(w);
    if (o->max_width || o->max_height)
        set_limits(win, o->min_width, o->min_height, o->max_width,
                   o->max_height);
    if (o->has_position) {
        gtk_window_set_position(win, GTK_WIN_POS_NONE);
        gtk_window_move(win, o->x, o->y);
    }
    if (o->no_decorations)
        gtk_window_set_decorated(win, FALSE);
    if (o->always_on_top) {
        st->above = 1;
        gtk_window_set_keep_above(win, TRUE);
    }
    if (o->skip_taskbar) {
        gtk_window_set_skip_taskbar_hint(win, TRUE);
        gtk_window_set_skip_pager_hint(win, TRUE);
    }
    if (o->no_focus) { /* shown with gtk_widget_show, not present */
        st->no_focus = 1;
        gtk_window_set_focus_on_map(win, FALSE);
    }
    if (parent && sash__window_native(parent)) {
        gtk_window_set_transient_for(win, GTK_WINDOW(data_of(parent)->window));
        gtk_window_set_modal(win, o->modal);
        if (!o->has_position)
            gtk_window_set_position(win, GTK_WIN_POS_CENTER_ON_PARENT);
    }
    if (o->maximized)
        gtk_window_maximize(win);
    if (o->fullscreen)
        gtk_window_fullscreen(win);
    if (o->minimized)
        gtk_window_iconify(win);
    g_signal_connect(d->window, "configure-event", G_CALLBACK(on_configure), w);
    g_signal_connect(d->window, "notify::is-active", G_CALLBACK(on_active), w);
    g_signal_connect(d->window, "window-state-event", G_CALLBACK(on_state), w);
    g_signal_connect(d->window, "notify::scale-factor", G_CALLBACK(on_scale), w);
    GtkSettings *s = gtk_settings_get_default();
    if (s) {
        g_signal_connect(s, "notify::gtk-application-prefer-dark-theme",
                         G_CALLBACK(on_theme), w);
        g_signal_connect(s, "notify::gtk-theme-name", G_CALLBACK(on_theme), w);
    }
    sash__app_theme_changed(sash__window_app(w), sash__gtk_theme_now());
    /* Mapped (at opacity 0, see gtk_window.c) unless it starts hidden. */
    gtk_widget_show_all(GTK_WIDGET(d->view));
    if (!o->hidden)
        gtk_widget_show_all(d->window);
}

int sash__gtk_window_no_focus(sash_window *w)
{
    gtk_window_state *st = data_of(w)->state;
    return st && st->no_focus;
}

void sash__gtk_window_state_free(sash_window *w)
{
    gtk_window_data *d = data_of(w);
    GtkSettings *s = gtk_settings_get_default();
    if (s)
        g_signal_handlers_disconnect_by_data(s, w);
    if (d->state && d->state->timer)
        g_source_remove(d->state->timer);
    g_free(d->state);
    d->state = NULL;
}

void sash__gtk_ws_set_size(sash_window *w, int width, int height)
{
    gtk_window_resize(win_of(w), width, height);
}

void sash__gtk_ws_set_position(sash_window *w, int x, int y)
{
    gtk_window_move(win_of(w), x, y);
}

void sash__gtk_ws_set_size_limits(sash_window *w, int min_w, int min_h, int max_w,
                            int max_h)
{
    set_limits(win_of(w), min_w, min_h, max_w, max_h);
}

static void show(sash_window *w)
{
    gtk_window_data *d = data_of(w);
    gtk_widget_set_opacity(d->window, 1.0);
    gtk_widget_show_all(d->window);
    gtk_window_present(GTK_WINDOW(d->window));
}

void sash__gtk_ws_set_attrib(sash_window *w, int attrib, int value)
{
    GtkWindow *win = win_of(w);
    switch (attrib) {
    case SASH_WINDOW_RESIZABLE: gtk_window_set_resizable(win, value); break;
    case SASH_WINDOW_DECORATED: gtk_window_set_decorated(win, value); break;
    case SASH_WINDOW_ALWAYS_ON_TOP:
        state_of(w)->above = value;
        gtk_window_set_keep_above(win, value);
        break;
    case SASH_WINDOW_FULLSCREEN:
        if (value)
            gtk_window_fullscreen(win);
        else
            gtk_window_unfullscreen(win);
        break;
    case SASH_WINDOW_MAXIMIZED:
        if (value)
            gtk_window_maximize(win);
        else
            gtk_window_unmaximize(win);
        break;
    case SASH_WINDOW_MINIMIZED:
        if (value)
            gtk_window_iconify(win);
        else
            gtk_window_deiconify(win);
        break;
    case SASH_WINDOW_VISIBLE:
        if (value)
            show(w);
        else
            gtk_widget_hide(GTK_WIDGET(win));
        break;
    case SASH_WINDOW_FOCUSED:
        gtk_window_present(win);
        break;
    case SASH_WINDOW_SKIP_TASKBAR:
        gtk_window_set_skip_taskbar_hint(win, value);
        gtk_window_set_skip_pager_hint(win, value);
        break;
    default:
        break;
    }
}

int sash__gtk_ws_get_attrib(sash_window *w, int attrib)
{
    GtkWindow *win = win_of(w);
    GdkWindowState wm = state_of(w)->wm;
    switch (attrib) {
    case SASH_WINDOW_RESIZABLE: return gtk_window_get_resizable(win);
    case SASH_WINDOW_DECORATED: return gtk_window_get_decorated(win);
    case SASH_WINDOW_ALWAYS_ON_TOP:
        /* GDK 3 does not report _NET_WM_STATE_ABOVE back (and Wayland has
         * no such state): the last request, or what GDK says */
        return state_of(w)->above || (wm & GDK_WINDOW_STATE_ABOVE);
    case SASH_WINDOW_FULLSCREEN: return !!(wm & GDK_WINDOW_STATE_FULLSCREEN);
    case SASH_WINDOW_MAXIMIZED: return gtk_window_is_maximized(win);
    case SASH_WINDOW_MINIMIZED: return !!(wm & GDK_WINDOW_STATE_ICONIFIED);
    case SASH_WINDOW_VISIBLE:
        return gtk_widget_get_visible(GTK_WIDGET(win)) &&
               gtk_widget_get_opacity(GTK_WIDGET(win)) > 0.5;
    case SASH_WINDOW_FOCUSED: return gtk_window_is_active(win);
    case SASH_WINDOW_SKIP_TASKBAR: return gtk_window_get_skip_taskbar_hint(win);
    default: return 0;
    }
}

void sash__gtk_ws_get_geometry(sash_window *w, int *x, int *y, int *width,
                         int *height)
{
    gtk_window_get_position(win_of(w), x, y);
    gtk_window_get_size(win_of(w), width, height);
}

GdkMonitor *sash__gtk_ws_monitor_of(sash_window *w)
{
    GtkWidget *widget = data_of(w)->window;
    GdkDisplay *display = gtk_widget_get_display(widget);
    GdkWindow *gw = gtk_widget_get_window(widget);
    return gw ? gdk_display_get_monitor_at_window(display, gw)
              : gdk_display_get_primary_monitor(display);
}

void sash__gtk_ws_center(sash_window *w)
{
    GdkMonitor *m = sash__gtk_ws_monitor_of(w);
    if (!m)
        m = gdk_display_get_monitor(gdk_display_get_default(), 0);
    if (!m)
        return;
    GdkRectangle wa;
    gdk_monitor_get_workarea(m, &wa);
    int x, y, width, height;
    sash__gtk_ws_get_geometry(w, &x, &y, &width, &height);
    gtk_window_move(win_of(w), wa.x + (wa.width - width) / 2,
                    wa.y + (wa.height - height) / 2);
}

double sash__gtk_ws_scale(sash_window *w)
{
    return gtk_widget_get_scale_factor(data_of(w)->window);
}

int sash__gtk_ws_theme(sash_app *app)
{
    (void)app;
    return sash__gtk_theme_now();
}

static gboolean timer_cb(gpointer w)
{
    gtk_window_state *st = state_of(w);
    void (*fn)(sash_window *) = st->timer_fn;
    st->timer = 0;
    st->timer_fn = NULL;
    if (fn)
        fn(w);
    return G_SOURCE_REMOVE;
}

void sash__gtk_ws_window_timer(sash_window *w, unsigned ms, void (*fn)(sash_window *))
{
    gtk_window_state *st = state_of(w);
    if (st->timer)
        g_source_remove(st->timer);
    st->timer_fn = fn;
    st->timer = g_timeout_add(ms, timer_cb, w);
}
