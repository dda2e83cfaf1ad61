/* A command module built as a static library: nothing in the test program
 * references its commands except through module_static_register(), which
 * is what keeps them (and their automatic registrations) in the link. */
#include <sash.h>

#include "modules.h"

SASH_COMMAND(static_ping)
{
    sash_resolve(call, json_string("pong from a static library"));
}

SASH_COMMAND_FLAGS(static_on_ui, SASH_COMMAND_UI_THREAD)
{
    sash_resolve(call, json_string("ran on the UI thread"));
}

static const sash_command_def *const commands[] = {
    SASH_COMMAND_DEF(static_ping), SASH_COMMAND_DEF(static_on_ui)};

int module_static_register(sash_app *app)
{
    return sash_commands_add(app, commands, 2);
}
