/*
 * typed_app - a small app with typed commands and events, for the type
 * test: `sash types --exe typed_app` must turn its C schemas into a .d.ts
 * that makes pass.ts compile and every marked line of fail.ts an error.
 * Run under a display (sash_app_new needs one); SASH_PRINT_SCHEMA makes
 * sash_app_run() print the schemas and return.
 */
#include <sash.h>

SASH_COMMAND_TYPED(greet, "{name: string, times?: int >= 1}", "string")
{
    sash_resolve(call, json_string(sash_arg_str(call, "name", "")));
}

SASH_COMMAND_TYPED(search,
                   "{path: string, limit?: int >= 0, tags: string[], "
                   "mode: 'fast'|'full'}",
                   "{hits: {file: string, line: int}[], truncated: bool}")
{
    sash_resolve(call, json_pack("{s:[],s:b}", "hits", "truncated", 0));
}

SASH_COMMAND_TYPED(import_file, "{file: string, progress: channel<number>}",
                   "int | null")
{
    sash_resolve(call, json_null());
}

/* Not typed: stays loose in TypeScript. */
SASH_COMMAND(untyped)
{
    sash_resolve(call, json_null());
}

static void uptime(sash_call *call, const json_t *args, void *user_data)
{
    (void)args;
    (void)user_data;
    sash_resolve(call, json_real(1.5));
}

int main(void)
{
    sash_app_options o = {.identifier = "dev.sash.typed"};
    sash_app *app = sash_app_new(&o);
    if (!app)
        return 1;
    /* Registered at run time: the dump sees these too. */
    if (sash_command_typed(app, "uptime", uptime, NULL, 0, NULL, "number") != 0 ||
        sash_command_typed(app, "plugin:do-it", uptime, NULL, 0, "{'odd key'?: bool}",
                           "'done'|'skipped'") != 0 ||
        sash_event_declare(app, "tick", "{n: int, at: number}") != 0 ||
        sash_event_declare(app, "file:changed", "string[]") != 0)
        return 1;
    int code = sash_app_run(app);
    sash_app_free(app);
    return code;
}
