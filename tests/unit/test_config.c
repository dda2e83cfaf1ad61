/* Unit tests: sash.json parsing and its error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/security/config.h"
#include "fake_platform.h"
#include "sash.h"

static const char full[] =
    "{\"$schema\": \"https://sash.dev/schema.json\","
    " \"app\": {\"identifier\": \"org.example.notes\", \"name\": \"Notes\","
    "   \"version\": \"1.2.3-beta.1\", \"spaFallback\": true,"
    "   \"windows\": [{\"label\": \"main\", \"title\": \"Notes\", \"width\": 900,"
    "     \"height\": 600, \"minWidth\": 300, \"minHeight\": 200,"
    "     \"resizable\": false, \"center\": false, \"path\": \"/index.html\"},"
    "    {\"label\": \"about\", \"create\": false}]},"
    " \"security\": {\"csp\": \"default-src 'self'\", \"sandbox\": false,"
    "   \"limits\": {\"maxMessageBytes\": 4096, \"maxDepth\": 8, \"maxInFlight\": 3},"
    "   \"capabilities\": [{\"identifier\": \"main\", \"description\": \"d\","
    "     \"windows\": [\"main\"], \"permissions\": [\"save\", \"fs:read\"],"
    "     \"scopes\": {\"fs\": {\"allow\": [\"$APPDATA/**\"], \"deny\": [\"" TEST_ROOT "/etc/**\"]}}}]},"
    " \"build\": {\"devUrl\": \"http://localhost:5173\", \"frontendDist\": \"dist\","
    "   \"beforeDevCommand\": \"npm run dev\", \"beforeBuildCommand\": \"npm run build\"},"
    " \"bundle\": {\"active\": true, \"targets\": [\"deb\", \"appimage\"],"
    "   \"icon\": [\"icons/128.png\"], \"publisher\": \"Ex\", \"category\": \"Office\","
    "   \"shortDescription\": \"s\", \"longDescription\": \"l\", \"copyright\": \"c\","
    "   \"license\": \"MIT\", \"homepage\": \"https://example.org\"}}";

static sash__vars vars(void)
{
    sash__vars v = {0};
    for (int i = 0; i < SASH__VAR_COUNT; i++)
        v.value[i] = strdup(TEST_CANON_ROOT "/x");
    return v;
}

static void parses_everything(void **state)
{
    (void)state;
    sash__vars v = vars();
    sash__config c;
    char err[512];
    if (sash__config_parse(full, strlen(full), &v, &c, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(c.identifier, "org.example.notes");
    assert_string_equal(c.name, "Notes");
    assert_int_equal(c.spa_fallback, 1);
    assert_int_equal(c.nwindows, 2);
    assert_int_equal(c.windows[0].width, 900);
    assert_int_equal(c.windows[0].min_height, 200);
    assert_false(c.windows[0].resizable);
    assert_false(c.windows[0].center);
    assert_true(c.windows[0].create);
    assert_false(c.windows[1].create);
    assert_true(c.windows[1].resizable);
    assert_string_equal(c.csp, "default-src 'self'");
    assert_false(c.sandbox);
    assert_int_equal(c.limits.max_message, 4096);
    assert_int_equal(c.limits.max_depth, 8);
    assert_int_equal(c.limits.max_in_flight, 3);
    assert_int_equal(c.ncaps, 1);
    assert_string_equal(c.caps[0].scopes[0].allow.v[0], TEST_CANON_ROOT "/x/**");
    assert_string_equal(c.dev_url, "http://localhost:5173");
    sash__config_free(&c);
    sash__vars_free(&v);
}

static void defaults(void **state)
{
    (void)state;
    sash__config c;
    char err[256];
    const char *t = "{\"app\":{\"identifier\":\"a.b\"}}";
    assert_int_equal(sash__config_parse(t, strlen(t), NULL, &c, err, sizeof err), 0);
    assert_int_equal(c.limits.max_message, SASH__DEFAULT_MAX_MESSAGE);
    assert_int_equal(c.limits.max_depth, SASH__DEFAULT_MAX_DEPTH);
    assert_int_equal(c.limits.max_in_flight, SASH__DEFAULT_MAX_IN_FLIGHT);
    assert_true(c.sandbox);
    assert_null(c.csp);
    assert_false(c.csp_off);
    assert_int_equal(c.ncaps, 0);
    sash__config_free(&c);
    t = "{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"csp\":false}}";
    assert_int_equal(sash__config_parse(t, strlen(t), NULL, &c, err, sizeof err), 0);
    assert_true(c.csp_off);
    sash__config_free(&c);
}

/* Each bad config and the exact error it must give. */
static void errors_name_key_and_reason(void **state)
{
    (void)state;
    static const struct { const char *json, *error; } cases[] = {
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"widht\":3}]}}",
         "sash.json: app.windows[0].widht: unknown key (did you mean \"width\"?)"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"securty\":{}}",
         "sash.json: securty: unknown key (did you mean \"security\"?)"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"zzzzzz\":1}",
         "sash.json: zzzzzz: unknown key"},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"width\":\"9\"}]}}",
         "sash.json: app.windows[0].width: expected an integer from 1 to 100000, got a string"},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"width\":0}]}}",
         "sash.json: app.windows[0].width: expected an integer from 1 to 100000, got one out of range"},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"title\":\"m\"}]}}",
         "sash.json: app.windows[0].label: missing (required)"},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\"},{\"label\":\"m\"}]}}",
         "sash.json: app.windows[1]: label \"m\" is already used by app.windows[0]"},
        {"{\"app\":{\"identifier\":\"nodots\"}}",
         "sash.json: app.identifier: \"nodots\" is not a reverse-DNS id such as \"org.example.app\""},
        {"{\"app\":{\"identifier\":\"a.b\",\"version\":\"1.2\"}}",
         "sash.json: app.version: \"1.2\" is not a version such as \"1.2.3\""},
        {"{}", "sash.json: app: missing (required: at least app.identifier)"},
        {"[]", "sash.json: (top level): expected an object, got an array"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"capabilities\":[{\"identifier\":\"c\","
         "\"windows\":[\"main\"],\"permisions\":[\"x\"]}]}}",
         "sash.json: security.capabilities[0].permisions: unknown key (did you mean \"permissions\"?)"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"capabilities\":[{\"identifier\":\"c\","
         "\"windows\":[]}]}}",
         "sash.json: security.capabilities[0].windows: expected a non-empty array of strings, got an empty one"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"capabilities\":[{\"identifier\":\"c\","
         "\"windows\":[\"main\"]}]}}",
         "sash.json: security.capabilities[0].permissions: missing: a capability must grant something"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"capabilities\":[{\"identifier\":\"c\","
         "\"windows\":[\"m[\"],\"permissions\":[\"x\"]}]}}",
         "sash.json: security.capabilities[0].windows[0]: malformed glob \"m[\" (an unclosed '[' or a trailing '\\')"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"capabilities\":[{\"identifier\":\"c\","
         "\"windows\":[\"m\"],\"scopes\":{\"fs\":{\"allow\":[\"$HOEM/x\"]}}}]}}",
         "sash.json: security.capabilities[0].scopes.fs.allow[0]: unknown variable $HOEM (known: "
         "$HOME, $APPDATA, $APPCONFIG, $APPCACHE, $DOCUMENTS, $DOWNLOADS, $DESKTOP, $PICTURES, "
         "$MUSIC, $VIDEOS, $TEMP)"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"capabilities\":[{\"identifier\":\"c\","
         "\"windows\":[\"m\"],\"scopes\":{\"fs\":{\"alow\":[]}}}]}}",
         "sash.json: security.capabilities[0].scopes.fs.alow: unknown key (did you mean \"allow\"?)"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"capabilities\":[{\"identifier\":\"c\","
         "\"windows\":[\"m\"],\"permissions\":[\"x\"]},{\"identifier\":\"c\",\"windows\":[\"m\"],"
         "\"permissions\":[\"y\"]}]}}",
         "sash.json: security.capabilities[1]: identifier \"c\" is already used by security.capabilities[0]"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"limits\":{\"maxDepth\":0}}}",
         "sash.json: security.limits.maxDepth: expected an integer from 1 to 1000, got one out of range"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"csp\":true}}",
         "sash.json: security.csp: expected a policy string (one line) or false, got a boolean"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"security\":{\"sandbox\":\"yes\"}}",
         "sash.json: security.sandbox: expected true or false, got a string"},
        {"{\"app\":{\"identifier\":\"a.b\",\"spaFallback\":1}}",
         "sash.json: app.spaFallback: expected true or false, got an integer"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"build\":{\"devUrl\":\"ftp://x\"}}",
         "sash.json: build.devUrl: expected an http:// or https:// URL"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"bundle\":{\"targets\":[\"exe\"]}}",
         "sash.json: bundle.targets[0]: unknown target \"exe\" (known: deb, rpm, appimage, all)"},
        {"{\"app\":{\"identifier\":\"a.b\"},\"app\":{}}",
         "sash.json:1:33: duplicate object key near '\"app\"'"},
        {"{\"app\":\n {\"identifier\": \"a.b\",}}",
         "sash.json:2:23: string or '}' expected near '}'"},
    };
    sash__vars v = vars();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sash__config c;
        char err[600] = "";
        int rc = sash__config_parse(cases[i].json, strlen(cases[i].json), &v,
                                    &c, err, sizeof err);
        if (rc != -1 || strcmp(err, cases[i].error) != 0)
            fail_msg("case %zu: rc %d\n got:  %s\n want: %s", i, rc, err,
                     cases[i].error);
    }
    sash__vars_free(&v);
}

static void public_check(void **state)
{
    (void)state;
    char err[300];
    assert_int_equal(sash_config_check(full, err, sizeof err), 0);
    assert_string_equal(err, "");
    assert_int_equal(sash_config_check("{\"app\":{\"identifer\":\"a.b\"}}", err,
                                       sizeof err), SASH_ECONFIG);
    assert_string_equal(err, "sash.json: app.identifer: unknown key (did you "
                             "mean \"identifier\"?)");
    assert_int_equal(sash_config_check(NULL, err, sizeof err), SASH_EINVAL);
    assert_int_equal(sash_config_check("{", NULL, 0), SASH_ECONFIG);
    /* A tiny buffer truncates, never overflows. */
    char small[8];
    assert_int_equal(sash_config_check("{}", small, sizeof small), SASH_ECONFIG);
    assert_int_equal(strlen(small), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_everything),
        cmocka_unit_test(defaults),
        cmocka_unit_test(errors_name_key_and_reason),
        cmocka_unit_test(public_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
