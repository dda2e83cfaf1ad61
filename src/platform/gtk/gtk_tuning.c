/*
 * gtk_tuning.c - WebKit settings that make an app lighter than a naive
 * WebKitGTK program, applied by default (measured in bench/; the report
 * shows them on and off).  SASH_WEBKIT_TUNING=0 turns them off, to measure.
 *
 *  - Cache model "document viewer": an app's pages come from memory (the
 *    embedded assets), so WebKit's large memory caches and back/forward page
 *    cache only cost memory.
 *  - No GL compositing where there is no GPU (no DRM render node, as under
 *    Xvfb, in VMs and CI): software GL (llvmpipe) costs startup time and
 *    memory for nothing.  With a GPU the engine's default stays.
 */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "gtk_internal.h"

static int tuning_enabled(void)
{
    const char *v = getenv("SASH_WEBKIT_TUNING");
    return !v || strcmp(v, "0") != 0;
}

static int have_gpu(void)
{
    GDir *dir = g_dir_open("/dev/dri", 0, NULL);
    const char *name;
    int found = 0;
    while (dir && !found && (name = g_dir_read_name(dir)))
        found = g_str_has_prefix(name, "renderD");
    if (dir)
        g_dir_close(dir);
    return found;
}

void sash__gtk_tune_context(sash_app *app, WebKitWebContext *context)
{
    if (!tuning_enabled()) {
        sash__debug(app, "WebKit tuning: off (SASH_WEBKIT_TUNING=0)");
        return;
    }
    webkit_web_context_set_cache_model(context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
    sash__debug(app, "WebKit tuning: cache model document-viewer%s",
                have_gpu() ? "" : ", no GL compositing (no GPU render node)");
}

void sash__gtk_tune_settings(WebKitSettings *settings)
{
    if (!tuning_enabled())
        return;
    if (!have_gpu())
        webkit_settings_set_hardware_acceleration_policy(
            settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
}
