/*
 * floor_events.c - C -> JS events without a framework: one
 * webkit_web_view_evaluate_javascript per event, fire and forget.  No
 * batching: that is a framework's job, and what the comparison shows.
 */
#include <stdio.h>

#include "floor.h"

void floor_events_send(floor_app *app, long count)
{
    char script[96];
    for (long i = 0; i < count; i++) {
        int len = snprintf(script, sizeof script,
                           "window.__benchEv('tick',{\"i\":%ld})", i);
        webkit_web_view_evaluate_javascript(app->view, script, len, NULL, NULL,
                                            NULL, NULL, NULL);
    }
}
