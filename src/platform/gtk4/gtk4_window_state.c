/*
 * gtk4_window_state.c - window state on GTK 4: the table's "Window state"
 * entries (platform.h), the signals that become the core's window events,
 * and the per-window timer that lets a page veto a close.
 *
 * What GTK 4 took away, and what stands in for it:
 * - Positions.  GTK 4 has no gtk_window_move() nor get_position(): on X11
 *   the frame's place is read from the X server (the window manager's
 *   frame is the ancestor that is a child of the root) and a move is an
 *   XMoveWindow() of the client window (the window manager places the
 *   frame there, north-west gravity).  A move asked before the window is
 *   mapped is made when it is mapped.  On Wayland a client cannot know or
 *   choose its place: set_position and center report "unsupported"
 *   (sash__unsupported()), and the position reads 0, 0.
 * - configure-event.  Moves are seen as ConfigureNotify events (the
 *   GdkX11Display "xevent" signal) and sizes after each layout of the
 *   window (its frame clock's "layout" signal, run after GTK's own).
 * - Always on top, skip taskbar.  X11: _NET_WM_STATE client messages to
 *   the window manager (EWMH), sent again when the window is mapped;
 *   unsupported on Wayland.
 * - Maximum size.  GTK 4 has no geometry hints: on X11 the maximum is
 *   written into WM_NORMAL_HINTS (again after GDK rewrites them).  The
 *   minimum is the view's size request.
 * - Focus on map.  _NET_WM_USER_TIME 0 (gdk_x11_surface_set_user_time).
 * - Monitors are a GListModel; the work area is X11's (on Wayland: the
 *   whole monitor).
 */
#include <string.h>

#include "gtk4_internal.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#endif

