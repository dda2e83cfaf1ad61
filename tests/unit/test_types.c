/* Unit tests: typed commands - schema parser, validator, TypeScript
 * printer, the dispatcher's check before the call, accessors, dump. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_platform.h"
#include "calls/schema.h"

/* -- Parser ---------------------------------------------------------------- */

static void parses_good_schemas(void **state)
{
    (void)state;
    static const char *good[] = {
        "string", "int", "number", "double", "bool", "boolean", "null", "any",
        "object", "channel", "channel<int>", "'fast'", "\"full\"",
        "int >= 0", "int > 0 <= 100", "number >= -1.5 < 2e3",
        "string[]", "string[][]", "(int|string)[]", "'a'|'b'|'c'",
        "{}", "{...}", "{a: int}", "{a: int,}", "{a?: int, ...}",
        "{path: string, limit?: int >= 0, tags: string[], mode: 'fast'|'full'}",
        "{'odd key': int, \"x-y\"?: bool}", "{a: {b: {c: int[]}}}",
        "  { a : int }  ", "string|null", "'it\\'s'",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        char err[200];
        sash__schema *s = sash__schema_parse(good[i], err, sizeof err);
        if (!s)
            fail_msg("'%s' should parse: %s", good[i], err);
        assert_string_equal(sash__schema_text(s), good[i]);
        sash__schema_free(s);
        assert_int_equal(sash_schema_check(good[i], err, sizeof err), 0);
    }
}

