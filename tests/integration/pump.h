/*
 * pump.h - for the GTK test apps (mtest, droptest): running the GLib main
 * loop until a condition holds.  A header, as harness.c links no GLib.
 */
#ifndef SASH_TEST_PUMP_H
#define SASH_TEST_PUMP_H

#include <glib.h>

/* Runs the loop until *flag reaches `want` or `ms` passed; 1 if it did. */
static inline int pump_until(int *flag, int want, int ms)
{
    gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
    while (*flag < want && g_get_monotonic_time() < end) {
        while (g_main_context_iteration(NULL, FALSE))
            ;
        if (*flag < want)
            g_usleep(2000);
    }
    return *flag >= want;
}

#endif
