/*
 * gtk_tuning.c - WebKit settings that make an app lighter than a naive
 * WebKitGTK program, and a rendering mode that works on this machine.
 *
 *  - Cache model "document viewer": an app's pages come from memory (the
 *    embedded assets), so WebKit's large memory caches and back/forward page
 *    cache only cost memory.  SASH_WEBKIT_TUNING=0 turns this off (and
 *    leaves rendering to the engine unless a mode is forced), to measure.
 *  - Rendering (render_policy.h): no GPU compositing where there is no GPU
 *    render node (Xvfb, CI) or in a virtual machine, where the engine's GPU
 *    paths give blank windows or cost software GL for nothing; no DMABUF
 *    renderer with NVIDIA's proprietary driver.  Decided once, before the
 *    first web process starts, and logged in one line.
 */
#include <stdlib.h>
#include <string.h>

#include "../linux/render_policy.h"
#include "gtk_internal.h"

static int tuning_enabled(void)
{
    const char *v = getenv("SASH_WEBKIT_TUNING");
    return !v || strcmp(v, "0") != 0;
}

/* Process-wide, like the environment variable it may set: one app per
 * process, decided at its init on the UI thread. */
static sash__render_mode render_mode = SASH__RENDER_ENGINE;

static void choose_rendering(sash_app *app)
{
    const char *forced = sash__app_rendering(app);
    if (!forced && !tuning_enabled())
        forced = "engine";
    sash__gpu_facts facts;
    sash__gpu_facts_read(NULL, &facts);
    char why[160];
    render_mode = sash__render_decide(&facts, forced, why, sizeof why);
    /* WebKit reads this when it creates its first web view; a value the
     * user set is left alone. */
    if (render_mode == SASH__RENDER_NO_DMABUF ||
        render_mode == SASH__RENDER_SOFTWARE)
        g_setenv("WEBKIT_DISABLE_DMABUF_RENDERER", "1", FALSE);
    sash__info("rendering: %s (%s)", sash__render_mode_name(render_mode), why);
}

void sash__gtk_tune_context(sash_app *app, WebKitWebContext *context)
{
    choose_rendering(app);
    if (!tuning_enabled()) {
        sash__debug(app, "WebKit tuning: off (SASH_WEBKIT_TUNING=0)");
        return;
    }
    webkit_web_context_set_cache_model(context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
    sash__debug(app, "WebKit tuning: cache model document-viewer");
}

void sash__gtk_tune_settings(WebKitSettings *settings)
{
    if (render_mode == SASH__RENDER_SOFTWARE)
        webkit_settings_set_hardware_acceleration_policy(
            settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
}