static void bad_schemas_name_the_column(void **state)
{
    (void)state;
    static const struct {
        const char *text, *err;
    } bad[] = {
        {"", "column 1: expected a type, found the end"},
        {"strng", "column 1: unknown type 'strng'"},
        {"{name: strng}", "column 8: unknown type 'strng'"},
        {"{name string}", "column 7: expected ':', found 'string'"},
        {"{a: int, a: int}", "column 10: field 'a' appears twice"},
        {"{a: int", "column 8: expected ',' or '}', found the end"},
        {"int >= x", "column 8: expected a number"},
        {"int >= 1 >= 2", "column 10: a second lower bound"},
        {"'abc", "column 1: unterminated string"},
        {"int]", "column 4: unexpected ']'"},
        {"int[", "column 5: expected ']'"},
        {"(int", "column 5: expected ')'"},
        {"{a: int|}", "column 9: expected a type"},
        {"{: int}", "column 2: expected a field name or '}'"},
        {"channel<int", "column 12: expected '>'"},
        {"int >= 1e999", "column 8: number out of range"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char err[200];
        sash__schema *s = sash__schema_parse(bad[i].text, err, sizeof err);
        if (s)
            fail_msg("'%s' should not parse", bad[i].text);
        if (strncmp(err, bad[i].err, strlen(bad[i].err)) != 0)
            fail_msg("'%s': got \"%s\", want \"%s...\"", bad[i].text, err,
                     bad[i].err);
        assert_int_equal(sash_schema_check(bad[i].text, NULL, 0), SASH_EINVAL);
    }
    /* Deep nesting is refused, not a stack overflow. */
    char deep[400];
    memset(deep, '(', 200);
    strcpy(deep + 200, "int");
    memset(deep + 203, ')', 150);
    deep[353] = 0;
    char err[200];
    assert_null(sash__schema_parse(deep, err, sizeof err));
    assert_non_null(strstr(err, "nested deeper"));
    assert_null(sash__schema_parse(NULL, err, sizeof err));
}

/* -- Validator ------------------------------------------------------------- */

static const char *check(const char *schema, const char *json)
{
    static char err[300];
    sash__schema *s = sash__schema_parse(schema, err, sizeof err);
    if (!s)
        fail_msg("schema '%s': %s", schema, err);
    json_t *v = json ? json_loads(json, JSON_DECODE_ANY, NULL) : NULL;
    if (json && !v)
        fail_msg("bad test JSON %s", json);
    err[0] = 0;
    int rc = sash__schema_check(s, v, "args", err, sizeof err);
    json_decref(v);
    sash__schema_free(s);
    return rc == 0 ? NULL : err;
}

#define ACCEPTS(schema, json)                                                  \
    do {                                                                       \
        const char *e_ = check(schema, json);                                  \
        if (e_)                                                                \
            fail_msg("%s should accept %s: %s", schema, json ? json : "(none)", \
                     e_);                                                      \
    } while (0)
#define REJECTS(schema, json, want)                                            \
    do {                                                                       \
        const char *e_ = check(schema, json);                                  \
        if (!e_ || strcmp(e_, want) != 0)                                      \
            fail_msg("%s on %s: got \"%s\", want \"%s\"", schema,              \
                     json ? json : "(none)",                                   \
                     e_ ? e_ : "(accepted)", want);                            \
    } while (0)

static void validates_values(void **state)
{
    (void)state;
    const char *big = "{path: string, limit?: int >= 0, tags: string[], "
                      "mode: 'fast'|'full'}";
    ACCEPTS(big, "{\"path\":\"/x\",\"tags\":[],\"mode\":\"fast\"}");
    ACCEPTS(big, "{\"path\":\"/x\",\"limit\":0,\"tags\":[\"a\"],\"mode\":\"full\"}");
    REJECTS(big, "{\"path\":\"/x\",\"limit\":\"10\",\"tags\":[],\"mode\":\"fast\"}",
            "args.limit: expected int >= 0, got \"10\"");
    REJECTS(big, "{\"path\":\"/x\",\"limit\":-1,\"tags\":[],\"mode\":\"fast\"}",
            "args.limit: expected int >= 0, got -1");
    REJECTS(big, "{\"path\":\"/x\",\"limit\":1.5,\"tags\":[],\"mode\":\"fast\"}",
            "args.limit: expected int >= 0, got 1.5");
    REJECTS(big, "{\"tags\":[],\"mode\":\"fast\"}",
            "args.path: missing, expected string");
    REJECTS(big, "{\"path\":\"/x\",\"tags\":[\"a\",2],\"mode\":\"fast\"}",
            "args.tags[1]: expected string, got 2");
    REJECTS(big, "{\"path\":\"/x\",\"tags\":[],\"mode\":\"slow\"}",
            "args.mode: expected 'fast'|'full', got \"slow\"");
    REJECTS(big, "{\"pth\":\"/x\",\"path\":\"/x\",\"tags\":[],\"mode\":\"fast\"}",
            "args.pth: unexpected field (expected path, limit, tags, mode)");
    REJECTS("{name: string}", "{\"nme\":\"x\"}", "args.name: missing, expected string");
    REJECTS("{name?: string}", "{\"nme\":\"x\"}",
            "args.nme: unexpected field (expected name)");
    REJECTS("{}", "{\"a\":1}", "args.a: unexpected field (expected no fields)");
    ACCEPTS("{a: int, ...}", "{\"a\":1,\"b\":2}");
    /* Absent arguments are an empty object. */
    ACCEPTS("{a?: int}", NULL);
    REJECTS("{a: int}", NULL, "args.a: missing, expected int");
    /* Numbers and bounds. */
    ACCEPTS("number > 0 < 1", "0.5");
    REJECTS("number > 0 < 1", "1", "args: expected number > 0 < 1, got 1");
    REJECTS("number > 0 < 1", "0", "args: expected number > 0 < 1, got 0");
    ACCEPTS("number", "3");
    REJECTS("int", "true", "args: expected int, got true");
    REJECTS("bool", "null", "args: expected bool, got null");
    REJECTS("string", "{}", "args: expected string, got an object");
    REJECTS("string", "[1]", "args: expected string, got an array");
    ACCEPTS("string|null", "null");
    ACCEPTS("any", "[1,{}]");
    ACCEPTS("object", "{\"z\":1}");
    REJECTS("object", "[]", "args: expected object, got an array");
    /* Nested paths, and a union whose one object member explains. */
    REJECTS("{a: {b: {c: int[]}}}", "{\"a\":{\"b\":{\"c\":[1,\"x\"]}}}",
            "args.a.b.c[1]: expected int, got \"x\"");
    REJECTS("{a: {n: int} | null}", "{\"a\":{\"n\":\"1\"}}",
            "args.a.n: expected int, got \"1\"");
    REJECTS("(int|string)[]", "[1,\"a\",true]",
            "args[2]: expected int|string, got true");
    /* Channels: what the bridge sends for a Channel. */
    ACCEPTS("{p: channel<int>}", "{\"p\":{\"__sash_channel__\":3}}");
    REJECTS("{p: channel}", "{\"p\":{\"x\":3}}", "args.p: expected channel, got an object");
    /* Long strings are cut in messages; control characters escaped. */
    REJECTS("int", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
            "args: expected int, got \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\"");
    REJECTS("int", "\"a\\n\"", "args: expected int, got \"a\\u000a\"");
    /* The whole schema text, whitespace collapsed. */
    REJECTS("'a' |\n  'b'", "\"c\"", "args: expected 'a' | 'b', got \"c\"");
}

static void validate_api(void **state)
{
    (void)state;
    char err[200];
    json_t *v = json_pack("{s:s}", "name", "x");
    assert_int_equal(sash_schema_validate("{name: string}", v, NULL, err, sizeof err), 0);
    assert_int_equal(sash_schema_validate("{name: int}", v, "in", err, sizeof err), 1);
    assert_string_equal(err, "in.name: expected int, got \"x\"");
    assert_int_equal(sash_schema_validate("{name: nt}", v, NULL, err, sizeof err),
                     SASH_EINVAL);
    assert_non_null(strstr(err, "column 8"));
    json_decref(v);
}

static void prints_typescript(void **state)
{
    (void)state;
    static const struct {
        const char *schema, *ts;
    } rows[] = {
        {"{path: string, limit?: int >= 0, tags: string[], mode: 'fast'|'full'}",
         "{ path: string; limit?: number; tags: string[]; mode: 'fast' | 'full'; }"},
        {"(int|string)[]", "(number | string)[]"},
        {"{'odd key': bool, ...}", "{ 'odd key': boolean; [key: string]: unknown; }"},
        {"{}", "Record<string, never>"},
        {"channel<int>", "Channel<number>"},
        {"channel", "Channel<any>"},
        {"any", "unknown"},
        {"object|null", "Record<string, unknown> | null"},
        {"'it\\'s'", "'it\\'s'"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        sash__schema *s = sash__schema_parse(rows[i].schema, NULL, 0);
        assert_non_null(s);
        char *t = sash__schema_ts(s);
        assert_string_equal(t, rows[i].ts);
        free(t);
        sash__schema_free(s);
    }
}

/* -- Through the dispatcher ---------------------------------------------- */

static atomic_int ran;

static void greet(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    atomic_fetch_add(&ran, 1);
    const char *name = sash_arg_str(c, "name", "world");
    long long times = sash_arg_int(c, "times", 1);
    int loud = sash_arg_bool(c, "opts.loud", 0);
    double w = sash_arg_double(c, "opts.weight", 0.5);
    sash_resolve(c, json_sprintf("%s x%lld %s %.2f %d %d", name, times,
                                 loud ? "LOUD" : "quiet", w,
                                 sash_arg_has(c, "opts"),
                                 sash_arg_json(c, "") != NULL));
}

SASH_COMMAND_TYPED(typed_static, "{n: int}", "int")
{
    sash_resolve(call, json_integer(sash_arg_int(call, "n", 0) * 2));
}

SASH_COMMAND_TYPED(typed_static_bad, "{n: nt}", NULL)
{
    sash_resolve(call, NULL);
}

static int setup(void **state)
{
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    if (!app || !w)
        return -1;
    if (sash_command_typed(app, "greet", greet, NULL, 0,
                           "{name: string, times?: int >= 1, "
                           "opts?: {loud?: bool, weight?: number}}",
                           "string") != 0)
        return -1;
    if (sash_capability_add(app, "{\"identifier\":\"t\",\"windows\":"
            "[\"main\"],\"permissions\":[\"greet\",\"typed_static\"]}",
            NULL, 0) != 0)
        return -1;
    state[0] = app;
    return 0;
}

static int teardown(void **state)
{
    sash_app_free(state[0]);
    return 0;
}

static const char *roundtrip(void **state, const char *msg)
{
    int before = fake_reply_count();
    fake_send(sash_app_get_window(state[0], "main"), 1000 + before, msg);
    assert_int_equal(fake_pump_replies(state[0], before + 1), before + 1);
    return fake_reply_get(before)->text;
}

static void dispatcher_checks_before_the_call(void **state)
{
    atomic_store(&ran, 0);
    assert_string_equal(
        roundtrip(state, "{\"cmd\":\"greet\",\"args\":{\"name\":\"Ada\"}}"),
        "{\"ok\":\"Ada x1 quiet 0.50 0 1\"}");
    assert_string_equal(
        roundtrip(state, "{\"cmd\":\"greet\",\"args\":{\"name\":\"Ada\","
                         "\"times\":3,\"opts\":{\"loud\":true,\"weight\":2}}}"),
        "{\"ok\":\"Ada x3 LOUD 2.00 1 1\"}");
    assert_int_equal(atomic_load(&ran), 2);
    assert_string_equal(
        roundtrip(state, "{\"cmd\":\"greet\",\"args\":{\"nme\":\"x\"}}"),
        "{\"err\":{\"code\":\"bad_args\",\"message\":"
        "\"args.name: missing, expected string\"}}");
    assert_string_equal(
        roundtrip(state, "{\"cmd\":\"greet\",\"args\":{\"name\":\"x\",\"times\":0}}"),
        "{\"err\":{\"code\":\"bad_args\",\"message\":"
        "\"args.times: expected int >= 1, got 0\"}}");
    assert_string_equal(
        roundtrip(state, "{\"cmd\":\"greet\",\"args\":null}"),
        "{\"err\":{\"code\":\"bad_args\",\"message\":"
        "\"args.name: missing, expected string\"}}");
    assert_string_equal(
        roundtrip(state, "{\"cmd\":\"greet\",\"args\":{\"name\":\"x\","
                         "\"opts\":{\"loud\":1}}}"),
        "{\"err\":{\"code\":\"bad_args\",\"message\":"
        "\"args.opts.loud: expected bool, got 1\"}}");
    /* None of the rejected calls reached the command. */
    assert_int_equal(atomic_load(&ran), 2);
    /* SASH_COMMAND_TYPED registered at app creation; the bad one was not. */
    assert_string_equal(
        roundtrip(state, "{\"cmd\":\"typed_static\",\"args\":{\"n\":21}}"),
        "{\"ok\":42}");
    assert_string_equal(
        roundtrip(state, "{\"cmd\":\"typed_static\",\"args\":{\"n\":\"21\"}}"),
        "{\"err\":{\"code\":\"bad_args\",\"message\":"
        "\"args.n: expected int, got \\\"21\\\"\"}}");
}

static void bad_schemas_fail_registration(void **state)
{
    sash_app *app = state[0];
    sash_last_error(NULL);
    assert_int_equal(sash_command_typed(app, "oops", greet, NULL, 0,
                                        "{a: int, b: strin}", NULL),
                     SASH_EINVAL);
    const char *msg = NULL;
    assert_int_equal(sash_last_error(&msg), SASH_EINVAL);
    assert_string_equal(msg, "command 'oops': args schema: column 13: unknown "
                             "type 'strin' (known: string, int, number, bool, "
                             "null, any, object, channel, 'literal', {...}, T[])");
    assert_int_equal(sash_command_typed(app, "oops", greet, NULL, 0, "int", NULL),
                     SASH_EINVAL);
    assert_int_equal(sash_last_error(&msg), SASH_EINVAL);
    assert_non_null(strstr(msg, "must be an object type"));
    assert_int_equal(sash_command_typed(app, "oops", greet, NULL, 0, NULL,
                                        "string["), SASH_EINVAL);
    assert_int_equal(sash_last_error(&msg), SASH_EINVAL);
    assert_non_null(strstr(msg, "command 'oops': result schema: column 8"));
    /* Nothing was registered; a valid schema registers; the name is taken. */
    assert_int_equal(sash_command_remove(app, "oops"), SASH_ENOENT);
    assert_int_equal(sash_command_typed(app, "oops", greet, NULL, 0, NULL, NULL), 0);
    assert_int_equal(sash_command_typed(app, "oops", greet, NULL, 0, "{}", NULL),
                     SASH_EEXIST);
    assert_int_equal(sash_command_remove(app, "oops"), 0);
    /* The explicit path: all or none. */
    const sash_command_def *defs[] = {SASH_COMMAND_TYPED_DEF(typed_static),
                                      SASH_COMMAND_TYPED_DEF(typed_static_bad)};
    assert_int_equal(sash_commands_add(app, defs, 2), SASH_EINVAL);
    assert_int_equal(sash_command_remove(app, "typed_static_bad"), SASH_ENOENT);
    /* Events. */
    assert_int_equal(sash_event_declare(app, "tick", "{n: int}"), 0);
    assert_int_equal(sash_event_declare(app, "tick", "int"), 0);
    assert_int_equal(sash_event_declare(app, "tock", "{n: it}"), SASH_EINVAL);
    assert_int_equal(sash_last_error(&msg), SASH_EINVAL);
    assert_string_equal(msg, "event 'tock': payload schema: column 5: unknown "
                             "type 'it' (known: string, int, number, bool, "
                             "null, any, object, channel, 'literal', {...}, T[])");
    assert_int_equal(sash_event_declare(app, "", "int"), SASH_EINVAL);
}

static char last_warning[400];

static void capture_log(sash_log_level level, const char *message, void *ud)
{
    (void)ud;
    if (level == SASH_LOG_WARNING)
        snprintf(last_warning, sizeof last_warning, "%s", message);
}

static void wrong_result(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    sash_resolve(c, json_string("x"));
}

static void debug_mode_warns_on_a_wrong_result(void **state)
{
    sash_app *app = state[0];
    assert_int_equal(sash_command_typed(app, "wrong_result", wrong_result, NULL,
                                        0, NULL, "int"), 0);
    assert_int_equal(sash_capability_add(app, "{\"identifier\":\"w\",\"windows\":"
                     "[\"main\"],\"permissions\":[\"wrong_result\"]}", NULL, 0), 0);
    sash_set_log_fn(capture_log, NULL);
    last_warning[0] = 0;
    /* Not in release mode: the check costs nothing there. */
    assert_string_equal(roundtrip(state, "{\"cmd\":\"wrong_result\"}"), "{\"ok\":\"x\"}");
    assert_string_equal(last_warning, "");
    app->debug = 1;
    assert_string_equal(roundtrip(state, "{\"cmd\":\"wrong_result\"}"), "{\"ok\":\"x\"}");
    assert_string_equal(last_warning, "command 'wrong_result': result: expected int, "
                                      "got \"x\" (result schema: int)");
    /* Declared events: a wrong payload is logged, a right one is not. */
    assert_int_equal(sash_event_declare(app, "progress", "{done: int, total: int}"), 0);
    last_warning[0] = 0;
    assert_int_equal(sash_emit(app, "progress", json_pack("{s:i,s:i}", "done", 1,
                                                          "total", 2)), 0);
    assert_int_equal(sash_emit(app, "undeclared", json_string("anything")), 0);
    assert_string_equal(last_warning, "");
    assert_int_equal(sash_emit(app, "progress", json_pack("{s:i}", "done", 1)), 0);
    assert_string_equal(last_warning, "event 'progress': payload.total: missing, "
                                      "expected int (payload schema: {done: int, total: int})");
    app->debug = 0;
    last_warning[0] = 0;
    assert_int_equal(sash_emit(app, "progress", json_null()), 0);
    assert_string_equal(last_warning, "");
    sash_set_log_fn(NULL, NULL);
}

static void set_env(const char *name, const char *value)
{
#ifdef _WIN32
    _putenv_s(name, value);
#else
    setenv(name, value, 1);
#endif
}

static void dumps_schemas_for_the_cli(void **state)
{
    sash_app *app = state[0];
    const char *path = "test_types_schema.json"; /* in the test's folder */
    remove(path);
    assert_int_equal(sash_event_declare(app, "tick", "{n: int}"), 0);
    set_env("SASH_PRINT_SCHEMA", path);
    assert_int_equal(sash_app_run(app), 0);
    set_env("SASH_PRINT_SCHEMA", "");
    json_t *doc = json_load_file(path, 0, NULL);
    remove(path);
    assert_non_null(doc);
    assert_int_equal(json_integer_value(json_object_get(doc, "sash_schema")), 1);
    json_t *cmds = json_object_get(doc, "commands"), *c;
    size_t i;
    int seen = 0;
    json_array_foreach(cmds, i, c) {
        const char *name = json_string_value(json_object_get(c, "name"));
        if (strcmp(name, "greet") == 0) {
            seen++;
            assert_string_equal(json_string_value(json_object_get(c, "result")),
                                "string");
            assert_non_null(strstr(json_string_value(json_object_get(c, "args")),
                                   "times?: int >= 1"));
        } else if (strcmp(name, "typed_static") == 0) {
            seen++;
            assert_string_equal(json_string_value(json_object_get(c, "args")),
                                "{n: int}");
        }
    }
    assert_int_equal(seen, 2);
    json_t *ev = json_array_get(json_object_get(doc, "events"), 0);
    assert_string_equal(json_string_value(json_object_get(ev, "name")), "tick");
    assert_string_equal(json_string_value(json_object_get(ev, "payload")), "{n: int}");
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(parses_good_schemas),
        cmocka_unit_test(bad_schemas_name_the_column),
        cmocka_unit_test(validates_values),
        cmocka_unit_test(validate_api),
        cmocka_unit_test(prints_typescript),
    };
    const struct CMUnitTest app[] = {
        cmocka_unit_test(dispatcher_checks_before_the_call),
        cmocka_unit_test(bad_schemas_fail_registration),
        cmocka_unit_test(dumps_schemas_for_the_cli),
        cmocka_unit_test(debug_mode_warns_on_a_wrong_result),
    };
    int failed = cmocka_run_group_tests_name("schema", pure, NULL, NULL);
    return failed + cmocka_run_group_tests_name("typed commands", app, setup,
                                                teardown);
}
