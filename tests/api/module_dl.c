/* A command module loaded with dlopen() after the app started: its
 * SASH_COMMAND registers into the live app as the module loads, and its
 * explicit registration function works as well (idempotently). */
#include <sash.h>

#include "modules.h"

SASH_COMMAND(dl_hello)
{
    sash_resolve(call, json_string("hello from a loaded module"));
}

static const sash_command_def *const commands[] = {SASH_COMMAND_DEF(dl_hello)};

int module_dl_register(sash_app *app)
{
    return sash_commands_add(app, commands, 1);
}
