/*
 * automation.c - the policy of WebDriver automation (docs/testing.md).
 *
 * Automation lets a WebDriver client (WebKitWebDriver, driven by
 * WebdriverIO through @sash/e2e) script the app's pages: find elements,
 * click, type, run any script in the page, take screenshots.  It is off
 * unless the process has SASH_AUTOMATION=1 in its environment; neither
 * page content nor sash.json can turn it on.  Whoever can set an app's
 * environment (the same user) can therefore drive it; a Sash built with
 * -DSASH_NO_AUTOMATION=ON has no automation at all.  The backend asks
 * here, then does the engine's part (gtk/gtk_automation.c).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "security/security.h"

int sash__automation_wanted(void)
{
#ifdef SASH_NO_AUTOMATION
    return 0;
#else
    const char *v = getenv("SASH_AUTOMATION");
    return v && strcmp(v, "1") == 0;
#endif
}

void sash__app_about(const sash_app *app, const char **name,
                     const char **version)
{
    const sash__config *c = app->security ? &app->security->config : NULL;
    *name = c && c->name ? c->name : app->identifier;
    *version = c && c->version ? c->version : NULL;
}

sash_window *sash__automation_window(sash_app *app)
{
    sash_window *oldest = NULL;
    for (sash_window *w = app->windows; w; w = w->next) {
        if (w->closed || !w->native)
            continue;
        if (w->label && strcmp(w->label, "main") == 0)
            return w;
        oldest = w; /* the list is newest first */
    }
    return oldest;
}
