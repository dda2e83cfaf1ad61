/*
 * module_hooks.c - a release binary's side of the module hooks.
 *
 * Under `sash dev` the commands live in a module the dev host loads, and
 * the host calls the module's sash_module_init() after sash_app_new() and
 * sash_module_fini() before the app goes (src/core/dev/hotswap.c).  A
 * release binary links the same files statically: these calls keep the
 * two alike, so an app's init (opening its database...) runs in both.  The
 * references are weak: a program without the hooks links and runs as is.
 * Compilers without weak symbols (MSVC) skip this; there the app calls its
 * init itself.
 */
#include "internal.h"

#if defined(__GNUC__) && !defined(_WIN32)
#pragma weak sash_module_init
#pragma weak sash_module_fini

void sash__module_hooks_init(sash_app *app)
{
    if (sash_module_init) {
        int rc = sash_module_init(app);
        if (rc != 0)
            sash__error("sash_module_init() failed: %d (%s)", rc,
                        rc < 0 ? sash_strerror(rc) : "the app's own code");
    }
}

void sash__module_hooks_fini(sash_app *app)
{
    if (sash_module_fini)
        sash_module_fini(app);
}
#else
void sash__module_hooks_init(sash_app *app)
{
    (void)app;
}

void sash__module_hooks_fini(sash_app *app)
{
    (void)app;
}
#endif

/* Set by the dev host's constructor (hotswap.c); NULL everywhere else. */
const sash__dev_hooks *sash__dev;
