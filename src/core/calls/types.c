/*
 * types.c - typed commands: registration with schemas, declared event
 * types, the typed argument accessors, and the schema dump that
 * `sash types` reads (SASH_PRINT_SCHEMA=<file>).  The schema language
 * itself is schema.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "calls/schema.h"

static void result_check(const sash_call *c, const json_t *result);

static const sash__schema_ops schema_ops = {sash__schema_check,
                                            sash__schema_free, result_check};

struct sash__event_type {
    char *name;
    sash__schema *schema;
    struct sash__event_type *next;
};

/* Parses one schema of `what` ("command" / "event") `name`; reports a bad
 * one with the name and the column.  0, SASH_EINVAL or SASH_ENOMEM. */
static int parse_named(const char *what, const char *name, const char *part,
                       const char *text, int want_object, sash__schema **out)
{
    char err[200];
    *out = NULL;
    if (!text)
        return 0;
    sash__schema *s = sash__schema_parse(text, err, sizeof err);
    if (!s && strcmp(err, "out of memory") == 0)
        return sash__fail(SASH_ENOMEM, "%s '%s': out of memory", what, name);
    if (s && want_object && !sash__schema_is_object(s)) {
        sash__schema_free(s);
        s = NULL;
        snprintf(err, sizeof err, "column 1: arguments must be an object "
                 "type, e.g. {name: string}");
    }
    if (!s) /* logged as an error too */
        return sash__fail(SASH_EINVAL, "%s '%s': %s schema: %s", what, name,
                          part, err);
    *out = s;
    return 0;
}

static int add_typed(sash_app *app, const char *name, sash_command_fn fn,
                     void *user_data, unsigned flags, const char *args,
                     const char *result)
{
    if (!app || !name || !*name || !fn)
        return SASH_EINVAL;
    sash__schema *a = NULL, *r = NULL;
    int rc = parse_named("command", name, "args", args, 1, &a);
    if (rc == 0)
        rc = parse_named("command", name, "result", result, 0, &r);
    if (rc != 0) {
        sash__schema_free(a);
        return rc;
    }
    return sash__registry_add_typed(&app->registry, name, fn, user_data,
                                    flags & ~SASH__COMMAND_HAS_SCHEMA, NULL,
                                    a, r, &schema_ops);
}

int sash_command_typed(sash_app *app, const char *name, sash_command_fn fn,
                       void *user_data, unsigned flags, const char *args,
                       const char *result)
{
    return add_typed(app, name, fn, user_data, flags, args, result);
}

int sash_command_schema_def_add(sash_app *app, const sash_command_def *def)
{
    if (!app || !def || !def->name || !*def->name || !def->fn ||
        !(def->flags & SASH__COMMAND_HAS_SCHEMA))
        return SASH_EINVAL;
    /* The flag says `def` is the first member of a schema definition. */
    const sash_command_schema_def *sd = (const sash_command_schema_def *)def;
    return add_typed(app, def->name, def->fn, NULL, def->flags, sd->args,
                     sd->result);
}

/* -- Events ------------------------------------------------------------- */

/* Debug mode: an emitted payload that does not match its declaration is
 * logged (never dropped). */
static void event_check(sash_app *app, const char *name, const json_t *payload)
{
    char err[300] = "";
    const char *schema = NULL;
    json_t *null = payload ? NULL : json_null();
    sash__registry *r = &app->registry;
    sash__rwlock_rdlock(&r->lock);
    for (struct sash__event_type *e = r->event_types; e; e = e->next) {
        if (strcmp(e->name, name) == 0) {
            if (sash__schema_check(e->schema, payload ? payload : null,
                                   "payload", err, sizeof err) != 0)
                schema = sash__schema_text(e->schema);
            break;
        }
    }
    /* Log outside the lock: the text is copied into err and the schema's
     * text stays valid only under it, so take a copy too. */
    char text[120] = "";
    if (schema)
        snprintf(text, sizeof text, "%s", schema);
    sash__rwlock_rdunlock(&r->lock);
    json_decref(null);
    if (text[0])
        sash__warn("event '%s': %s (payload schema: %s)", name, err, text);
}

int sash_event_declare(sash_app *app, const char *name, const char *schema)
{
    if (!app || !name || !*name || !schema)
        return SASH_EINVAL;
    sash__schema *s;
    int rc = parse_named("event", name, "payload", schema, 0, &s);
    if (rc != 0)
        return rc;
    struct sash__event_type *e = calloc(1, sizeof *e);
    char *copy = sash__strdup(name);
    if (!e || !copy) {
        free(e);
        free(copy);
        sash__schema_free(s);
        return SASH_ENOMEM;
    }
    sash__registry *r = &app->registry;
    sash__rwlock_wrlock(&r->lock);
    struct sash__event_type **at = &r->event_types;
    while (*at && strcmp((*at)->name, name) != 0)
        at = &(*at)->next;
    if (*at) { /* replace */
        sash__schema *old = (*at)->schema;
        (*at)->schema = s;
        s = old;
        free(copy);
        free(e);
    } else {
        e->name = copy;
        e->schema = s;
        *at = e;
        s = NULL;
    }
    r->event_check = event_check;
    sash__rwlock_wrunlock(&r->lock);
    sash__schema_free(s);
    return 0;
}

