/*
 * gtk4_internal.h - the GTK4 + WebKitGTK 6.0 backend.
 *
 * It implements the same internal functions as the GTK3 backend
 * (../gtk/gtk_internal.h) and compiles that backend's version-free files
 * (IPC, raw path, scheme, security, tuning) with SASH_GTK4 defined; only
 * the app (display, main loop) and the window differ, in this directory.
 * One backend is linked into a libsash, never both.
 */
#ifndef SASH_GTK4_INTERNAL_H
#define SASH_GTK4_INTERNAL_H

#ifndef SASH_GTK4
#error "the GTK4 backend is built with SASH_GTK4 defined (CMake does it)"
#endif

#include "../gtk/gtk_internal.h"

/* The backend's per-app state: ../gtk/gtk_internal.h's, with the network
 * session and the main loop. */
typedef gtk_app_data gtk4_app_data;

#endif
