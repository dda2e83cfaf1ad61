/*
 * gtk_drop_common.h - what the file drops of GTK3 (gtk_drop.c) and GTK4
 * (../gtk4/gtk4_drop.c) share (gtk_drop_common.c): the per-view state, the
 * window_drag_drop entry, and the leave reported from an idle callback.
 */
#ifndef SASH_GTK_DROP_COMMON_H
#define SASH_GTK_DROP_COMMON_H

#include "gtk_internal.h"

/* Hidden: linked only with the drop entry that uses it (platform.h). */
#pragma GCC visibility push(hidden)

/* A view's drop state ("sash-drop" on the view, freed with it). */
typedef struct gtk_drop_state {
    int enabled;
    double x, y;         /* last position */
    guint leave_idle;    /* a leave to report, 0 = none */
#ifdef SASH_GTK4
    int entered;   /* a drag is over the view and ENTER was reported */
    int dropped;   /* the drag ended in a drop: its leave is not reported */
    unsigned gen;      /* +1 per drag that enters */
    unsigned left_gen; /* the drag that left before its list was read */
#else
    GdkDragContext *ctx; /* the drag being taken (ref), or NULL */
    int requested;       /* the URI list was asked for */
    gchar **uris;        /* ... and arrived (NULL-terminated) */
    int dropping;        /* dropped before the list arrived */
    guint32 drop_time;
#endif
} gtk_drop_state;

gtk_drop_state *sash__gtk_drop_state_of(GtkWidget *view);
/* The sash_window of a view, or NULL once it is gone. */
sash_window *sash__gtk_drop_window_of(GtkWidget *view);
/* Reports a leave from an idle callback (once; the view is kept alive
 * until it runs). */
void sash__gtk_drop_leave_later(GtkWidget *view, gtk_drop_state *st);
/* Drops a pending leave; `report`: reports it now instead. */
void sash__gtk_drop_leave_cancel(GtkWidget *view, gtk_drop_state *st,
                                 int report);

/* -- per version (gtk_drop.c, gtk4_drop.c) -- */

/* Starts taking drags on view for window w (once per view). */
void sash__gtk_drop_connect(GtkWidget *view, sash_window *w);
/* Drops were turned on or off. */
void sash__gtk_drop_set(gtk_drop_state *st, int enabled);
/* The drag left: forgets it; 1 if a LEAVE is to be reported. */
int sash__gtk_drop_left(gtk_drop_state *st);
/* Frees what st holds (not st). */
void sash__gtk_drop_clear(gtk_drop_state *st);

#pragma GCC visibility pop

#endif