struct gtk_window_state {
    int no_focus;     /* options.no_focus: shown without the focus */
    int above;        /* keep-above requested */
    int skip_taskbar; /* skip-taskbar requested */
    int max_w, max_h; /* maximum size, 0 = none */
    int move_pending; /* a position to apply once mapped */
    int move_x, move_y;
    int center_pending; /* center once mapped */
    int want_w, want_h; /* a size asked for, not seen yet (on_layout) */
    int want_tries;
    gulong layout_id;   /* frame clock "layout" handler */
    GdkFrameClock *clock;
    guint report;       /* idle geometry report, 0 = none */
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

static GdkSurface *surface_of(sash_window *w)
{
    return gtk_native_get_surface(GTK_NATIVE(data_of(w)->window));
}

/* -- X11 ------------------------------------------------------------------- */

#ifdef GDK_WINDOWING_X11
static int is_x11(sash_window *w)
{
    return GDK_IS_X11_DISPLAY(gtk_widget_get_display(data_of(w)->window));
}

static Display *xdisplay_of(sash_window *w)
{
    return gdk_x11_display_get_xdisplay(gtk_widget_get_display(data_of(w)->window));
}

static Window xid_of(sash_window *w)
{
    GdkSurface *s = surface_of(w);
    return s && GDK_IS_X11_SURFACE(s) ? gdk_x11_surface_get_xid(s) : 0;
}

/* The frame's top-left on the root window (the window itself without a
 * window manager), in logical pixels.  0 if the window has no X window. */
static int x11_frame_origin(sash_window *w, int *x, int *y)
{
    Window xid = xid_of(w);
    if (!xid)
        return 0;
    Display *dpy = xdisplay_of(w);
    GdkDisplay *gd = gtk_widget_get_display(data_of(w)->window);
    gdk_x11_display_error_trap_push(gd);
    Window cur = xid, root = 0, parent = 0, *children = NULL;
    unsigned n = 0;
    int ok = 1;
    for (int depth = 0; depth < 16; depth++) {
        if (!XQueryTree(dpy, cur, &root, &parent, &children, &n)) {
            ok = 0;
            break;
        }
        if (children)
            XFree(children);
        if (!parent || parent == root)
            break;
        cur = parent;
    }
    int fx = 0, fy = 0;
    unsigned fw, fh, bw, dp;
    Window r;
    if (ok && !XGetGeometry(dpy, cur, &r, &fx, &fy, &fw, &fh, &bw, &dp))
        ok = 0;
    gdk_x11_display_error_trap_pop_ignored(gd);
    if (!ok)
        return 0;
    int scale = gtk_widget_get_scale_factor(data_of(w)->window);
    if (scale < 1)
        scale = 1;
    *x = fx / scale;
    *y = fy / scale;
    return 1;
}

static void x11_move(sash_window *w, int x, int y)
{
    int scale = gtk_widget_get_scale_factor(data_of(w)->window);
    if (scale < 1)
        scale = 1;
    XMoveWindow(xdisplay_of(w), xid_of(w), x * scale, y * scale);
    XFlush(xdisplay_of(w));
}

/* EWMH: asks the window manager to add (1) or remove (0) one or two
 * _NET_WM_STATE atoms of a mapped window. */
static void x11_wm_state(sash_window *w, int add, const char *a1,
                         const char *a2)
{
    GdkDisplay *gd = gtk_widget_get_display(data_of(w)->window);
    Display *dpy = xdisplay_of(w);
    XClientMessageEvent ev = {0};
    ev.type = ClientMessage;
    ev.window = xid_of(w);
    ev.message_type = gdk_x11_get_xatom_by_name_for_display(gd, "_NET_WM_STATE");
    ev.format = 32;
    ev.data.l[0] = add ? 1 : 0; /* _NET_WM_STATE_ADD / _REMOVE */
    ev.data.l[1] = (long)gdk_x11_get_xatom_by_name_for_display(gd, a1);
    ev.data.l[2] = a2 ? (long)gdk_x11_get_xatom_by_name_for_display(gd, a2) : 0;
    ev.data.l[3] = 1; /* from an application */
    XSendEvent(dpy, DefaultRootWindow(dpy), False,
               SubstructureRedirectMask | SubstructureNotifyMask,
               (XEvent *)&ev);
    XFlush(dpy);
}

/* Whether the window manager lists `atom` in the window's _NET_WM_STATE. */
static int x11_has_wm_state(sash_window *w, const char *atom)
{
    Window xid = xid_of(w);
    if (!xid)
        return 0;
    GdkDisplay *gd = gtk_widget_get_display(data_of(w)->window);
    Display *dpy = xdisplay_of(w);
    Atom want = gdk_x11_get_xatom_by_name_for_display(gd, atom), type;
    int format, found = 0;
    unsigned long n = 0, after;
    unsigned char *data = NULL;
    gdk_x11_display_error_trap_push(gd);
    if (XGetWindowProperty(dpy, xid,
                           gdk_x11_get_xatom_by_name_for_display(gd, "_NET_WM_STATE"),
                           0, 64, False, XA_ATOM, &type, &format, &n, &after,
                           &data) == Success && data && format == 32) {
        Atom *atoms = (Atom *)data;
        for (unsigned long i = 0; i < n; i++)
            if (atoms[i] == want)
                found = 1;
    }
    if (data)
        XFree(data);
    gdk_x11_display_error_trap_pop_ignored(gd);
    return found;
}

/* GTK 4 has no maximum size: write it into WM_NORMAL_HINTS, keeping what
 * GDK put there (it rewrites the hints when it computes a new size: see
 * on_layout). */
static void x11_max_hints(sash_window *w)
{
    gtk_window_state *st = state_of(w);
    Window xid = xid_of(w);
    if (!xid)
        return;
    GdkDisplay *gd = gtk_widget_get_display(data_of(w)->window);
    Display *dpy = xdisplay_of(w);
    int scale = gtk_widget_get_scale_factor(data_of(w)->window);
    if (scale < 1)
        scale = 1;
    XSizeHints h = {0};
    long supplied = 0;
    gdk_x11_display_error_trap_push(gd);
    XGetWMNormalHints(dpy, xid, &h, &supplied);
    int mw = st->max_w ? st->max_w * scale : 32767;
    int mh = st->max_h ? st->max_h * scale : 32767;
    int want = st->max_w || st->max_h;
    if (want && (!(h.flags & PMaxSize) || h.max_width != mw ||
                 h.max_height != mh)) {
        h.flags |= PMaxSize;
        h.max_width = mw;
        h.max_height = mh;
        XSetWMNormalHints(dpy, xid, &h);
    } else if (!want && (h.flags & PMaxSize) && gtk_window_get_resizable(win_of(w))) {
        h.flags &= ~PMaxSize;
        XSetWMNormalHints(dpy, xid, &h);
    }
    gdk_x11_display_error_trap_pop_ignored(gd);
}

static gboolean on_xevent(GdkDisplay *display, gpointer xevent, gpointer w);
#endif

/* -- Geometry and signals -> core events ------------------------------------ */

static void get_geometry(sash_window *w, int *x, int *y, int *width,
                         int *height)
{
    gtk_window_data *d = data_of(w);
    *x = *y = 0;
#ifdef GDK_WINDOWING_X11
    if (is_x11(w))
        x11_frame_origin(w, x, y);
#endif
    *width = gtk_widget_get_width(d->window);
    *height = gtk_widget_get_height(d->window);
    if (*width <= 0 || *height <= 0) /* not laid out yet */
        gtk_window_get_default_size(GTK_WINDOW(d->window), width, height);
}

static void report_geometry(sash_window *w)
{
    int x, y, width, height;
    get_geometry(w, &x, &y, &width, &height);
    if (width > 0 && height > 0)
        sash__window_geometry_changed(w, x, y, width, height);
}

static gboolean report_cb(gpointer w)
{
    state_of(w)->report = 0;
    report_geometry(w);
    return G_SOURCE_REMOVE;
}

static void report_soon(sash_window *w)
{
    gtk_window_state *st = state_of(w);
    if (!st->report)
        st->report = g_idle_add(report_cb, w);
}

/* A size asked for can be lost: a configure the compositor sent before
 * it saw the request (Wayland: the activation after the first show
 * carries the old size, and GTK takes it over the default size) wins.
 * Ask again, a few times, until the size is seen; a user resizing the
 * window meanwhile wins after that. */
static void resize_again_if_lost(sash_window *w)
{
    gtk_window_state *st = state_of(w);
    GtkWindow *win = win_of(w);
    if (!st->want_tries)
        return;
    int width = gtk_widget_get_width(GTK_WIDGET(win));
    int height = gtk_widget_get_height(GTK_WIDGET(win));
    if ((width == st->want_w && height == st->want_h) ||
        gtk_window_is_maximized(win) || gtk_window_is_fullscreen(win)) {
        st->want_tries = 0;
        return;
    }
    st->want_tries--;
    gtk_window_set_default_size(win, st->want_w, st->want_h);
}

/* After GTK allocated the window for this frame: its size is current. */
static void on_layout(GdkFrameClock *clock, gpointer w)
{
    (void)clock;
#ifdef GDK_WINDOWING_X11
    gtk_window_state *st = state_of(w);
    if ((st->max_w || st->max_h) && is_x11(w))
        x11_max_hints(w);
#endif
    report_geometry(w);
    resize_again_if_lost(w);
}

#ifdef GDK_WINDOWING_X11
static gboolean on_xevent(GdkDisplay *display, gpointer xevent, gpointer w)
{
    (void)display;
    XEvent *ev = xevent;
    if (ev->type == ConfigureNotify && ev->xconfigure.window == xid_of(w))
        report_soon(w); /* a move (the size comes with the next layout) */
    return FALSE;
}
#endif

static void on_enter_monitor(GdkSurface *s, GdkMonitor *m, gpointer w)
{
    (void)s;
    (void)m;
    report_soon(w);
}

static void center_now(sash_window *w);

/* Mapped: what X11 only takes from a mapped window (a position, the
 * window manager's states). */
static void on_map(GtkWidget *widget, gpointer w)
{
    (void)widget;
    gtk_window_state *st = state_of(w);
#ifdef GDK_WINDOWING_X11
    if (is_x11(w)) {
        if (st->above)
            x11_wm_state(w, 1, "_NET_WM_STATE_ABOVE", NULL);
        if (st->skip_taskbar)
            x11_wm_state(w, 1, "_NET_WM_STATE_SKIP_TASKBAR",
                         "_NET_WM_STATE_SKIP_PAGER");
        if (st->move_pending) {
            st->move_pending = 0;
            st->center_pending = 0;
            x11_move(w, st->move_x, st->move_y);
        }
        if (st->max_w || st->max_h)
            x11_max_hints(w);
    }
#endif
    if (st->center_pending) {
        st->center_pending = 0;
        center_now(w);
    }
    report_soon(w);
}

static void connect_clock(sash_window *w)
{
    gtk_window_state *st = state_of(w);
    GdkFrameClock *clock = gtk_widget_get_frame_clock(data_of(w)->window);
    if (!clock || clock == st->clock)
        return;
    if (st->clock)
        g_signal_handler_disconnect(st->clock, st->layout_id);
    st->clock = g_object_ref(clock);
    st->layout_id = g_signal_connect_after(clock, "layout",
                                           G_CALLBACK(on_layout), w);
}

static void on_realize(GtkWidget *widget, gpointer w)
{
    (void)widget;
    connect_clock(w);
    GdkSurface *s = surface_of(w);
    if (s) {
        g_signal_connect(s, "enter-monitor", G_CALLBACK(on_enter_monitor), w);
#ifdef GDK_WINDOWING_X11
        if (state_of(w)->no_focus && GDK_IS_X11_SURFACE(s))
            gdk_x11_surface_set_user_time(s, 0); /* no focus on map */
#endif
    }
}

/* -- Table entries --------------------------------------------------------- */

static void set_limits(sash_window *w, int min_w, int min_h, int max_w,
                       int max_h)
{
    gtk_window_data *d = data_of(w);
    gtk_window_state *st = state_of(w);
    gtk_widget_set_size_request(GTK_WIDGET(d->view), min_w > 0 ? min_w : -1,
                                min_h > 0 ? min_h : -1);
    st->max_w = max_w;
    st->max_h = max_h;
#ifdef GDK_WINDOWING_X11
    if (is_x11(w))
        x11_max_hints(w);
#endif
    /* Bring the current size within the new limits. */
    int x, y, width, height;
    get_geometry(w, &x, &y, &width, &height);
    int nw = width, nh = height;
    if (max_w && nw > max_w)
        nw = max_w;
    if (max_h && nh > max_h)
        nh = max_h;
    if (nw != width || nh != height)
        gtk_window_set_default_size(win_of(w), nw, nh);
}

void sash__gtk_window_apply_options(sash_window *w, const sash_window_options *o,
                                    sash_window *parent)
{
    gtk_window_data *d = data_of(w);
    GtkWindow *win = GTK_WINDOW(d->window);
    gtk_window_state *st = state_of(w);
    if (o->max_width || o->max_height) {
        st->max_w = o->max_width;
        st->max_h = o->max_height;
    }
    if (o->has_position) {
        st->move_pending = 1;
        st->move_x = o->x;
        st->move_y = o->y;
    } else if (!o->no_center && !parent) {
        st->center_pending = 1;
    }
    if (o->no_decorations)
        gtk_window_set_decorated(win, FALSE);
    if (o->always_on_top)
        st->above = 1;
    if (o->skip_taskbar)
        st->skip_taskbar = 1;
    if (o->no_focus)
        st->no_focus = 1;
    if (parent && sash__window_native(parent)) {
        gtk_window_set_transient_for(win, GTK_WINDOW(data_of(parent)->window));
        gtk_window_set_modal(win, o->modal);
    }
    if (o->maximized)
        gtk_window_maximize(win);
    if (o->fullscreen)
        gtk_window_fullscreen(win);
    if (o->minimized)
        gtk_window_minimize(win);
    g_signal_connect(d->window, "realize", G_CALLBACK(on_realize), w);
    g_signal_connect(d->window, "map", G_CALLBACK(on_map), w);
#ifdef GDK_WINDOWING_X11
    GdkDisplay *display = gtk_widget_get_display(d->window);
    if (GDK_IS_X11_DISPLAY(display))
        g_signal_connect(display, "xevent", G_CALLBACK(on_xevent), w);
#endif
    sash__gtk_ws_connect(w); /* focus, scale, theme */
    /* Mapped (at opacity 0, see gtk4_window.c) unless it starts hidden. */
    if (!o->hidden)
        gtk_widget_set_visible(d->window, TRUE);
}

int sash__gtk_window_no_focus(sash_window *w)
{
    gtk_window_state *st = data_of(w)->state;
    return st && st->no_focus;
}

void sash__gtk_window_state_free(sash_window *w)
{
    gtk_window_data *d = data_of(w);
    sash__gtk_ws_disconnect(w); /* and the window timer */
    g_signal_handlers_disconnect_by_data(gtk_widget_get_display(d->window), w);
    GdkSurface *surface = surface_of(w);
    if (surface)
        g_signal_handlers_disconnect_by_data(surface, w);
    if (d->state) {
        if (d->state->clock) {
            g_signal_handler_disconnect(d->state->clock, d->state->layout_id);
            g_object_unref(d->state->clock);
        }
        if (d->state->report)
            g_source_remove(d->state->report);
    }
    g_free(d->state);
    d->state = NULL;
}

void sash__gtk_ws_set_size(sash_window *w, int width, int height)
{
    /* GTK 4: the default size of a mapped window is its size. */
    gtk_window_state *st = state_of(w);
    st->want_w = width;
    st->want_h = height;
    st->want_tries = 3;
    gtk_window_set_default_size(win_of(w), width, height);
}

void sash__gtk_ws_set_position(sash_window *w, int x, int y)
{
#ifdef GDK_WINDOWING_X11
    if (is_x11(w)) {
        gtk_window_state *st = state_of(w);
        st->center_pending = 0;
        if (gtk_widget_get_mapped(data_of(w)->window)) {
            x11_move(w, x, y);
        } else {
            st->move_pending = 1;
            st->move_x = x;
            st->move_y = y;
        }
        return;
    }
#endif
    sash__unsupported(sash__window_app(w),
                      "window positions (set_position) on Wayland");
}

void sash__gtk_ws_set_size_limits(sash_window *w, int min_w, int min_h,
                                  int max_w, int max_h)
{
    set_limits(w, min_w, min_h, max_w, max_h);
}

static void show(sash_window *w)
{
    gtk_window_data *d = data_of(w);
    gtk_widget_set_opacity(d->window, 1.0);
    gtk_window_present(GTK_WINDOW(d->window));
}

/* Always on top and skip taskbar: EWMH states on X11, nothing on
 * Wayland (unsupported). */
static void set_wm_state(sash_window *w, int *field, int value,
                         const char *a1, const char *a2, const char *what)
{
#ifdef GDK_WINDOWING_X11
    if (is_x11(w)) {
        *field = value;
        if (gtk_widget_get_mapped(data_of(w)->window))
            x11_wm_state(w, value, a1, a2);
        return; /* or sent when mapped (on_map) */
    }
#else
    (void)field, (void)value, (void)a1, (void)a2;
#endif
    sash__unsupported(sash__window_app(w), what);
}

void sash__gtk_ws_set_attrib(sash_window *w, int attrib, int value)
{
    GtkWindow *win = win_of(w);
    gtk_window_state *st = state_of(w);
    switch (attrib) {
    case SASH_WINDOW_RESIZABLE: gtk_window_set_resizable(win, value); break;
    case SASH_WINDOW_DECORATED: gtk_window_set_decorated(win, value); break;
    case SASH_WINDOW_ALWAYS_ON_TOP:
        set_wm_state(w, &st->above, value, "_NET_WM_STATE_ABOVE", NULL,
                     "always on top on Wayland");
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
            gtk_window_minimize(win);
        else
            gtk_window_unminimize(win);
        break;
    case SASH_WINDOW_VISIBLE:
        if (value)
            show(w);
        else
            gtk_widget_set_visible(GTK_WIDGET(win), FALSE);
        break;
    case SASH_WINDOW_FOCUSED:
        gtk_window_present(win);
        break;
    case SASH_WINDOW_SKIP_TASKBAR:
        set_wm_state(w, &st->skip_taskbar, value, "_NET_WM_STATE_SKIP_TASKBAR",
                     "_NET_WM_STATE_SKIP_PAGER", "skip taskbar on Wayland");
        break;
    default:
        break;
    }
}

static GdkToplevelState toplevel_state(sash_window *w)
{
    GdkSurface *s = surface_of(w);
    return s && GDK_IS_TOPLEVEL(s) ? gdk_toplevel_get_state(GDK_TOPLEVEL(s)) : 0;
}

int sash__gtk_ws_get_attrib(sash_window *w, int attrib)
{
    GtkWindow *win = win_of(w);
    gtk_window_state *st = state_of(w);
    GdkToplevelState ts = toplevel_state(w);
    switch (attrib) {
    case SASH_WINDOW_RESIZABLE: return gtk_window_get_resizable(win);
    case SASH_WINDOW_DECORATED: return gtk_window_get_decorated(win);
    case SASH_WINDOW_ALWAYS_ON_TOP:
        /* the last request, or what the window manager says */
        return st->above || (ts & GDK_TOPLEVEL_STATE_ABOVE);
    case SASH_WINDOW_FULLSCREEN: return gtk_window_is_fullscreen(win);
    case SASH_WINDOW_MAXIMIZED: return gtk_window_is_maximized(win);
    case SASH_WINDOW_MINIMIZED: return !!(ts & GDK_TOPLEVEL_STATE_MINIMIZED);
    case SASH_WINDOW_VISIBLE:
        return gtk_widget_get_visible(GTK_WIDGET(win)) &&
               gtk_widget_get_opacity(GTK_WIDGET(win)) > 0.5;
    case SASH_WINDOW_FOCUSED: return gtk_window_is_active(win);
    case SASH_WINDOW_SKIP_TASKBAR:
#ifdef GDK_WINDOWING_X11
        if (!st->skip_taskbar && is_x11(w))
            return x11_has_wm_state(w, "_NET_WM_STATE_SKIP_TASKBAR");
#endif
        return st->skip_taskbar;
    default: return 0;
    }
}

void sash__gtk_ws_get_geometry(sash_window *w, int *x, int *y, int *width,
                               int *height)
{
    get_geometry(w, x, y, width, height);
}

GdkMonitor *sash__gtk_ws_monitor_of(sash_window *w)
{
    GtkWidget *widget = data_of(w)->window;
    GdkDisplay *display = gtk_widget_get_display(widget);
    GdkSurface *s = surface_of(w);
    GdkMonitor *m = NULL;
    if (s && gtk_widget_get_mapped(widget))
        m = gdk_display_get_monitor_at_surface(display, s);
#ifdef GDK_WINDOWING_X11
    if (!m && GDK_IS_X11_DISPLAY(display))
        m = gdk_x11_display_get_primary_monitor(display);
#endif
    if (!m) {
        GListModel *list = gdk_display_get_monitors(display);
        m = g_list_model_get_n_items(list) ? g_list_model_get_item(list, 0) : NULL;
        if (m)
            g_object_unref(m); /* the list keeps it */
    }
    return m;
}

void sash__gtk_ws_workarea(GdkMonitor *m, GdkRectangle *wa)
{
#ifdef GDK_WINDOWING_X11
    if (GDK_IS_X11_MONITOR(m)) {
        gdk_x11_monitor_get_workarea(m, wa);
        return;
    }
#endif
    gdk_monitor_get_geometry(m, wa); /* Wayland: no work area */
}

static void center_now(sash_window *w)
{
    GdkMonitor *m = sash__gtk_ws_monitor_of(w);
    if (!m)
        return;
    GdkRectangle wa;
    sash__gtk_ws_workarea(m, &wa);
    int x, y, width, height;
    get_geometry(w, &x, &y, &width, &height);
#ifdef GDK_WINDOWING_X11
    if (is_x11(w)) {
        if (gtk_widget_get_mapped(data_of(w)->window))
            x11_move(w, wa.x + (wa.width - width) / 2,
                     wa.y + (wa.height - height) / 2);
        else
            state_of(w)->center_pending = 1;
    }
#endif
}

void sash__gtk_ws_center(sash_window *w)
{
#ifdef GDK_WINDOWING_X11
    if (is_x11(w)) {
        state_of(w)->move_pending = 0;
        center_now(w);
        return;
    }
#endif
    sash__unsupported(sash__window_app(w), "centering a window on Wayland");
}

double sash__gtk_ws_scale(sash_window *w)
{
    return gtk_widget_get_scale_factor(data_of(w)->window);
}