void sash__event_types_free(sash__registry *r)
{
    struct sash__event_type *e = r->event_types;
    while (e) {
        struct sash__event_type *next = e->next;
        sash__schema_free(e->schema);
        free(e->name);
        free(e);
        e = next;
    }
    r->event_types = NULL;
}

/* -- Schemas for tools ------------------------------------------------- */

int sash_schema_check(const char *schema, char *error, size_t error_size)
{
    char err[200];
    sash__schema *s = sash__schema_parse(schema, err, sizeof err);
    if (!s) {
        if (error && error_size)
            snprintf(error, error_size, "%s", err);
        return strcmp(err, "out of memory") == 0 ? SASH_ENOMEM : SASH_EINVAL;
    }
    sash__schema_free(s);
    if (error && error_size)
        error[0] = 0;
    return 0;
}

int sash_schema_validate(const char *schema, const json_t *value,
                         const char *root, char *error, size_t error_size)
{
    char err[200];
    sash__schema *s = sash__schema_parse(schema, err, sizeof err);
    if (!s) {
        if (error && error_size)
            snprintf(error, error_size, "%s", err);
        return SASH_EINVAL;
    }
    int rc = sash__schema_check(s, value, root, error, error_size);
    sash__schema_free(s);
    return rc == 0 ? 0 : 1;
}

/* -- Accessors ---------------------------------------------------------- */

static const json_t *arg_at(const sash_call *call, const char *path)
{
    if (!call || !path || !call->args)
        return NULL;
    const json_t *v = call->args;
    if (!*path)
        return v;
    char key[256];
    while (v && *path) {
        const char *dot = strchr(path, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        if (n >= sizeof key)
            return NULL;
        memcpy(key, path, n);
        key[n] = 0;
        v = json_object_get(v, key);
        path += n + (dot ? 1 : 0);
    }
    return v;
}

const char *sash_arg_str(const sash_call *call, const char *path,
                         const char *def)
{
    const char *s = json_string_value(arg_at(call, path));
    return s ? s : def;
}

long long sash_arg_int(const sash_call *call, const char *path, long long def)
{
    const json_t *v = arg_at(call, path);
    if (json_is_integer(v))
        return (long long)json_integer_value(v);
    if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d == (double)(long long)d && d >= -9.2e18 && d <= 9.2e18)
            return (long long)d;
    }
    return def;
}

double sash_arg_double(const sash_call *call, const char *path, double def)
{
    const json_t *v = arg_at(call, path);
    return json_is_number(v) ? json_number_value(v) : def;
}

int sash_arg_bool(const sash_call *call, const char *path, int def)
{
    const json_t *v = arg_at(call, path);
    return json_is_boolean(v) ? json_is_true(v) : def;
}

const json_t *sash_arg_json(const sash_call *call, const char *path)
{
    return arg_at(call, path);
}

int sash_arg_has(const sash_call *call, const char *path)
{
    return arg_at(call, path) != NULL;
}

/* -- Results -------------------------------------------------------------- */

static void result_check(const sash_call *c, const json_t *result)
{
    if (!c->use->result_schema || !sash__app_debug(c->app))
        return;
    char err[300];
    json_t *null = result ? NULL : json_null();
    if (sash__schema_check(c->use->result_schema, result ? result : null,
                           "result", err, sizeof err) != 0)
        sash__warn("command '%s': %s (result schema: %s)", c->command, err,
                   sash__schema_text(c->use->result_schema));
    json_decref(null);
}

/* -- The dump `sash types` reads ---------------------------------------- */

static json_t *text_or_null(const sash__schema *s)
{
    return s ? json_string(sash__schema_text(s)) : json_null();
}

static json_t *schema_json(sash_app *app)
{
    json_t *cmds = json_array(), *events = json_array();
    sash__registry *r = &app->registry;
    sash__rwlock_rdlock(&r->lock);
    for (size_t i = 0; cmds && i < r->count; i++) {
        const sash__command *c = &r->items[i];
        json_array_append_new(
            cmds, json_pack("{s:s, s:o, s:o}", "name", c->name, "args",
                            text_or_null(c->use->args_schema), "result",
                            text_or_null(c->use->result_schema)));
    }
    for (struct sash__event_type *e = r->event_types; events && e; e = e->next)
        json_array_append_new(events,
                              json_pack("{s:s, s:s}", "name", e->name,
                                        "payload", sash__schema_text(e->schema)));
    sash__rwlock_rdunlock(&r->lock);
    return json_pack("{s:i, s:o, s:o}", "sash_schema", 1, "commands",
                     cmds ? cmds : json_null(), "events",
                     events ? events : json_null());
}

int sash__schema_dump(sash_app *app)
{
    const char *path = getenv("SASH_PRINT_SCHEMA");
    if (!path || !*path)
        return 0;
    json_t *doc = schema_json(app);
    int rc = -1;
    if (doc) {
        if (strcmp(path, "-") == 0)
            rc = json_dumpf(doc, stdout, JSON_INDENT(2)) == 0 ? 0 : -1;
        else
            rc = json_dump_file(doc, path, JSON_INDENT(2));
        json_decref(doc);
    }
    if (rc != 0) {
        sash__error("SASH_PRINT_SCHEMA: cannot write %s", path);
        atomic_store(&app->exit_code, 1);
    } else {
        atomic_store(&app->exit_code, 0);
    }
    return 1;
}
